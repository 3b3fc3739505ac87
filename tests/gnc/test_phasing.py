"""Phasing to the hand-over point in the full lunar force model (GRGM1200A degree 20, Earth,
Sun): from the ascent's 15 x 180 km insertion orbit, a Lambert arc of 170 deg re-targeted in the
full model brings the chaser to rest 50 km ahead of and 10 km above a target in a 210 km orbit
(the hand-over point of change6.md §3.3), for a delta-v above the Hohmann figure (170 deg, not
180: measured 68.1 against 52.8 m/s)."""
import numpy as np
import pytest

import farside as fs
from farside.gnc.phasing import to_hand_over
from tests.gnc.lunar_states import orbit_state

R = 1737.4e3


def test_hand_over_point_reached():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 20)),
                                   fs.ThirdBodies(("earth", "sun"))])
    gm = model.gm_m3_s2
    t0 = fs.Epoch("2024-06-04T00:00:00", "utc")
    chaser = orbit_state(gm, t0, R + 15e3, R + 180e3, 0.0, 450.0)
    a = (2 * R + 15e3 + 220e3) / 2.0
    dt = 0.47 * 2 * np.pi * np.sqrt(a ** 3 / gm)
    n_target = np.sqrt(gm / (R + 210e3) ** 3)
    lead = np.degrees(50e3 / (R + 210e3))
    target = orbit_state(gm, t0, R + 210e3, R + 210e3, 170.0 - lead - np.degrees(n_target * dt), 2500.0)
    result = to_hand_over(chaser, target, [10e3, 50e3, 0.0], t0 + dt, model)
    assert result.miss_m < 0.05   # stops within 10 m per axis; its last Newton step lands at 3.3 mm (measured)
    total = np.linalg.norm(result.first_burn_m_s) + np.linalg.norm(result.second_burn_m_s)
    hohmann = (np.sqrt(gm * (2 / (R + 15e3) - 1 / a)) - np.sqrt(gm * (2 / (R + 15e3) - 2 / (2 * R + 195e3)))
               + np.sqrt(gm / (R + 220e3)) - np.sqrt(gm * (2 / (R + 220e3) - 1 / a)))
    assert hohmann < total
    assert total == pytest.approx(68.10, abs=0.5)   # measured 68.097 m/s; 0.5 m/s for the arc's re-targeting
