"""Explicit (E-) guidance for powered descent: the thrust acceleration that brings position and
velocity to their targets at a given time, re-solved at every guidance cycle.

With the thrust acceleration linear in time over the time to go T, a(t) = a0 + a1 t, and the
gravity g taken constant over the arc, the two boundary conditions give (Cherry 1964, "A general
explicit, optimizing guidance law for rocket-propelled spaceflight", AIAA 64-638; the same
linear-acceleration law as Apollo's descent guidance with the jerk left free, Klumpp 1974):

    A = v_f - v - g T,   B = r_f - r - v T - g T^2 / 2
    a0 = -2 A / T + 6 B / T^2,   a1 = 6 A / T^2 - 12 B / T^3

``a0`` is commanded now; the vehicle's throttle limits and thrust-direction rate limits are
applied by the caller. Units: m, m/s, m/s^2, s; any frame in which g is constant (a local
vertical frame at the landing site for the final approach).
"""
import numpy as np

from farside.errors import FarsideValueError


def coefficients(r, v, r_f, v_f, g, t_go):
    """``(a0, a1)``: the thrust acceleration now and its rate (m/s^2, m/s^3)."""
    if not t_go > 0.0:
        raise FarsideValueError("t_go", t_go, "a time to go > 0 s")
    r, v, r_f, v_f, g = (np.asarray(x, dtype=float) for x in (r, v, r_f, v_f, g))
    a = v_f - v - g * t_go
    b = r_f - r - v * t_go - 0.5 * g * t_go ** 2
    return -2.0 * a / t_go + 6.0 * b / t_go ** 2, 6.0 * a / t_go ** 2 - 12.0 * b / t_go ** 3


def command(r, v, r_f, v_f, g, t_go, max_accel=np.inf, min_accel=0.0):
    """The thrust acceleration (m/s^2) to command now, its magnitude kept within
    [``min_accel``, ``max_accel``] (throttle limits over the current mass)."""
    a0, _ = coefficients(r, v, r_f, v_f, g, t_go)
    size = np.linalg.norm(a0)
    if size == 0.0:
        return a0
    return a0 * np.clip(size, min_accel, max_accel) / size
