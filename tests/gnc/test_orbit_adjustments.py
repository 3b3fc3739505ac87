"""The four orbit adjustments from the ascent orbit to the hand-over point, in the full lunar
force model (GRGM1200A degree 20, Earth, Sun): a chaser inserted 15 x 180 km a quarter of an orbit
behind a target in a 200 km orbit is brought 50 km ahead of and 10 km above it 30 h later, there
on a coelliptic drift. Checked independently: the plan's four impulses, flown again by the
propagator from the insertion, end at the hand-over point with the coelliptic relative velocity
(-1.5 n x in-track); the drift orbit's offset is the Clohessy-Wiltshire
phasing figure 1.5 n x t for the distance made up (within the laps' choice and the start-up)."""
import numpy as np
import pytest

import farside as fs
from farside.dynamics.maneuvers import Impulse
from farside.gnc import orbit_adjustments
from farside.gnc.relative_motion import relative_state
from tests.gnc.lunar_states import orbit_state

R = 1737.4e3


@pytest.mark.slow
def test_four_adjustments_reach_the_hand_over_point():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 20)),
                                   fs.ThirdBodies(("earth", "sun"))])
    gm = model.gm_m3_s2
    t0 = fs.Epoch("2024-06-04T00:00:00", "utc")
    chaser = orbit_state(gm, t0, R + 15e3, R + 180e3, 0.0, 450.0)
    target = orbit_state(gm, t0, R + 200e3, R + 200e3, 90.0, 2500.0)
    hand_over = fs.Epoch.from_tdb_seconds(t0.tdb_seconds + 30 * 3600.0)
    offset = np.array([10e3, 50e3, 0.0])
    plan = orbit_adjustments.plan(chaser, target, offset, hand_over, model)
    assert len(plan.adjustments) == 4 and plan.miss_m < 10.0

    state = chaser
    for adjustment in plan.adjustments:
        state = fs.propagate(state, until=adjustment.epoch, forces=model, dense=False).final_state()
        state = Impulse(state.epoch, tuple(adjustment.delta_v_m_s), "inertial").apply(state)
    target_then = fs.propagate(target, until=hand_over, forces=model, dense=False).final_state()
    rel = relative_state(target_then.r_m, target_then.v_m_s, state.r_m, state.v_m_s)
    assert np.linalg.norm(rel[:3] - offset) < 10.0
    n = np.sqrt(gm / (R + 200e3) ** 3)
    assert np.linalg.norm(rel[3:] - [0.0, -1.5 * n * offset[0], 0.0]) < 0.01

    drift_s = 30 * 3600.0
    behind = np.radians(90.0) * (R + 200e3) + offset[1]
    laps = 2 * np.pi * (R + 200e3)
    expected = [-(behind + k * laps) / (1.5 * n * drift_s) for k in (-1, 0)]
    assert min(abs(plan.drift_offset_m - x) for x in expected) < 0.25 * min(abs(x) for x in expected)
    total = sum(np.linalg.norm(a.delta_v_m_s) for a in plan.adjustments)
    assert total < 250.0
