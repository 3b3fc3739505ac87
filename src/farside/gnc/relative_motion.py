"""Relative motion near a target in a circular orbit: the Clohessy-Wiltshire (Hill) equations.

Frame RIC of the target (:func:`farside.astro.local_frames.ric`): x radial (out), y in-track,
z cross-track (along the angular momentum);
``n`` the target's mean motion. State transition matrix and two-impulse targeting as in
Clohessy & Wiltshire (1960), J. Aerospace Sci. 27(9), and Vallado (2013) §6.8, eqs. 6-66, 6-67.
Units: m, m/s, s, rad/s.
"""
import numpy as np

from farside.astro.local_frames import ric
from farside.errors import FarsideValueError


def relative_state(target_r, target_v, chaser_r, chaser_v) -> np.ndarray:
    """The chaser's position and velocity (6,) in the target's rotating RIC frame."""
    axes = ric(target_r, target_v)
    omega = np.cross(target_r, target_v) / np.dot(target_r, target_r)
    dr = chaser_r - target_r
    dv = chaser_v - target_v - np.cross(omega, dr)
    return np.concatenate([axes @ dr, axes @ dv])


def inertial_state(target_r, target_v, relative):
    """The inverse of :func:`relative_state`: position and velocity (GCRF) of the relative state
    ``relative`` (6,) in the target's rotating RIC frame."""
    axes = ric(target_r, target_v)
    omega = np.cross(target_r, target_v) / np.dot(target_r, target_r)
    dr = axes.T @ np.asarray(relative[:3], dtype=float)
    return target_r + dr, target_v + axes.T @ np.asarray(relative[3:], dtype=float) + np.cross(omega, dr)


def cw_stm(n, t) -> np.ndarray:
    """6x6 state transition matrix of the CW equations over ``t`` seconds."""
    s, c = np.sin(n * t), np.cos(n * t)
    return np.array([
        [4 - 3 * c, 0, 0, s / n, 2 * (1 - c) / n, 0],
        [6 * (s - n * t), 1, 0, -2 * (1 - c) / n, (4 * s - 3 * n * t) / n, 0],
        [0, 0, c, 0, 0, s / n],
        [3 * n * s, 0, 0, c, 2 * s, 0],
        [-6 * n * (1 - c), 0, 0, -2 * s, 4 * c - 3, 0],
        [0, 0, -n * s, 0, 0, c],
    ])


def two_impulse(n, start, target_position, t):
    """The two CW impulses (RIC, m/s) that take the relative state ``start`` (6,) to rest at
    ``target_position`` (3,) in ``t`` seconds: (first, second)."""
    if not t > 0.0:
        raise FarsideValueError("t", t, "a transfer time > 0 s")
    phi = cw_stm(n, t)
    rr, rv = phi[:3, :3], phi[:3, 3:]
    vr, vv = phi[3:, :3], phi[3:, 3:]
    try:
        v_needed = np.linalg.solve(rv, np.asarray(target_position) - rr @ start[:3])
    except np.linalg.LinAlgError:
        raise FarsideValueError("t", t, "a transfer time that is not a whole number of half orbits") from None
    arrival = vr @ start[:3] + vv @ v_needed
    return v_needed - start[3:], -arrival


def two_impulses(n, starts, target_position, t):
    """:func:`two_impulse` for many relative states ``starts`` (k, 6) at once, to the same
    ``target_position`` (3,) in the same ``t`` seconds: (first (k, 3), second (k, 3)), RIC, m/s."""
    if not t > 0.0:
        raise FarsideValueError("t", t, "a transfer time > 0 s")
    phi = cw_stm(n, t)
    rr, rv = phi[:3, :3], phi[:3, 3:]
    vr, vv = phi[3:, :3], phi[3:, 3:]
    starts = np.asarray(starts, dtype=float)
    positions = starts[:, :3]
    try:
        v_needed = np.linalg.solve(rv, np.asarray(target_position)[:, None] - rr @ positions.T).T
    except np.linalg.LinAlgError:
        raise FarsideValueError("t", t, "a transfer time that is not a whole number of half orbits") from None
    arrival = positions @ vr.T + v_needed @ vv.T
    return v_needed - starts[:, 3:], -arrival
