"""DOP853 for many samples, `LANES` at a time: every lane flies its own sample with its own step
size, time and accept/reject, and each stage evaluates the force for all lanes at once
(:func:`farside.core.force_lanes.derivatives_lanes_hf`), the lanes side by side in vector
registers.

Each lane repeats :func:`farside.core.dop853.propagate_plain_hf` operation for operation (the same
tableau sums in the same order, the same starting step, error measure and step control, the last
two by the very functions of :mod:`farside.core.dop853_step` on the lane's copies), so a sample's
result is bit for bit that of its single propagation, whatever lane it flies in and whatever flies
beside it. A lane whose sample ends takes the next one. Models: those of
:mod:`farside.core.force_lanes`; events: those of `farside.core.events.plain_events`. A sample that
does not reach the end (an event changed sign, or a failure) is returned with its status, to be
flown again by the single-sample kernels (which give its events, its output and its error).
References: Hairer, Norsett & Wanner, *Solving Ordinary Differential Equations I* (2nd ed. 1993),
§II.4 and §II.10.
"""
import numpy as np

from farside.core import lane_vectors as lv
from farside.core.dop853 import EVENT_SEEN, NON_FINITE, REACHED_END, STEP_TOO_SMALL, TOO_MANY_STEPS
from farside.core.dop853_step import _error_scale_hf, all_finite_hf, error_norm_hf, start_hf
from farside.core.dop853_tableau import N_STAGES, N_STAGES_EXTENDED, A, B, C
from farside.core.events import crosses_hf, plain_event_value_hf
from farside.core.force_lanes import derivatives_lanes_hf
from farside.core.force_model import I_FIELD_DEGREE, scratch_hf
from farside.core.jit import jit
from farside.core.lane_vectors import LANES
from farside.core.step_control import EPS, accepted_factor_hf, rejected_factor_hf

N_STATE = 7
"""Components of a state: position (m), velocity (m/s), mass (kg)."""


@jit(_nrt=False)
def lane_step_hf(fa, kinds, p, trig, rot, vec, t1, times, y, K, y_stage, y_new):
    """``farside.core.dop853_step.rk_step_hf`` in every lane: from ``(tau, y)`` (``times[0]``,
    ``y`` (7, LANES)) with ``K[0]`` the derivative there, steps of ``h`` (``times[1]``): the stages
    in ``K[1:12]``, the solution in ``y_new`` and its derivative in ``K[12]`` (``times[2]``
    scratch: the stages' epochs, s since ``t1``)."""
    tau = lv.load(times, 0)
    h = lv.load(times, 1)
    stage_t = times[2]
    for s in range(1, N_STAGES):
        for i in range(N_STATE):
            acc = lv.splat(0.0)
            for j in range(s):
                acc = lv.add(acc, lv.mul(lv.splat(A[s, j]), lv.load(K[j], i)))
            lv.store(y_stage, i, lv.add(lv.load(y, i), lv.mul(h, acc)))
        lv.store(times, 2, lv.add(tau, lv.mul(lv.splat(C[s]), h)))
        derivatives_lanes_hf(fa, kinds, p, trig, rot, vec, t1, stage_t, y_stage, K[s])
    for i in range(N_STATE):
        acc = lv.splat(0.0)
        for j in range(N_STAGES):
            acc = lv.add(acc, lv.mul(lv.splat(B[j]), lv.load(K[j], i)))
        lv.store(y_new, i, lv.add(lv.load(y, i), lv.mul(h, acc)))
    lv.store(times, 2, lv.add(tau, h))
    derivatives_lanes_hf(fa, kinds, p, trig, rot, vec, t1, stage_t, y_new, K[N_STAGES])


