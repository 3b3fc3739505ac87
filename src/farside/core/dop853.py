"""DOP853 propagation kernels: adaptive steps, 7th-order dense output, events.

The steps are those of :mod:`farside.core.dop853_step` (Hairer, Norsett & Wanner, *Solving
Ordinary Differential Equations I*, 2nd ed. 1993, §II.4 and §II.10); the independent variable is
``tau``, seconds since the segment's start epoch ``t1`` (TDB seconds past J2000), so the epoch of
every stage is the exact two-part sum ``t1 + tau``.

:func:`propagate_hf` keeps the trajectory's dense output when asked, forms output states and
locates events; dense output is formed only where it is used: for every step when the caller
keeps the trajectory, else only for the steps that hold a requested output time or in which an
event function changes sign. :func:`propagate_plain_hf` flies the runs that need none of that
(no kept steps, no output times, only events seen at step ends: `farside.core.events.plain_events`)
with the same steps, in arrays its caller makes (:func:`plain_scratch`), and stops at the first
sign change of an event; :func:`propagate` chooses, and flies such a run again with
:func:`propagate_hf`, so its results are those of :func:`propagate_hf` bit for bit. Most runs then
compile and run the small kernel alone (the compile time of a cold start: the event location and
dense output are compiled when first used).
"""
import numpy as np

from farside.core.dense_output import dense_state_hf
from farside.core.dop853_step import (REJECTED, TOO_SMALL, attempt_step_hf, copy_hf, dense_coefficients_hf,
                                      fsal_hf, start_hf)
from farside.core.dop853_tableau import N_STAGES, N_STAGES_EXTENDED
from farside.core.events import (EVENT_TIME_TOL_S, brent_root_hf, crosses_hf, event_row_value_hf, event_value_hf,
                                 plain_event_value_hf, plain_events, subintervals_hf)
from farside.core.force_model import scratch, scratch_hf
from farside.core.jit import CALLEE, jit


# status codes of propagate_hf
REACHED_END = 0
STOPPED_BY_EVENT = 1
STEP_TOO_SMALL = -1
TOO_MANY_STEPS = -2
NON_FINITE = -3
EVENT_SEEN = 2
"""propagate_plain_hf: an event changed sign in the last step (the run is flown again by propagate_hf)."""


@jit(**CALLEE)
def _grow_hf(taus, coefs, n_steps):
    capacity = 2 * coefs.shape[0]
    new_taus = np.empty(capacity + 1)
    new_coefs = np.empty((capacity, coefs.shape[1], coefs.shape[2]))
    for i in range(n_steps + 1):
        new_taus[i] = taus[i]
    for i in range(n_steps):
        for j in range(coefs.shape[1]):
            copy_hf(coefs[i, j], new_coefs[i, j])
    return new_taus, new_coefs


@jit(**CALLEE)
def _doubled_hf(a):
    """A 1-D array twice as long, its first half ``a``."""
    out = np.empty(2 * a.shape[0], dtype=a.dtype)
    copy_hf(a, out)
    return out


@jit(**CALLEE)
def _doubled_rows_hf(a):
    """A 2-D array with twice the rows, its first rows ``a``."""
    out = np.empty((2 * a.shape[0], a.shape[1]))
    for i in range(a.shape[0]):
        copy_hf(a[i], out[i])
    return out


@jit(_nrt=False, **CALLEE)
def fill_outputs_hf(coefs, tau, h, limit, y, direction, out_tau, out_y, n_out):
    """Outputs ``out_tau[n_out:]`` before ``limit`` (in the direction of flight) into ``out_y``:
    the step's start state ``y`` exactly at ``tau``, its dense output ``coefs`` after; returns
    the new count."""
    while n_out < out_tau.shape[0] and direction * (out_tau[n_out] - limit) < 0.0:
        if out_tau[n_out] == tau:
            copy_hf(y, out_y[n_out])
        else:
            dense_state_hf(coefs, tau, h, out_tau[n_out], out_y[n_out])
        n_out += 1
    return n_out


@jit(_nrt=False, **CALLEE)
def output_inside_hf(out_tau, n_out, tau, tau_new, direction):
    """Whether an output time not yet filled lies strictly inside the step ``(tau, tau_new)``."""
    j = n_out
    while j < out_tau.shape[0] and out_tau[j] == tau:
        j += 1
    return j < out_tau.shape[0] and direction * (out_tau[j] - tau_new) < 0.0


