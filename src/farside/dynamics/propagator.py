"""`propagate`: a state through a force model to an epoch or the first terminal event.

    seg = propagate(state, until=Epoch("2024-06-02T00:00:00", "tdb"), forces=model,
                    events=[events.periapsis()], maneuvers=[FiniteBurn(t_burn, 600.0, Thrust(7500, 315))])

The integration is the compiled DOP853 kernel (:mod:`farside.core.dop853`); Python runs once per
piece: the span is cut at each manoeuvre's start and end and at each event whose action changes
the state, and nothing else. Tolerances are per component of ``(r, v, mass)`` in m, m/s, kg.
"""
import math
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np
import numpy.typing as npt

from farside.astro import ephemeris, space_weather
from farside.astro.time import Epoch, EpochLike
from farside.core import dop853
from farside.core.dense_output import hermite_coefficients
from farside.core.rk78 import rkf78_propagate_hf
from farside.dynamics import events as ev
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import Drag, Thrust
from farside.dynamics.maneuvers import FiniteBurn, Impulse
from farside.dynamics.outputs import OutputGrid
from farside.dynamics.segment import Piece, Segment
from farside.dynamics.state import State
from farside.errors import FarsideValueError, OutOfCoverageError, PropagationError

LOWEST_SURFACE_BELOW_MEAN_M = {301: 9200.0, 399: 11000.0}
"""Depth of each body's lowest surface point below its mean (Moon: LOLA, -9.13 km, Smith et al.
2010) or polar (Earth: Challenger Deep) radius, rounded up: a start below it is inside the body."""


def _tolerance(name, value):
    arr = np.broadcast_to(np.asarray(value, dtype=float), (7,)).copy() if np.ndim(value) == 0 or np.size(value) == 7 else None
    if arr is None or not np.all(np.isfinite(arr)) or np.any(arr <= 0.0):
        raise FarsideValueError(name, value, "a finite number > 0, or seven (for x, y, z, vx, vy, vz, mass)")
    return arr


def _settings(rtol, atol, max_step_s):
    """Checked ``(rtol, atol, h_max)`` of the kernel: tolerances per component, largest step."""
    rtol_a, atol_a = _tolerance("rtol", rtol), _tolerance("atol", atol)
    if np.any(rtol_a < MIN_RTOL):
        raise FarsideValueError("rtol", rtol, f"relative tolerances >= {MIN_RTOL:.1e} (ten units of roundoff)")
    h_max = np.inf if max_step_s is None else float(max_step_s)
    if not h_max > 0.0:
        raise FarsideValueError("max_step_s", max_step_s, "a step > 0 s, or None")
    return rtol_a, atol_a, h_max


def _end_seconds(state, until, duration_s):
    if (until is None) == (duration_s is None):
        raise FarsideValueError("until", until, "exactly one of until (an Epoch) or duration_s")
    if until is not None:
        return Epoch(until).tdb_seconds - state.epoch.tdb_seconds
    d = float(duration_s)
    if not np.isfinite(d):
        raise FarsideValueError("duration_s", duration_s, "a finite duration, s (negative: backwards)")
    return d


def _surface_floor(body) -> float:
    """Radius (m) of the body's lowest surface point."""
    floor = body.mean_radius_m if body.naif_id == 301 else body.polar_radius_m or body.mean_radius_m
    return floor - LOWEST_SURFACE_BELOW_MEAN_M.get(body.naif_id, 0.0)


SURFACE = "surface"
"""Name of the event every propagation carries: the central body's lowest surface crossed inwards."""
_SURFACES_ARE_SOLID = ContextVar("farside_surfaces_are_solid", default=True)


@contextmanager
def through_surfaces():
    """Within this context a trajectory may pass below its body's surface without an error: for
    the trial arcs of a shooting method, whose iterations may cross the body on the way to a
    solution that does not (the arc finally flown is checked again, outside)."""
    token = _SURFACES_ARE_SOLID.set(False)
    try:
        yield
    finally:
        _SURFACES_ARE_SOLID.reset(token)