@jit
def propagate_lanes_hf(fa, kinds, t1, y0s, rows, tau_end, rtol, atol, h_max, ev_kind, ev_dir, ev_params,
                       max_steps):
    """Fly ``y0s[rows[i]]`` from ``tau = 0`` to ``tau_end`` for each i, `LANES` at a time; returns
    ``(status, y_final, tau_final, h_last, n_evals)`` per row as ``propagate_plain_hf`` gives them
    when the status is REACHED_END (any other status: fly the row again on its own). Longer than
    a function should be: the lanes' scratch and state, allocated once here, and the loop over the
    steps that uses them are one kernel."""
    n_rows = rows.shape[0]
    out = (np.empty(n_rows, dtype=np.int64), np.empty((n_rows, N_STATE)), np.empty(n_rows), np.empty(n_rows),
           np.empty(n_rows, dtype=np.int64))
    degree = max(fa.ints[I_FIELD_DEGREE], 0)
    p = np.empty((3, degree + 2, LANES))
    trig = np.empty((2, degree + 1, LANES))
    rot = np.empty((9, LANES))
    vec = np.empty((6, LANES))
    sp, strig, sbuf = scratch_hf(fa)
    K = np.empty((N_STAGES + 1, N_STATE, LANES))
    y = np.zeros((N_STATE, LANES))
    y_stage = np.empty((N_STATE, LANES))
    y_new = np.empty((N_STATE, LANES))
    times = np.zeros((3, LANES))
    tau_new = np.zeros(LANES)
    lane = np.full(LANES, -1, dtype=np.int64)
    counts = np.zeros((3, LANES), dtype=np.int64)   # attempts, evaluations, accepted steps
    h_abs = np.zeros(LANES)
    rejected = np.zeros(LANES, dtype=np.bool_)
    g_old = np.empty((ev_kind.shape[0], LANES))
    k_one = np.empty((N_STAGES_EXTENDED, N_STATE))
    work = np.empty((4, N_STATE))
    y_one = np.empty(N_STATE)
    new_one = np.empty(N_STATE)
    scale = np.empty(N_STATE)
    direction = 1.0 if tau_end >= 0.0 else -1.0
    following = np.int64(0)  # typed, not the literal 0: _fill_hf compiles once, not twice
    for l in range(LANES):
        following = _fill_hf(fa, sp, strig, sbuf, t1, y0s, rows, following, l, tau_end, rtol, atol, h_max,
                             ev_kind, ev_params, lane, y, K, times, h_abs, rejected, counts, g_old, k_one, work,
                             y_one, out)
    while True:
        active = False
        for l in range(LANES):
            while lane[l] >= 0:
                tau = times[0, l]
                if counts[0, l] >= max_steps:
                    code = TOO_MANY_STEPS
                elif direction * (tau_end - tau) <= 0.0:
                    code = REACHED_END
                elif h_abs[l] < 10.0 * EPS * max(abs(tau), 1.0):
                    code = STEP_TOO_SMALL
                else:
                    break
                _record_hf(out, lane[l], code, y, l, tau, h_abs[l], counts[1, l])
                following = _fill_hf(fa, sp, strig, sbuf, t1, y0s, rows, following, l, tau_end, rtol, atol, h_max,
                                     ev_kind, ev_params, lane, y, K, times, h_abs, rejected, counts, g_old, k_one,
                                     work, y_one, out)
            times[1, l] = 0.0
            if lane[l] >= 0:
                active = True
                tau = times[0, l]
                h = direction * h_abs[l]
                tau_new[l] = tau + h
                if direction * (tau_new[l] - tau_end) >= 0.0:
                    tau_new[l] = tau_end
                    h = tau_new[l] - tau
                times[1, l] = h
        if not active:
            return out
        lane_step_hf(fa, kinds, p, trig, rot, vec, t1, times, y, K, y_stage, y_new)
        for l in range(LANES):
            if lane[l] < 0:
                continue
            h = times[1, l]
            counts[0, l] += 1
            counts[1, l] += N_STAGES
            accepted, value = _judge_hf(y, y_new, K, l, h, rtol, atol, rejected, y_one, new_one, k_one, scale)
            if not accepted:
                h_abs[l] = value
                continue
            if _event_seen_hf(ev_kind, ev_dir, ev_params, g_old, l, new_one):
                _record_hf(out, lane[l], EVENT_SEEN, y_new, l, tau_new[l], h, counts[1, l])
                following = _fill_hf(fa, sp, strig, sbuf, t1, y0s, rows, following, l, tau_end, rtol, atol, h_max,
                                     ev_kind, ev_params, lane, y, K, times, h_abs, rejected, counts, g_old, k_one,
                                     work, y_one, out)
                continue
            counts[2, l] += 1
            times[0, l] = tau_new[l]
            for i in range(N_STATE):
                y[i, l] = y_new[i, l]
                K[0, i, l] = K[N_STAGES, i, l]
            h_abs[l] = min(abs(h) * value, h_max)


