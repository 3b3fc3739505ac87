"""Fehlberg's 7(8) pair and fixed-step RK4 / RK8 kernels on the compiled force sum.

RKF7(8): 13 stages, the 8th-order solution carried forward (local extrapolation) and the
difference from the 7th-order one, ``41/840 (k1 + k11 - k12 - k13) h``, as the error estimate
(Fehlberg 1968, NASA TR R-287, Table X). Step control as in :mod:`farside.core.dop853` with the
exponent 1/8. Dense output: a degree-7 Hermite polynomial through the states and derivatives
of four neighbouring step boundaries (:func:`farside.core.dense_output.hermite_coefficients`).

Where RKF7(8) may be used: Fehlberg's estimate takes the difference of stages at the same nodes
(c = 0 and c = 1 twice), so it vanishes for a quadrature (f independent of y) and, in an orbit,
sees only the part of the error carried by the state: it underestimates the error of a step, and
at the same tolerances RKF7(8) ends several to a thousand times further from a reference than
DOP853. Measured (``bench/validation.py``, a 100 km polar lunar orbit flown one day in
GRGM1200A degree 100, atol = rtol x 1e3 m; final-position difference from heyoka's Taylor
integrator at tol 1e-15 for case B, from nyx-space's RK89 for case B+, whose own error is about
0.2 mm; two runs, which differ at rtol 1e-12, give the ranges)::

    rtol      B: DOP853      B: RKF78     B+: DOP853     B+: RKF78
    1e-12     0.05-0.22 mm   54-151 mm    0.16-0.36 mm   7-14 mm
    1e-13     0.20 mm        11 mm        0.17 mm        14-18 mm
    1e-14     0.007-0.009 mm 1.2 mm       0.26-0.28 mm   1.6 mm

So: a second integrator, with its own tableau and estimate, to cross-check DOP853, at rtol 1e-14
where millimetres over a day matter (1e-12 gives centimetres); DOP853 stays the default.

Fixed steps for guidance loops: the classical RK4, and RK8 = the 8th-order solution of DOP853
without its error control (Hairer, Norsett & Wanner 1993, §II.5).
"""
import numpy as np

from farside.core.dop853_step import initial_step_hf, rk_step_hf
from farside.core.events import EVENT_TIME_TOL_S, crosses_hf, event_value_hf, subintervals_hf
from farside.core.dop853_tableau import N_STAGES_EXTENDED
from farside.core.force_model import BUF_SIZE, derivatives_hf, scratch_rows_hf
from farside.core.jit import jit
from farside.core.step_control import EPS, accepted_factor_hf, rejected_factor_hf

C = np.array([0.0, 2 / 27, 1 / 9, 1 / 6, 5 / 12, 1 / 2, 5 / 6, 1 / 6, 2 / 3, 1 / 3, 1.0, 0.0, 1.0])
A = np.zeros((13, 13))
A[1, :1] = [2 / 27]
A[2, :2] = [1 / 36, 1 / 12]
A[3, :3] = [1 / 24, 0, 1 / 8]
A[4, :4] = [5 / 12, 0, -25 / 16, 25 / 16]
A[5, :5] = [1 / 20, 0, 0, 1 / 4, 1 / 5]
A[6, :6] = [-25 / 108, 0, 0, 125 / 108, -65 / 27, 125 / 54]
A[7, :7] = [31 / 300, 0, 0, 0, 61 / 225, -2 / 9, 13 / 900]
A[8, :8] = [2, 0, 0, -53 / 6, 704 / 45, -107 / 9, 67 / 90, 3]
A[9, :9] = [-91 / 108, 0, 0, 23 / 108, -976 / 135, 311 / 54, -19 / 60, 17 / 6, -1 / 12]
A[10, :10] = [2383 / 4100, 0, 0, -341 / 164, 4496 / 1025, -301 / 82, 2133 / 4100, 45 / 82, 45 / 164, 18 / 41]
A[11, :11] = [3 / 205, 0, 0, 0, 0, -6 / 41, -3 / 205, -3 / 41, 3 / 41, 6 / 41, 0]
A[12, :12] = [-1777 / 4100, 0, 0, -341 / 164, 4496 / 1025, -289 / 82, 2193 / 4100, 51 / 82, 33 / 164, 12 / 41, 0, 1]
B8 = np.array([0, 0, 0, 0, 0, 34 / 105, 9 / 35, 9 / 35, 9 / 280, 9 / 280, 0, 41 / 840, 41 / 840])
ERROR_WEIGHT = 41 / 840


