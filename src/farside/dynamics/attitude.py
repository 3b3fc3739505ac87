"""Attitude providers: where an instrument's boresight points, as unit vectors in GCRF, evaluated
on arrays of epochs (TDB seconds past J2000) with the spacecraft's geocentric positions (m, GCRF)
at those epochs. Nothing is integrated: each provider is a closed-form law.

- :class:`Inertial`: a fixed direction of the sky.
- :class:`SunRelative`: a direction fixed in the Sun-relative frame (x from the spacecraft away
  from the Sun, or towards it; z the ecliptic north pole made perpendicular to x), given by a
  longitude and a latitude offset in that frame; ``Inertial``-like between two epochs only as
  fast as the Sun moves (about 1 deg a day).
- :class:`TargetPointing`: towards an ephemeris body as seen from the spacecraft.
- :class:`UniformSpin`: a boresight turning uniformly about a fixed axis.

:func:`body_angles` gives the angles of a boresight from the Sun, the Moon, the Earth's centre
and the Earth's limb (the limb of a sphere of the WGS84 equatorial radius plus a stated height).
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import bodies, ephemeris
from farside.astro.frames import ecliptic_rotation
from farside.errors import FarsideValueError


def unit(v, argument="direction") -> np.ndarray:
    """``v`` (..., 3) scaled to unit length; a zero or non-finite vector is refused."""
    v = np.asarray(v, dtype=float)
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    if np.any(~np.isfinite(n)) or np.any(n == 0.0):
        raise FarsideValueError(argument, v.tolist() if v.ndim == 1 else "an array", "finite non-zero 3-vectors")
    return v / n


def angle_between(a, b) -> np.ndarray:
    """Angle (rad) between direction arrays ``a`` and ``b`` (..., 3), accurate near 0 and pi
    (atan2 of the cross and dot products)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.arctan2(np.linalg.norm(np.cross(a, b), axis=-1), np.sum(a * b, axis=-1))


def _epochs(t_s):
    return np.atleast_1d(np.asarray(t_s, dtype=float))


@dataclass(frozen=True)
class Inertial:
    """A fixed GCRF direction (normalised here)."""
    direction: tuple

    def __post_init__(self):
        object.__setattr__(self, "direction", tuple(unit(self.direction, "direction")))

    def boresight(self, t_s, r_sc_m=None) -> np.ndarray:
        return np.broadcast_to(np.array(self.direction), (_epochs(t_s).shape[0], 3)).copy()


ECLIPTIC_POLE_GCRF = ecliptic_rotation()[2]
"""The J2000 mean ecliptic north pole in GCRF (third row of GCRF -> ECLIPJ2000)."""


def sun_relative_axes(t_s, r_sc_m=None, anti_sun=True) -> np.ndarray:
    """(n, 3, 3) rows x, y, z of the Sun-relative frame in GCRF: x from the spacecraft (or the
    Earth's centre if ``r_sc_m`` is None) away from the Sun (``anti_sun``) or towards it, z the
    ecliptic pole made perpendicular to x, y = z cross x."""
    t = _epochs(t_s)
    r_sun, _ = ephemeris.state("sun", t, center="earth")
    to_sun = np.atleast_2d(r_sun) - (0.0 if r_sc_m is None else np.atleast_2d(r_sc_m))
    x = unit(-to_sun if anti_sun else to_sun)
    z = unit(ECLIPTIC_POLE_GCRF - np.sum(x * ECLIPTIC_POLE_GCRF, axis=1)[:, None] * x)
    return np.stack([x, np.cross(z, x), z], axis=1)


