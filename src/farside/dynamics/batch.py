"""`propagate_batch`: many independent states (dispersed samples) through one force model, in
parallel across the cores.

    segments = propagate_batch(states, duration_s=3600.0, forces=model, events=[events.periapsis()])

Every sample has its own adaptive steps and its own events; sample ``i``'s `Segment` is the one
``propagate(states[i], ...)`` returns, bit for bit. The force model is compiled and packed once;
the samples are split into one block per worker thread and each block runs in compiled code
without the GIL (:mod:`farside.core.dop853_batch`). Where the run allows it (no dense output,
events of the state alone checked at step ends, a model of spherical-harmonic fields in the
inertial axes or a uniform rotation: :mod:`farside.dynamics.batch_lanes`), a block flies its
samples eight at a time side by side in vector lanes (:mod:`farside.core.dop853_lanes`), with the
same results bit for bit. Manoeuvres and events that change the state
belong to single propagations; here an event may stop a sample or be recorded.
"""
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from farside.core.dop853_batch import propagate_rows_hf
from farside.dynamics import events as ev
from farside.dynamics.batch_lanes import lane_kinds, propagate_rows_lanes
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import Drag
from farside.dynamics.propagator import (_check_coverage, _check_events, _check_start, _end_seconds, _failure,
                                         _finish, _in_center, _settings, _surface_event)
from farside.dynamics.segment import Piece, Segment
from farside.dynamics.state import State
from farside.errors import FarsideValueError


def propagate_batch(states, until=None, forces: ForceModel | None = None, events=(), *, duration_s=None,
                    rtol=1e-12, atol=1e-9, max_step_s=None, dense=True, max_steps=10_000_000,
                    workers=None, lanes=True) -> list[Segment]:
    """Propagate each `State` of ``states`` (one epoch and centre for all) to ``until`` or by
    ``duration_s`` under ``forces``, locating ``events`` (actions ``"stop"`` or ``"continue"``),
    on ``workers`` threads (default: one per core; one when the force model calls NRLMSIS,
    whose Fortran code is not re-entrant). ``lanes``: fly the samples in vector lanes where the
    run allows it (False: one at a time; the results are the same). Returns one `Segment` per
    state, in order.

    Raises `FarsideValueError` for bad arguments, naming the sample where one is at fault, and
    `PropagationError` (naming the sample) when a sample's integration fails.
    """
    states = list(states)
    if not states or not all(isinstance(s, State) for s in states):
        raise FarsideValueError("states", type(states).__name__, "a non-empty sequence of State objects")
    forces = forces if forces is not None else ForceModel(states[0].center)
    if not isinstance(forces, ForceModel):
        raise FarsideValueError("forces", forces, "a ForceModel")
    t0 = states[0].epoch.tdb_seconds
    for i, s in enumerate(states):
        if s.epoch.tdb_seconds != t0:
            raise FarsideValueError(f"states[{i}].epoch", s.epoch.iso("tdb", 6),
                                    f"the epoch of states[0], {states[0].epoch.iso('tdb', 6)} TDB")
    starts = [_in_center(s, forces) for s in states]
    for s in starts:
        _check_start(s, forces)
    rtol_a, atol_a, h_max = _settings(rtol, atol, max_step_s)
    t_end = t0 + _end_seconds(starts[0], until, duration_s)
    events = list(events)
    _check_events(events, forces)
    for e in events:
        if callable(e.action):
            raise FarsideValueError("events", e.name, "actions 'stop' or 'continue' in a batch "
                                    "(an action that changes the state needs propagate)")
    _check_coverage(forces, events, t0, t_end)
    y0s = np.array([s.vector() for s in starts])
    if not np.all(np.isfinite(y0s)):
        bad = int(np.flatnonzero(~np.all(np.isfinite(y0s), axis=1))[0])
        raise FarsideValueError(f"states[{bad}]", y0s[bad], "finite positions, velocities and mass")
    model = forces.pack(t0, events=events).arrays
    drag = forces.term(Drag)
    n_workers = _workers(workers, len(states), drag is not None and drag.atmosphere.startswith("NRLMSIS"))
    packed = ev.pack(events + _surface_event(forces))
    blocks = np.array_split(np.arange(len(states), dtype=np.int64), n_workers)
    kinds = lane_kinds(model, packed) if lanes and not dense else None

    def run(rows):
        if kinds is not None:
            return rows, propagate_rows_lanes(model, kinds, t0, y0s, rows, t_end - t0, rtol_a, atol_a, h_max, packed,
                                              max_steps)
        return rows, propagate_rows_hf(model, t0, y0s, rows, t_end - t0, rtol_a, atol_a, h_max, dense, *packed,
                                       max_steps)

    if n_workers == 1:
        results = [run(blocks[0])]
    else:
        with ThreadPoolExecutor(n_workers) as pool:
            results = list(pool.map(run, blocks))
    segments = [None] * len(states)
    for rows, out in results:
        for j, i in enumerate(rows):
            segments[i] = _segment(i, starts[i], forces, events, t0, dense, rtol_a, atol_a, max_steps, out, j)
    return segments


def _workers(workers, n_samples, serial_only):
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, (int, np.integer)) or isinstance(workers, bool) or workers < 1:
        raise FarsideValueError("workers", workers, "a whole number of threads >= 1, or None for one per core")
    return 1 if serial_only else int(min(workers, n_samples))


def _segment(i, start, forces, events, t0, dense, rtol, atol, max_steps, out, j):
    status, y_final, tau_final, h_last, n_evals, taus, coefs, ev_index, ev_tau, ev_state = out
    if status[j] < 0:
        error = _failure(status[j], t0, tau_final[j], h_last[j], rtol, atol, max_steps, forces, y_final[j])
        raise type(error)(f"states[{i}]: {error}")
    segment = Segment(center=forces.body.name, pieces=[])
    segment.forces = forces
    segment.n_evaluations = int(n_evals[j])
    tau = tau_final[j]
    if dense:
        piece = Piece(t0, taus[j], coefs[j], tau) if coefs[j].shape[0] > 0 else None
    else:
        piece = Piece(t0, np.array([0.0, tau]), np.empty((0, 8, 7)), tau)
    segment.final = _finish(segment, events, start, t0, status[j], tau, y_final[j], ev_index[j], ev_tau[j],
                            ev_state[j], len(ev_index[j]), piece)[0]
    return segment
