"""Closed-loop ascent from the Chang'e-6 site in the full lunar force model (GRGM1200A degree 30,
Earth, Sun) with the 3,000 N ascent engine [C13][C14] (Isp 305 s and 800 kg assumed): insertion
into the published ~15 x 180 km orbit [C16] within 1 km, about six minutes after lift-off [C13]."""
import numpy as np
import pytest

import farside as fs
from farside.errors import FarsideValueError
from farside.gnc.powered_ascent import AscentPlan, fly

PLAN = AscentPlan(np.radians(-41.6385), np.radians(206.0148), -5256.0, np.radians(-45.0))
LIFTOFF = "2024-06-03T23:38:10"


@pytest.fixture(scope="module")
def model():
    return fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 30)),
                                  fs.ThirdBodies(("earth", "sun"))])


@pytest.mark.slow
def test_reaches_the_published_insertion_orbit(model):
    result = fly(LIFTOFF, 800.0, 3000.0, 305.0, PLAN, model)
    assert abs(result.periapsis_altitude_m - 15e3) < 1e3 and abs(result.apoapsis_altitude_m - 180e3) < 1e3
    minutes = (result.insertion.epoch.tdb_seconds - fs.Epoch(LIFTOFF).tdb_seconds) / 60.0
    assert 5.0 < minutes < 7.0
    assert 0.0 < result.propellant_kg < 550.0
    assert [n for n, _ in result.events] == ["lift-off", "pitch-over", "cut-off"]


def test_an_engine_below_the_weight_is_refused(model):
    with pytest.raises(FarsideValueError, match="thrust_n"):
        fly(LIFTOFF, 800.0, 1000.0, 305.0, PLAN, model)