def _surface_event(forces) -> list:
    """``[event]``: falling through the sphere of the body's lowest surface point, where a
    trajectory has hit the body (a point-mass or low-degree field would fly on through it);
    ``[]`` inside :func:`through_surfaces`."""
    if not _SURFACES_ARE_SOLID.get():
        return []
    return [ev.altitude(0.0, _surface_floor(forces.body), "falling", "stop", name=SURFACE)]


def _check_start(state, forces):
    body = forces.body
    floor = _surface_floor(body)
    radius = math.sqrt(state.r_m.dot(state.r_m))
    if radius < floor:
        raise FarsideValueError("state.r_m", f"|r| = {radius:.1f} m",
                                f"a start above {body.name}'s surface (|r| >= {floor:.0f} m)")


def _check_events(events, forces):
    if not all(isinstance(e, ev.Event) for e in events):
        raise FarsideValueError("events", events, "Event objects from farside.dynamics.events")
    for e in events:
        if e.body is not None and e.body != forces.body.name:
            raise FarsideValueError("events", e.name, f"sites on the central body, {forces.body.name}")
        if e.needs_body_frame and forces.body_orientation() is None:
            raise FarsideValueError("events", e.name, "body-frame events about the Moon or the Earth")


def _check_coverage(forces, events, t_a, t_b):
    eph = ephemeris.default()
    for t in (t_a, t_b):
        if not eph.start_s <= t <= eph.end_s:
            eph.check_span(t, "until" if t == t_b else "state.epoch")
    pck = forces.field_orientation()
    drag = forces.term(Drag)
    if pck is None and (drag is not None or any(e.needs_body_frame for e in events)):
        pck = forces.body_orientation()
    if drag is not None and drag.atmosphere == "NRLMSIS2.1":
        days = [(Epoch.from_tdb_seconds(t).seconds("utc") + 43200.0) / 86400.0 for t in (t_a, t_b)]
        space_weather.load().check(days, "until")
    if pck is not None:
        for t in (t_a, t_b):
            if not pck.start_s <= t <= pck.end_s:
                raise OutOfCoverageError("until" if t == t_b else "state.epoch", Epoch.from_tdb_seconds(t).iso("tdb", 3),
                                         f"{Epoch.from_tdb_seconds(pck.start_s).iso('tdb', 0)} to "
                                         f"{Epoch.from_tdb_seconds(pck.end_s).iso('tdb', 0)} TDB "
                                         f"({pck.table.source})")


def _in_center(state, forces):
    state = state.in_gcrf()
    center = forces.body.name
    if state.center == center:
        return state
    r, v = ephemeris.state(state.center, state.epoch, center=center)
    return State(state.epoch, state.r_m + r, state.v_m_s + v, state.mass_kg, center, "GCRF")


def _schedule(maneuvers, t0, t_end):
    """Cut times (TDB s) strictly inside the span, and the impulses at each."""
    lo, hi = sorted((t0, t_end))
    cuts, burns = set(), []
    for m in maneuvers:
        if isinstance(m, FiniteBurn):
            burns.append(m)
            cuts.update(t for t in (m.start_s, m.end_s) if lo < t < hi)
        elif isinstance(m, Impulse):
            if lo <= m.epoch.tdb_seconds <= hi:
                cuts.add(m.epoch.tdb_seconds)
        else:
            raise FarsideValueError("maneuvers", m, "FiniteBurn or Impulse objects")
    burns.sort(key=lambda b: b.start_s)
    for a, b in zip(burns, burns[1:]):
        if b.start_s < a.end_s:
            raise FarsideValueError("maneuvers", f"burns at {a.start.iso()} and {b.start.iso()}",
                                    "finite burns that do not overlap")
    forward = t_end >= t0
    return sorted(cuts, reverse=not forward) + [t_end], burns


def _burn_at(burns, t_mid):
    for b in burns:
        if b.start_s <= t_mid <= b.end_s:
            return b
    return None