@jit
def propagate_hf(fa, t1, y0, tau_end, rtol, atol, h_max, keep, out_tau, ev_kind, ev_dir, ev_stop,
                 ev_params, ev_check, max_steps):
    """Integrate from ``(tau=0, y0)`` to ``tau_end`` (either sign) or the first terminal event.

    Returns ``(status, taus, coefs, n_steps, y_final, tau_final, ev_index, ev_tau, ev_state,
    n_events, h_last, n_evals, out_y, n_out)``: with ``keep`` the step boundaries
    ``taus[:n_steps+1]`` and interpolation coefficients ``coefs[:n_steps]`` (8, n) of every step;
    the events found in time order (index into the event arrays, time, state), leaving out a root
    at the very start (the event that ended the previous run). An event with ``ev_check > 0`` is
    also sampled inside each step at that interval (s), so a crossing pair shorter than a step is
    not missed. ``out_y[:n_out]`` are the states at the times ``out_tau`` (ordered in the
    direction of flight, from 0): from the dense output of the step that holds each (the step's
    length taken as its recorded boundaries give it, as a dense `Segment` does), a step's start
    state exactly at its start, the final state for those left when ``tau_end`` is reached (the
    caller's slack), none at or after a terminal event. On failure (status < 0) the time
    ``tau_final`` and step ``h_last`` where the integration stopped.
    """
    n = y0.shape[0]
    n_ev = ev_kind.shape[0]
    p, trig, buf = scratch_hf(fa)
    K = np.empty((N_STAGES_EXTENDED, n))
    work = np.empty((4, n))
    y = y0.copy()
    y_new = np.empty(n)
    y_stage = np.empty(n)
    y_event = np.empty(n)
    scale = np.empty(n)
    step_coefs = np.empty((8, n))
    capacity = 64 if keep else 1
    taus = np.empty(capacity + 1)
    coefs = np.empty((capacity, 8, n))
    out_y = np.empty((out_tau.shape[0], n))
    n_out = np.int64(0)  # typed, not the literal 0: fill_outputs_hf compiles once, not twice
    ev_index = np.empty(16, dtype=np.int64)
    ev_tau = np.empty(16)
    ev_state = np.empty((16, n))
    n_events = 0
    found_e = np.empty(16, dtype=np.int64)
    found_tau = np.empty(16)
    y_sub = np.empty(n)
    g_old = np.empty(n_ev)
    g_new = np.empty(n_ev)
    direction = 1.0 if tau_end >= 0.0 else -1.0
    tau = 0.0
    taus[0] = 0.0
    n_steps = 0
    for e in range(n_ev):
        g_old[e] = event_value_hf(fa, buf, ev_kind[e], ev_params[e], t1, tau, y)
    finite, h_abs = start_hf(fa, p, trig, buf, t1, y, K, tau_end, rtol, atol, h_max, work)
    if not finite:
        return (NON_FINITE, taus, coefs, 0, y, tau, ev_index, ev_tau, ev_state, 0, 0.0, 1, out_y, 0)
    n_evals = 2
    rejected = np.bool_(False)  # typed, not the literal False: attempt_step_hf compiles once, not twice
    status = REACHED_END
    for _ in range(max_steps):
        if direction * (tau_end - tau) <= 0.0:
            break
        outcome, h, tau_new, value = attempt_step_hf(fa, p, trig, buf, t1, tau, y, h_abs, direction, tau_end, rtol,
                                                     atol, rejected, K, y_stage, y_new, scale)
        if outcome == TOO_SMALL:
            return (STEP_TOO_SMALL, taus, coefs, n_steps, y, tau, ev_index, ev_tau, ev_state,
                    n_events, h_abs, n_evals, out_y, n_out)
        n_evals += N_STAGES
        if outcome == REJECTED:
            h_abs = value
            rejected = True
            continue
        rejected = False
        have_dense = False
        if keep or output_inside_hf(out_tau, n_out, tau, tau_new, direction):
            dense_coefficients_hf(fa, p, trig, buf, t1, tau, y, y_new, h, K, y_stage, step_coefs)
            n_evals += 3
            have_dense = True
            if keep:
                if n_steps + 1 > coefs.shape[0]:
                    taus, coefs = _grow_hf(taus, coefs, n_steps)
                for j in range(8):
                    copy_hf(step_coefs[j], coefs[n_steps, j])
        n_found = 0
        for e in range(n_ev):
            n_sub = subintervals_hf(h, ev_check[e])
            tau_a = tau
            g_a = g_old[e]
            for k in range(1, n_sub + 1):
                if k == n_sub:
                    tau_b = tau_new
                    copy_hf(y_new, y_sub)
                else:
                    if not have_dense:
                        dense_coefficients_hf(fa, p, trig, buf, t1, tau, y, y_new, h, K, y_stage, step_coefs)
                        n_evals += 3
                        have_dense = True
                    tau_b = tau + h * k / n_sub
                    dense_state_hf(step_coefs, tau, h, tau_b, y_sub)
                g_b = event_row_value_hf(fa, buf, ev_kind, ev_params, e, t1, tau_b, y_sub)
                if crosses_hf(g_a, g_b, ev_dir[e]):
                    if not have_dense:
                        dense_coefficients_hf(fa, p, trig, buf, t1, tau, y, y_new, h, K, y_stage, step_coefs)
                        n_evals += 3
                        have_dense = True
                    root = brent_root_hf(fa, buf, ev_kind[e], ev_params[e], t1, step_coefs, tau, h,
                                         tau_a, tau_b, g_a, g_b, y_event)
                    if not (n_steps == 0 and abs(root) <= 10.0 * EVENT_TIME_TOL_S):
                        if n_found == found_e.shape[0]:
                            found_e = _doubled_hf(found_e)
                            found_tau = _doubled_hf(found_tau)
                        found_e[n_found] = e
                        found_tau[n_found] = root
                        n_found += 1
                tau_a = tau_b
                g_a = g_b
            g_new[e] = g_a
        # record in time order, up to and including the first terminal event
        first_stop = -1
        stop_tau = tau_new
        for _k in range(n_found):
            best = -1
            for j in range(n_found):
                if found_e[j] >= 0 and (best < 0 or direction * (found_tau[j] - found_tau[best]) < 0.0):
                    best = j
            if n_events == ev_index.shape[0]:
                ev_index = _doubled_hf(ev_index)
                ev_tau = _doubled_hf(ev_tau)
                ev_state = _doubled_rows_hf(ev_state)
            ev_index[n_events] = found_e[best]
            ev_tau[n_events] = found_tau[best]
            dense_state_hf(step_coefs, tau, h, found_tau[best], ev_state[n_events])
            n_events += 1
            if ev_stop[found_e[best]]:
                first_stop = found_e[best]
                stop_tau = found_tau[best]
                break
            found_e[best] = -1
        n_out = fill_outputs_hf(step_coefs, tau, tau_new - tau, stop_tau, y, direction, out_tau, out_y, n_out)
        n_steps += 1
        if keep:
            taus[n_steps] = tau + h
        if first_stop >= 0:
            dense_state_hf(step_coefs, tau, h, stop_tau, y)
            return (STOPPED_BY_EVENT, taus, coefs, n_steps, y, stop_tau, ev_index, ev_tau,
                    ev_state, n_events, h, n_evals, out_y, n_out)
        for e in range(n_ev):
            g_old[e] = g_new[e]
        tau = tau_new
        copy_hf(y_new, y)
        fsal_hf(K)
        h_abs = min(abs(h) * value, h_max)
    else:
        status = TOO_MANY_STEPS
    if status == REACHED_END:
        for j in range(n_out, out_tau.shape[0]):
            copy_hf(y, out_y[j])
        n_out = out_tau.shape[0]
    return (status, taus, coefs, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_abs,
            n_evals, out_y, n_out)


