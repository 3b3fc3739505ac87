"""Cone fields against closed forms and a Monte Carlo count of the Earth's share of the field."""
import numpy as np
import pytest

from farside.payloads.svom.field_of_view import (ConeField, cap_intersection, cone_half_angle,
                                                  square_solid_angle)


def test_half_angle_of_two_steradians():
    # 1 - cos(a) = 2 / (2 pi): a = 47.04 deg
    assert np.degrees(cone_half_angle(2.0)) == pytest.approx(np.degrees(np.arccos(1.0 - 1.0 / np.pi)), rel=1e-15)
    # a small square: side^2 to second order
    side = np.radians(1.1)
    assert square_solid_angle(side) == pytest.approx(side ** 2, rel=1e-4)


@pytest.mark.parametrize("separation_deg", [0.0, 20.0, 60.0, 100.0, 130.0])
def test_earth_fraction_against_monte_carlo(separation_deg):
    field = ConeField(cone_half_angle(2.0))
    earth_radius = np.radians(64.8)
    rng = np.random.default_rng(5)
    d = rng.normal(size=(2_000_000, 3))
    d /= np.linalg.norm(d, axis=1)[:, None]
    s = np.radians(separation_deg)
    earth = np.array([np.sin(s), 0.0, np.cos(s)])
    in_field = d[:, 2] >= np.cos(field.half_angle_rad)
    covered = in_field & (d @ earth >= np.cos(earth_radius))
    expected = covered.sum() / in_field.sum()
    # binomial standard error of the count with ~320,000 points in the field: below 0.001; 0.004
    # is four of them at the worst fraction
    assert field.earth_fraction(s, earth_radius) == pytest.approx(expected, abs=0.004)


def test_cap_intersection_limits():
    assert cap_intersection(0.3, 0.5, 0.1) == pytest.approx(2 * np.pi * (1 - np.cos(0.3)), rel=1e-15)
    assert cap_intersection(0.3, 0.5, 0.81) == 0.0
