"""Central bodies for guidance: a uniformly turning frame against its finite-difference rate and
its inverse; the Moon's frame and terrain are farside's MOON_ME and lunar DEM."""
import numpy as np
import pytest

from farside.astro import central_body, frames
from farside.astro.central_body import CentralBody, Spin
from farside.astro.terrain import dem_height_m
from farside.errors import FarsideValueError


def test_a_spin_frame_rate_is_the_derivative_of_its_rotation():
    spin = Spin(7.088218e-5, epoch_tdb_s=1.0e8, angle_rad=0.3)
    t, h = 7.6e8, 1.0
    rate = (spin.rotation(t + h) - spin.rotation(t - h)) / (2.0 * h)
    # truncation w^3 h^2 / 6 ~ 6e-14; round-off dominates: the angle is 4.7e4 rad (eps x 4.7e4 / h
    # ~ 5e-12); 9.5e-13 measured
    assert np.allclose(spin.transform(t)[3:, :3], rate, rtol=0.0, atol=5e-12)


def test_to_and_from_the_fixed_frame_are_inverses():
    toy = CentralBody("mars_barycenter", 3389.5e3, Spin(7.088218e-5, angle_rad=1.0))
    product = toy.transform_from_fixed(7.6e8) @ toy.transform_to_fixed(7.6e8)
    assert np.allclose(product, np.eye(6), rtol=0.0, atol=1e-15)


def test_the_moon_is_me_axes_and_the_dem():
    moon = central_body.for_name("moon")
    t = 7.6e8
    assert np.array_equal(moon.transform_to_fixed(t), frames.transform("GCRF", "MOON_ME", t))
    assert np.array_equal(moon.transform_from_fixed(t), frames.transform("MOON_ME", "GCRF", t))
    lat, lon = np.radians(-41.6385), np.radians(206.0148)
    assert moon.height_m(lat, lon) == dem_height_m(lat, lon)


def test_a_body_without_a_surface_model_is_refused():
    with pytest.raises(FarsideValueError, match="CentralBody"):
        central_body.for_name("sun")
    with pytest.raises(FarsideValueError, match="radius_m"):
        CentralBody("mars_barycenter", -1.0, Spin(0.0))
