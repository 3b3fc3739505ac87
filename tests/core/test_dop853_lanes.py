"""DOP853 in vector lanes against the single-sample kernel flown row by row,
:func:`farside.core.dop853_batch.propagate_rows_hf` (the reference): every sample's final state,
time, last step and count bit for bit, whatever the grouping of the samples into lanes and calls;
a sample whose event changes sign or that fails is handed back with its status."""
import numpy as np
import pytest

import farside as fs
from farside.core.dop853 import EVENT_SEEN, REACHED_END, TOO_MANY_STEPS
from farside.core.dop853_batch import propagate_rows_hf
from farside.core.dop853_lanes import propagate_lanes_hf
from farside.core.force_lanes import FIELD_INERTIAL, FIELD_SPIN
from farside.core.lane_vectors import LANES
from farside.dynamics import events

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
OMEGA = 2 * np.pi / (27.321661 * 86400.0)
FIELD = fs.gravity.load("GRGM1200A", 20)
RTOL = np.full(7, 1e-12)
ATOL = np.full(7, 1e-9)
R0 = 1837.4e3
N = 3 * LANES + 3   # three full groups and a partial one


def _starts(n=N, seed=5):
    """Case D's dispersion: a 100 km circular polar orbit, 1 km and 1 m/s per axis, mass 1000 kg."""
    rng = np.random.default_rng(seed)
    base = np.array([R0, 0.0, 0.0, 0.0, 0.0, np.sqrt(FIELD.gm_m3_s2 / R0)])
    return np.hstack([base + np.hstack([rng.normal(0.0, 1e3, (n, 3)), rng.normal(0.0, 1.0, (n, 3))]),
                      np.full((n, 1), 1000.0)])


def _model(frame):
    return fs.ForceModel("moon", [fs.SphericalHarmonics(FIELD, frame)]).arrays(T0.tdb_seconds)


def _both(fa, kind, y0s, rows, event_list=(), tau_end=1800.0, max_steps=1_000_000):
    packed = events.pack(list(event_list))
    lanes = propagate_lanes_hf(fa, np.array([kind]), T0.tdb_seconds, y0s, rows, tau_end, RTOL, ATOL, np.inf,
                               packed[0], packed[1], packed[3], max_steps)
    single = propagate_rows_hf(fa, T0.tdb_seconds, y0s, rows, tau_end, RTOL, ATOL, np.inf, False, *packed, max_steps)
    return lanes, single


def _assert_same(lanes, single, which):
    for a, b in zip(lanes, single[:5]):
        assert np.array_equal(a[which], b[which])


@pytest.mark.parametrize("frame, kind", [(fs.UniformRotation(OMEGA, T0.tdb_seconds), FIELD_SPIN),
                                         ("inertial", FIELD_INERTIAL)])
def test_every_sample_is_its_single_flight(frame, kind):
    y0s = _starts()
    lanes, single = _both(_model(frame), kind, y0s, np.arange(N, dtype=np.int64))
    assert np.all(lanes[0] == REACHED_END)
    _assert_same(lanes, single, slice(None))


def test_results_do_not_depend_on_the_grouping():
    fa = _model(fs.UniformRotation(OMEGA, T0.tdb_seconds))
    y0s = _starts()
    kinds = np.array([FIELD_SPIN])
    packed = events.pack([])

    def fly(rows):
        return propagate_lanes_hf(fa, kinds, T0.tdb_seconds, y0s, rows, 1800.0, RTOL, ATOL, np.inf, packed[0],
                                  packed[1], packed[3], 1_000_000)

    whole = fly(np.arange(N, dtype=np.int64))
    order = np.random.default_rng(1).permutation(N).astype(np.int64)
    shuffled = fly(order)
    for a, b in zip(whole, shuffled):
        assert np.array_equal(a[order], b)
    for rows in (np.array([4], dtype=np.int64), np.arange(3, 3 + LANES + 1, dtype=np.int64)):
        part = fly(rows)
        for a, b in zip(whole, part):
            assert np.array_equal(a[rows], b)


def test_an_event_or_a_failure_hands_the_sample_back():
    fa = _model(fs.UniformRotation(OMEGA, T0.tdb_seconds))
    y0s = _starts()
    rows = np.arange(N, dtype=np.int64)
    # the orbit's radius dips below 1,836.9 km for some samples only within the half hour
    dip = [events.altitude(99.5e3, 1737.4e3, "falling", "stop")]
    lanes, single = _both(fa, FIELD_SPIN, y0s, rows, dip)
    seen = lanes[0] == EVENT_SEEN
    assert 0 < seen.sum() < N
    assert np.all(lanes[0][~seen] == REACHED_END)
    _assert_same(lanes, single, ~seen)
    lanes, single = _both(fa, FIELD_SPIN, y0s, rows, max_steps=20)
    assert np.all(lanes[0] == TOO_MANY_STEPS) and np.all(single[0] == TOO_MANY_STEPS)
