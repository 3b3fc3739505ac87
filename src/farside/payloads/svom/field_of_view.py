"""Conical fields of view: half angle from a solid angle, membership of directions, and the
fraction of the field the Earth's disc covers (the area of intersection of two spherical caps).

A square field (MXT's 1.1 deg, VT's 26 arcmin) is modelled as the cone of the same solid angle:
the roll about the boresight is not simulated, and the corners differ from the cone by under a
fifth of the side. The cap-intersection area is the closed form of Tovchigrechko & Vakser 2001
(Protein Sci. 10:1572, appendix).
"""
from dataclasses import dataclass

import numpy as np

from farside.errors import FarsideValueError


def cone_half_angle(solid_angle_sr) -> float:
    """Half angle (rad) of the cone of ``solid_angle_sr``: ``1 - cos(a) = omega / (2 pi)``."""
    omega = float(solid_angle_sr)
    if not (np.isfinite(omega) and 0.0 < omega < 4.0 * np.pi):
        raise FarsideValueError("solid_angle_sr", omega, "a solid angle in (0, 4 pi) sr")
    return float(np.arccos(1.0 - omega / (2.0 * np.pi)))


def square_solid_angle(side_rad) -> float:
    """Solid angle (sr) of a square field of ``side_rad`` on each side (a pyramid of apex angle
    ``side_rad``): ``4 asin(sin^2(side / 2))``."""
    return float(4.0 * np.arcsin(np.sin(0.5 * side_rad) ** 2))


def cap_area(radius_rad) -> np.ndarray:
    """Solid angle (sr) of a spherical cap of angular radius ``radius_rad``."""
    return 2.0 * np.pi * (1.0 - np.cos(radius_rad))


def cap_intersection(r1, r2, separation) -> np.ndarray:
    """Solid angle (sr) common to two caps of radii ``r1``, ``r2`` (rad, each below pi/2) whose
    centres are ``separation`` (rad) apart; arrays broadcast."""
    r1, r2, d = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (r1, r2, separation)))
    out = np.zeros(d.shape)
    inner = d <= np.abs(r1 - r2)
    out[inner] = cap_area(np.minimum(r1, r2)[inner])
    part = (~inner) & (d < r1 + r2)
    a, b, c = r1[part], r2[part], d[part]
    ca, cb, cc, sa, sb, sc = np.cos(a), np.cos(b), np.cos(c), np.sin(a), np.sin(b), np.sin(c)
    clip = lambda x: np.clip(x, -1.0, 1.0)  # noqa: E731
    out[part] = 2.0 * (np.pi - np.arccos(clip((cc - ca * cb) / (sa * sb)))
                       - np.arccos(clip((cb - cc * ca) / (sc * sa))) * ca
                       - np.arccos(clip((ca - cc * cb) / (sc * sb))) * cb)
    return out


@dataclass(frozen=True)
class ConeField:
    """A conical field of view of ``half_angle_rad`` about the boresight."""
    half_angle_rad: float

    def __post_init__(self):
        if not (np.isfinite(self.half_angle_rad) and 0.0 < self.half_angle_rad < np.pi / 2):
            raise FarsideValueError("half_angle_rad", self.half_angle_rad, "a half angle in (0, pi/2) rad")

    @property
    def solid_angle_sr(self) -> float:
        return float(cap_area(self.half_angle_rad))

    def contains(self, boresight, directions) -> np.ndarray:
        """Whether unit ``directions`` (..., 3) are in the field about unit ``boresight`` (..., 3)."""
        return np.sum(np.asarray(boresight) * np.asarray(directions), axis=-1) >= np.cos(self.half_angle_rad)

    def earth_fraction(self, earth_center_angle_rad, earth_radius_rad) -> np.ndarray:
        """Fraction of the field covered by the Earth's disc of angular radius ``earth_radius_rad``
        whose centre is ``earth_center_angle_rad`` from the boresight."""
        return cap_intersection(self.half_angle_rad, earth_radius_rad, earth_center_angle_rad) / self.solid_angle_sr
