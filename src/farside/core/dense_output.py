"""Evaluation of DOP853's 7th-order dense output (Hairer, Norsett & Wanner 1993, §II.6 and
``dop853.f``'s CONTD8), stored per step as ``coefs[0] = y_old`` and ``coefs[1:8] = F0..F6``:

    y(tau_old + x h) = y_old + x (F0 + (1-x) (F1 + x (F2 + (1-x) (F3 + x (F4 + (1-x) (F5 + x F6))))))
"""

from farside.core.jit import jit


@jit
def dense_state_hf(coefs, tau_old, h, tau, y):
    """State at ``tau`` inside the step ``[tau_old, tau_old + h]`` into ``y``."""
    x = (tau - tau_old) / h
    x1 = 1.0 - x
    for i in range(y.shape[0]):
        acc = coefs[7, i]
        acc = coefs[6, i] + x * acc
        acc = coefs[5, i] + x1 * acc
        acc = coefs[4, i] + x * acc
        acc = coefs[3, i] + x1 * acc
        acc = coefs[2, i] + x * acc
        acc = coefs[1, i] + x1 * acc
        y[i] = coefs[0, i] + x * acc


@jit
def step_index_hf(taus, tau):
    """Index of the step of ``taus`` (monotonic, either direction) containing ``tau``; times
    outside go to the first or last step."""
    n_steps = taus.shape[0] - 1
    sign = 1.0 if taus[n_steps] >= taus[0] else -1.0
    lo, hi = 0, n_steps
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if sign * (tau - taus[mid]) >= 0.0:
            lo = mid
        else:
            hi = mid
    return lo


@jit
def segment_states_vf(taus, coefs, tau_query, out):
    """Dense states at the times ``tau_query`` of a whole segment: ``taus`` (n_steps + 1,)
    step boundaries (increasing, or decreasing for a backward propagation), ``coefs``
    (n_steps, 8, n); ``out`` (m, n)."""
    for j in range(tau_query.shape[0]):
        step = step_index_hf(taus, tau_query[j])
        dense_state_hf(coefs[step], taus[step], taus[step + 1] - taus[step], tau_query[j], out[j])