@jit
def _rkf78_step_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, y_new, err_vec):
    """One step from ``(tau, y)`` with ``K[0] = f(tau, y)`` given."""
    n = y.shape[0]
    for s in range(1, 13):
        for i in range(n):
            acc = 0.0
            for j in range(s):
                acc += A[s, j] * K[j, i]
            y_stage[i] = y[i] + h * acc
        derivatives_hf(fa, p, trig, buf, t1, tau + C[s] * h, y_stage, K[s])
    for i in range(n):
        acc = 0.0
        for j in range(13):
            acc += B8[j] * K[j, i]
        y_new[i] = y[i] + h * acc
        err_vec[i] = ERROR_WEIGHT * h * (K[0, i] + K[10, i] - K[11, i] - K[12, i])


@jit
def _hermite_state_hf(tau_a, y_a, f_a, tau_b, y_b, f_b, tau, out):
    """Cubic Hermite between two nodes: only to bracket event roots inside a step."""
    h = tau_b - tau_a
    x = (tau - tau_a) / h
    h00 = (1.0 + 2.0 * x) * (1.0 - x) ** 2
    h10 = x * (1.0 - x) ** 2
    h01 = x * x * (3.0 - 2.0 * x)
    h11 = x * x * (x - 1.0)
    for i in range(out.shape[0]):
        out[i] = h00 * y_a[i] + h10 * h * f_a[i] + h01 * y_b[i] + h11 * h * f_b[i]


@jit
def _event_root_hf(fa, p, trig, buf, t1, tau, y, f0, kind, params, a, b, ga, gb, K, y_stage, y_out, err_vec):
    """Root of g between times ``a`` and ``b`` inside the step from ``(tau, y)``, each g from a
    fresh RKF7(8) step of the exact length (Illinois regula falsi); ``y_out`` gets the state."""
    side = 0
    c = b
    for _ in range(100):
        c = b - gb * (b - a) / (gb - ga)
        K[0] = f0
        _rkf78_step_hf(fa, p, trig, buf, t1, tau, y, c - tau, K, y_stage, y_out, err_vec)
        gc = event_value_hf(fa, buf, kind, params, t1, c, y_out)
        if abs(b - a) <= 2.0 * EVENT_TIME_TOL_S or gc == 0.0:
            break
        if gc * gb > 0.0:
            b, gb = c, gc
            if side == -1:
                ga *= 0.5
            side = -1
        else:
            a, ga = c, gc
            if side == 1:
                gb *= 0.5
            side = 1
        if abs(b - a) <= EVENT_TIME_TOL_S:
            break
    return c


