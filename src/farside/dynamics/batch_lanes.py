"""The vector-lane path of `farside.dynamics.batch.propagate_batch`: which runs may take it, and a
block of samples flown by :func:`farside.core.dop853_lanes.propagate_lanes_hf`, the samples that
do not reach the end (an event changed sign, a failure) flown again one at a time by
:func:`farside.core.dop853_batch.propagate_rows_hf`. Every sample's result is that kernel's, bit
for bit.
"""
import numpy as np

from farside.core import force_terms
from farside.core.dop853 import REACHED_END
from farside.core.dop853_batch import propagate_rows_hf
from farside.core.dop853_lanes import N_STATE, propagate_lanes_hf
from farside.core.events import plain_events
from farside.core.force_lanes import FIELD_INERTIAL, FIELD_SPIN, TERM_OFF
from farside.core.force_model import I_POINT_MASS
from farside.core.jit import address_if_compiled

_LANE_TERMS = {force_terms.field_inertial_term: FIELD_INERTIAL, force_terms.field_spin_term: FIELD_SPIN}


def lane_kinds(model, packed):
    """The kinds of the rows of ``model.terms`` (`farside.core.force_lanes`) when the lanes can fly
    the packed model ``model`` (`ForceArrays`) with the packed events ``packed``, else None: the
    terms are fields of those kinds alone (none off: a term that a guidance loop could turn on),
    no central point mass, the events `farside.core.events.plain_events`."""
    kind, _, _, params, check = packed
    if not plain_events(kind, params, check) or model.ints[I_POINT_MASS] != 0 or model.terms.shape[0] == 0:
        return None
    addresses = {f: address_if_compiled(f) for f in _LANE_TERMS}  # a model's terms are compiled: compile none
    by_address = {a: _LANE_TERMS[f] for f, a in addresses.items() if a is not None}
    kinds = np.array([by_address.get(int(address), TERM_OFF) for address in model.terms[:, 0]], dtype=np.int64)
    return None if np.any(kinds == TERM_OFF) else kinds


def propagate_rows_lanes(model, kinds, t1, y0s, rows, tau_end, rtol, atol, h_max, packed, max_steps):
    """:func:`~farside.core.dop853_batch.propagate_rows_hf`'s results for ``rows`` without kept
    steps (the same tuple, each row's the same bits), the rows flown in lanes."""
    kind, direction, _, params, _ = packed
    status, y_final, tau_final, h_last, n_evals = propagate_lanes_hf(model, kinds, t1, y0s, rows, tau_end, rtol,
                                                                     atol, h_max, kind, direction, params, max_steps)
    n = rows.shape[0]
    taus = [np.zeros(1)] * n
    coefs = [np.empty((0, 8, N_STATE))] * n
    ev_index = [np.empty(0, dtype=np.int64)] * n
    ev_tau = [np.empty(0)] * n
    ev_state = [np.empty((0, N_STATE))] * n
    again = np.flatnonzero(status != REACHED_END)
    if again.size:
        single = propagate_rows_hf(model, t1, y0s, rows[again], tau_end, rtol, atol, h_max, False, *packed, max_steps)
        for j, i in enumerate(again):
            status[i], y_final[i], tau_final[i], h_last[i], n_evals[i] = (single[0][j], single[1][j], single[2][j],
                                                                          single[3][j], single[4][j])
            taus[i], coefs[i], ev_index[i], ev_tau[i], ev_state[i] = (single[5][j], single[6][j], single[7][j],
                                                                      single[8][j], single[9][j])
    return status, y_final, tau_final, h_last, n_evals, taus, coefs, ev_index, ev_tau, ev_state
