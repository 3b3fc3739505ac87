"""One DOP853 step and its parts: the stages, the error measure, the starting step, the dense
output's extra stages, and an attempted step with its error control.

The method, error estimate (the 5th- and 3rd-order estimators combined as in Hairer's
``dop853.f``), step-size control and starting step follow Hairer, Norsett & Wanner, *Solving
Ordinary Differential Equations I* (2nd ed. 1993), §II.4 and §II.10. The right-hand side is the
compiled force sum :func:`farside.core.force_model.derivatives_hf` at the epoch ``t1 + tau``
(TDB seconds past J2000, ``tau`` seconds since the segment's start ``t1``).

An attempted step (:func:`attempt_step_hf`) and the dense output's stages
(:func:`dense_coefficients_hf`) are compiled on their own without reference counting
(``_nrt=False``) and called once per step: inlined into a kernel (which allocates, so counts
references), every row of the stages' array handed to the force sum would cost an atomic
increment and decrement of the array's count, a third of a point-mass step's time. Compiled once,
they are shared by the kernels of :mod:`farside.core.dop853` (and the dense output's stages are
one copy, not one per caller); called only from kernels, they have no wrapper for Python
(`farside.core.jit.CALLEE`). The other parts that call the force sum, and the small helpers here
and in :mod:`~farside.core.step_control` that a kernel calls once, are inlined
(``inline="always"``, at numba's level): a function compiled on its own costs a compilation of its
own and is optimised again in each kernel it is linked into. A helper called in several places
(:func:`_rms_hf`, :func:`all_finite_hf`) is compiled on its own: numba copies and types an inlined
function's code again at each call.
"""
import numpy as np

from farside.core.dop853_tableau import E3, E5, N_STAGES, N_STAGES_EXTENDED, A, B, C, D
from farside.core.force_model import derivatives_hf
from farside.core.jit import CALLEE, jit
from farside.core.step_control import EPS, accepted_factor_hf, rejected_factor_hf

# outcomes of attempt_step_hf
ACCEPTED = 1
REJECTED = 0
TOO_SMALL = -1


@jit(inline="always")
def _error_scale_hf(y, y_new, rtol, atol, scale):
    for i in range(y.shape[0]):
        scale[i] = atol[i] + rtol[i] * max(abs(y[i]), abs(y_new[i]))


@jit(_nrt=False, **CALLEE)
def _rms_hf(x, scale):
    total = 0.0
    for i in range(x.shape[0]):
        q = x[i] / scale[i]
        total += q * q  # as q ** 2 (numba's integer power: 1.0 * (q * q)), without compiling it
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


@jit(inline="always")
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
        q5 = e5 / scale[i]
        q3 = e3 / scale[i]
        err5 += q5 * q5
        err3 += q3 * q3
    if err5 == 0.0 and err3 == 0.0:
        return 0.0
    return abs(h) * err5 / np.sqrt((err5 + 0.01 * err3) * n)


@jit(_nrt=False, **CALLEE)
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
        # the four sums side by side, each in the order of j: one load of K[j, i] for four terms
        acc0 = 0.0
        acc1 = 0.0
        acc2 = 0.0
        acc3 = 0.0
        for j in range(N_STAGES_EXTENDED):
            k = K[j, i]
            acc0 += D[0, j] * k
            acc1 += D[1, j] * k
            acc2 += D[2, j] * k
            acc3 += D[3, j] * k
        coefs[4, i] = h * acc0
        coefs[5, i] = h * acc1
        coefs[6, i] = h * acc2
        coefs[7, i] = h * acc3


@jit(_nrt=False, inline="always")
def copy_hf(src, dst):
    """``dst[:] = src`` for 1-D arrays, as a plain loop (an array assignment compiles numba's
    broadcasting and its error messages, seconds of compile time)."""
    for i in range(src.shape[0]):
        dst[i] = src[i]


@jit(_nrt=False, inline="always")
def fsal_hf(K):
    """``K[0] = K[N_STAGES]``: the derivative at the end of an accepted step is the next step's
    first stage (indexed element by element: a row taken as an array would count references)."""
    for i in range(K.shape[1]):
        K[0, i] = K[N_STAGES, i]


@jit(_nrt=False, **CALLEE)
def all_finite_hf(y):
    for i in range(y.shape[0]):
        if not np.isfinite(y[i]):
            return False
    return True


@jit(inline="always")
def start_hf(fa, p, trig, buf, t1, y, K, tau_end, rtol, atol, h_max, work):
    """``K[0] = f(0, y)`` and the first step size toward ``tau_end`` (at most ``h_max`` and the
    span); returns ``(finite, h_abs)``, ``finite`` False (and no starting step) when the state or
    its derivative is not finite. Two force evaluations when finite, else one."""
    derivatives_hf(fa, p, trig, buf, t1, 0.0, y, K[0])
    if not all_finite_hf(K[0]) or not all_finite_hf(y):
        return False, 0.0
    direction = 1.0 if tau_end >= 0.0 else -1.0
    h_abs = initial_step_hf(fa, p, trig, buf, t1, 0.0, y, K[0], direction, rtol, atol, work)
    return True, min(h_abs, h_max, abs(tau_end))


@jit(_nrt=False, **CALLEE)
def attempt_step_hf(fa, p, trig, buf, t1, tau, y, h_abs, direction, tau_end, rtol, atol, rejected, K, y_stage,
                    y_new, scale):
    """One step of ``h_abs`` (s, cut at ``tau_end``) from ``(tau, y)`` with ``K[0] = f(tau, y)``,
    and its error control (``rejected``: the step before was rejected). Returns ``(outcome, h,
    tau_new, value)``: TOO_SMALL (no step taken; ``h_abs`` is below the resolution of time at
    ``tau``; value ``h_abs``), REJECTED (value: the step size to try next) or ACCEPTED (the
    solution in ``y_new``, its derivative in ``K[N_STAGES]``; value: the growth factor of the next
    step). ``N_STAGES`` force evaluations unless TOO_SMALL."""
    if h_abs < 10.0 * EPS * max(abs(tau), 1.0):
        return TOO_SMALL, 0.0, tau, h_abs
    h = direction * h_abs
    tau_new = tau + h
    if direction * (tau_new - tau_end) >= 0.0:
        tau_new = tau_end
        h = tau_new - tau
    rk_step_hf(fa, p, trig, buf, t1, tau, y, h, K, y_stage, y_new)
    _error_scale_hf(y, y_new, rtol, atol, scale)
    err = error_norm_hf(K, h, scale)
    if not (err <= 1.0) or not all_finite_hf(y_new):
        return REJECTED, h, tau_new, abs(h) * rejected_factor_hf(err)
    return ACCEPTED, h, tau_new, accepted_factor_hf(err, rejected)
