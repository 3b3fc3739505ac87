"""OEM and SPK writers read back by independent readers: the `oem` package (CCSDS OEM parser and
interpolator) and SPICE itself (spkezr on the written SPK)."""
import numpy as np
import pytest
import spiceypy
from astropy.time import Time
from oem import OrbitEphemerisMessage

import farside as fs
from farside.errors import FarsideValueError
from farside.io.atomic import atomic_write
from farside.io.oem import OemSegment, read_oem, write_oem
from farside.io.spk import SpkSegment, write_spk
from tests.units import MICROSECOND

T0 = fs.Epoch("2024-06-01T00:00:00", "utc")
MICROMETRE = 1e-6


def _states(n, seed=1):
    return np.random.default_rng(seed).normal(0.0, 7e6, (n, 6)) * np.array([1, 1, 1, 1e-3, 1e-3, 1e-3])


def test_oem_read_by_the_oem_package_and_by_farside(tmp_path):
    epochs = T0 + np.arange(0.0, 600.0, 60.0)
    states = _states(10)
    path = tmp_path / "orbiter.oem"
    write_oem(path, [OemSegment("CHANGE6 ORBITER", "2024-083A", "MOON", "ICRF", epochs, states),
                     OemSegment("CHANGE6 ORBITER", "2024-083A", "EARTH", "ICRF", epochs + 3600.0, states)])
    message = OrbitEphemerisMessage.open(str(path))
    segments = list(message)
    assert len(segments) == 2
    assert segments[0].metadata["OBJECT_NAME"] == "CHANGE6 ORBITER"
    assert segments[1].metadata["CENTER_NAME"] == "EARTH"
    first = list(segments[0])
    assert first[3].epoch.utc.isot.startswith("2024-06-01T00:03:00.000")
    assert np.max(np.abs(np.array(first[3].position) * 1e3 - states[3, :3])) < MICROMETRE
    assert np.max(np.abs(np.array(first[3].velocity) * 1e3 - states[3, 3:])) < 1e-9
    back = read_oem(path)
    assert np.max(np.abs(back[1].epochs.tdb_seconds - (epochs + 3600.0).tdb_seconds)) < MICROSECOND
    assert np.max(np.abs(back[0].states_m - states)) < MICROMETRE
    tdb = tmp_path / "tdb.oem"
    write_oem(tdb, [OemSegment("CHANGE6 ORBITER", "2024-083A", "MOON", "ICRF", epochs, states, "TDB")])
    in_utc = list(list(OrbitEphemerisMessage.open(str(tdb)))[0])[0].epoch.utc
    # astropy's TDB is the full Fairhead-Bretagnon series, farside's SPICE's ET (LSK two-term
    # formula): they differ by tens of microseconds
    assert abs((in_utc - Time("2024-06-01T00:00:00", scale="utc")).sec) < 50 * MICROSECOND
    assert np.max(np.abs(read_oem(tdb)[0].epochs.tdb_seconds - epochs.tdb_seconds)) < MICROSECOND


def test_bad_oem_input_is_named(tmp_path):
    epochs = T0 + np.arange(3.0)
    with pytest.raises(FarsideValueError, match="states_m"):
        OemSegment("X", "", "MOON", "ICRF", epochs, np.zeros((2, 6)))
    with pytest.raises(FarsideValueError, match="time_system"):
        OemSegment("X", "", "MOON", "ICRF", epochs, np.zeros((3, 6)), "LOCAL")
    (tmp_path / "bad.oem").write_text("hello\n")
    with pytest.raises(FarsideValueError, match="CCSDS_OEM_VERS"):
        read_oem(tmp_path / "bad.oem")


def test_spk_type_13_read_by_spice(tmp_path):
    t = 770472000.0 + np.arange(0.0, 1000.0, 100.0)
    states = _states(10, seed=2)
    path = tmp_path / "probe.bsp"
    write_spk(path, [SpkSegment(-1083, 301, t, states, "CE6 TEST")])
    spiceypy.furnsh(str(path))
    try:
        got = np.array([spiceypy.spkezr("-1083", float(x), "J2000", "NONE", "301")[0] for x in t]) * 1e3
        cover = spiceypy.wnfetd(spiceypy.spkcov(str(path), -1083), 0)
    finally:
        spiceypy.unload(str(path))
    assert np.max(np.abs(got - states)) < MICROMETRE
    assert cover == (t[0], t[-1])
    with pytest.raises(FarsideValueError, match="degree"):
        SpkSegment(-1083, 301, t, states, degree=4)


def test_a_failed_write_leaves_no_file(tmp_path):
    path = tmp_path / "out" / "file.txt"

    def fail(handle):
        handle.write(b"partial")
        raise RuntimeError("killed")
    with pytest.raises(RuntimeError):
        atomic_write(path, fail)
    assert not path.exists() and list(path.parent.iterdir()) == []
