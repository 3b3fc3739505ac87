"""A `Segment` as ephemeris files: its states at nodes, in runs split where the state jumps
(an impulsive manoeuvre), written as CCSDS OEM (:mod:`farside.io.oem`) or SPK type 13
(:mod:`farside.io.spk`).

Nodes are the integrator's step boundaries, with extra nodes where a step is longer than
``max_gap_s``: a degree-7 Hermite interpolation through four consecutive nodes, as OEM readers
and SPICE do, then reproduces the dense output (its error is reported by the tests).
"""
import numpy as np

from farside.astro import bodies
from farside.astro.time import Epoch
from farside.core.dense_output import segment_states_vf
from farside.io.oem import OemSegment, write_oem
from farside.io.spk import SpkSegment, write_spk

JUMP_TOLERANCE = 1e-9
"""Relative state difference at a piece boundary above which the trajectory is discontinuous."""


def _piece_nodes(piece, max_gap_s):
    taus = piece.taus[np.abs(piece.taus) < abs(piece.tau_end)]
    taus = np.append(taus, piece.tau_end)
    if max_gap_s is not None:
        parts = [taus[:1]]
        for a, b in zip(taus[:-1], taus[1:]):
            k = max(1, int(np.ceil(abs(b - a) / max_gap_s)))
            parts.append(a + (b - a) * np.arange(1, k + 1) / k)
        taus = np.concatenate(parts)
    states = np.empty((taus.shape[0], 7))
    segment_states_vf(piece.taus, piece.coefs, taus, states)
    t = piece.t1 + taus
    order = np.argsort(t)
    return t[order], states[order]


def _continuous(a, b):
    """Whether states ``a`` and ``b`` (x, y, z, vx, vy, vz, mass) at one epoch are the same."""
    scales = (np.linalg.norm(a[:3]) + 1.0, np.linalg.norm(a[3:6]) + 1e-3, abs(a[6]) + 1.0)
    return all(np.max(np.abs(b[k] - a[k])) <= JUMP_TOLERANCE * s
               for k, s in zip((slice(0, 3), slice(3, 6), slice(6, 7)), scales))


def node_runs(segment, max_gap_s=None):
    """``[(tdb_seconds (n,), states (n, 7)), ...]``: the segment's nodes in increasing time, one
    run per continuous stretch."""
    pieces = sorted((p for p in segment.pieces if p.coefs.shape[0] > 0), key=lambda p: min(p.start_s, p.end_s))
    if not pieces:
        raise ValueError("the segment holds no dense output (it was propagated with dense=False)")
    runs = []   # each run as its parts, joined once at the end, and its last node
    for piece in pieces:
        t, x = _piece_nodes(piece, max_gap_s)
        if runs:
            t_parts, x_parts, t_last, x_last = runs[-1]
            if abs(t[0] - t_last) < 1e-6 and _continuous(x_last, x[0]):
                t_parts.append(t[1:])
                x_parts.append(x[1:])
                runs[-1] = (t_parts, x_parts, t[-1], x[-1]) if t.size > 1 else runs[-1]
                continue
        runs.append(([t], [x], t[-1], x[-1]))
    return [(np.concatenate(t_parts), np.vstack(x_parts)) for t_parts, x_parts, _, _ in runs]


def write_segment_oem(segment, path, object_name, object_id="", time_system="UTC", max_gap_s=None,
                      comments=()):
    """The segment as an OEM file: ICRF axes about its centre, one OEM segment per run."""
    center = bodies.get(segment.center).name.upper()
    segs = [OemSegment(object_name, object_id, center, "ICRF", Epoch.from_tdb_seconds(t), x[:, :6], time_system)
            for t, x in node_runs(segment, max_gap_s)]
    write_oem(path, segs, comments=comments)


def write_segment_spk(segment, path, body_id, segment_id="", max_gap_s=None):
    """The segment as an SPK file of type 13 (J2000 = ICRF axes) for NAIF body ``body_id``."""
    center = bodies.get(segment.center).naif_id
    write_spk(path, [SpkSegment(body_id, center, t, x[:, :6], segment_id[:40]) for t, x in node_runs(segment, max_gap_s)])
