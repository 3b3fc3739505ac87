"""Many independent samples through one compiled force model, each with its own adaptive steps
and events: a loop of :func:`farside.core.dop853.propagate_hf` in compiled code.

The kernel holds no GIL, so the caller runs one such loop per core on threads, each on its own
rows of ``y0s``; a sample's result is bit-for-bit that of a single propagation of the same row.
"""
import numpy as np
from numba.typed import List

from farside.core.dop853 import propagate_hf
from farside.core.jit import jit


@jit
def propagate_rows_hf(fa, t1, y0s, rows, tau_end, rtol, atol, h_max, keep, ev_kind, ev_dir, ev_stop,
                      ev_params, ev_check, max_steps):
    """Propagate ``y0s[rows[i]]`` for each i; returns ``(status, y_final, tau_final, h_last,
    n_evals, taus, coefs, ev_index, ev_tau, ev_state)``: arrays with one entry per row and typed
    lists with, per row, the kept step boundaries and coefficients (trimmed; empty without
    ``keep``) and the events found (see :func:`propagate_hf`)."""
    n = rows.shape[0]
    n_y = y0s.shape[1]
    status = np.empty(n, dtype=np.int64)
    y_final = np.empty((n, n_y))
    tau_final = np.empty(n)
    h_last = np.empty(n)
    n_evals = np.empty(n, dtype=np.int64)
    taus_out = List()
    coefs_out = List()
    ev_index_out = List()
    ev_tau_out = List()
    ev_state_out = List()
    no_outputs = np.empty(0)
    for i in range(n):
        (st, taus, coefs, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h,
         evals, _, _) = propagate_hf(fa, t1, y0s[rows[i]], tau_end, rtol, atol, h_max, keep, no_outputs,
                                     ev_kind, ev_dir, ev_stop, ev_params, ev_check, max_steps)
        status[i] = st
        y_final[i] = y
        tau_final[i] = tau
        h_last[i] = h
        n_evals[i] = evals
        kept = n_steps if keep else 0
        taus_out.append(taus[:kept + 1].copy())
        coefs_out.append(coefs[:kept].copy())
        ev_index_out.append(ev_index[:n_events].copy())
        ev_tau_out.append(ev_tau[:n_events].copy())
        ev_state_out.append(ev_state[:n_events].copy())
    return (status, y_final, tau_final, h_last, n_evals, taus_out, coefs_out, ev_index_out, ev_tau_out,
            ev_state_out)
