"""Where farside's propagation time goes: the time of one compiled force evaluation
(``derivatives_hf``, called in a compiled loop; for case D, flown in vector lanes, one lane's
share of ``derivatives_lanes_hf``) times the number of evaluations, against the run's wall time;
the rest is the integrator (stages, error norm, step control) and Python."""
import os
import time

import numpy as np

import farside as fs
from bench import cases
from bench.peers import farside_peer
from farside.core.force_lanes import FIELD_SPIN, derivatives_lanes_hf, field_lane_scratch
from farside.core.force_model import BUF_SIZE, I_FIELD_DEGREE, derivatives_hf, scratch_rows_hf
from farside.core.jit import jit
from farside.core.lane_vectors import LANES


@jit
def _evaluation_loop(fa, t1, y, n):
    degree = scratch_rows_hf(fa)
    p = np.empty((degree + 2, degree + 2))
    trig = np.empty((2, degree + 1))
    buf = np.empty(BUF_SIZE)
    dy = np.empty(7)
    total = 0.0
    for i in range(n):
        y[0] += 1e-3
        derivatives_hf(fa, p, trig, buf, t1, i * 1.0, y, dy)
        total += dy[3]
    return total


@jit
def _lane_evaluation_loop(fa, kinds, p, trig, rot, vec, t1, y, n):
    t2 = np.zeros(LANES)
    dy = np.empty((7, LANES))
    total = 0.0
    for i in range(n):
        for lane in range(LANES):
            y[0, lane] += 1e-3
            t2[lane] = i * 1.0
        derivatives_lanes_hf(fa, kinds, p, trig, rot, vec, t1, t2, y, dy)
        total += dy[3, 0]
    return total


def _one_evaluation_s(name, fa, t1, y):
    """Seconds of one force evaluation (of one lane's for case D), the best of three loops."""
    if name == "D":
        scratch = field_lane_scratch(fa.ints[I_FIELD_DEGREE])
        lanes = np.repeat(y[:, None], LANES, axis=1)
        kinds = np.array([FIELD_SPIN])

        def loop(n):
            _lane_evaluation_loop(fa, kinds, *scratch, t1, lanes.copy(), n)
        per_call = LANES
    else:
        def loop(n):
            _evaluation_loop(fa, t1, y.copy(), n)
        per_call = 1
    loop(10)
    n = 20000
    best = np.inf
    for _ in range(3):
        tic = time.perf_counter()
        loop(n)
        best = min(best, (time.perf_counter() - tic) / (n * per_call))
    return best


def _model(name):
    t0 = fs.Epoch(cases.EPOCH_TDB, "tdb")
    if name == "C":
        return farside_peer.leo_model(), cases.leo_start(), t0
    case = cases.Case("D", 20, cases.D_DURATION) if name == "D" else cases.CASES[name]
    model, gm = farside_peer.lunar_model(case)
    return model, cases.lunar_start(gm), t0


def force_share(name, evaluations, run_s):
    """(seconds per force evaluation, share of the run in force evaluations) for case ``name``;
    case D's run is spread over every core."""
    model, y0, t0 = _model(name)
    fa = model.arrays(t0.tdb_seconds)
    best = _one_evaluation_s(name, fa, t0.tdb_seconds, np.append(y0, 1000.0))
    cores = os.cpu_count() if name == "D" else 1
    return best, evaluations * best / (run_s * cores)