@jit(inline="always")
def _judge_hf(y, y_new, K, l, h, rtol, atol, rejected, y_one, new_one, k_one, scale):
    """``attempt_step_hf``'s error control of lane ``l``'s step ``h`` on copies of the lane (the
    new state left in ``new_one``): ``(accepted, value)``, value the growth factor of the next
    step, or the step to try after a rejection; ``rejected[l]`` updated."""
    for i in range(N_STATE):
        y_one[i] = y[i, l]
        new_one[i] = y_new[i, l]
        for j in range(N_STAGES + 1):
            k_one[j, i] = K[j, i, l]
    _error_scale_hf(y_one, new_one, rtol, atol, scale)
    err = error_norm_hf(k_one, h, scale)
    if not (err <= 1.0) or not all_finite_hf(new_one):
        rejected[l] = True
        return False, abs(h) * rejected_factor_hf(err)
    value = accepted_factor_hf(err, rejected[l])
    rejected[l] = False
    return True, value


@jit(inline="always")
def _event_seen_hf(ev_kind, ev_dir, ev_params, g_old, l, y_new):
    """Whether an event changes sign from lane ``l``'s last state to ``y_new`` (its values kept)."""
    seen = False
    for e in range(ev_kind.shape[0]):
        g = plain_event_value_hf(ev_kind[e], ev_params[e], y_new)
        if crosses_hf(g_old[e, l], g, ev_dir[e]):
            seen = True
        g_old[e, l] = g
    return seen


@jit(inline="always")
def _record_hf(out, row, code, y, l, tau, h, n_evals):
    status, y_final, tau_final, h_last, evals = out
    status[row] = code
    for i in range(N_STATE):
        y_final[row, i] = y[i, l]
    tau_final[row] = tau
    h_last[row] = h
    evals[row] = n_evals


@jit
def _fill_hf(fa, sp, strig, sbuf, t1, y0s, rows, following, l, tau_end, rtol, atol, h_max, ev_kind, ev_params, lane,
             y, K, times, h_abs, rejected, counts, g_old, k_one, work, y_one, out):
    """Lane ``l`` takes the next row that starts (``start_hf``: two evaluations, the single-sample
    force sum), recording those whose start is not finite; idle (-1) when none is left. Returns
    the next row to take. Compiled on its own, called from three places."""
    lane[l] = -1
    while following < rows.shape[0]:
        row = following
        following += 1
        for i in range(N_STATE):
            y_one[i] = y0s[rows[row], i]
        for e in range(ev_kind.shape[0]):
            g_old[e, l] = plain_event_value_hf(ev_kind[e], ev_params[e], y_one)
        finite, h = start_hf(fa, sp, strig, sbuf, t1, y_one, k_one, tau_end, rtol, atol, h_max, work)
        for i in range(N_STATE):
            y[i, l] = y_one[i]
            K[0, i, l] = k_one[0, i]
        if not finite:
            _record_hf(out, row, NON_FINITE, y, l, 0.0, 0.0, 1)
            continue
        lane[l] = row
        times[0, l] = 0.0
        h_abs[l] = h
        rejected[l] = False
        counts[0, l] = 0
        counts[1, l] = 2
        counts[2, l] = 0
        return following
    return following
