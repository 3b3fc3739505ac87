"""Fehlberg's 7(8) pair and fixed-step RK4 / RK8 kernels on the compiled force sum.

RKF7(8): 13 stages, the 8th-order solution carried forward (local extrapolation) and the
difference from the 7th-order one, ``41/840 (k1 + k11 - k12 - k13) h``, as the error estimate
(Fehlberg 1968, NASA TR R-287, Table X). Step control as in :mod:`farside.core.dop853` with the
exponent 1/8. No dense output: its steps end where the caller asks for states.

Fixed steps for guidance loops: the classical RK4, and RK8 = the 8th-order solution of DOP853
without its error control (Hairer, Norsett & Wanner 1993, §II.5).
"""
import numpy as np

from farside.core.dop853 import EPS, MAX_FACTOR, MIN_FACTOR, SAFETY, initial_step_hf, rk_step_hf
from farside.core.dop853_tableau import N_STAGES_EXTENDED
from farside.core.force_model import BUF_SIZE, derivatives_hf
from farside.core.jit import jit

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
    n = y.shape[0]
    derivatives_hf(fa, p, trig, buf, t1, tau, y, K[0])
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
def rkf78_propagate_hf(fa, t1, y0, tau_end, rtol, atol, h_max, max_steps):
    """Adaptive RKF7(8) from ``(0, y0)`` to ``tau_end``; returns ``(status, y, tau, h, n_evals)``
    with the status codes of :mod:`farside.core.dop853`."""
    n = y0.shape[0]
    degree = max(fa.c.shape[0], 1)
    p = np.empty((degree + 2, degree + 2))
    trig = np.empty((2, degree + 1))
    buf = np.empty(BUF_SIZE)
    K = np.empty((13, n))
    y = y0.copy()
    y_new = np.empty(n)
    y_stage = np.empty(n)
    err_vec = np.empty(n)
    direction = 1.0 if tau_end >= 0.0 else -1.0
    tau = 0.0
    derivatives_hf(fa, p, trig, buf, t1, tau, y, K[0])
    h_abs = initial_step_hf(fa, p, trig, buf, t1, tau, y, K[0], direction, rtol, atol, np.empty((4, n)))
    h_abs = min(h_abs, h_max, abs(tau_end))
    rejected = False
    n_evals = 2
    for _ in range(max_steps):
        if direction * (tau_end - tau) <= 0.0:
            return 0, y, tau, h_abs, n_evals
        if h_abs < 10.0 * EPS * max(abs(tau), 1.0):
            return -1, y, tau, h_abs, n_evals
        h = direction * h_abs
        last = direction * (tau + h - tau_end) >= 0.0
        if last:
            h = tau_end - tau
        _rkf78_step_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, y_new, err_vec)
        n_evals += 13
        total = 0.0
        finite = True
        for i in range(n):
            scale = atol[i] + rtol[i] * max(abs(y[i]), abs(y_new[i]))
            total += (err_vec[i] / scale) ** 2
            finite = finite and np.isfinite(y_new[i])
        err = np.sqrt(total / n)
        if not (err <= 1.0) or not finite:
            factor = MIN_FACTOR
            if np.isfinite(err) and err > 0.0:
                factor = max(MIN_FACTOR, SAFETY * err ** (-1.0 / 8.0))
            h_abs = abs(h) * factor
            rejected = True
            continue
        factor = MAX_FACTOR if err == 0.0 else min(MAX_FACTOR, SAFETY * err ** (-1.0 / 8.0))
        if rejected:
            factor = min(1.0, factor)
        rejected = False
        tau = tau_end if last else tau + h
        y[:] = y_new
        h_abs = min(abs(h) * factor, h_max)
    return -2, y, tau, h_abs, n_evals


@jit
def fixed_step_hf(fa, t1, y0, h, n_steps, order, out):
    """``n_steps`` steps of size ``h`` (either sign) from ``(0, y0)`` by RK4 (``order`` 4) or
    RK8 (8); ``out`` (n_steps + 1, n) receives the states."""
    n = y0.shape[0]
    degree = max(fa.c.shape[0], 1)
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
