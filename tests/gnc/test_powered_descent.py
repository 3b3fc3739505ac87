"""Closed-loop powered descent to the Chang'e-6 site (LROC fix) in the full lunar force model
(GRGM1200A degree 30, Earth, Sun) from a 15 km periselene 580 km up-range, with the 7,500 N
variable-thrust engine (1,500-7,500 N [C10][C37]; Isp 310 s and the masses assumed: 3,200 kg of
lander and ascender [C2], 1,400 kg left when dry). Guidance accuracy: touchdown on the place
chosen within the divert range, at the designed vertical speed. Prediction: the descent lasts
the published 14 min 16 s (22:09:00 to 22:23:16 UTC [C1][C10])."""
import numpy as np
import pytest

import farside as fs
from farside.astro.sites import spherical_to_fixed
from farside.astro.terrain import slope_rad
from farside.errors import FarsideValueError
from farside.gnc.powered_descent import DescentPlan, DescentVehicle, descent_start, fly

PUBLISHED_DURATION_S = 14 * 60 + 16.0
SITE = DescentPlan(np.radians(-41.6385), np.radians(206.0148))
ENGINE = DescentVehicle(max_thrust_n=7500.0, min_thrust_n=1500.0, isp_s=310.0, dry_mass_kg=1400.0)


@pytest.fixture(scope="module")
def model():
    return fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 30)),
                                  fs.ThirdBodies(("earth", "sun"))])


def _start(model):
    return descent_start("2024-06-01T22:09:00", SITE, 580e3, np.radians(-60.0), 15e3, 200e3, model.gm_m3_s2, 3200.0)


def _latlon(fixed):
    r = np.linalg.norm(fixed)
    return np.arcsin(fixed[2] / r), np.arctan2(fixed[1], fixed[0])


@pytest.mark.slow
def test_guidance_lands_on_the_site_in_the_published_time(model):
    start = _start(model)
    result = fly(start, model, ENGINE, SITE)
    # guidance accuracy: measured 0.013 m from the aim; 0.05 m leaves room for the 1 s guidance step
    assert result.miss_m < 0.05
    # 1 m/s vertical descent then a free fall from the 0.4 m cut-off: sqrt(1 + 2 x 1.62 x 0.4) = 1.51 m/s
    # on level ground; measured 1.72 m/s (the DEM's ground lies lower under the lander than its cell's)
    assert 1.5 < result.vertical_speed_m_s < 1.85
    # measured 0.031 m/s (0.0002 m/s while the gravity sums were reassociated by the compiler: the
    # figure lives in the last bits of the final guidance cycles); 0.06 m/s is twice the measured
    assert result.horizontal_speed_m_s < 0.06
    duration = result.touchdown.epoch.tdb_seconds - start.epoch.tdb_seconds
    # prediction: measured 13.98 min, 17 s short of the published 14 min 16 s (published to the second)
    assert abs(duration - PUBLISHED_DURATION_S) < 30.0
    # measured 1,756.8 kg: 1 % for changes of the guidance's design. The rocket equation on the ideal
    # delta-v (1,690 m/s from the 15 km periselene to rest) gives 1,365 kg: the rest is gravity loss
    assert 1740.0 < result.propellant_kg < 1775.0
    names = [name for name, _ in result.events]
    assert names == ["powered descent start", "high gate", "hover", "vertical descent", "engine cut-off", "touchdown"]
    assert slope_rad(*_latlon(result.target_fixed_m)) <= slope_rad(SITE.lat_rad, SITE.lon_rad) + 1e-12
    site = spherical_to_fixed(SITE.lat_rad, SITE.lon_rad, 0.0)
    chosen = result.target_fixed_m / np.linalg.norm(result.target_fixed_m)
    assert np.linalg.norm(chosen - site / np.linalg.norm(site)) * 1737.4e3 <= SITE.divert_radius_m + 1.0


def test_an_engine_too_weak_is_refused(model):
    with pytest.raises(FarsideValueError, match="max_thrust_n"):
        fly(_start(model), model, DescentVehicle(5000.0, 1000.0, 310.0), SITE)
