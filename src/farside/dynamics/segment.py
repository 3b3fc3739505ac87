"""`Segment`: a propagated trajectory, dense and queryable at any epoch within it.

A segment is one or more pieces (split where a manoeuvre or an event changes the state or the
forces), each the step boundaries and 7th-order interpolation coefficients of a DOP853 run
(:mod:`farside.core.dense_output`). States are relative to ``center`` in GCRF axes; ``states``
converts them to another centre and frame. At a piece boundary the later piece answers, so
the state at an impulsive manoeuvre's epoch is the state after it.
"""
from dataclasses import dataclass, field

import numpy as np

from farside.astro import ephemeris, frames
from farside.astro.time import Epoch, tdb_parts
from farside.core.dense_output import segment_states_vf
from farside.dynamics.export import write_segment_oem, write_segment_spk
from farside.dynamics.state import State
from farside.errors import FarsideValueError

EPOCH_SLACK_S = 2e-7
"""Epochs this close outside a piece still belong to it: the resolution of a float TDB epoch
near 2024 is 1.2e-7 s."""


@dataclass(frozen=True)
class Piece:
    """One integration: start epoch ``t1`` (TDB s past J2000), ``taus`` (n+1,) seconds since,
    ``coefs`` (n, 8, 7), and the time since ``t1`` where the piece ends (``tau_end``)."""
    t1: float
    taus: np.ndarray
    coefs: np.ndarray
    tau_end: float

    @property
    def start_s(self) -> float:
        return self.t1

    @property
    def end_s(self) -> float:
        return self.t1 + self.tau_end


@dataclass
class Segment:
    """Trajectory of a spacecraft about ``center`` (GCRF axes) from ``start`` to ``end``."""
    center: str
    pieces: list
    events: list = field(default_factory=list)
    frame: str = "GCRF"
    n_evaluations: int = 0
    final: State | None = None
    forces: object = None
    outputs: np.ndarray | None = None
    """``(n, 7)`` states at the epochs asked of :func:`farside.dynamics.propagator.propagate`
    (``outputs=``), in their order; None when none were asked."""

    @property
    def start(self) -> Epoch:
        return Epoch.from_tdb_seconds(min(p.start_s for p in self.pieces))

    @property
    def end(self) -> Epoch:
        return Epoch.from_tdb_seconds(max(p.end_s for p in self.pieces))

    @property
    def n_steps(self) -> int:
        return sum(p.coefs.shape[0] for p in self.pieces)

    def state_vectors(self, t) -> np.ndarray:
        """``(x, y, z, vx, vy, vz, mass)`` at ``t`` (`Epoch` or TDB seconds, scalar or array):
        (7,) or (n, 7); m, m/s, kg, GCRF axes, relative to ``center``."""
        s1, s2, scalar = tdb_parts(t)
        lo = min(p.start_s for p in self.pieces)
        hi = max(p.end_s for p in self.pieces)
        total = s1 + s2
        slack = EPOCH_SLACK_S
        if np.any(~np.isfinite(total)) or np.any(total < min(lo, hi) - slack) or np.any(total > max(lo, hi) + slack):
            raise FarsideValueError("t", t, f"epochs within the segment, {self.start.iso('tdb', 6)} "
                                            f"to {self.end.iso('tdb', 6)} TDB")
        out = np.empty((s1.shape[0], 7))
        chosen = np.full(s1.shape[0], -1)
        for i, piece in enumerate(self.pieces):
            a, b = sorted((piece.start_s, piece.end_s))
            inside = (total >= a - slack) & (total <= b + slack)
            chosen[inside] = i
        for i in np.unique(chosen):
            piece = self.pieces[i]
            if piece.coefs.shape[0] == 0:
                raise FarsideValueError("t", t, "the segment's end only: it was propagated with dense=False")
            sel = chosen == i
            part = np.empty((int(sel.sum()), 7))
            segment_states_vf(piece.taus, piece.coefs, (s1[sel] - piece.t1) + s2[sel], part)
            out[sel] = part
        return out[0] if scalar else out

    def state(self, t) -> tuple:
        """Position (m) and velocity (m/s) at ``t``, GCRF axes, relative to ``center``."""
        x = self.state_vectors(t)
        return x[..., :3], x[..., 3:6]

    def states(self, t, center: str | None = None, frame: str | None = None):
        """Position and velocity at ``t`` relative to ``center`` (default the segment's) in
        ``frame`` (default GCRF; rotating frames include the transport velocity)."""
        x = np.atleast_2d(self.state_vectors(t))[:, :6]
        s1, s2, scalar = tdb_parts(t)
        epochs = Epoch.from_tdb_seconds(s1, s2)
        if center is not None and center != self.center:
            r, v = ephemeris.state(self.center, epochs, center=center, frame="GCRF")
            x = x + np.hstack([np.atleast_2d(r), np.atleast_2d(v)])
        if frame is not None and frames.canonical(frame) != "GCRF":
            x = np.einsum("nij,nj->ni", np.atleast_3d(frames.transform("GCRF", frame, epochs)).reshape(-1, 6, 6), x)
        if scalar:
            return x[0, :3], x[0, 3:]
        return x[:, :3], x[:, 3:]

    def to_oem(self, path, object_name, object_id="", time_system="UTC", max_gap_s=None):
        """Write the segment as a CCSDS OEM 2.0 file (ICRF axes about its centre, km and km/s)."""
        write_segment_oem(self, path, object_name, object_id, time_system, max_gap_s)

    def to_spk(self, path, body_id, segment_id="", max_gap_s=None):
        """Write the segment as an SPK type-13 file for the NAIF body ``body_id``."""
        write_segment_spk(self, path, body_id, segment_id, max_gap_s)

    def truncated(self, t) -> "Segment":
        """The segment up to ``t`` (`Epoch` or TDB seconds) inside it, with the events before ``t``
        and the state at ``t`` as its final state (forward segments)."""
        t_s = Epoch(t).tdb_seconds if isinstance(t, Epoch) else float(t)
        x = self.state_vectors(t_s)
        pieces: list[Piece] = []
        for p in sorted(self.pieces, key=lambda p: p.start_s):
            if p.start_s >= t_s and pieces:
                break
            pieces.append(p if p.end_s <= t_s else Piece(p.t1, p.taus, p.coefs, t_s - p.t1))
        seg = Segment(self.center, pieces, [e for e in self.events if e.epoch.tdb_seconds <= t_s], self.frame,
                      self.n_evaluations, None, self.forces)
        seg.final = State(Epoch.from_tdb_seconds(t_s), x[:3], x[3:6], x[6], self.center, "GCRF")
        return seg

    def final_state(self) -> State:
        """The state at the segment's end (after the last manoeuvre or change), GCRF axes; for a
        segment made without one (pieces only), the dense output's state at its end."""
        if self.final is not None:
            return self.final
        end = self.end
        x = self.state_vectors(end.tdb_seconds)
        return State(end, x[:3], x[3:6], x[6], self.center, "GCRF")
