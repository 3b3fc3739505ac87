"""Eigen-axis slews against the closed form of a rest-to-rest bang-coast-bang manoeuvre and a
numerical integration of the time-optimal acceleration sequence."""
import numpy as np
import pytest

from farside.dynamics.attitude import angle_between
from farside.errors import FarsideValueError
from farside.gnc.slew import SlewLimits, eigen_axis_slew, slew_angle, slew_duration

DEG = np.pi / 180.0
LIMITS = SlewLimits(0.5 * DEG, 0.01 * DEG, settle_s=20.0)


def test_duration_closed_form():
    # 60 deg at 0.5 deg/s and 0.01 deg/s^2: 50 s up, 50 s down covering 25 deg, 35 deg coasting
    # in 70 s: 170 s. 10 deg never reaches the rate limit: a triangle of 2 sqrt(10 / 0.01) s.
    assert slew_duration(60 * DEG, LIMITS) == pytest.approx(170.0, rel=1e-14)
    assert slew_duration(10 * DEG, LIMITS) == pytest.approx(2.0 * np.sqrt(1000.0), rel=1e-14)
    assert slew_duration(25 * DEG, LIMITS) == pytest.approx(100.0, rel=1e-14)


@pytest.mark.parametrize("angle_deg", [3.0, 25.0, 47.0, 120.0, 180.0])
def test_profile_integrates_the_bang_coast_bang_acceleration(angle_deg):
    theta = angle_deg * DEG
    total = float(slew_duration(theta, LIMITS))
    a, w = LIMITS.accel_max_rad_s2, LIMITS.rate_max_rad_s
    t_acc = min(w, np.sqrt(theta * a)) / a
    t = np.unique(np.concatenate([np.linspace(0.0, total, 20_001), [t_acc, total - t_acc]]))
    mid = 0.5 * (t[1:] + t[:-1])
    accel = np.where(mid < t_acc, a, np.where(mid > total - t_acc, -a, 0.0))
    dt = np.diff(t)
    rate = np.concatenate([[0.0], np.cumsum(accel * dt)])
    angle = np.concatenate([[0.0], np.cumsum(0.5 * (rate[1:] + rate[:-1]) * dt)])
    # with the switches on the grid both sums are exact (constant acceleration, linear rate on
    # each interval): what is left is the roundoff of 20,000 additions, measured up to 4e-13 rad
    assert np.max(np.abs(slew_angle(t, theta, LIMITS) - angle)) < 1e-12
    assert abs(rate[-1]) < 1e-15 and np.max(rate) <= w * (1 + 1e-12)


def test_boresight_path_on_the_great_circle():
    start, end = np.array([1.0, 0.0, 0.0]), np.array([0.0, 0.6, 0.8])
    slew = eigen_axis_slew(start, end, 1000.0, LIMITS)
    t = np.linspace(1000.0, 1000.0 + slew.duration_s, 50)
    path = slew.boresight(t)
    normal = np.cross(start, end) / np.linalg.norm(np.cross(start, end))
    assert np.max(np.abs(path @ normal)) < 1e-15
    assert np.allclose(angle_between(path, start), slew_angle(t - 1000.0, 90 * DEG, LIMITS), atol=1e-14)
    assert angle_between(path[-1], end) < 1e-14
    assert slew.settled_s == pytest.approx(1000.0 + 180.0 + 50.0 + 20.0, rel=1e-15)


def test_zero_rate_refused():
    with pytest.raises(FarsideValueError, match="rate_max_rad_s"):
        SlewLimits(0.0, 0.01)
