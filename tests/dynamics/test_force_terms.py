"""Force terms against closed forms and farside's local frames; parameters without recompiling."""
import numpy as np
import pytest

import farside as fs
from farside.astro import local_frames
from farside.core import dop853
from farside.core.force_model import BUF_SIZE, derivatives_hf, scratch_rows_hf
from farside.core.kepler import elements_to_state_hf, state_to_elements_hf

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")


def _derivative(model, y):
    dy = np.empty(7)
    fa = model.arrays(T0.tdb_seconds)
    degree = scratch_rows_hf(fa) + 2
    derivatives_hf(fa, np.empty((degree, degree)), np.empty((2, degree)), np.empty(BUF_SIZE), T0.tdb_seconds, 0.0, y, dy)
    return dy


@pytest.mark.parametrize("axes, frame", [("VNC", local_frames.vnc), ("RIC", local_frames.ric),
                                          ("LVLH", local_frames.lvlh), ("inertial", lambda r, v: np.eye(3))])
def test_thrust_points_along_its_axes(axes, frame):
    # far from the Moon, so gravity does not hide the thrust's last digits
    r, v = np.array([3e9, 1e9, -2e9]), np.array([120.0, -340.0, 75.0])
    y = np.concatenate([r, v, [1500.0]])
    direction = np.array([0.3, -0.5, 0.81])
    thrust = fs.Thrust(400.0, 320.0, tuple(direction), axes)
    with_thrust = _derivative(fs.ForceModel("moon", [thrust]), y)
    without = _derivative(fs.ForceModel("moon"), y)
    expected = 400.0 / 1500.0 * (np.asarray(thrust.direction) @ frame(r, v))
    assert np.allclose(with_thrust[3:6] - without[3:6], expected, rtol=1e-12, atol=0)
    assert with_thrust[6] == pytest.approx(-400.0 / (320.0 * 9.80665), rel=1e-15)


def test_schwarzschild_turns_periapsis_at_the_relativistic_rate():
    # Delta(omega) per orbit = 6 pi GM / (c^2 a (1 - e^2)) (e.g. Montenbruck & Gill 2000, eq. 3.149)
    gm = fs.bodies.get("earth").gm_m3_s2
    a, e = 7500e3, 0.1
    x = np.empty(6)
    elements_to_state_hf(gm, a, e, 0.5, 0.2, 1.0, 0.0, x)
    start = fs.State(T0, x[:3], x[3:], 1000.0, "earth")
    period = 2 * np.pi * np.sqrt(a ** 3 / gm)
    n_orbits = 10
    finals = []
    for terms in ([], [fs.Schwarzschild()]):
        seg = fs.propagate(start, duration_s=n_orbits * period, forces=fs.ForceModel("earth", terms),
                           rtol=1e-14, atol=1e-12, dense=False)
        el = np.empty(6)
        state_to_elements_hf(gm, seg.final_state().r_m, seg.final_state().v_m_s, el)
        finals.append(el[4])
    rate = 6 * np.pi * gm / (299792458.0 ** 2 * a * (1 - e ** 2))
    assert finals[1] - finals[0] == pytest.approx(n_orbits * rate, rel=0.02)


def test_new_parameters_reuse_the_compiled_kernel():
    start = fs.State(T0, [1837.4e3, 0.0, 0.0], [0.0, 0.0, 1633.0], 1000.0, "moon")
    for degree in (4, 9):
        field = fs.gravity.load("GRGM1200A", degree)
        fs.propagate(start, duration_s=600.0, forces=fs.ForceModel("moon", [fs.SphericalHarmonics(field)]))
    fs.propagate(start, duration_s=600.0, maneuvers=[fs.FiniteBurn(T0 + 60.0, 100.0, fs.Thrust(500.0, 300.0))])
    assert len(dop853.propagate_hf.signatures) == 1


def test_segment_states_about_another_centre():
    start = fs.State(T0, [1837.4e3, 0.0, 0.0], [0.0, 0.0, 1633.0], 1000.0, "moon")
    seg = fs.propagate(start, duration_s=3600.0)
    t = T0.tdb_seconds + np.array([0.0, 1800.0, 3600.0])
    r_earth, v_earth = seg.states(t, center="earth")
    moon_r, moon_v = fs.ephemeris.state("moon", t, center="earth")
    r, v = seg.state(t)
    assert np.allclose(r_earth, r + moon_r, rtol=0, atol=1e-6)
    assert np.allclose(v_earth, v + moon_v, rtol=0, atol=1e-9)
