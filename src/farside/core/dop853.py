"""DOP853 propagation kernel: adaptive steps, 7th-order dense output, events.

The method, error estimate (the 5th- and 3rd-order estimators combined as in Hairer's
``dop853.f``), step-size control and starting step follow Hairer, Norsett & Wanner, *Solving
Ordinary Differential Equations I* (2nd ed. 1993), §II.4 and §II.10. The right-hand side is the
compiled force sum :func:`farside.core.force_model.derivatives_hf`; the independent variable is
``tau``, seconds since the segment's start epoch ``t1`` (TDB seconds past J2000), so the epoch of
every stage is the exact two-part sum ``t1 + tau``.

Dense output is formed only where it is used: for every step when the caller keeps the
trajectory, else only for the steps that hold a requested output time or in which an event
function changes sign.

The step's parts that call the force sum are inlined into the kernel (``inline="always"``, at
numba's level): the force sum's code is then optimised once in the kernel that flies it, not
again inside every helper that calls it (the compile time of a cold start).
"""
import numpy as np

from farside.core.dense_output import dense_state_hf
from farside.core.dop853_tableau import A, B, C, D, E3, E5, N_STAGES, N_STAGES_EXTENDED
from farside.core.events import EVENT_TIME_TOL_S, brent_root_hf, crosses_hf, event_value_hf, subintervals_hf
from farside.core.force_model import BUF_SIZE, derivatives_hf, scratch_rows_hf
from farside.core.jit import jit
from farside.core.step_control import EPS, accepted_factor_hf, rejected_factor_hf


# status codes of propagate_hf
REACHED_END = 0
STOPPED_BY_EVENT = 1
STEP_TOO_SMALL = -1
TOO_MANY_STEPS = -2
NON_FINITE = -3


@jit
def _error_scale_hf(y, y_new, rtol, atol, scale):
    for i in range(y.shape[0]):
        scale[i] = atol[i] + rtol[i] * max(abs(y[i]), abs(y_new[i]))


@jit
def _rms_hf(x, scale):
    total = 0.0
    for i in range(x.shape[0]):
        total += (x[i] / scale[i]) ** 2
    return np.sqrt(total / x.shape[0])


@jit(inline="always")
def initial_step_hf(fa, p, trig, buf, t1, tau, y, f, direction, rtol, atol, work):
    """Starting step size (Hairer et al. 1993, §II.4, algorithm of ``hinit``)."""
    n = y.shape[0]
    scale = work[0]
    y1 = work[1]
    f1 = work[2]
    for i in range(n):
        scale[i] = atol[i] + rtol[i] * abs(y[i])
    d0 = _rms_hf(y, scale)
    d1 = _rms_hf(f, scale)
    h0 = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    for i in range(n):
        y1[i] = y[i] + direction * h0 * f[i]
    derivatives_hf(fa, p, trig, buf, t1, tau + direction * h0, y1, f1)
    for i in range(n):
        y1[i] = f1[i] - f[i]
    d2 = _rms_hf(y1, scale) / h0
    if d1 <= 1e-15 and d2 <= 1e-15:
        h1 = max(1e-6, h0 * 1e-3)
    else:
        h1 = (0.01 / max(d1, d2)) ** (1.0 / 8.0)
    return min(100.0 * h0, h1)


@jit(_nrt=False, inline="always")
def stages_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, first, last):
    """Stages ``K[first:last]`` of the tableau from ``K[0:first]``."""
    n = y.shape[0]
    for s in range(first, last):
        for i in range(n):
            acc = 0.0
            for j in range(s):
                acc += A[s, j] * K[j, i]
            y_stage[i] = y[i] + h * acc
        derivatives_hf(fa, p, trig, buf, t1, tau + C[s] * h, y_stage, K[s])


@jit(_nrt=False, inline="always")
def rk_step_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, y_new):
    """One DOP853 step of size ``h`` from ``(tau, y)`` with ``K[0] = f(tau, y)``: the stages in
    ``K[1:12]``, the 8th-order solution in ``y_new`` and its derivative in ``K[12]``."""
    n = y.shape[0]
    stages_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, 1, N_STAGES)
    for i in range(n):
        acc = 0.0
        for j in range(N_STAGES):
            acc += B[j] * K[j, i]
        y_new[i] = y[i] + h * acc
    derivatives_hf(fa, p, trig, buf, t1, tau + h, y_new, K[N_STAGES])


@jit
def error_norm_hf(K, h, scale):
    """Hairer's combined error measure of the step; accepted when <= 1."""
    n = scale.shape[0]
    err5 = 0.0
    err3 = 0.0
    for i in range(n):
        e5 = 0.0
        e3 = 0.0
        for j in range(N_STAGES + 1):
            e5 += E5[j] * K[j, i]
            e3 += E3[j] * K[j, i]
        err5 += (e5 / scale[i]) ** 2
        err3 += (e3 / scale[i]) ** 2
    if err5 == 0.0 and err3 == 0.0:
        return 0.0
    return abs(h) * err5 / np.sqrt((err5 + 0.01 * err3) * n)


@jit(_nrt=False, inline="always")
def dense_coefficients_hf(fa, p, trig, buf, t1, tau, y, y_new, h, K, y_stage, coefs):
    """The three extra stages and the interpolation coefficients of the accepted step."""
    n = y.shape[0]
    stages_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, N_STAGES + 1, N_STAGES_EXTENDED)
    for i in range(n):
        dy = y_new[i] - y[i]
        coefs[0, i] = y[i]
        coefs[1, i] = dy
        coefs[2, i] = h * K[0, i] - dy
        coefs[3, i] = 2.0 * dy - h * (K[N_STAGES, i] + K[0, i])
        for r in range(4):
            acc = 0.0
            for j in range(N_STAGES_EXTENDED):
                acc += D[r, j] * K[j, i]
            coefs[4 + r, i] = h * acc


