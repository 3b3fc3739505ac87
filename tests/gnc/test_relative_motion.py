"""Clohessy-Wiltshire against the full force model: a chaser 1 km behind and 100 m below a target
in a 200 km circular lunar orbit (GRGM1200A degree 20, Earth, Sun), one orbit; and a two-impulse
CW transfer flown with the full force model."""
import numpy as np
import pytest

import farside as fs
from farside.gnc.relative_motion import cw_stm, inertial_state, relative_state, two_impulse, two_impulses

T0 = fs.Epoch("2024-06-05T00:00:00", "tdb")


@pytest.fixture(scope="module")
def setup():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 20)), fs.ThirdBodies(("earth", "sun"))])
    gm = model.gm_m3_s2
    r = 1937.4e3
    v = np.sqrt(gm / r)
    incl = np.radians(137.0)
    target = fs.State(T0, [r, 0.0, 0.0], [0.0, v * np.cos(incl), v * np.sin(incl)], 3000.0, "moon")
    return model, gm, r, target


def _chaser(target, offset_ric, velocity_ric):
    r, v = inertial_state(target.r_m, target.v_m_s, np.concatenate([offset_ric, velocity_ric]))
    return fs.State(target.epoch, r, v, 300.0, "moon")


def test_cw_follows_the_full_force_model_over_one_orbit(setup):
    model, gm, r, target = setup
    n = np.sqrt(gm / r ** 3)
    period = 2 * np.pi / n
    start = np.array([-100.0, -1000.0, 0.0, 0.0, 0.0, 0.0])
    start[4] = -1.5 * n * start[0]  # a drifting but bounded start: in-track drift from the altitude offset
    chaser = _chaser(target, start[:3], start[3:])
    seg_t = fs.propagate(target, duration_s=period, forces=model)
    seg_c = fs.propagate(chaser, duration_s=period, forces=model)
    worst = 0.0
    for t in np.linspace(0.0, period, 25):
        rt, vt = seg_t.state(T0.tdb_seconds + t)
        rc, vc = seg_c.state(T0.tdb_seconds + t)
        full = relative_state(rt, vt, rc, vc)
        worst = max(worst, np.linalg.norm(full[:3] - (cw_stm(n, t) @ start)[:3]))
    assert worst < 10.0  # metres over one orbit from a 1 km separation (measured 6.1 m): linearisation and the field


def test_two_impulse_transfer_arrives(setup):
    model, gm, r, target = setup
    n = np.sqrt(gm / r ** 3)
    start = np.array([0.0, -5000.0, 0.0, 0.0, 0.0, 0.0])
    goal = np.array([0.0, -100.0, 0.0])
    t = 0.4 * 2 * np.pi / n
    dv1, dv2 = two_impulse(n, start, goal, t)
    assert np.linalg.norm(cw_stm(n, t) @ np.concatenate([start[:3], start[3:] + dv1]) - np.concatenate([goal, -dv2])) < 1e-9
    chaser = fs.propagate(_chaser(target, start[:3], start[3:] + dv1), duration_s=t, forces=model,
                          dense=False).final_state()
    rt = fs.propagate(target, duration_s=t, forces=model, dense=False).final_state()
    final = relative_state(rt.r_m, rt.v_m_s, chaser.r_m, chaser.v_m_s)
    assert np.linalg.norm(final[:3] - goal) < 60.0  # metres after a 4.9 km transfer in 0.4 orbit (measured 49.7 m:
    # the lunar field's pull differs over the 5 km; re-targeting in the full model closes it)


def test_many_two_impulse_transfers_at_once_match_one_at_a_time():
    n = np.sqrt(4.9028e12 / 1.8374e6 ** 3)
    rng = np.random.default_rng(7)
    starts = rng.normal(0.0, [2e3, 3e5, 1e3, 1.0, 1.0, 1.0], (50, 6))
    goal = np.array([-10e3, -30e3, 0.0])
    t = 0.4 * 2 * np.pi / n
    first, second = two_impulses(n, starts, goal, t)
    for k, start in enumerate(starts):
        a, b = two_impulse(n, start, goal, t)
        # the same formula with the right-hand sides solved together: a few ulps apart at most
        # (measured 6.0e-14 m/s on impulses up to 237 m/s, 2 ulps)
        assert np.abs(first[k] - a).max() < 2e-13 and np.abs(second[k] - b).max() < 2e-13
