"""The two DOP853 kernels against each other: the plain kernel (no kept steps, no outputs, events
seen at step ends) flies the full kernel's steps bit for bit, gives a run in which an event changes
sign back to the full kernel (the chooser then returns the full kernel's results), and fails with
the full kernel's status, time, step and count; the reference for each is the full kernel
:func:`farside.core.dop853.propagate_hf` on the same arrays."""
import dataclasses

import numpy as np
import pytest

import farside as fs
from farside.core import dop853
from farside.core.events import plain_events
from farside.dynamics import events

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
FIELD = fs.gravity.load("GRGM1200A", 8)
MODEL = fs.ForceModel("moon", [fs.SphericalHarmonics(FIELD, "inertial")])
RTOL = np.full(7, 1e-12)
ATOL = np.full(7, 1e-9)
R0 = 1837.4e3
V0 = 1.02 * np.sqrt(FIELD.gm_m3_s2 / R0)
# a lunar orbit of 100 x 254 km and 7500 s from its periapsis, leaving the equator northwards: r.v
# and z rise from 0 to the apoapsis, about an hour on
Y0 = np.array([R0, 0.0, 0.0, 0.0, 300.0, np.sqrt(V0 ** 2 - 300.0 ** 2), 2400.0])
NO_OUTPUTS = np.empty(0)


def _arrays(event_list, model=MODEL):
    return model.pack(T0.tdb_seconds, events=event_list).arrays, events.pack(event_list)


def _full(fa, packed, y0, tau_end, h_max=np.inf, max_steps=1_000_000):
    return dop853.propagate_hf(fa, T0.tdb_seconds, y0, tau_end, RTOL, ATOL, h_max, False, NO_OUTPUTS, *packed,
                               max_steps)


def _plain(fa, packed, y0, tau_end, h_max=np.inf, max_steps=1_000_000):
    """(status, y_final, tau_final, h_last, n_evals, n_steps) of the plain kernel."""
    kind, direction, _, params, _ = packed
    y = y0.copy()
    status, tau, h_last, n_evals, n_steps = dop853.propagate_plain_hf(
        fa, T0.tdb_seconds, y, tau_end, RTOL, ATOL, h_max, kind, direction, params, max_steps,
        dop853.plain_scratch(fa, y.shape[0], kind.shape[0]))
    return status, y, tau, h_last, n_evals, n_steps


def _plain_events(event_list):
    kind, _, _, params, check = events.pack(event_list)
    return plain_events(kind, params, check)


def _hex(a):
    return [float(v).hex() for v in np.ravel(a)]


def _assert_same_run(plain, full):
    """(status, y, tau, h_last, n_evals, n_steps) of the plain kernel are the full kernel's."""
    status, n_steps, y, tau, n_events, h_last, n_evals, n_out = (full[i] for i in (0, 3, 4, 5, 9, 10, 11, 13))
    assert n_events == 0 and n_out == 0
    assert plain[0] == status
    assert _hex(plain[1]) == _hex(y)
    assert _hex([plain[2], plain[3]]) == _hex([tau, h_last])
    assert (plain[4], plain[5]) == (n_evals, n_steps)


def _filled(run):
    """The parts of a propagate_hf tuple that a run without kept steps fills."""
    status, _, _, n_steps, y, tau, ev_index, ev_tau, ev_state, n_events, h_last, n_evals, out_y, n_out = run
    return (status, n_steps, y, tau, ev_index[:n_events], ev_tau[:n_events], ev_state[:n_events], h_last, n_evals,
            out_y[:n_out])


def _assert_same_tuple(a, b):
    for x, y in zip(_filled(a), _filled(b), strict=True):
        assert np.shape(x) == np.shape(y)
        assert _hex(x) == _hex(y)


QUIET_EVENTS = {
    "none": [],
    "surface": [events.altitude(0.0, 1700e3, "falling", "stop")],
    "altitude, mass, node, apsis": [events.altitude(50e3, FIELD.radius_m, "either"), events.mass_below(100.0),
                                    events.node("falling"), events.periapsis()],
}