_NO_OUTPUTS = np.empty(0)
METHODS = ("DOP853", "RKF78")
MIN_RTOL = 10.0 * np.finfo(float).eps
"""Below this the error estimate is roundoff (Hairer's dop853 refuses it too)."""


class Propagator:
    """A force model, its events and tolerances prepared once, for many propagations.

        prop = Propagator(model, [events.altitude(0.0, radius_m, "falling", "stop")])
        for cycle in range(n):                      # a guidance loop
            prop.set_thrust(Thrust(7500.0, 315.0, direction, "inertial"))
            state = prop.advance(state, dt).final_state()

    The kernel's arrays are packed once (``parameters`` is their flat parameter vector: the header
    ``farside.core.force_model.R_*``, then each term's reals); :meth:`set_thrust` writes a thrust,
    its mass flow, direction and axes into the thrust's row, so nothing is rebuilt or recompiled between calls. :meth:`run` is
    :func:`propagate` (manoeuvres, events, impulses); :meth:`advance` flies the current parameters
    without manoeuvres. The same arithmetic as :func:`propagate`, bit for bit. Arguments as
    :func:`propagate`'s; not for concurrent use from several threads.
    """

    def __init__(self, forces: ForceModel, events=(), *, rtol=1e-12, atol=1e-9, max_step_s=None,
                 method="DOP853", max_steps=10_000_000):
        if method not in METHODS:
            raise FarsideValueError("method", method, ", ".join(METHODS))
        if not isinstance(forces, ForceModel):
            raise FarsideValueError("forces", forces, "a ForceModel")
        self.forces = forces
        self.events = list(events)
        _check_events(self.events, forces)
        self.rtol, self.atol, self.h_max = _settings(rtol, atol, max_step_s)
        self.method = method
        self.max_steps = max_steps
        self._packed: dict[bool, tuple] = {}
        """Packed events by whether the body's surface stops the flight (see `through_surfaces`)."""
        self._packed_forces = forces.pack(events=self.events, thrust_slot=True)
        self._arrays = self._packed_forces.arrays
        self._thrust = forces.term(Thrust)

    @property
    def parameters(self) -> np.ndarray:
        """The force model's flat parameter vector (written in place by the setters)."""
        return self._arrays.reals

    def set_thrust(self, thrust: Thrust | None):
        """Fly ``thrust`` from the next call on; None: the force model's own (its `Thrust` term or none)."""
        if thrust is not None and not isinstance(thrust, Thrust):
            raise FarsideValueError("thrust", thrust, "a Thrust, or None")
        self._thrust = thrust if thrust is not None else self.forces.term(Thrust)

    def advance(self, state: State, duration_s=None, *, until=None, dense=True, outputs=None) -> Segment:
        """``state`` by ``duration_s`` seconds (or to ``until``) under the current parameters."""
        return self.run(state, until, duration_s=duration_s, dense=dense, outputs=outputs)

    def run(self, state: State, until=None, maneuvers=(), *, duration_s=None, dense=True, outputs=None) -> Segment:
        """As :func:`propagate` with this propagator's force model, events and tolerances."""
        forces = self.forces
        state = _in_center(state, forces)
        _check_start(state, forces)
        t0 = state.epoch.tdb_seconds
        t_end = t0 + _end_seconds(state, until, duration_s)
        _check_coverage(forces, self.events, t0, t_end)
        if outputs is not None and self.method != "DOP853":
            raise FarsideValueError("outputs", "given", "DOP853 (with RKF78: a dense segment and Segment.state_vectors)")
        grid = None if outputs is None else OutputGrid(outputs, t0, t_end)
        solid = _SURFACES_ARE_SOLID.get()
        if solid not in self._packed:
            self._packed[solid] = ev.pack(self.events + _surface_event(forces))
        packed = self._packed[solid]
        cuts, burns = _schedule(maneuvers, t0, t_end) if maneuvers else ([t_end], [])
        impulses = [m for m in maneuvers if isinstance(m, Impulse)]
        segment = Segment(center=forces.body.name, pieces=[])
        segment.forces = forces
        current = state
        for impulse in impulses:
            if impulse.epoch.tdb_seconds == t0:
                current = impulse.apply(current)
        start_s = t0
        run = _run if self.method == "DOP853" else _run_rkf78
        for cut in cuts:
            burn = _burn_at(burns, 0.5 * (start_s + cut))
            self._packed_forces.set_thrust(self._thrust if burn is None else burn.thrust)
            self._packed_forces.set_epoch(start_s)
            while True:
                current, finished, stopped = run(segment, self._arrays, current, cut, self.rtol, self.atol,
                                                 self.h_max, dense, self.events, packed, self.max_steps,
                                                 grid, cut == t_end)
                if finished:
                    break
                if stopped:
                    segment.final = current
                    segment.outputs = None if grid is None else grid.close(current)
                    return segment
            for impulse in impulses:
                if impulse.epoch.tdb_seconds == cut and cut != t_end:
                    current = impulse.apply(current)
            start_s = cut
        segment.final = current
        segment.outputs = None if grid is None else grid.close(current)
        return segment


