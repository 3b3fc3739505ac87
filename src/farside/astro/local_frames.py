"""Local orbital frames built from an inertial state (position m, velocity m/s).

Each function returns the rotation inertial -> local (rows are the local axes in inertial
components), for one state (3,) or many (n, 3):

- ``ric`` (= RSW, Vallado, "Fundamentals of Astrodynamics", §3.3): R radial r/|r|,
  C cross-track h/|h|, I in-track C x R.
- ``lvlh`` (CCSDS OEM convention, Orekit ``LOFType.LVLH_CCSDS``): z towards the centre (-r),
  y opposite the orbit normal (-h), x = y x z (along-track for a circular orbit).
- ``vnc`` (Vallado §3.3; GMAT "VNB"): V along velocity, N along h, C = V x N.
"""
import numpy as np

from farside.errors import FarsideValueError


def _unit(x, argument):
    norm = np.linalg.norm(x, axis=-1, keepdims=True)
    if np.any(norm == 0.0) or np.any(~np.isfinite(norm)):
        raise FarsideValueError(argument, "zero or non-finite vector", "a state with r and r x v non-zero")
    return x / norm


def ric(r_m, v_mps) -> np.ndarray:
    r = np.asarray(r_m, dtype=float)
    v = np.asarray(v_mps, dtype=float)
    rad = _unit(r, "r_m")
    cross = _unit(np.cross(r, v), "r_m x v_mps")
    return np.stack([rad, np.cross(cross, rad), cross], axis=-2)


def lvlh(r_m, v_mps) -> np.ndarray:
    r = np.asarray(r_m, dtype=float)
    v = np.asarray(v_mps, dtype=float)
    z = -_unit(r, "r_m")
    y = -_unit(np.cross(r, v), "r_m x v_mps")
    return np.stack([np.cross(y, z), y, z], axis=-2)


def vnc(r_m, v_mps) -> np.ndarray:
    r = np.asarray(r_m, dtype=float)
    v = np.asarray(v_mps, dtype=float)
    vel = _unit(v, "v_mps")
    normal = _unit(np.cross(r, v), "r_m x v_mps")
    return np.stack([vel, normal, np.cross(vel, normal)], axis=-2)
