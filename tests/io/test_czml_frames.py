"""CZML in two frames: the Moon entity about the Earth on the DE440s path (against SPICE's spkpos)
and module positions about the Moon in MOON_ME axes for a Moon globe (against SPICE's pxform with
the lunar frame kernel); both documents read by czml3."""
import json

import numpy as np
import pytest
from czml3 import Document, Packet

from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.time import Epoch
from farside.errors import FarsideValueError
from farside.io.czml import CzmlObject, moon_fixed, moon_object, write_czml

EPOCHS = Epoch.from_tdb_seconds(770_000_000.0 + np.arange(0.0, 86400.0, 3600.0))


def _packets(path):
    return Document(packets=[Packet(**p) for p in json.loads(path.read_text())]).packets


def test_the_moon_entity_follows_de440s(tmp_path, spice):
    path = tmp_path / "earth.czml"
    write_czml(path, "test", [moon_object(EPOCHS)])
    moon = next(p for p in _packets(path) if p.id == "moon")
    assert moon.position.referenceFrame == "INERTIAL" and moon.ellipsoid is not None
    samples = np.reshape(moon.position.cartesian.values, (-1, 4))
    spice_km = np.array([spice.spkpos("MOON", float(t), "J2000", "NONE", "EARTH")[0] for t in EPOCHS.tdb_seconds])
    # the file rounds to 1 mm (0.5 mm at most: measured 0.50 mm); the two DE440s readings agree far below it
    assert np.abs(samples[:, 1:] - spice_km * 1e3).max() < 1e-3
    assert json.loads(path.read_text())[1]["ellipsoid"]["radii"]["cartesian"] == [MOON_MEAN_RADIUS_M] * 3


def test_moon_fixed_axes_against_spice(tmp_path, spice):
    rng = np.random.default_rng(3)
    r_gcrf = rng.normal(0.0, 2.0e6, (len(EPOCHS), 3))
    fixed = moon_fixed(EPOCHS, r_gcrf)
    expected = np.array([spice.pxform("J2000", "MOON_ME_DE440_ME421", float(t)) @ r
                         for t, r in zip(EPOCHS.tdb_seconds, r_gcrf)])
    # rotations from the same PCK: measured 6e-7 m on 2000 km vectors (3e-13 relative)
    assert np.abs(fixed - expected).max() < 1e-6
    path = tmp_path / "moon.czml"
    write_czml(path, "test", [CzmlObject("orbiter", "ORBITER", EPOCHS, fixed, reference_frame="FIXED")])
    assert _packets(path)[1].position.referenceFrame == "FIXED"


def test_an_unknown_reference_frame_is_refused():
    with pytest.raises(FarsideValueError, match="reference_frame='MOON'.*INERTIAL or FIXED"):
        CzmlObject("x", "X", EPOCHS, np.zeros((len(EPOCHS), 3)), reference_frame="MOON")


def test_positions_are_rounded_to_the_millimetre_as_python_rounds():
    """The whole-array rounding of the samples gives ``round(v, 3)`` for every value, bit for bit:
    exact binary ties (to even), values a hair either side of a tie, zeros keeping their sign, and
    values beyond 2**52 mm (Python's own rounding)."""
    from farside.io.czml import _rounded_mm
    rng = np.random.default_rng(14)
    values = np.concatenate([
        [0.0, -0.0, -4e-4, 4e-4, 0.0005, -0.0025, 1e9 + 0.0625, 1e-300],
        rng.normal(size=20000) * 10.0 ** rng.uniform(-6.0, 12.0, 20000),
        np.round(rng.normal(size=20000) * 1e7) / 2.0 ** rng.integers(1, 14, 20000),
        np.round(rng.normal(size=20000) * 1e9) / 1e3 + rng.choice([5e-4, -5e-4, 4.9999999e-4, 5.0000001e-4], 20000)])
    for sample in (values, np.append(values, 5e12)):
        assert [v.hex() for v in _rounded_mm(sample)] == [round(v, 3).hex() for v in sample.tolist()]
