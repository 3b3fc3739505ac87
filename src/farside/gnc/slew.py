"""Rest-to-rest eigen-axis slews with a rate and an acceleration limit (bang-coast-bang).

The boresight turns about the fixed axis ``from x to`` (the shortest great circle: the eigen axis
of the rotation that takes one pointing to the other with the roll about the boresight left free)
with the time-optimal profile under ``|accel| <= accel_max`` and ``|rate| <= rate_max``: full
acceleration, a coast at the rate limit, full deceleration; a slew too short to reach the rate
limit is a triangle (Wie, Space Vehicle Dynamics and Control, 2nd ed., AIAA 2008, chapter 7).
Angles in radians, times in seconds.
"""
from dataclasses import dataclass

import numpy as np

from farside.dynamics.attitude import angle_between, rotate_about, unit
from farside.errors import FarsideValueError


@dataclass(frozen=True)
class SlewLimits:
    """The platform's slew rate and acceleration limits and the settling time after a slew."""
    rate_max_rad_s: float
    accel_max_rad_s2: float
    settle_s: float = 0.0

    def __post_init__(self):
        for name in ("rate_max_rad_s", "accel_max_rad_s2"):
            value = getattr(self, name)
            if not (np.isfinite(value) and value > 0.0):
                raise FarsideValueError(name, value, "a finite value > 0")
        if not (np.isfinite(self.settle_s) and self.settle_s >= 0.0):
            raise FarsideValueError("settle_s", self.settle_s, "a finite time >= 0 s")


def slew_duration(angle_rad, limits: SlewLimits) -> np.ndarray:
    """Time (s) of a rest-to-rest slew through ``angle_rad`` (scalar or array), settling excluded."""
    theta = np.abs(np.asarray(angle_rad, dtype=float))
    w, a = limits.rate_max_rad_s, limits.accel_max_rad_s2
    return np.where(theta >= w * w / a, theta / w + w / a, 2.0 * np.sqrt(theta / a))


def slew_angle(t_s, angle_rad, limits: SlewLimits) -> np.ndarray:
    """Angle turned (rad) at ``t_s`` seconds after the start of a slew through ``angle_rad``
    (arrays broadcast); 0 before the start, ``angle_rad`` after the end."""
    theta = np.abs(np.asarray(angle_rad, dtype=float))
    t = np.asarray(t_s, dtype=float)
    a = limits.accel_max_rad_s2
    peak = np.minimum(limits.rate_max_rad_s, np.sqrt(theta * a))
    t_acc = peak / a
    total = slew_duration(theta, limits)
    tc = np.clip(t, 0.0, total)
    rising = 0.5 * a * tc ** 2
    coasting = 0.5 * a * t_acc ** 2 + peak * (tc - t_acc)
    falling = theta - 0.5 * a * (total - tc) ** 2
    out = np.where(tc <= t_acc, rising, np.where(tc <= total - t_acc, coasting, falling))
    return np.sign(np.asarray(angle_rad, dtype=float)) * out


def _axis(a, b):
    axis = np.cross(a, b)
    if np.linalg.norm(axis) > 1e-12:
        return axis / np.linalg.norm(axis)
    helper = np.eye(3)[np.argmin(np.abs(a))]
    return unit(np.cross(a, helper))


@dataclass(frozen=True)
class Slew:
    """A slew of the boresight from ``start`` to ``end`` (GCRF unit vectors) beginning at
    ``start_s`` (TDB s): its ``angle_rad``, ``duration_s`` (turning) and ``settled_s`` (the
    epoch the boresight is on target and settled)."""
    start: np.ndarray
    end: np.ndarray
    start_s: float
    limits: SlewLimits

    @property
    def angle_rad(self) -> float:
        return float(angle_between(self.start, self.end))

    @property
    def duration_s(self) -> float:
        return float(slew_duration(self.angle_rad, self.limits))

    @property
    def settled_s(self) -> float:
        return self.start_s + self.duration_s + self.limits.settle_s

    def boresight(self, t_s) -> np.ndarray:
        """(n, 3) boresight at ``t_s`` (n,) along the eigen-axis path."""
        turned = slew_angle(np.atleast_1d(t_s) - self.start_s, self.angle_rad, self.limits)
        return rotate_about(self.start, _axis(self.start, self.end), turned)


def eigen_axis_slew(start, end, start_s, limits: SlewLimits) -> Slew:
    """The rest-to-rest :class:`Slew` from ``start`` to ``end`` (directions, any norm)."""
    return Slew(unit(start, "start"), unit(end, "end"), float(start_s), limits)