def propagate(state: State, until: EpochLike | None = None, forces: ForceModel | None = None,
              events: Sequence = (), maneuvers: Sequence = (), *, duration_s: float | None = None,
              rtol: float | npt.ArrayLike = 1e-12, atol: float | npt.ArrayLike = 1e-9, max_step_s: float | None = None,
              dense: bool = True, method: str = "DOP853", max_steps: int = 10_000_000,
              outputs: npt.ArrayLike | None = None) -> Segment:
    """Propagate ``state`` to ``until`` (an `Epoch`) or by ``duration_s`` seconds (negative:
    backwards) under ``forces`` (default: point-mass ``state.center``), locating ``events`` and
    flying ``maneuvers``. Returns a `Segment` (dense unless ``dense=False``) about the force
    model's central body, with ``segment.events`` the `EventOccurrence` list in time order.
    ``method``: ``"DOP853"`` (its own 7th-order dense output) or ``"RKF78"`` (Fehlberg 7(8),
    dense output by Hermite interpolation across step boundaries, events by re-integration).
    Many calls with one force model: a `Propagator` (built once) does the same work.
    ``outputs`` (epochs, `Epoch` or TDB seconds, from the start to the end in the direction of
    flight; DOP853 only): their states ``(n, 7)`` in ``segment.outputs``, as
    ``segment.state_vectors(outputs)`` would give them, formed in the kernel from the steps that
    hold them (with ``dense=False`` the interpolation is formed for those steps only); up to a
    terminal event's epoch when one stops the flight. At the end of the propagation the final
    state itself.

    Raises `FarsideValueError` for bad arguments (a start inside the central body, non-finite
    values, overlapping burns), `OutOfCoverageError` outside the ephemeris or orientation data,
    and `PropagationError` when the integrator cannot meet its tolerance.
    """
    forces = forces if forces is not None else ForceModel(state.center)
    propagator = Propagator(forces, events, rtol=rtol, atol=atol, max_step_s=max_step_s, method=method,
                            max_steps=max_steps)
    return propagator.run(state, until, maneuvers, duration_s=duration_s, dense=dense, outputs=outputs)


def _failure(status, t1, tau, h_last, rtol, atol, max_steps, forces=None, y=None):
    where = Epoch.from_tdb_seconds(t1, tau).iso("tdb", 6)
    if forces is not None and y is not None and np.all(np.isfinite(y[:3])):
        radius = float(np.linalg.norm(y[:3]))
        floor = _surface_floor(forces.body)
        if radius < floor:
            return PropagationError(f"the trajectory enters {forces.body.name} at {where} TDB (|r| = {radius:.0f} m, "
                                    f"below its lowest surface, {floor:.0f} m): stop it with an altitude event")
    reason = {dop853.STEP_TOO_SMALL: "the step size fell below the resolution of time while meeting the tolerance",
              dop853.TOO_MANY_STEPS: f"max_steps={max_steps} was reached",
              dop853.NON_FINITE: "the state or its derivative is not finite"}[status]
    return PropagationError(f"propagation stopped at {where} TDB with step {h_last:.3e} s: {reason} "
                            f"(rtol={rtol[0]:g}, atol={atol[0]:g}); check the force model and the state")