@jit
def rkf78_propagate_hf(fa, t1, y0, tau_end, rtol, atol, h_max, keep, ev_kind, ev_dir, ev_stop, ev_params,
                       ev_check, max_steps):
    """Adaptive RKF7(8) from ``(0, y0)`` to ``tau_end`` or the first terminal event.

    Returns ``(status, taus, nodes_y, nodes_f, n_steps, y, tau, ev_index, ev_tau, ev_state,
    n_events, h, n_evals)`` with the status codes of :mod:`farside.core.dop853`; with ``keep`` the
    state and derivative at every step boundary (for :func:`farside.core.dense_output.hermite_coefficients`).
    Events are bracketed at step ends (and every ``ev_check`` seconds on a cubic Hermite) and
    located by re-integrating from the step's start to each trial time."""
    n = y0.shape[0]
    n_ev = ev_kind.shape[0]
    degree = scratch_rows_hf(fa)
    p = np.empty((degree + 2, degree + 2))
    trig = np.empty((2, degree + 1))
    buf = np.empty(BUF_SIZE)
    K = np.empty((13, n))
    y = y0.copy()
    f = np.empty(n)
    f_new = np.empty(n)
    y_new = np.empty(n)
    y_stage = np.empty(n)
    y_sub = np.empty(n)
    y_event = np.empty(n)
    err_vec = np.empty(n)
    capacity = 64 if keep else 1
    taus = np.empty(capacity + 1)
    nodes_y = np.empty((capacity + 1, n))
    nodes_f = np.empty((capacity + 1, n))
    ev_index = np.empty(16, dtype=np.int64)
    ev_tau = np.empty(16)
    ev_state = np.empty((16, n))
    n_events = 0
    g_old = np.empty(n_ev)
    direction = 1.0 if tau_end >= 0.0 else -1.0
    tau = 0.0
    derivatives_hf(fa, p, trig, buf, t1, tau, y, f)
    for e in range(n_ev):
        g_old[e] = event_value_hf(fa, buf, ev_kind[e], ev_params[e], t1, tau, y)
    taus[0] = 0.0
    nodes_y[0] = y
    nodes_f[0] = f
    n_steps = 0
    h_abs = initial_step_hf(fa, p, trig, buf, t1, tau, y, f, direction, rtol, atol, np.empty((4, n)))
    h_abs = min(h_abs, h_max, abs(tau_end))
    rejected = False
    n_evals = 2
    for _ in range(max_steps):
        if direction * (tau_end - tau) <= 0.0:
            return (0, taus, nodes_y, nodes_f, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_abs,
                    n_evals)
        if h_abs < 10.0 * EPS * max(abs(tau), 1.0):
            return (-1, taus, nodes_y, nodes_f, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_abs,
                    n_evals)
        h = direction * h_abs
        last = direction * (tau + h - tau_end) >= 0.0
        if last:
            h = tau_end - tau
        K[0] = f
        _rkf78_step_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, y_new, err_vec)
        n_evals += 12
        total = 0.0
        finite = True
        for i in range(n):
            scale = atol[i] + rtol[i] * max(abs(y[i]), abs(y_new[i]))
            total += (err_vec[i] / scale) ** 2
            finite = finite and np.isfinite(y_new[i])
        err = np.sqrt(total / n)
        if not (err <= 1.0) or not finite:
            h_abs = abs(h) * rejected_factor_hf(err)
            rejected = True
            continue
        factor = accepted_factor_hf(err, rejected)
        rejected = False
        tau_new = tau_end if last else tau + h
        derivatives_hf(fa, p, trig, buf, t1, tau_new, y_new, f_new)
        n_evals += 1
        stop = -1
        stop_tau = tau_new
        for e in range(n_ev):
            n_sub = subintervals_hf(h, ev_check[e])
            tau_a = tau
            g_a = g_old[e]
            for k in range(1, n_sub + 1):
                tau_b = tau_new if k == n_sub else tau + h * k / n_sub
                if k == n_sub:
                    y_sub[:] = y_new
                else:
                    _hermite_state_hf(tau, y, f, tau_new, y_new, f_new, tau_b, y_sub)
                g_b = event_value_hf(fa, buf, ev_kind[e], ev_params[e], t1, tau_b, y_sub)
                if crosses_hf(g_a, g_b, ev_dir[e]):
                    root = _event_root_hf(fa, p, trig, buf, t1, tau, y, f, ev_kind[e], ev_params[e], tau_a, tau_b,
                                          g_a, g_b, K, y_stage, y_event, err_vec)
                    n_evals += 12
                    if not (n_steps == 0 and abs(root) <= 10.0 * EVENT_TIME_TOL_S) and \
                            (stop < 0 or direction * (root - stop_tau) < 0.0):
                        if n_events == ev_index.shape[0]:
                            ev_index = np.concatenate((ev_index, ev_index))
                            ev_tau = np.concatenate((ev_tau, ev_tau))
                            ev_state = np.concatenate((ev_state, ev_state))
                        ev_index[n_events] = e
                        ev_tau[n_events] = root
                        ev_state[n_events] = y_event
                        n_events += 1
                        if ev_stop[e]:
                            stop = e
                            stop_tau = root
                            break
                tau_a = tau_b
                g_a = g_b
            g_old[e] = g_a
        if stop >= 0:
            _sort_events_hf(ev_index, ev_tau, ev_state, n_events, direction)
            keep_n = n_events
            for j in range(n_events):
                if direction * (ev_tau[j] - stop_tau) > 0.0:
                    keep_n = j
                    break
            y_final = ev_state[keep_n - 1].copy()
            if keep:
                n_steps += 1
                if n_steps + 1 > taus.shape[0]:
                    taus = np.concatenate((taus, taus))
                    nodes_y = np.concatenate((nodes_y, nodes_y))
                    nodes_f = np.concatenate((nodes_f, nodes_f))
                taus[n_steps] = stop_tau
                nodes_y[n_steps] = y_final
                derivatives_hf(fa, p, trig, buf, t1, stop_tau, y_final, nodes_f[n_steps])
            return (1, taus, nodes_y, nodes_f, n_steps, y_final, stop_tau, ev_index, ev_tau, ev_state, keep_n,
                    h_abs, n_evals)
        _sort_events_hf(ev_index, ev_tau, ev_state, n_events, direction)
        n_steps += 1
        if keep:
            if n_steps + 1 > taus.shape[0]:
                taus = np.concatenate((taus, taus))
                nodes_y = np.concatenate((nodes_y, nodes_y))
                nodes_f = np.concatenate((nodes_f, nodes_f))
            taus[n_steps] = tau_new
            nodes_y[n_steps] = y_new
            nodes_f[n_steps] = f_new
        tau = tau_new
        y[:] = y_new
        f[:] = f_new
        h_abs = min(abs(h) * factor, h_max)
    return (-2, taus, nodes_y, nodes_f, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_abs, n_evals)


