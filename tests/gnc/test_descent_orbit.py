"""Descent orbit insertion then powered descent, end to end in the full lunar force model
(GRGM1200A degree 30, Earth, Sun): from a 200 km circular orbit whose track passes over the
Chang'e-6 site, an impulse near the Hohmann figure (about 40 m/s for 200 -> 15 km) lowers the
periselene to 15 km 580 km up-range, and the closed-loop descent from there lands on its aim at
the designed vertical speed (guidance accuracy)."""
import numpy as np
import pytest

import farside as fs
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2
from farside.gnc import descent_orbit
from farside.gnc.powered_descent import DescentPlan, DescentVehicle, descent_start, fly

SITE = DescentPlan(np.radians(-41.6385), np.radians(206.0148))
ISP = 310.0


@pytest.mark.slow
def test_orbit_to_touchdown():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 30)),
                                   fs.ThirdBodies(("earth", "sun"))])
    over = descent_start("2024-06-01T22:20:00", SITE, 0.0, np.radians(-60.0), 200e3, 200e3, model.gm_m3_s2, 3200.0)
    start = fs.propagate(over, duration_s=-5 * 3600.0, forces=model, dense=False).final_state()
    doi = descent_orbit.plan(start, model, SITE.lat_rad, SITE.lon_rad)
    gm, r1, r2 = model.gm_m3_s2, 1937.4e3, 1752.4e3
    hohmann = np.sqrt(gm / r1) - np.sqrt(gm * (2 / r1 - 2 / (r1 + r2)))
    # measured 40.50 m/s against Hohmann's 40.39 m/s (+0.27 %): the start is 1.5 km above the
    # circular 200 km of the formula and the field is not central; 1 % bounds both
    assert np.linalg.norm(doi.delta_v_m_s) == pytest.approx(hohmann, rel=0.01)
    # the planner's corrector stops within 100 m per axis; its last Newton step lands at 1.3 m
    assert abs(np.linalg.norm(doi.periselene_state.r_m) - r2) < 10.0
    # the start orbit passes over the site by construction: what is left (measured 3e-6 m) is the
    # round trip of the 5 h propagation
    assert abs(doi.cross_track_m) < 1e-4
    p = doi.periselene_state
    mass = 3200.0 * np.exp(-np.linalg.norm(doi.delta_v_m_s) / (ISP * STANDARD_GRAVITY_M_S2))
    result = fly(fs.State(p.epoch, p.r_m, p.v_m_s, mass, "moon"), model,
                 DescentVehicle(7500.0, 1500.0, ISP, dry_mass_kg=1350.0), SITE)
    # measured 0.031 m from the aim and 1.76 m/s down (see test_powered_descent for the 1.51 m/s floor)
    assert result.miss_m < 0.1 and 1.5 < result.vertical_speed_m_s < 1.85
