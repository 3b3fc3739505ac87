"""Geodetic coordinates of a body-fixed position on an ellipsoid (numba).

Latitude by fixed-point iteration of ``tan(lat) = z / (p (1 - e^2 N / (N + h)))`` from the
geocentric value, and the height as ``p cos(lat) + z sin(lat) - a sqrt(1 - e^2 sin^2 lat)``,
which stays accurate at the poles (Vallado 2013, algorithm 12 and §3.2). Six iterations reach
1e-12 rad anywhere from the surface to the Moon's distance.
"""
import numpy as np

from farside.core.jit import jit


@jit(_nrt=False)
def geodetic_from_fixed_hf(x, y, z, a, f):
    """(latitude rad, longitude rad, height m) of the body-fixed point (x, y, z) in metres."""
    e2 = f * (2.0 - f)
    p = np.sqrt(x * x + y * y)
    lon = np.arctan2(y, x)
    lat = np.arctan2(z, p * (1.0 - e2))
    for _ in range(6):
        s = np.sin(lat)
        n = a / np.sqrt(1.0 - e2 * s * s)
        h = p * np.cos(lat) + z * s - a * np.sqrt(1.0 - e2 * s * s)
        lat = np.arctan2(z, p * (1.0 - e2 * n / (n + h)))
    s = np.sin(lat)
    h = p * np.cos(lat) + z * s - a * np.sqrt(1.0 - e2 * s * s)
    return lat, lon, h