def plain_scratch(fa, n, n_ev):
    """The arrays :func:`propagate_plain_hf` works in, uninitialised, for a state of ``n``
    components and ``n_ev`` events: the force sum's scratch (as
    `farside.core.force_model.scratch_hf` makes it), the stages, the starting step's rows, the new
    state, a stage's state, the error scales and the events' last values."""
    p, trig, buf = scratch(fa)
    return (p, trig, buf, np.empty((N_STAGES_EXTENDED, n)), np.empty((4, n)), np.empty(n), np.empty(n), np.empty(n),
            np.empty(n_ev))


@jit(_nrt=False)
def propagate_plain_hf(fa, t1, y, tau_end, rtol, atol, h_max, ev_kind, ev_dir, ev_params, max_steps, work_arrays):
    """:func:`propagate_hf`'s steps from ``(tau=0, y)`` to ``tau_end`` with no kept steps, no
    output times and events of `farside.core.events.plain_events` only, up to the first step at
    whose end an event has changed sign (then status EVENT_SEEN, the rest to be ignored); in the
    arrays of :func:`plain_scratch` (``work_arrays``), allocating none, so compiled without
    reference counting (a fraction of the code). Returns ``(status, tau_final, h_last, n_evals,
    n_steps)``, with the final state in ``y``, as :func:`propagate_hf` gives them for such a run
    when no event changes sign."""
    p, trig, buf, K, work, y_new, y_stage, scale, g_old = work_arrays
    n_ev = ev_kind.shape[0]
    direction = 1.0 if tau_end >= 0.0 else -1.0
    tau = 0.0
    for e in range(n_ev):
        g_old[e] = plain_event_value_hf(ev_kind[e], ev_params[e], y)
    finite, h_abs = start_hf(fa, p, trig, buf, t1, y, K, tau_end, rtol, atol, h_max, work)
    if not finite:
        return NON_FINITE, tau, 0.0, 1, 0
    n_evals = 2
    n_steps = 0
    rejected = np.bool_(False)  # typed, not the literal False: attempt_step_hf compiles once, not twice
    for _ in range(max_steps):
        if direction * (tau_end - tau) <= 0.0:
            return REACHED_END, tau, h_abs, n_evals, n_steps
        outcome, h, tau_new, value = attempt_step_hf(fa, p, trig, buf, t1, tau, y, h_abs, direction, tau_end, rtol,
                                                     atol, rejected, K, y_stage, y_new, scale)
        if outcome == TOO_SMALL:
            return STEP_TOO_SMALL, tau, h_abs, n_evals, n_steps
        n_evals += N_STAGES
        if outcome == REJECTED:
            h_abs = value
            rejected = True
            continue
        rejected = False
        for e in range(n_ev):
            g = plain_event_value_hf(ev_kind[e], ev_params[e], y_new)
            if crosses_hf(g_old[e], g, ev_dir[e]):
                return EVENT_SEEN, tau_new, h, n_evals, n_steps + 1
            g_old[e] = g
        n_steps += 1
        tau = tau_new
        copy_hf(y_new, y)
        fsal_hf(K)
        h_abs = min(abs(h) * value, h_max)
    return TOO_MANY_STEPS, tau, h_abs, n_evals, n_steps


