"""Sites on the Earth (WGS84 geodetic) and the Moon (selenographic), and topocentric ENU/AER.

- Earth: geodetic latitude, longitude and height above the WGS84 ellipsoid (NIMA TR8350.2),
  body-fixed frame ITRF93; conversion as SPICE ``georec``.
- Moon: planetocentric (selenographic) latitude and longitude and height above the IAU mean
  sphere of 1737.4 km, body-fixed frame MOON_ME (the frame of published site coordinates and of
  LOLA topography); conversion as SPICE ``latrec``.
- ENU: east, north, up unit vectors at the site (up along the ellipsoid normal on Earth, the
  radial direction on the Moon); azimuth from north through east, elevation above the local
  horizontal plane.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro.bodies import MOON_MEAN_RADIUS_M, WGS84_A_M, WGS84_F
from farside.errors import FarsideValueError


def _check_latitude(lat_rad, argument):
    lat = np.asarray(lat_rad, dtype=float)
    if np.any(~np.isfinite(lat)) or np.any(np.abs(lat) > np.pi / 2 + 1e-12):
        raise FarsideValueError(argument, float(np.ravel(lat)[0]), "a latitude in [-pi/2, pi/2] rad")
    return lat


def geodetic_to_fixed(lat_rad, lon_rad, height_m, a_m=WGS84_A_M, f=WGS84_F):
    """Body-fixed position (m) of geodetic coordinates on an ellipsoid (default WGS84)."""
    lat = _check_latitude(lat_rad, "lat_rad")
    lon = np.asarray(lon_rad, dtype=float)
    e2 = f * (2.0 - f)
    n = a_m / np.sqrt(1.0 - e2 * np.sin(lat) ** 2)
    h = np.asarray(height_m, dtype=float)
    return np.stack([(n + h) * np.cos(lat) * np.cos(lon), (n + h) * np.cos(lat) * np.sin(lon),
                     (n * (1.0 - e2) + h) * np.sin(lat)], axis=-1)


def spherical_to_fixed(lat_rad, lon_rad, height_m, radius_m=MOON_MEAN_RADIUS_M):
    """Body-fixed position (m) of planetocentric latitude, longitude and height above a sphere."""
    lat = _check_latitude(lat_rad, "lat_rad")
    lon = np.asarray(lon_rad, dtype=float)
    r = radius_m + np.asarray(height_m, dtype=float)
    return np.stack([r * np.cos(lat) * np.cos(lon), r * np.cos(lat) * np.sin(lon), r * np.sin(lat)], axis=-1)


def fixed_to_spherical(r_m, radius_m=MOON_MEAN_RADIUS_M):
    """``(lat_rad, lon_rad, height_m)`` of body-fixed position(s) ``r_m`` (..., 3): the inverse of
    :func:`spherical_to_fixed` (longitude in (-pi, pi])."""
    r = np.asarray(r_m, dtype=float)
    norm = np.linalg.norm(r, axis=-1)
    return np.arcsin(r[..., 2] / norm), np.arctan2(r[..., 1], r[..., 0]), norm - radius_m


def enu_rotation(lat_rad, lon_rad) -> np.ndarray:
    """Rotation body-fixed -> ENU at (latitude, longitude): rows are east, north, up."""
    lat = _check_latitude(lat_rad, "lat_rad")
    lon = np.asarray(lon_rad, dtype=float)
    sl, cl = np.sin(lat), np.cos(lat)
    so, co = np.sin(lon), np.cos(lon)
    zero = np.zeros_like(sl)
    east = np.stack([-so, co, zero], -1)
    north = np.stack([-sl * co, -sl * so, cl], -1)
    up = np.stack([cl * co, cl * so, sl], -1)
    return np.stack([east, north, up], -2)


def aer_from_enu(enu):
    """Azimuth (rad, from north through east, in [0, 2 pi)), elevation (rad), range (m)."""
    enu = np.asarray(enu, dtype=float)
    rng = np.linalg.norm(enu, axis=-1)
    az = np.mod(np.arctan2(enu[..., 0], enu[..., 1]), 2.0 * np.pi)
    el = np.arcsin(np.clip(enu[..., 2] / rng, -1.0, 1.0))
    return az, el, rng


@dataclass(frozen=True)
class Site:
    """A fixed site on a body: ``body`` is ``earth`` (WGS84 geodetic, ITRF93) or ``moon``
    (selenographic on the 1737.4 km sphere, MOON_ME)."""
    name: str
    body: str
    lat_rad: float
    lon_rad: float
    height_m: float

    @classmethod
    def from_degrees(cls, name: str, body: str, lat_deg: float, lon_deg: float, height_m: float = 0.0):
        body = body.lower()
        if body not in ("earth", "moon"):
            raise FarsideValueError("body", body, "'earth' or 'moon'")
        return cls(name, body, float(np.radians(lat_deg)), float(np.radians(lon_deg)), float(height_m))

    @property
    def frame(self) -> str:
        return "ITRF93" if self.body == "earth" else "MOON_ME"

    @property
    def position_fixed_m(self) -> np.ndarray:
        if self.body == "earth":
            return geodetic_to_fixed(self.lat_rad, self.lon_rad, self.height_m)
        return spherical_to_fixed(self.lat_rad, self.lon_rad, self.height_m)

    def aer(self, target_fixed_m):
        """Azimuth, elevation (rad) and range (m) of body-fixed target position(s)."""
        enu = (np.asarray(target_fixed_m) - self.position_fixed_m) @ enu_rotation(self.lat_rad, self.lon_rad).T
        return aer_from_enu(enu)
