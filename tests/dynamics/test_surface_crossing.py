"""Every central body has a surface: a trajectory that falls through the sphere of the body's
lowest surface point (the Moon: 1737.4 - 9.2 km) stops with a `PropagationError` at that
instant, for a point mass as for a low-degree field. Reference: the radial free fall from rest,
t(r) = sqrt(r0^3 / (2 mu)) (sqrt(x (1 - x)) + arccos(sqrt(x))), x = r / r0 (Kepler's degenerate
ellipse)."""
import re

import numpy as np
import pytest

import farside as fs
from farside.astro import bodies
from farside.dynamics.propagator import through_surfaces
from farside.errors import PropagationError

T0 = fs.Epoch("2024-06-01T22:23:16", scale="utc")
FLOOR_M = 1737.4e3 - 9.2e3


def _fall_time(r0, r, mu):
    x = r / r0
    return np.sqrt(r0 ** 3 / (2 * mu)) * (np.sqrt(x * (1 - x)) + np.arccos(np.sqrt(x)))


def _impact_seconds(error):
    stamp = re.search(r"at (\S+) TDB", str(error)).group(1)
    return fs.Epoch(stamp, scale="tdb") - T0


def test_a_radial_fall_through_a_point_mass_moon_stops_at_the_surface():
    state = fs.State(T0, np.array([2500e3, 0, 0]), np.zeros(3), 1000.0, "moon")
    with pytest.raises(PropagationError, match="reaches the surface of moon") as caught:
        fs.propagate(state, duration_s=3000.0)
    expected = _fall_time(2500e3, FLOOR_M, bodies.get("moon").gm_m3_s2)
    # the message prints milliseconds; the event root is found to ~1e-9 s
    assert _impact_seconds(caught.value) == pytest.approx(expected, abs=2e-3)


def test_a_degree_one_field_is_no_way_through():
    field = fs.gravity.load("GRGM1200A", degree=1)
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, "MOON_PA")])
    state = fs.State(T0, np.array([1800e3, 0, 0]), np.array([0.0, 300.0, 0.0]), 1000.0, "moon")
    with pytest.raises(PropagationError, match="surface"):
        fs.propagate(state, duration_s=3000.0, forces=model)


def test_trial_arcs_may_cross_inside_through_surfaces():
    state = fs.State(T0, np.array([2500e3, 0, 0]), np.array([0.0, 100.0, 0.0]), 1000.0, "moon")
    with through_surfaces():
        seg = fs.propagate(state, duration_s=1400.0)
    assert np.linalg.norm(seg.final.r_m) < FLOOR_M
    with pytest.raises(PropagationError):
        fs.propagate(state, duration_s=1400.0)
