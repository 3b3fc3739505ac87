"""A central body as guidance and surface phases see it: its GM, the reference sphere of altitudes
and sites, its body-fixed frame and its surface (terrain heights and slopes above the sphere).

    body = central_body.for_name("moon")            # the Moon: MOON_ME axes, the LOLA-based DEM
    toy = CentralBody("mars_barycenter", 3389.5e3, Spin(7.088e-5))   # a flat, uniformly turning body

Guidance (powered descent, ascent, descent orbit, orbit adjustments) takes one of these instead
of Moon constants, so that it flies about any body whose force model farside can build.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import bodies, frames
from farside.astro.terrain import dem_height_m, slope_rad
from farside.astro.time import Epoch
from farside.errors import FarsideValueError


@dataclass(frozen=True)
class Spin:
    """Body-fixed axes turning about the ICRF z axis at ``rate_rad_s``, at ``angle_rad`` from the
    ICRF axes at ``epoch_tdb_s`` (TDB seconds past J2000): the frame of a
    `farside.dynamics.forces.UniformRotation` field."""
    rate_rad_s: float
    epoch_tdb_s: float = 0.0
    angle_rad: float = 0.0

    def rotation(self, tdb_s) -> np.ndarray:
        """ICRF -> body-fixed (3x3) at ``tdb_s``."""
        angle = self.angle_rad + self.rate_rad_s * (tdb_s - self.epoch_tdb_s)
        c, s = np.cos(angle), np.sin(angle)
        return np.array([[c, s, 0.0], [-s, c, 0.0], [0.0, 0.0, 1.0]])

    def transform(self, tdb_s) -> np.ndarray:
        """ICRF -> body-fixed state transform (6x6), ``[[R, 0], [dR/dt, R]]``."""
        rot = self.rotation(tdb_s)
        w = np.array([[0.0, self.rate_rad_s, 0.0], [-self.rate_rad_s, 0.0, 0.0], [0.0, 0.0, 0.0]])
        out = np.zeros((6, 6))
        out[:3, :3] = out[3:, 3:] = rot
        out[3:, :3] = w @ rot
        return out


class FlatSurface:
    """A surface at height zero above the reference sphere everywhere: slope zero."""

    @staticmethod
    def height_m(lat_rad, lon_rad):
        return np.zeros(np.shape(lat_rad)) if np.ndim(lat_rad) else 0.0

    @staticmethod
    def slope_rad(lat_rad, lon_rad):
        return np.zeros(np.shape(lat_rad)) if np.ndim(lat_rad) else 0.0


class LunarDem:
    """The lunar DEM of :mod:`farside.astro.terrain` (heights above the 1737.4 km sphere, MOON_ME)."""

    @staticmethod
    def height_m(lat_rad, lon_rad):
        return dem_height_m(lat_rad, lon_rad)

    @staticmethod
    def slope_rad(lat_rad, lon_rad):
        return slope_rad(lat_rad, lon_rad)


@dataclass(frozen=True)
class CentralBody:
    """``name`` is the ephemeris body of the force model (its GM is the force model's); altitudes
    and sites are above the sphere of ``radius_m``; ``frame`` is a farside frame name
    (``"MOON_ME"``, ``"ITRF93"``) or a `Spin`; ``surface`` gives heights and slopes above the
    sphere (`FlatSurface` by default)."""
    name: str
    radius_m: float
    frame: object
    surface: object = FlatSurface()

    def __post_init__(self):
        if not (np.isfinite(self.radius_m) and self.radius_m > 0.0):
            raise FarsideValueError("radius_m", self.radius_m, "a finite radius > 0 m")
        if not isinstance(self.frame, Spin):
            frames.canonical(self.frame)

    @property
    def body(self):
        return bodies.get(self.name)

    def rotation_to_fixed(self, epoch) -> np.ndarray:
        """ICRF -> body-fixed rotation (3x3) at ``epoch`` (`Epoch`)."""
        if isinstance(self.frame, Spin):
            return self.frame.rotation(_tdb_s(epoch))
        return frames.rotation("GCRF", self.frame, epoch)

    def rotation_from_fixed(self, epoch) -> np.ndarray:
        """Body-fixed -> ICRF rotation (3x3) at ``epoch``."""
        if isinstance(self.frame, Spin):
            return np.ascontiguousarray(self.frame.rotation(_tdb_s(epoch)).T)
        return frames.rotation(self.frame, "GCRF", epoch)

    def transform_to_fixed(self, epoch) -> np.ndarray:
        """ICRF -> body-fixed state transform (6x6) at ``epoch``."""
        if isinstance(self.frame, Spin):
            return self.frame.transform(_tdb_s(epoch))
        return frames.transform("GCRF", self.frame, epoch)

    def transform_from_fixed(self, epoch) -> np.ndarray:
        """Body-fixed -> ICRF state transform (6x6) at ``epoch``."""
        if isinstance(self.frame, Spin):
            forward = self.frame.transform(_tdb_s(epoch))
            out = np.zeros((6, 6))
            out[:3, :3] = out[3:, 3:] = forward[:3, :3].T
            out[3:, :3] = -forward[:3, :3].T @ forward[3:, :3] @ forward[:3, :3].T
            return out
        return frames.transform(self.frame, "GCRF", epoch)

    def height_m(self, lat_rad, lon_rad):
        """Surface height (m) above the reference sphere at planetocentric latitude, longitude (rad)."""
        return self.surface.height_m(lat_rad, lon_rad)

    def slope_rad(self, lat_rad, lon_rad):
        return self.surface.slope_rad(lat_rad, lon_rad)


def _tdb_s(epoch):
    return epoch.tdb_seconds if isinstance(epoch, Epoch) else float(epoch)


MOON = CentralBody("moon", bodies.MOON_MEAN_RADIUS_M, "MOON_ME", LunarDem())
"""The Moon: the IAU 1737.4 km sphere, MOON_ME axes (those of LOLA and of the DEM), the DEM's terrain."""

_KNOWN = {"moon": MOON}


def for_name(name) -> CentralBody:
    """The central body farside flies guidance about by default for force-model body ``name``."""
    key = bodies.get(name).name
    if key not in _KNOWN:
        raise FarsideValueError("body", name, "a central body with a surface model: " + ", ".join(_KNOWN)
                                + " (or pass a CentralBody)")
    return _KNOWN[key]
