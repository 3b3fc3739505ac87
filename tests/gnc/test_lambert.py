"""Lambert against Vallado (2013) Example 7-5 and against Kepler propagation of its own solution."""
import numpy as np
import pytest

from farside.core.kepler import propagate_kepler_hf
from farside.errors import FarsideValueError
from farside.gnc.lambert import lambert

MU_EARTH = 398600.4418e9
MU_MOON = 4902.800118e9


def test_vallado_example_7_5():
    r1 = np.array([15945.34, 0.0, 0.0]) * 1e3
    r2 = np.array([12214.83899, 10249.46731, 0.0]) * 1e3
    v1, v2 = lambert(MU_EARTH, r1, r2, 76.0 * 60.0)
    assert v1 / 1e3 == pytest.approx([2.058913, 2.915965, 0.0], abs=2e-6)
    assert v2 / 1e3 == pytest.approx([-3.451565, 0.910315, 0.0], abs=2e-6)


@pytest.mark.parametrize("long_way", [False, True])
def test_the_arc_reaches_r2_in_the_time_of_flight(long_way):
    r1 = np.array([1937.4e3, 0.0, 0.0])
    r2 = np.array([-200e3, 1900e3, 600e3])
    tof = 3000.0
    v1, v2 = lambert(MU_MOON, r1, r2, tof, long_way)
    out = np.empty(6)
    propagate_kepler_hf(MU_MOON, r1, v1, tof, out)
    assert np.linalg.norm(out[:3] - r2) < 1e-3
    assert np.linalg.norm(out[3:] - v2) < 1e-6


def test_bad_input_is_named():
    with pytest.raises(FarsideValueError, match="tof_s"):
        lambert(MU_MOON, [1937.4e3, 0, 0], [0, 1937.4e3, 0], -5.0)
