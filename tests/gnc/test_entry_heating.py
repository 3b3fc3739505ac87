"""Sutton-Graves heating against a hand computation; heat load against a closed-form integral."""
import numpy as np
import pytest

from farside.errors import FarsideValueError
from farside.gnc.entry_heating import heat_load_j_m2, sutton_graves_w_m2


def test_sutton_graves_against_a_hand_computation():
    # rho = 3e-4 kg/m^3, V = 10 km/s, R_n = 1.56 m:
    # sqrt(3e-4 / 1.56) = 0.0138675; x 1.7415e-4 = 2.41503e-6; x 1e12 = 2.41503e6 W/m^2
    assert sutton_graves_w_m2(3e-4, 10000.0, 1.56) == pytest.approx(2.41503e6, rel=1e-5)


def test_heat_load_of_a_triangle_pulse():
    # a flux rising linearly to 2 MW/m^2 over 50 s and back over 50 s: 100 MJ/m^2 exactly
    t = np.linspace(0.0, 100.0, 201)
    q = 2e6 * (1.0 - np.abs(t - 50.0) / 50.0)
    assert heat_load_j_m2(t, q) == pytest.approx(1e8, rel=1e-12)


def test_a_bad_nose_radius_is_refused():
    with pytest.raises(FarsideValueError, match="nose_radius_m"):
        sutton_graves_w_m2(1e-4, 7000.0, -1.0)
