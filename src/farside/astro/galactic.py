"""Galactic coordinates: the rotation ICRS -> Galactic and (l, b) of ICRS directions.

The Galactic frame of the Hipparcos catalogue (ESA SP-1200, 1997, vol. 1, section 1.5.3): the
north Galactic pole at ICRS right ascension 192.85948 deg and declination 27.12825 deg, and the
north celestial pole at Galactic longitude 122.93192 deg. The x axis points to (l, b) = (0, 0),
near the Galactic centre; z to the north Galactic pole.
"""
import numpy as np

NGP_RA_DEG = 192.85948
NGP_DEC_DEG = 27.12825
NCP_L_DEG = 122.93192


def icrs_to_galactic() -> np.ndarray:
    """(3, 3) rotation taking ICRS unit vectors to Galactic ones (rows: the Galactic axes in ICRS)."""
    ra, dec, l_ncp = np.radians([NGP_RA_DEG, NGP_DEC_DEG, NCP_L_DEG])
    z = np.array([np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra), np.sin(dec)])
    pole = np.array([0.0, 0.0, 1.0])
    u = pole - (pole @ z) * z
    u /= np.linalg.norm(u)
    w = np.cross(z, u)
    x = np.cos(l_ncp) * u - np.sin(l_ncp) * w
    y = np.sin(l_ncp) * u + np.cos(l_ncp) * w
    return np.array([x, y, z])


def galactic_lb(directions_icrs) -> tuple:
    """Galactic longitude in [0, 2 pi) and latitude (rad) of ICRS direction(s) (..., 3), any norm."""
    d = np.asarray(directions_icrs, dtype=float) @ icrs_to_galactic().T
    n = np.linalg.norm(d, axis=-1)
    return np.mod(np.arctan2(d[..., 1], d[..., 0]), 2.0 * np.pi), np.arcsin(np.clip(d[..., 2] / n, -1.0, 1.0))


def galactic_to_icrs_direction(l_rad, b_rad) -> np.ndarray:
    """ICRS unit vector(s) (..., 3) of Galactic longitude and latitude (rad)."""
    l, b = np.asarray(l_rad, dtype=float), np.asarray(b_rad, dtype=float)
    g = np.stack([np.cos(b) * np.cos(l), np.cos(b) * np.sin(l), np.sin(b)], axis=-1)
    return g @ icrs_to_galactic()