@jit(_nrt=False)
def _copy_hf(src, dst):
    """``dst[:] = src`` for 1-D arrays, as a plain loop (an array assignment compiles numba's
    broadcasting and its error messages, seconds of compile time)."""
    for i in range(src.shape[0]):
        dst[i] = src[i]


@jit
def _grow_hf(taus, coefs, n_steps):
    capacity = 2 * coefs.shape[0]
    new_taus = np.empty(capacity + 1)
    new_coefs = np.empty((capacity, coefs.shape[1], coefs.shape[2]))
    for i in range(n_steps + 1):
        new_taus[i] = taus[i]
    for i in range(n_steps):
        for j in range(coefs.shape[1]):
            _copy_hf(coefs[i, j], new_coefs[i, j])
    return new_taus, new_coefs


@jit
def _doubled_hf(a):
    """A 1-D array twice as long, its first half ``a``."""
    out = np.empty(2 * a.shape[0], dtype=a.dtype)
    _copy_hf(a, out)
    return out


@jit
def _doubled_rows_hf(a):
    """A 2-D array with twice the rows, its first rows ``a``."""
    out = np.empty((2 * a.shape[0], a.shape[1]))
    for i in range(a.shape[0]):
        _copy_hf(a[i], out[i])
    return out


@jit
def _all_finite_hf(y):
    for i in range(y.shape[0]):
        if not np.isfinite(y[i]):
            return False
    return True


@jit(_nrt=False)
def fill_outputs_hf(coefs, tau, h, limit, y, direction, out_tau, out_y, n_out):
    """Outputs ``out_tau[n_out:]`` before ``limit`` (in the direction of flight) into ``out_y``:
    the step's start state ``y`` exactly at ``tau``, its dense output ``coefs`` after; returns
    the new count."""
    while n_out < out_tau.shape[0] and direction * (out_tau[n_out] - limit) < 0.0:
        if out_tau[n_out] == tau:
            _copy_hf(y, out_y[n_out])
        else:
            dense_state_hf(coefs, tau, h, out_tau[n_out], out_y[n_out])
        n_out += 1
    return n_out


@jit(_nrt=False)
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
    degree = scratch_rows_hf(fa)
    p = np.empty((degree + 2, degree + 2))
    trig = np.empty((2, degree + 1))
    buf = np.empty(BUF_SIZE)
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
    derivatives_hf(fa, p, trig, buf, t1, tau, y, K[0])
    n_evals = 1
    for e in range(n_ev):
        g_old[e] = event_value_hf(fa, buf, ev_kind[e], ev_params[e], t1, tau, y)
    if not _all_finite_hf(K[0]) or not _all_finite_hf(y):
        return (NON_FINITE, taus, coefs, 0, y, tau, ev_index, ev_tau, ev_state, 0, 0.0, n_evals, out_y, 0)
    h_abs = initial_step_hf(fa, p, trig, buf, t1, tau, y, K[0], direction, rtol, atol, work)
    n_evals += 1
    h_abs = min(h_abs, h_max, abs(tau_end))
    rejected = False
    status = REACHED_END
    for _ in range(max_steps):
        if direction * (tau_end - tau) <= 0.0:
            break
        min_step = 10.0 * EPS * max(abs(tau), 1.0)
        if h_abs < min_step:
            return (STEP_TOO_SMALL, taus, coefs, n_steps, y, tau, ev_index, ev_tau, ev_state,
                    n_events, h_abs, n_evals, out_y, n_out)
        h = direction * h_abs
        tau_new = tau + h
        if direction * (tau_new - tau_end) >= 0.0:
            tau_new = tau_end
            h = tau_new - tau
        rk_step_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, y_new)
        n_evals += N_STAGES
        _error_scale_hf(y, y_new, rtol, atol, scale)
        err = error_norm_hf(K, h, scale)
        if not (err <= 1.0) or not _all_finite_hf(y_new):
            h_abs = abs(h) * rejected_factor_hf(err)
            rejected = True
            continue
        factor = accepted_factor_hf(err, rejected)
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
                    _copy_hf(step_coefs[j], coefs[n_steps, j])
        n_found = 0
        for e in range(n_ev):
            n_sub = subintervals_hf(h, ev_check[e])
            tau_a = tau
            g_a = g_old[e]
            for k in range(1, n_sub + 1):
                if k == n_sub:
                    tau_b = tau_new
                    _copy_hf(y_new, y_sub)
                else:
                    if not have_dense:
                        dense_coefficients_hf(fa, p, trig, buf, t1, tau, y, y_new, h, K, y_stage, step_coefs)
                        n_evals += 3
                        have_dense = True
                    tau_b = tau + h * k / n_sub
                    dense_state_hf(step_coefs, tau, h, tau_b, y_sub)
                g_b = event_value_hf(fa, buf, ev_kind[e], ev_params[e], t1, tau_b, y_sub)
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
        _copy_hf(y_new, y)
        _copy_hf(K[N_STAGES], K[0])
        h_abs = min(abs(h) * factor, h_max)
    else:
        status = TOO_MANY_STEPS
    if status == REACHED_END:
        for j in range(n_out, out_tau.shape[0]):
            _copy_hf(y, out_y[j])
        n_out = out_tau.shape[0]
    return (status, taus, coefs, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_abs,
            n_evals, out_y, n_out)