def propagate(fa, t1, y0, tau_end, rtol, atol, h_max, keep, out_tau, ev_kind, ev_dir, ev_stop, ev_params, ev_check,
              max_steps):
    """:func:`propagate_hf`'s run and results (the same tuple, the same bits), flown by
    :func:`propagate_plain_hf` when the run allows it (no ``keep``, no ``out_tau``, only
    `~farside.core.events.plain_events`) and no event changes sign on the way; else (and then
    from the start again) by :func:`propagate_hf`. A plain run's ``taus`` is ``[0]``, its
    ``coefs``, event and output arrays are empty (``n_steps`` counts its steps)."""
    if keep or out_tau.shape[0] or not plain_events(ev_kind, ev_params, ev_check):
        return propagate_hf(fa, t1, y0, tau_end, rtol, atol, h_max, keep, out_tau, ev_kind, ev_dir, ev_stop,
                            ev_params, ev_check, max_steps)
    n = y0.shape[0]
    y = y0.copy()
    status, tau, h_last, n_evals, n_steps = propagate_plain_hf(fa, t1, y, tau_end, rtol, atol, h_max, ev_kind, ev_dir,
                                                               ev_params, max_steps,
                                                               plain_scratch(fa, n, ev_kind.shape[0]))
    if status == EVENT_SEEN:
        return propagate_hf(fa, t1, y0, tau_end, rtol, atol, h_max, keep, out_tau, ev_kind, ev_dir, ev_stop,
                            ev_params, ev_check, max_steps)
    return (status, np.zeros(1), np.empty((0, 8, n)), n_steps, y, tau, np.empty(0, dtype=np.int64), np.empty(0),
            np.empty((0, n)), 0, h_last, n_evals, np.empty((0, n)), 0)
