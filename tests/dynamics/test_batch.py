"""Batched propagation against single propagations of the same samples (the reference: one
sample at a time through `propagate`), and its argument checks."""
import numpy as np
import pytest

import farside as fs
from farside.errors import FarsideValueError
from tests.units import MICROSECOND

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
OMEGA = 2 * np.pi / (27.321661 * 86400.0)
MICROMETRE = 1e-6


def _model():
    field = fs.gravity.load("GRGM1200A", 12)
    return fs.ForceModel("moon", [fs.SphericalHarmonics(field, fs.UniformRotation(OMEGA, T0.tdb_seconds))])


def _samples(n, seed=7):
    rng = np.random.default_rng(seed)
    r0 = 1837.4e3
    v0 = np.sqrt(fs.gravity.load("GRGM1200A", 2).gm_m3_s2 / r0)
    return [fs.State(T0, np.array([r0, 0.0, 0.0]) + rng.normal(0.0, 1e3, 3),
                     np.array([0.0, 0.0, v0]) + rng.normal(0.0, 1.0, 3), 1000.0, "moon") for _ in range(n)]


def test_each_sample_is_its_single_propagation():
    model = _model()
    states = _samples(7)
    events = [fs.events.periapsis(), fs.events.altitude(98e3, 1737.4e3, "falling", action="stop")]
    batch = fs.propagate_batch(states, duration_s=7200.0, forces=model, events=events, workers=2)
    for state, seg in zip(states, batch):
        single = fs.propagate(state, duration_s=7200.0, forces=model, events=events)
        assert np.linalg.norm(seg.final_state().r_m - single.final_state().r_m) < MICROMETRE
        assert seg.final_state().epoch.tdb_seconds == single.final_state().epoch.tdb_seconds
        mid = 0.5 * (T0.tdb_seconds + single.final_state().epoch.tdb_seconds)
        assert np.linalg.norm(seg.state(mid)[0] - single.state(mid)[0]) < MICROMETRE
        assert [e.name for e in seg.events] == [e.name for e in single.events]
        for a, b in zip(seg.events, single.events):
            assert abs(a.epoch.tdb_seconds - b.epoch.tdb_seconds) < MICROSECOND
        assert seg.n_evaluations == single.n_evaluations
    assert any(e.name == "altitude" for seg in batch for e in seg.events)


def test_final_states_only_and_one_worker_agree_with_two():
    model = _model()
    states = _samples(5, seed=8)
    one = fs.propagate_batch(states, duration_s=1800.0, forces=model, dense=False, workers=1)
    two = fs.propagate_batch(states, duration_s=1800.0, forces=model, dense=False, workers=2)
    for a, b in zip(one, two):
        assert np.array_equal(a.final_state().r_m, b.final_state().r_m)


def test_bad_batches_are_named():
    model = _model()
    states = _samples(2)
    later = fs.State(fs.Epoch("2024-06-01T00:00:01", "tdb"), states[1].r_m, states[1].v_m_s, 1000.0, "moon")
    with pytest.raises(FarsideValueError, match=r"states\[1\]\.epoch"):
        fs.propagate_batch([states[0], later], duration_s=60.0, forces=model)
    with pytest.raises(FarsideValueError, match="workers"):
        fs.propagate_batch(states, duration_s=60.0, forces=model, workers=0)
    with pytest.raises(FarsideValueError, match="states"):
        fs.propagate_batch([], duration_s=60.0, forces=model)
    with pytest.raises(FarsideValueError, match="events"):
        fs.propagate_batch(states, duration_s=60.0, forces=model,
                           events=[fs.events.periapsis(action=lambda s: s)])
