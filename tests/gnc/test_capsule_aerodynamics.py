"""Modified Newtonian coefficients against the closed forms for a sphere and a flat plate, and the
stagnation-pressure coefficient against its limits."""
import numpy as np
import pytest

from farside.errors import FarsideValueError
from farside.gnc.capsule_aerodynamics import (HYPERSONIC_CP_MAX, CapsuleShape, newtonian_coefficients,
                                             stagnation_pressure_coefficient)


@pytest.mark.parametrize("alpha_deg", [0.0, 17.0, 40.0])
def test_whole_sphere_has_the_newtonian_drag_cp_max_over_two_at_any_attitude(alpha_deg):
    # closed form: C_D = Cp_max / 2 on the cross-section, no lift (Anderson 2006, §3.3);
    # the 400 x 720 quadrature meets it to 1e-10 (measured 3e-11)
    c_a, c_n, c_d, c_l = newtonian_coefficients(1.0, np.pi, np.radians(alpha_deg), 2.0, np.pi)
    assert c_d == pytest.approx(1.0, abs=1e-9)
    assert abs(c_l) < 1e-7


@pytest.mark.parametrize("incidence_deg", [20.0, 45.0, 70.0])
def test_flat_face_matches_the_newtonian_flat_plate(incidence_deg):
    # a spherical segment of radius 1e4 over a 1 m rim is a flat disc to 1e-8; a plate at incidence
    # delta: C_N = Cp_max sin^2 delta, C_L = C_N cos delta, C_D = C_N sin delta (Anderson 2006, eq. 3.15)
    delta = np.radians(incidence_deg)
    alpha = np.pi / 2 - delta
    _, _, c_d, c_l = newtonian_coefficients(1e4, np.arcsin(1e-4), alpha, 2.0, np.pi)
    c_n = 2.0 * np.sin(delta) ** 2
    assert c_d == pytest.approx(c_n * np.sin(delta), rel=1e-7)   # measured 3e-9
    assert c_l == pytest.approx(c_n * np.cos(delta), rel=1e-7)


def test_stagnation_pressure_coefficient_limits():
    # M = 1 (isentropic = pitot there): ((1 + 0.2)^3.5 - 1) / 0.7 = 1.27561; M -> inf: 1.83937
    assert stagnation_pressure_coefficient(1.0) == pytest.approx((1.2 ** 3.5 - 1.0) / 0.7, rel=1e-12)
    assert stagnation_pressure_coefficient(1.0 + 1e-9) == pytest.approx(stagnation_pressure_coefficient(1.0), rel=1e-6)
    assert stagnation_pressure_coefficient(1e4) == pytest.approx(HYPERSONIC_CP_MAX, rel=1e-6)
    assert HYPERSONIC_CP_MAX == pytest.approx(1.8394, abs=1e-4)


def test_the_returner_geometry_gives_a_capsule_lift_to_drag():
    # the stated geometry (1.3 m rim, 1.56 m sphere, 18 deg trim) is chosen for L/D in 0.25-0.35
    c_d, c_l = CapsuleShape(1.3, 1.56, 18.0).hypersonic()
    assert 0.28 < c_l / c_d < 0.30        # measured 0.2913
    assert 1.46 < c_d < 1.47              # measured 1.4667 (Cp_max 1.839)


def test_bad_geometry_is_refused_with_its_name():
    with pytest.raises(FarsideValueError, match="nose_radius_m"):
        CapsuleShape(2.0, 0.9, 18.0)
    with pytest.raises(FarsideValueError, match="trim_alpha_deg"):
        CapsuleShape(1.3, 1.56, float("nan"))
