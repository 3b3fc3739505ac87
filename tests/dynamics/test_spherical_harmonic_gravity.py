"""Spherical-harmonic gravity against pyshtools, the J2 closed form and its own potential."""
import numpy as np
import pyshtools
import pytest

from farside.dynamics import gravity_field
from farside.dynamics.gravity_field import GravityField
from farside.dynamics.spherical_harmonic_gravity import SphericalHarmonicGravity
from farside.errors import FarsideValueError


def _random_points(n, radius, seed, alt_min=10e3, alt_max=20000e3):
    rng = np.random.default_rng(seed)
    direction = rng.normal(size=(n, 3))
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    altitude = np.exp(rng.uniform(np.log(alt_min), np.log(alt_max), n))
    return direction * (radius + altitude)[:, None]


def _pyshtools_cartesian(field, points):
    cilm = np.stack([field.c, field.s])
    out = []
    for p in points:
        r = np.linalg.norm(p)
        lat, lon = np.degrees(np.arcsin(p[2] / r)), np.degrees(np.arctan2(p[1], p[0]))
        g_r, g_t, g_p = pyshtools.gravmag.MakeGravGridPoint(cilm, field.gm_m3_s2, field.radius_m, r, lat, lon)
        th, ph = np.radians(90.0 - lat), np.radians(lon)
        e_r = p / r
        e_t = np.array([np.cos(th) * np.cos(ph), np.cos(th) * np.sin(ph), -np.sin(th)])
        e_p = np.array([-np.sin(ph), np.cos(ph), 0.0])
        out.append(g_r * e_r + g_t * e_t + g_p * e_p)
    return np.array(out)


def test_degree_100_matches_pyshtools():
    field = gravity_field.load("GRGM1200A", degree=100)
    points = _random_points(200, 1737.4e3, seed=41)
    mine = SphericalHarmonicGravity(field).acceleration(points)
    ref = _pyshtools_cartesian(field, points)
    rel = np.linalg.norm(mine - ref, axis=1) / np.linalg.norm(ref, axis=1)
    assert np.max(rel) < 1e-12


@pytest.mark.slow
def test_degree_1200_matches_pyshtools():
    field = gravity_field.load("GRGM1200A")
    points = _random_points(12, 1737.4e3, seed=42)
    mine = SphericalHarmonicGravity(field).acceleration(points)
    ref = _pyshtools_cartesian(field, points)
    rel = np.linalg.norm(mine - ref, axis=1) / np.linalg.norm(ref, axis=1)
    assert np.max(rel) < 1e-10


def test_acceleration_is_the_gradient_of_the_potential():
    gravity = SphericalHarmonicGravity(gravity_field.load("GRGM1200A", degree=60))
    for point in _random_points(20, 1737.4e3, seed=43, alt_max=3000e3):
        _, acc = gravity.evaluate(point)
        h = 1e-3 * np.linalg.norm(point) * 1e-3
        grad = np.array([(gravity.potential(point + h * e) - gravity.potential(point - h * e)) / (2 * h)
                         for e in np.eye(3)])
        # central differences: truncation O(h^2 U''') and round-off eps U / h, both < 1e-8 relative here
        assert np.linalg.norm(grad - acc) / np.linalg.norm(acc) < 1e-8


def test_j2_only_field_matches_the_closed_form():
    gm, radius, c20 = 4.9028e12, 1738.0e3, -9.0884339347424299e-05
    c = np.zeros((3, 3))
    c[0, 0], c[2, 0] = 1.0, c20
    gravity = SphericalHarmonicGravity(GravityField("J2", gm, radius, c, np.zeros((3, 3)), None, "test"))
    j2 = -c20 * np.sqrt(5.0)
    for x, y, z in _random_points(50, radius, seed=44):
        r = np.sqrt(x * x + y * y + z * z)
        f = 1.5 * j2 * gm * radius ** 2 / r ** 5
        ref = -gm / r ** 3 * np.array([x, y, z]) + f * np.array(
            [x * (5 * z * z / r ** 2 - 1), y * (5 * z * z / r ** 2 - 1), z * (5 * z * z / r ** 2 - 3)])
        assert np.linalg.norm(gravity.acceleration(np.array([x, y, z])) - ref) < 1e-14 * gm / r ** 2


def test_points_on_the_polar_axis_and_non_finite_are_refused():
    gravity = SphericalHarmonicGravity(gravity_field.load("EGM96", degree=4))
    with pytest.raises(FarsideValueError, match="polar axis"):
        gravity.acceleration(np.array([0.0, 0.0, 7e6]))
    with pytest.raises(FarsideValueError, match="finite"):
        gravity.acceleration(np.array([np.nan, 0.0, 7e6]))


def test_scratch_content_does_not_matter():
    """The kernel's scratch may hold anything (NaN here): the result equals the one with zeros."""
    from farside.core.spherical_harmonics import potential_and_acceleration_hf
    gravity = SphericalHarmonicGravity(gravity_field.load("GRGM1200A", degree=30))
    point = _random_points(1, 1737.4e3, seed=44)[0]
    results = []
    for fill in (0.0, np.nan):
        acc = np.empty(3)
        pot = potential_and_acceleration_hf(*gravity.kernel_args(), np.full((33, 33), fill),
                                            np.full((2, 31), fill), point, acc)
        results.append((pot, acc))
    assert np.isfinite(results[1][0]) and np.all(np.isfinite(results[1][1]))
    assert results[1][0] == results[0][0] and np.array_equal(results[1][1], results[0][1])
