"""Evaluation of DOP853's 7th-order dense output (Hairer, Norsett & Wanner 1993, §II.6 and
``dop853.f``'s CONTD8), stored per step as ``coefs[0] = y_old`` and ``coefs[1:8] = F0..F6``:

    y(tau_old + x h) = y_old + x (F0 + (1-x) (F1 + x (F2 + (1-x) (F3 + x (F4 + (1-x) (F5 + x F6))))))
"""
import functools

import numpy as np

from farside.core.jit import jit


@jit(_nrt=False)
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


@functools.cache
def _basis_power_coefficients():
    """Power-series coefficients (highest first) of the eight basis polynomials of the nested
    form: 1, x, x(1-x), x^2(1-x), x^2(1-x)^2, x^3(1-x)^2, x^3(1-x)^3, x^4(1-x)^3, and of their
    derivatives: two tuples of read-only arrays, made once."""
    one_minus = np.poly1d([-1.0, 1.0])
    x = np.poly1d([1.0, 0.0])
    basis = [np.poly1d([1.0])]
    for k in range(1, 8):
        basis.append(x ** ((k + 1) // 2) * one_minus ** (k // 2))
    values = tuple(_read_only(b.coeffs) for b in basis)
    slopes = tuple(_read_only(b.deriv().coeffs) for b in basis)
    return values, slopes


def _read_only(coefficients):
    array = np.array(coefficients, dtype=float)
    array.flags.writeable = False
    return array


def hermite_coefficients(taus, nodes_y, nodes_f):
    """Interpolation coefficients (n_steps, 8, n) in the nested form of :func:`dense_state_hf`
    from states ``nodes_y`` and derivatives ``nodes_f`` (n_steps + 1, n) at the step boundaries
    ``taus``: on each step, the degree-7 Hermite polynomial through the values and derivatives at
    four consecutive nodes (the step's two, and one on each side; shifted inward at the ends),
    as an SPK type 13 ephemeris interpolates (NAIF SPK Required Reading). With fewer than four
    nodes, the degree drops to 2 * nodes - 1."""
    n_steps = taus.shape[0] - 1
    m = min(4, n_steps + 1)
    values, slopes = _basis_power_coefficients()
    start = np.clip(np.arange(n_steps) - 1, 0, n_steps + 1 - m)
    window = start[:, None] + np.arange(m)[None, :]
    h = taus[1:] - taus[:-1]
    x = (taus[window] - taus[:-1, None]) / h[:, None]
    matrix = np.empty((n_steps, 2 * m, 2 * m))
    for k in range(2 * m):
        matrix[:, 0:m, k] = np.polyval(values[k], x)
        matrix[:, m:, k] = np.polyval(slopes[k], x)
    rhs = np.concatenate([nodes_y[window], h[:, None, None] * nodes_f[window]], axis=1)
    coefs = np.zeros((n_steps, 8, nodes_y.shape[1]))
    coefs[:, :2 * m] = np.linalg.solve(matrix, rhs)
    return coefs