@dataclass(frozen=True)
class SunRelative:
    """A boresight at ``longitude_rad`` (towards the frame's y, the direction of the Earth's motion
    round the Sun for the anti-Sun frame) and ``latitude_rad`` (towards ecliptic north) from the
    anti-Sun direction (``anti_sun``) or the Sun direction."""
    longitude_rad: float = 0.0
    latitude_rad: float = 0.0
    anti_sun: bool = True

    def __post_init__(self):
        for name in ("longitude_rad", "latitude_rad"):
            if not np.isfinite(getattr(self, name)):
                raise FarsideValueError(name, getattr(self, name), "a finite angle, rad")
        if abs(self.latitude_rad) > np.pi / 2:
            raise FarsideValueError("latitude_rad", self.latitude_rad, "a latitude in [-pi/2, pi/2] rad")

    def boresight(self, t_s, r_sc_m=None) -> np.ndarray:
        axes = sun_relative_axes(t_s, r_sc_m, self.anti_sun)
        lon, lat = self.longitude_rad, self.latitude_rad
        local = np.array([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
        return np.einsum("j,njk->nk", local, axes)


@dataclass(frozen=True)
class TargetPointing:
    """Towards the ephemeris body ``target`` as seen from the spacecraft (geometric, no light time)."""
    target: str

    def boresight(self, t_s, r_sc_m=None) -> np.ndarray:
        if r_sc_m is None:
            raise FarsideValueError("r_sc_m", None, "the spacecraft's geocentric GCRF positions, m")
        r_body, _ = ephemeris.state(self.target, _epochs(t_s), center="earth")
        return unit(np.atleast_2d(r_body) - np.atleast_2d(r_sc_m))


@dataclass(frozen=True)
class UniformSpin:
    """``start`` (GCRF, at ``epoch_tdb_s``) turned about ``axis`` at ``rate_rad_s`` (right hand)."""
    axis: tuple
    start: tuple
    rate_rad_s: float
    epoch_tdb_s: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "axis", tuple(unit(self.axis, "axis")))
        object.__setattr__(self, "start", tuple(unit(self.start, "start")))
        if not np.isfinite(self.rate_rad_s):
            raise FarsideValueError("rate_rad_s", self.rate_rad_s, "a finite rate, rad/s")

    def boresight(self, t_s, r_sc_m=None) -> np.ndarray:
        angle = (_epochs(t_s) - self.epoch_tdb_s) * self.rate_rad_s
        return rotate_about(np.array(self.start), np.array(self.axis), angle)


def rotate_about(v, axis, angle_rad) -> np.ndarray:
    """Rodrigues' rotation of ``v`` (3,) or (n, 3) about unit ``axis`` (3,) or (n, 3) by
    ``angle_rad`` (n,): (n, 3)."""
    angle = np.atleast_1d(np.asarray(angle_rad, dtype=float))[:, None]
    v = np.broadcast_to(v, (angle.shape[0], 3))
    k = np.broadcast_to(axis, (angle.shape[0], 3))
    cross = np.cross(k, v)
    return v * np.cos(angle) + cross * np.sin(angle) + k * np.sum(k * v, axis=1)[:, None] * (1.0 - np.cos(angle))


@dataclass(frozen=True)
class BodyAngles:
    """Angles (rad), one per epoch, of a boresight from the Sun's and Moon's centres, from the
    Earth's centre, and above the Earth's limb (negative: the boresight meets the Earth), with the
    Earth's angular radius as seen from the spacecraft."""
    sun: np.ndarray
    moon: np.ndarray
    earth_center: np.ndarray
    earth_limb: np.ndarray
    earth_radius: np.ndarray


def body_angles(boresight, t_s, r_sc_m, limb_height_m=0.0) -> BodyAngles:
    """:class:`BodyAngles` of GCRF ``boresight`` (n, 3) at ``t_s`` (n,) from the spacecraft at
    geocentric ``r_sc_m`` (n, 3); the limb is a sphere of the WGS84 equatorial radius plus
    ``limb_height_m`` (an atmosphere margin)."""
    t = _epochs(t_s)
    r = np.atleast_2d(np.asarray(r_sc_m, dtype=float))
    r_sun, _ = ephemeris.state("sun", t, center="earth")
    r_moon, _ = ephemeris.state("moon", t, center="earth")
    b = np.atleast_2d(boresight)
    dist = np.linalg.norm(r, axis=1)
    earth_radius = np.arcsin(np.clip((bodies.WGS84_A_M + limb_height_m) / dist, -1.0, 1.0))
    earth_center = angle_between(b, -r)
    return BodyAngles(angle_between(b, np.atleast_2d(r_sun) - r), angle_between(b, np.atleast_2d(r_moon) - r),
                      earth_center, earth_center - earth_radius, earth_radius)
