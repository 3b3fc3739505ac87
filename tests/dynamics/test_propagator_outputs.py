"""States at requested epochs formed in the kernel (``propagate(outputs=...)``): against
Kepler's problem, and against the dense segment's own interpolation, bit for bit, across an
impulse, a state-changing event and a terminal event."""
import numpy as np
import pytest

import farside as fs
from farside.core.kepler import elements_to_state_hf, propagate_kepler_hf
from farside.errors import FarsideValueError
from tests.units import MILLIMETRE

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
GM_EARTH = fs.bodies.get("earth").gm_m3_s2


def _leo():
    out = np.empty(6)
    elements_to_state_hf(GM_EARTH, 7000e3, 0.001, 0.9, 0.4, 1.1, 0.3, out)
    return fs.State(T0, out[:3], out[3:], 1000.0, "earth")


def test_outputs_every_300_s_match_kepler_over_a_day():
    start = _leo()
    grid = T0.tdb_seconds + np.arange(0.0, 86400.0 + 1.0, 300.0)
    seg = fs.propagate(start, duration_s=86400.0, rtol=1e-13, atol=1e-10, dense=False, outputs=grid)
    ref = np.empty((grid.shape[0], 6))
    for i, t in enumerate(grid - T0.tdb_seconds):
        propagate_kepler_hf(GM_EARTH, start.r_m, start.v_m_s, t, ref[i])
    assert seg.outputs.shape == (grid.shape[0], 7)
    # measured 0.0076 mm over 14.8 orbits at rtol 1e-13: the integration's own error, which the
    # interpolation between steps does not add to; 4x margin
    assert np.max(np.linalg.norm(seg.outputs[:, :3] - ref[:, :3], axis=1)) < 0.03 * MILLIMETRE
    assert np.array_equal(seg.outputs[0], start.vector())
    assert np.array_equal(seg.outputs[-1], seg.final.vector())
    assert seg.pieces[0].coefs.shape[0] == 0


def test_outputs_equal_the_dense_segment_across_an_impulse_and_an_event_action():
    # the same steps and the same interpolation: every state equal bit for bit to what the
    # dense segment gives, the later piece answering at the impulse's and the event's epochs
    start = _leo()
    kick = fs.Impulse(T0 + 1500.0, (10.0, 0.0, 0.0), "VNC", isp_s=300.0)

    def boost(state):
        return fs.State(state.epoch, state.r_m, state.v_m_s * 1.001, state.mass_kg, state.center)

    dense = fs.propagate(start, duration_s=9000.0, maneuvers=[kick], events=[fs.events.apoapsis(boost)])
    apoapsis = dense.events[0].epoch.tdb_seconds
    grid = np.sort(np.concatenate([T0.tdb_seconds + np.linspace(0.0, 9000.0, 157),
                                   [T0.tdb_seconds + 1500.0, apoapsis]]))
    seg = fs.propagate(start, duration_s=9000.0, maneuvers=[kick], events=[fs.events.apoapsis(boost)],
                       dense=False, outputs=grid)
    assert np.array_equal(seg.outputs, dense.state_vectors(grid))
    assert seg.n_evaluations < dense.n_evaluations


def test_outputs_end_at_a_terminal_event():
    start = _leo()
    dense = fs.propagate(start, duration_s=9000.0, events=[fs.events.periapsis(action="stop")])
    stop = dense.final.epoch.tdb_seconds
    grid = T0.tdb_seconds + np.arange(0.0, 9000.0, 60.0)
    seg = fs.propagate(start, duration_s=9000.0, events=[fs.events.periapsis(action="stop")], dense=False,
                       outputs=np.append(grid[grid < stop], stop))
    n = int(np.count_nonzero(grid < stop))
    assert seg.outputs.shape == (n + 1, 7)
    assert np.array_equal(seg.outputs[:n], dense.state_vectors(grid[:n]))
    assert np.array_equal(seg.outputs[n], seg.final.vector())


def test_bad_outputs_name_the_argument():
    start = _leo()
    for bad in ([T0.tdb_seconds + 10.0, T0.tdb_seconds + 5.0], [T0.tdb_seconds - 1.0],
                [T0.tdb_seconds + 601.0], [np.nan]):
        with pytest.raises(FarsideValueError, match="outputs"):
            fs.propagate(start, duration_s=600.0, outputs=bad)
    with pytest.raises(FarsideValueError, match="outputs"):
        fs.propagate(start, duration_s=600.0, outputs=[T0.tdb_seconds], method="RKF78")