@jit
def _sort_events_hf(ev_index, ev_tau, ev_state, n_events, direction):
    """Insertion sort of the events found so far by time (few, nearly sorted)."""
    for i in range(1, n_events):
        j = i
        while j > 0 and direction * (ev_tau[j] - ev_tau[j - 1]) < 0.0:
            ev_tau[j], ev_tau[j - 1] = ev_tau[j - 1], ev_tau[j]
            ev_index[j], ev_index[j - 1] = ev_index[j - 1], ev_index[j]
            for c in range(ev_state.shape[1]):
                ev_state[j, c], ev_state[j - 1, c] = ev_state[j - 1, c], ev_state[j, c]
            j -= 1


@jit
def fixed_step_hf(fa, t1, y0, h, n_steps, order, out):
    """``n_steps`` steps of size ``h`` (either sign) from ``(0, y0)`` by RK4 (``order`` 4) or
    RK8 (8); ``out`` (n_steps + 1, n) receives the states."""
    n = y0.shape[0]
    degree = scratch_rows_hf(fa)
    p = np.empty((degree + 2, degree + 2))
    trig = np.empty((2, degree + 1))
    buf = np.empty(BUF_SIZE)
    K = np.empty((N_STAGES_EXTENDED, n))
    y_stage = np.empty(n)
    out[0] = y0
    for step in range(n_steps):
        tau = step * h
        y = out[step]
        if order == 8:
            derivatives_hf(fa, p, trig, buf, t1, tau, y, K[0])
            rk_step_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, out[step + 1])
            continue
        derivatives_hf(fa, p, trig, buf, t1, tau, y, K[0])
        for i in range(n):
            y_stage[i] = y[i] + 0.5 * h * K[0, i]
        derivatives_hf(fa, p, trig, buf, t1, tau + 0.5 * h, y_stage, K[1])
        for i in range(n):
            y_stage[i] = y[i] + 0.5 * h * K[1, i]
        derivatives_hf(fa, p, trig, buf, t1, tau + 0.5 * h, y_stage, K[2])
        for i in range(n):
            y_stage[i] = y[i] + h * K[2, i]
        derivatives_hf(fa, p, trig, buf, t1, tau + h, y_stage, K[3])
        for i in range(n):
            out[step + 1, i] = y[i] + h / 6.0 * (K[0, i] + 2.0 * K[1, i] + 2.0 * K[2, i] + K[3, i])
