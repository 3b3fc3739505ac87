"""SPICE SPK files of type 13 (Hermite interpolation, unequal time steps), written with spiceypy.

Type 13 stores states (km, km/s) at epochs (TDB seconds past J2000, SPICE's ET) and interpolates
position and velocity with a Hermite polynomial of odd ``degree`` over ``(degree + 1) / 2``
consecutive states (NAIF SPK Required Reading, "Type 13"). The file is written under a temporary
name and renamed when complete.
"""
from dataclasses import dataclass

import numpy as np
import spiceypy

from farside.errors import FarsideValueError
from farside.io.atomic import atomic_path

MAX_SEGMENT_ID = 40
MAX_DEGREE = 27


@dataclass
class SpkSegment:
    """States ``states_m`` (n, 6; m, m/s) of NAIF body ``body_id`` about ``center_id`` in ``frame``
    (a SPICE inertial frame name, ``J2000`` for ICRF axes) at ``tdb_seconds`` (n,)."""
    body_id: int
    center_id: int
    tdb_seconds: np.ndarray
    states_m: np.ndarray
    segment_id: str = ""
    frame: str = "J2000"
    degree: int = 7

    def __post_init__(self):
        self.tdb_seconds = np.asarray(self.tdb_seconds, dtype=float)
        self.states_m = np.asarray(self.states_m, dtype=float)
        n = self.tdb_seconds.shape[0]
        if self.states_m.shape != (n, 6) or not np.all(np.isfinite(self.states_m)):
            raise FarsideValueError("states_m", f"shape {self.states_m.shape}", f"finite values of shape ({n}, 6)")
        if n < 2 or np.any(np.diff(self.tdb_seconds) <= 0.0):
            raise FarsideValueError("tdb_seconds", f"{n} epochs", "two or more strictly increasing epochs")
        if self.degree % 2 == 0 or not 1 <= self.degree <= MAX_DEGREE:
            raise FarsideValueError("degree", self.degree, f"an odd degree from 1 to {MAX_DEGREE}")
        if len(self.segment_id) > MAX_SEGMENT_ID:
            raise FarsideValueError("segment_id", self.segment_id, f"at most {MAX_SEGMENT_ID} characters")


COMMENT_LINE = 1000
"""Longest line of an SPK comment area (SPICE's DAF comment routines)."""


def write_spk(path, segments, internal_name="farside", comments=()):
    """Write ``segments`` (`SpkSegment` list) as one SPK file of type-13 segments, ``comments``
    (lines) in its comment area (``commnt`` and ``spacit`` show them)."""
    comments = [str(c)[:COMMENT_LINE] for c in comments]
    segments = list(segments)
    if not segments:
        raise FarsideValueError("segments", segments, "at least one SpkSegment")
    with atomic_path(path) as tmp:
        tmp.unlink()
        handle = spiceypy.spkopn(str(tmp), internal_name[:60], 0)
        try:
            if comments:
                spiceypy.dafac(handle, comments)
            for seg in segments:
                n = seg.tdb_seconds.shape[0]
                degree = min(seg.degree, 2 * n - 1)
                spiceypy.spkw13(handle, seg.body_id, seg.center_id, seg.frame, float(seg.tdb_seconds[0]),
                                float(seg.tdb_seconds[-1]), seg.segment_id, degree, n,
                                np.ascontiguousarray(seg.states_m / 1e3), np.ascontiguousarray(seg.tdb_seconds))
        finally:
            spiceypy.spkcls(handle)
