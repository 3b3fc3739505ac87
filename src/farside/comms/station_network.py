"""A network of ground stations seen from a low orbit: elevations on time grids, whether any
station sees the spacecraft, and contact windows.

Stations stand on the WGS84 ellipsoid (geodetic latitude, longitude, height); the spacecraft's
positions come in ITRF93 (m). Elevation is above the station's ellipsoidal horizon, against a
mask angle (no terrain, no refraction). Positions may be given on any grid of epochs; a result is
on the same grid, so its time resolution is the grid's.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro.sites import enu_rotation, geodetic_to_fixed
from farside.errors import FarsideValueError


@dataclass(frozen=True)
class StationNetwork:
    """``names`` and geodetic ``lat_rad``, ``lon_rad``, ``height_m`` of the stations, and the
    elevation ``mask_rad`` under which a station does not see the spacecraft."""
    names: tuple
    lat_rad: np.ndarray
    lon_rad: np.ndarray
    height_m: np.ndarray
    mask_rad: float

    def __post_init__(self):
        n = len(self.names)
        for name in ("lat_rad", "lon_rad", "height_m"):
            value = np.asarray(getattr(self, name), dtype=float)
            if value.shape != (n,) or not np.all(np.isfinite(value)):
                raise FarsideValueError(name, getattr(self, name), f"{n} finite values, one per station")
            object.__setattr__(self, name, value)
        if n == 0:
            raise FarsideValueError("names", self.names, "at least one station")
        if not (np.isfinite(self.mask_rad) and -np.pi / 2 < self.mask_rad < np.pi / 2):
            raise FarsideValueError("mask_rad", self.mask_rad, "an elevation in (-pi/2, pi/2) rad")

    @property
    def positions_itrf_m(self) -> np.ndarray:
        return geodetic_to_fixed(self.lat_rad, self.lon_rad, self.height_m)

    @property
    def up(self) -> np.ndarray:
        """(n, 3) local vertical (ellipsoid normal) of each station, ITRF93."""
        return enu_rotation(self.lat_rad, self.lon_rad)[..., 2, :]

    def elevations(self, r_itrf_m) -> np.ndarray:
        """(n_times, n_stations) elevation (rad) of the spacecraft at ``r_itrf_m`` (n_times, 3)."""
        los = np.asarray(r_itrf_m, dtype=float)[:, None, :] - self.positions_itrf_m[None, :, :]
        return np.arcsin(np.clip(np.sum(los * self.up[None], axis=2) / np.linalg.norm(los, axis=2), -1.0, 1.0))

    def in_view(self, r_itrf_m, chunk=200_000) -> np.ndarray:
        """(n_times,) whether any station sees the spacecraft (elevation above the mask)."""
        r = np.asarray(r_itrf_m, dtype=float)
        out = np.empty(r.shape[0], dtype=bool)
        for i in range(0, r.shape[0], chunk):
            out[i:i + chunk] = np.any(self.elevations(r[i:i + chunk]) > self.mask_rad, axis=1)
        return out


def windows_from_flags(times_s, flags) -> list:
    """``[(start_s, end_s), ...]`` of the runs of ``flags`` on the grid ``times_s`` (each run from
    its first to its last true sample)."""
    f = np.asarray(flags, dtype=bool).astype(np.int8)
    edges = np.diff(np.concatenate([[0], f, [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    t = np.asarray(times_s, dtype=float)
    return [(float(t[a]), float(t[b])) for a, b in zip(starts, ends)]
