"""`propagate_batch` in vector lanes against the same batch flown one sample at a time
(``lanes=False``, the reference): the same segments bit for bit (final states, epochs, counts,
events), on one worker or two, and the runs the lanes cannot fly left to the single-sample kernel."""
import dataclasses

import numpy as np

import farside as fs
from farside.dynamics import events as ev
from farside.dynamics.batch_lanes import lane_kinds

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
OMEGA = 2 * np.pi / (27.321661 * 86400.0)
FIELD = fs.gravity.load("GRGM1200A", 20)
R0 = 1837.4e3


def _model(frame=None):
    frame = fs.UniformRotation(OMEGA, T0.tdb_seconds) if frame is None else frame
    return fs.ForceModel("moon", [fs.SphericalHarmonics(FIELD, frame)])


def _samples(n, seed=9):
    rng = np.random.default_rng(seed)
    v0 = np.sqrt(FIELD.gm_m3_s2 / R0)
    return [fs.State(T0, np.array([R0, 0.0, 0.0]) + rng.normal(0.0, 1e3, 3),
                     np.array([0.0, 0.0, v0]) + rng.normal(0.0, 1.0, 3), 1000.0, "moon") for _ in range(n)]


def _assert_same_segments(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        fx, fy = x.final_state(), y.final_state()
        assert np.array_equal(fx.r_m, fy.r_m) and np.array_equal(fx.v_m_s, fy.v_m_s)
        assert fx.epoch.tdb_seconds == fy.epoch.tdb_seconds
        assert x.n_evaluations == y.n_evaluations
        assert [(e.name, e.epoch.tdb_seconds) for e in x.events] == [(e.name, e.epoch.tdb_seconds) for e in y.events]
        for e, f in zip(x.events, y.events):
            assert np.array_equal(e.state, f.state)


def test_lanes_give_the_single_sample_segments():
    model = _model()
    states = _samples(21)
    for workers in (1, 2):
        lanes = fs.propagate_batch(states, duration_s=1800.0, forces=model, dense=False, workers=workers)
        single = fs.propagate_batch(states, duration_s=1800.0, forces=model, dense=False, workers=workers,
                                    lanes=False)
        _assert_same_segments(lanes, single)


def test_lanes_fly_backwards_and_within_a_largest_step():
    model = _model()
    states = _samples(11, seed=2)
    for kwargs in ({"duration_s": -1800.0}, {"duration_s": 900.0, "max_step_s": 40.0, "rtol": 1e-10}):
        lanes = fs.propagate_batch(states, forces=model, dense=False, **kwargs)
        single = fs.propagate_batch(states, forces=model, dense=False, lanes=False, **kwargs)
        _assert_same_segments(lanes, single)


def test_samples_whose_event_fires_are_flown_again_alone():
    model = _model("inertial")
    states = _samples(13, seed=4)
    events = [fs.events.altitude(99.5e3, 1737.4e3, "falling", action="stop"), fs.events.periapsis()]
    lanes = fs.propagate_batch(states, duration_s=3600.0, forces=model, events=events, dense=False, workers=2)
    single = fs.propagate_batch(states, duration_s=3600.0, forces=model, events=events, dense=False, workers=2,
                                lanes=False)
    _assert_same_segments(lanes, single)
    stopped = sum(any(e.name == "altitude" for e in s.events) for s in lanes)
    assert 0 < stopped < len(states)


def test_only_field_models_and_plain_events_take_the_lanes():
    t0 = T0.tdb_seconds
    field_model = _model()
    packed = ev.pack([])
    assert lane_kinds(field_model.pack(t0).arrays, packed) is not None
    point_mass = fs.ForceModel("moon")
    assert lane_kinds(point_mass.pack(t0).arrays, packed) is None
    with_bodies = fs.ForceModel("moon", [fs.SphericalHarmonics(FIELD, "inertial"), fs.ThirdBodies(("earth",))])
    assert lane_kinds(with_bodies.pack(t0).arrays, packed) is None
    sampled = [dataclasses.replace(fs.events.altitude(99.5e3, 1737.4e3, "falling"), max_check_s=60.0)]
    assert lane_kinds(field_model.pack(t0, events=sampled).arrays, ev.pack(sampled)) is None
