"""Lambert's problem: the conic from r1 to r2 in a given time of flight.

Universal-variable formulation with Stumpff functions, the time of flight matched by bisection on
psi = z (Vallado 2013, *Fundamentals of Astrodynamics and Applications*, 4th ed., Algorithm 58;
Bate, Mueller & White 1971, §5.3), single revolution, short or long way. Units: m, s, m^3/s^2.
"""
import numpy as np

from farside.errors import FarsideValueError

MAX_ITERATIONS = 100


def _stumpff(z):
    if z > 1e-6:
        s = np.sqrt(z)
        return (1.0 - np.cos(s)) / z, (s - np.sin(s)) / s ** 3
    if z < -1e-6:
        s = np.sqrt(-z)
        return (np.cosh(s) - 1.0) / (-z), (np.sinh(s) - s) / s ** 3
    return 0.5 - z / 24.0 + z * z / 720.0, 1.0 / 6.0 - z / 120.0 + z * z / 5040.0


def lambert(gm, r1, r2, tof_s, long_way=False, tol=1e-12):
    """Velocities (m/s) at r1 and r2 (m, 3-vectors) of the conic that takes ``tof_s`` seconds
    from r1 to r2 the short way (transfer angle below 180 deg) or, with ``long_way``, the long way."""
    r1, r2 = np.asarray(r1, dtype=float), np.asarray(r2, dtype=float)
    if not tof_s > 0.0:
        raise FarsideValueError("tof_s", tof_s, "a time of flight > 0 s")
    n1, n2 = np.linalg.norm(r1), np.linalg.norm(r2)
    cos_dnu = np.clip(np.dot(r1, r2) / (n1 * n2), -1.0, 1.0)
    if abs(cos_dnu + 1.0) < 1e-12:
        raise FarsideValueError("r2", r2, "a position not opposite r1 (the plane of a 180 deg transfer is undefined)")
    a = (-1.0 if long_way else 1.0) * np.sqrt(n1 * n2 * (1.0 + cos_dnu))
    z, lo, hi = 0.0, -4.0 * np.pi ** 2, 4.0 * np.pi ** 2
    for _ in range(MAX_ITERATIONS):
        c2, c3 = _stumpff(z)
        y = n1 + n2 + a * (z * c3 - 1.0) / np.sqrt(c2)
        if a > 0.0 and y < 0.0:
            lo = z
            z = 0.5 * (lo + hi)
            continue
        chi = np.sqrt(y / c2)
        t = (chi ** 3 * c3 + a * np.sqrt(y)) / np.sqrt(gm)
        if abs(t - tof_s) < tol * tof_s:
            break
        if t < tof_s:
            lo = z
        else:
            hi = z
        z = 0.5 * (lo + hi)
    else:
        raise FarsideValueError("tof_s", tof_s, "a time of flight the single-revolution transfer can reach")
    f = 1.0 - y / n1
    g = a * np.sqrt(y / gm)
    g_dot = 1.0 - y / n2
    return (r2 - f * r1) / g, (g_dot * r2 - r1) / g