def _run_rkf78(segment, model, state, t_stop, rtol, atol, h_max, dense, events, packed, max_steps, grid, last):
    t1 = state.epoch.tdb_seconds
    (status, taus, nodes_y, nodes_f, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_last,
     n_evals) = rkf78_propagate_hf(model, t1, state.vector(), t_stop - t1, rtol, atol, h_max, dense, *packed,
                                   max_steps)
    segment.n_evaluations += n_evals
    if status < 0:
        raise _failure(status, t1, tau, h_last, rtol, atol, max_steps, segment.forces, y)
    return _finish(segment, events, state, t1, status, tau, y, ev_index, ev_tau, ev_state, n_events,
                   _rkf78_piece(t1, taus, nodes_y, nodes_f, n_steps, tau, dense))


def _rkf78_piece(t1, taus, nodes_y, nodes_f, n_steps, tau, dense):
    if not dense or n_steps == 0:
        return Piece(t1, np.array([0.0, tau]), np.empty((0, 8, 7)), tau) if not dense else None
    coefs = hermite_coefficients(taus[:n_steps + 1], nodes_y[:n_steps + 1], nodes_f[:n_steps + 1])
    return Piece(t1, taus[:n_steps + 1].copy(), coefs, tau)


def _finish(segment, events, state, t1, status, tau, y, ev_index, ev_tau, ev_state, n_events, piece):
    """Record a run's piece and events; returns (state, reached the stop, stopped for good)."""
    if piece is not None:
        segment.pieces.append(piece)
    for i in range(n_events):
        if ev_index[i] == len(events):
            _surface_reached(segment, Epoch.from_tdb_seconds(t1, ev_tau[i]))
        segment.events.append(ev.EventOccurrence(events[ev_index[i]].name,
                                                 Epoch.from_tdb_seconds(t1, ev_tau[i]), ev_state[i].copy()))
    end = State.from_vector(Epoch.from_tdb_seconds(t1, tau), y, state.center)
    if status == dop853.STOPPED_BY_EVENT:
        action = events[ev_index[n_events - 1]].action
        if action == "stop":
            return end, False, True
        return action(end), False, False
    return end, True, False


def _surface_reached(segment, epoch):
    body = segment.forces.body
    raise PropagationError(f"the trajectory reaches the surface of {body.name} at {epoch.iso('tdb', 3)} TDB "
                           f"(|r| = {_surface_floor(body):.0f} m, its lowest surface point): an impact; stop the "
                           "propagation with an altitude event, or raise the orbit")


def _run(segment, model, state, t_stop, rtol, atol, h_max, dense, events, packed, max_steps, grid, last):
    """One kernel run from ``state`` to ``t_stop`` (``last``: the end of the propagation), its
    output states added to ``grid``; returns (state, reached t_stop, stopped)."""
    t1 = state.epoch.tdb_seconds
    y0 = state.vector()
    out_tau = _NO_OUTPUTS if grid is None else grid.taus(t1, t_stop, last)
    (status, taus, coefs, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_last,
     n_evals, out_y, n_out) = dop853.propagate(model, t1, y0, t_stop - t1, rtol, atol, h_max, dense, out_tau,
                                               *packed, max_steps)
    segment.n_evaluations += n_evals
    if status < 0:
        raise _failure(status, t1, tau, h_last, rtol, atol, max_steps, segment.forces, y)
    if grid is not None:
        grid.add(out_y[:n_out])
    piece = None
    if dense and n_steps > 0:
        piece = Piece(t1, taus[:n_steps + 1].copy(), coefs[:n_steps].copy(), tau)
    elif not dense:
        piece = Piece(t1, np.array([0.0, tau]), np.empty((0, 8, 7)), tau)
    return _finish(segment, events, state, t1, status, tau, y, ev_index, ev_tau, ev_state, n_events, piece)
