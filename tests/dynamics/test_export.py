"""A propagated segment as SPK and OEM files, read back by SPICE and by the `oem` package, against
the segment's own dense output."""
import numpy as np
import spiceypy
from oem import OrbitEphemerisMessage

import farside as fs
from farside.dynamics.export import node_runs, write_segment_oem
from tests.units import MILLIMETRE

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")


def _segment():
    field = fs.gravity.load("GRGM1200A", 20)
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(field), fs.ThirdBodies(("earth", "sun"))])
    start = fs.State(T0, [1837.4e3, 0.0, 0.0], [0.0, 300.0, 1633.0], 2400.0, "moon")
    return fs.propagate(start, duration_s=43200.0, forces=model, maneuvers=[fs.Impulse(T0 + 3600.0, [10.0, 0, 0])])


def test_spk_of_a_segment_read_by_spice(tmp_path):
    seg = _segment()
    assert len(node_runs(seg)) == 2  # split at the impulse
    path = tmp_path / "orbiter.bsp"
    seg.to_spk(path, -1083, "CE6 ORBITER")
    epochs = T0.tdb_seconds + np.random.default_rng(3).uniform(0.0, 43200.0, 500)
    spiceypy.furnsh(str(path))
    try:
        got = np.array([spiceypy.spkezr("-1083", float(t), "J2000", "NONE", "MOON")[0] for t in epochs]) * 1e3
        after_burn = np.array(spiceypy.spkezr("-1083", T0.tdb_seconds + 3600.0, "J2000", "NONE", "MOON")[0]) * 1e3
    finally:
        spiceypy.unload(str(path))
    ref = seg.state_vectors(epochs)[:, :6]
    assert np.max(np.linalg.norm(got[:, :3] - ref[:, :3], axis=1)) < 1 * MILLIMETRE
    assert np.max(np.linalg.norm(got[:, 3:] - ref[:, 3:], axis=1)) < 0.1 * MILLIMETRE  # per second
    assert np.linalg.norm(after_burn[3:] - seg.state_vectors(T0.tdb_seconds + 3600.0)[3:6]) < 1e-6


def test_oem_of_a_segment_read_and_interpolated_by_the_oem_package(tmp_path):
    seg = _segment()
    path = tmp_path / "orbiter.oem"
    write_segment_oem(seg, path, "CHANGE6 ORBITER", "2024-083A", time_system="TDB")
    message = OrbitEphemerisMessage.open(str(path))
    segments = list(message)
    assert [s.metadata["CENTER_NAME"] for s in segments] == ["MOON", "MOON"]
    for oem_segment in segments:
        states = list(oem_segment)
        for a, b in zip(states[10:60:7], states[11:61:7]):
            mid = a.epoch + (b.epoch - a.epoch) / 2
            r = np.array(oem_segment(mid).position) * 1e3
            tdb = mid.tdb  # the file's time system, read as such (no TT/TDB model in between)
            t = ((tdb.jd1 - 2451545.0) + tdb.jd2) * 86400.0
            # the oem package's interpolation between nodes: measured at most 1.04 mm on this arc
            assert np.linalg.norm(r - seg.state_vectors(t)[:3]) < 1.2 * MILLIMETRE