@pytest.mark.parametrize("name", QUIET_EVENTS)
@pytest.mark.parametrize("tau_end, h_max", [(1800.0, np.inf), (-1800.0, np.inf), (1800.0, 45.0)])
def test_plain_kernel_flies_the_full_kernels_steps_bit_for_bit(name, tau_end, h_max):
    event_list = QUIET_EVENTS[name]
    assert _plain_events(event_list)
    fa, packed = _arrays(event_list)
    plain = _plain(fa, packed, Y0, tau_end, h_max)
    full = _full(fa, packed, Y0, tau_end, h_max)
    assert plain[0] == dop853.REACHED_END
    assert plain[5] > 10
    _assert_same_run(plain, full)
    chosen = dop853.propagate(fa, T0.tdb_seconds, Y0, tau_end, RTOL, ATOL, h_max, False, NO_OUTPUTS, *packed,
                              1_000_000)
    _assert_same_run((chosen[0], chosen[4], chosen[5], chosen[10], chosen[11], chosen[3]), full)


@pytest.mark.parametrize("event_list", [[events.node("either", action="stop")],
                                        [events.periapsis(), events.apoapsis()],
                                        [events.altitude(150e3, FIELD.radius_m, "either"), events.mass_below(10.0)]])
def test_an_event_that_changes_sign_gives_the_run_to_the_full_kernel(event_list):
    fa, packed = _arrays(event_list)
    tau_end = 3.0 * 7200.0
    plain = _plain(fa, packed, Y0, tau_end)
    assert plain[0] == dop853.EVENT_SEEN
    full = _full(fa, packed, Y0, tau_end)
    assert full[9] >= 1
    chosen = dop853.propagate(fa, T0.tdb_seconds, Y0, tau_end, RTOL, ATOL, np.inf, False, NO_OUTPUTS, *packed,
                              1_000_000)
    _assert_same_tuple(chosen, full)


def test_through_the_public_api_events_and_final_state_do_not_depend_on_the_kernel():
    # dense=False flies the plain kernel (and the full one again where an event is seen), dense=True
    # the full kernel throughout: the same events and final state
    start = fs.State(T0, Y0[:3], Y0[3:6], Y0[6], "moon")
    for event_list, n_events in (([], 0), ([events.periapsis(), events.node("rising")], 6)):
        runs = [fs.propagate(start, duration_s=3.5 * 7500.0, forces=MODEL, events=event_list, dense=dense)
                for dense in (False, True)]
        assert len(runs[0].events) == n_events
        assert [(e.name, _hex(e.epoch.tdb_seconds_2part), _hex(e.state)) for e in runs[0].events] == \
            [(e.name, _hex(e.epoch.tdb_seconds_2part), _hex(e.state)) for e in runs[1].events]
        assert _hex(runs[0].final.vector()) == _hex(runs[1].final.vector())


def test_events_the_plain_kernel_cannot_see():
    checked = dataclasses.replace(events.altitude(0.0, R0), max_check_s=30.0)
    for event in (events.node(frame="body"), events.periapsis(body="earth"), events.shadow("moon"),
                  events.distance("earth", 3e8), checked):
        assert not _plain_events([events.altitude(0.0, R0), event])


FAILURES = {
    "max steps": (Y0, 1800.0, np.inf, 7),
    "step below the resolution of time": (Y0, 1800.0, 1e-17, 1000),
    "non-finite start": (np.concatenate([Y0[:6] * np.array([1, 1, 1, 1, np.nan, 1]), Y0[6:]]), 1800.0, np.inf, 1000),
    "through the centre": (np.array([1e3, 0.0, 0.0, 0.0, 0.0, 0.0, 2400.0]), 1800.0, np.inf, 100_000),
}


@pytest.mark.parametrize("name", FAILURES)
def test_failures_agree(name):
    y0, tau_end, h_max, max_steps = FAILURES[name]
    model = fs.ForceModel("moon")
    fa, packed = _arrays([events.mass_below(10.0)], model)
    plain = _plain(fa, packed, y0, tau_end, h_max, max_steps)
    full = _full(fa, packed, y0, tau_end, h_max, max_steps)
    assert plain[0] < 0
    _assert_same_run(plain, full)


def test_the_plain_kernel_is_compiled_once():
    # runs with and without events, a field and a point mass, forwards and backwards: one
    # specialisation (a second would be compiled in every cold start that flies both)
    for model, event_list, tau_end in ((MODEL, [], 60.0), (fs.ForceModel("moon"), QUIET_EVENTS["surface"], -60.0)):
        fa, packed = _arrays(event_list, model)
        _plain(fa, packed, Y0, tau_end)
    assert len(dop853.propagate_plain_hf.signatures) == 1
