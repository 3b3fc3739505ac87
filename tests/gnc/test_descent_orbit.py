"""Descent orbit insertion then powered descent, end to end in the full lunar force model
(GRGM1200A degree 30, Earth, Sun): from a 200 km circular orbit whose track passes over the
Chang'e-6 site, an impulse near the Hohmann figure (about 40 m/s for 200 -> 15 km) lowers the
periselene to 15 km 580 km up-range, and the closed-loop descent from there lands within 500 m at
< 2 m/s vertical."""
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
    assert np.linalg.norm(doi.delta_v_m_s) == pytest.approx(hohmann, rel=0.1)
    assert abs(np.linalg.norm(doi.periselene_state.r_m) - r2) < 500.0
    assert abs(doi.cross_track_m) < 1.0
    p = doi.periselene_state
    mass = 3200.0 * np.exp(-np.linalg.norm(doi.delta_v_m_s) / (ISP * STANDARD_GRAVITY_M_S2))
    result = fly(fs.State(p.epoch, p.r_m, p.v_m_s, mass, "moon"), model,
                 DescentVehicle(7500.0, 1500.0, ISP, dry_mass_kg=1350.0), SITE)
    assert result.miss_m < 500.0 and result.vertical_speed_m_s < 2.0
