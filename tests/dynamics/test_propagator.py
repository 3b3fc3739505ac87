"""The propagator against Kepler's problem, the rocket equation and its own contracts."""
import numpy as np
import pytest

import farside as fs
from farside.core.kepler import elements_to_state_hf, propagate_kepler_hf
from farside.errors import FarsideValueError, PropagationError
from tests.units import MICROSECOND, MILLIMETRE

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
GM_EARTH = fs.bodies.get("earth").gm_m3_s2
GM_MOON = fs.bodies.get("moon").gm_m3_s2


def _state(gm, a, e, inc, raan, argp, nu, center, mass=1000.0):
    out = np.empty(6)
    elements_to_state_hf(gm, a, e, inc, raan, argp, nu, out)
    return fs.State(T0, out[:3], out[3:], mass, center)


def _kepler(gm, state, dt):
    out = np.empty(6)
    propagate_kepler_hf(gm, state.r_m, state.v_m_s, dt, out)
    return out


@pytest.mark.parametrize("center, gm, a, e", [("earth", GM_EARTH, 7000e3, 0.001),
                                               ("moon", GM_MOON, 3000e3, 0.35)])
def test_two_body_stays_on_kepler_over_100_orbits(center, gm, a, e):
    start = _state(gm, a, e, 0.9, 0.4, 1.1, 0.3, center)
    period = 2 * np.pi * np.sqrt(a ** 3 / gm)
    seg = fs.propagate(start, duration_s=100 * period, rtol=1e-14, atol=1e-12, dense=False)
    final = seg.final_state()
    ref = _kepler(gm, start, 100 * period)
    assert np.linalg.norm(final.r_m - ref[:3]) < 1 * MILLIMETRE
    assert final.mass_kg == start.mass_kg


def test_dense_output_between_steps_matches_kepler():
    start = _state(GM_MOON, 3000e3, 0.35, 0.9, 0.4, 1.1, 0.3, "moon")
    seg = fs.propagate(start, duration_s=86400.0, rtol=1e-13, atol=1e-10)
    t = np.random.default_rng(3).uniform(0.0, 86400.0, 300)
    r, _ = seg.state(T0.tdb_seconds + t)
    ref = np.array([_kepler(GM_MOON, start, dt)[:3] for dt in t])
    assert np.max(np.linalg.norm(r - ref, axis=1)) < 1 * MILLIMETRE
    r_end, _ = seg.state(seg.end)
    assert np.allclose(r_end, seg.final_state().r_m, rtol=0, atol=1e-9)


def test_periapsis_and_apoapsis_times_match_kepler():
    # starts at true anomaly 0.3 rad: periapsis after one period minus the time since periapsis
    a, e = 3000e3, 0.35
    start = _state(GM_MOON, a, e, 0.9, 0.4, 1.1, 0.3, "moon")
    period = 2 * np.pi * np.sqrt(a ** 3 / GM_MOON)
    big = 2 * np.arctan(np.sqrt((1 - e) / (1 + e)) * np.tan(0.15))
    since = (big - e * np.sin(big)) / (2 * np.pi) * period
    seg = fs.propagate(start, duration_s=3.2 * period, events=[fs.events.periapsis(), fs.events.apoapsis()],
                       rtol=1e-13, atol=1e-10)
    peri = [o.epoch.tdb_seconds - T0.tdb_seconds for o in seg.events if o.name == "periapsis"]
    apo = [o.epoch.tdb_seconds - T0.tdb_seconds for o in seg.events if o.name == "apoapsis"]
    assert len(peri) == 3 and len(apo) == 3
    assert np.max(np.abs(np.array(peri) - (np.arange(1, 4) * period - since))) < 1 * MICROSECOND
    assert np.max(np.abs(np.array(apo) - (np.arange(0, 3) * period + period / 2 - since))) < 1 * MICROSECOND


def test_altitude_event_stops_on_the_sphere():
    start = _state(GM_MOON, 3000e3, 0.35, 0.9, 0.4, 1.1, 0.3, "moon")
    radius = 2500e3
    seg = fs.propagate(start, duration_s=86400.0,
                       events=[fs.events.altitude(radius - 1737.4e3, 1737.4e3, "falling", "stop")])
    final = seg.final_state()
    assert abs(np.linalg.norm(final.r_m) - radius) < 1e-3
    assert seg.events[-1].name == "altitude"
    assert final.epoch.tdb_seconds < T0.tdb_seconds + 86400.0


def test_backwards_returns_to_the_start():
    start = _state(GM_EARTH, 7000e3, 0.001, 0.9, 0.4, 1.1, 0.3, "earth")
    forward = fs.propagate(start, duration_s=20000.0, rtol=1e-13, atol=1e-10)
    back = fs.propagate(forward.final_state(), duration_s=-20000.0, rtol=1e-13, atol=1e-10)
    assert np.linalg.norm(back.final_state().r_m - start.r_m) < 1 * MILLIMETRE
    r_mid, _ = back.state(T0 + 5000.0)
    assert np.linalg.norm(r_mid - forward.state(T0 + 5000.0)[0]) < 1 * MILLIMETRE


def test_finite_burn_follows_the_rocket_equation():
    # far from the Moon (gravity 5e-12 m/s^2): the velocity change is the thrust's alone
    start = fs.State(T0, [1e12, 0.0, 0.0], [0.0, 0.0, 0.0], 3000.0, "moon")
    thrust = fs.Thrust(3000.0, 315.0, (0.0, 1.0, 0.0), "inertial")
    burn = fs.FiniteBurn(T0 + 100.0, 600.0, thrust)
    seg = fs.propagate(start, duration_s=1000.0, maneuvers=[burn], rtol=1e-13, atol=1e-10)
    final = seg.final_state()
    m1 = 3000.0 - thrust.mass_flow_kg_s * 600.0
    assert final.mass_kg == pytest.approx(m1, rel=1e-13)
    dv = 315.0 * 9.80665 * np.log(3000.0 / m1)
    assert final.v_m_s[1] == pytest.approx(dv, rel=1e-9)
    assert seg.state_vectors(T0 + 99.0)[6] == 3000.0


def test_propellant_depletion_stops_the_burn():
    start = fs.State(T0, [1e12, 0.0, 0.0], [0.0, 0.0, 0.0], 3000.0, "moon")
    thrust = fs.Thrust(3000.0, 315.0, (1.0, 0.0, 0.0), "inertial")
    burn = fs.FiniteBurn(T0, 10000.0, thrust)
    seg = fs.propagate(start, duration_s=10000.0, maneuvers=[burn], events=[fs.events.mass_below(2000.0)])
    expected = 1000.0 / thrust.mass_flow_kg_s
    assert seg.final_state().epoch.tdb_seconds - T0.tdb_seconds == pytest.approx(expected, abs=1 * MICROSECOND)


def test_impulse_and_event_change():
    start = _state(GM_EARTH, 7000e3, 0.001, 0.9, 0.4, 1.1, 0.3, "earth")
    kick = fs.Impulse(T0 + 1000.0, (10.0, 0.0, 0.0), "VNC", isp_s=300.0)
    seg = fs.propagate(start, duration_s=2000.0, maneuvers=[kick])
    before = seg.state_vectors(T0 + 999.999)  # gravity adds < 0.01 m/s in 1 ms
    after = seg.state_vectors(T0 + 1000.0)
    dv = after[3:6] - before[3:6]
    assert np.linalg.norm(dv) == pytest.approx(10.0, abs=0.01)
    assert np.dot(dv, before[3:6]) > 0
    assert after[6] == pytest.approx(1000.0 * np.exp(-10.0 / (300.0 * 9.80665)), rel=1e-14)

    def circularise(state):
        return fs.State(state.epoch, state.r_m, state.v_m_s * 1.01, state.mass_kg, state.center)

    seg = fs.propagate(start, duration_s=4000.0, events=[fs.events.apoapsis(circularise)])
    assert [o.name for o in seg.events] == ["apoapsis"]
    energy = [0.5 * s.v_m_s @ s.v_m_s - GM_EARTH / np.linalg.norm(s.r_m) for s in (start, seg.final_state())]
    assert energy[1] > energy[0] + 500e3


def test_bad_inputs_name_the_argument():
    inside = fs.State(T0, [1000e3, 0.0, 0.0], [0.0, 1000.0, 0.0], 1000.0, "moon")
    with pytest.raises(FarsideValueError, match="state.r_m"):
        fs.propagate(inside, duration_s=10.0)
    with pytest.raises(FarsideValueError, match="r_m"):
        fs.State(T0, [np.nan, 0.0, 0.0], [0.0, 1.0, 0.0])
    start = _state(GM_EARTH, 7000e3, 0.001, 0.9, 0.4, 1.1, 0.3, "earth")
    with pytest.raises(FarsideValueError, match="rtol"):
        fs.propagate(start, duration_s=10.0, rtol=-1.0)
    with pytest.raises(FarsideValueError, match="until"):
        fs.propagate(start)
    with pytest.raises(FarsideValueError, match="maneuvers"):
        t = fs.Thrust(10.0, 300.0)
        fs.propagate(start, duration_s=100.0, maneuvers=[fs.FiniteBurn(T0, 50.0, t), fs.FiniteBurn(T0 + 10.0, 50.0, t)])


def test_integrator_failure_names_epoch_and_step():
    start = _state(GM_EARTH, 7000e3, 0.001, 0.9, 0.4, 1.1, 0.3, "earth")
    with pytest.raises(PropagationError, match=r"2024-06-01T\d\d:\d\d:\d\d.*TDB with step .* max_steps=50"):
        fs.propagate(start, duration_s=86400.0, max_steps=50)
    with pytest.raises(FarsideValueError, match="rtol"):
        fs.propagate(start, duration_s=86400.0, rtol=1e-20)


def test_rkf78_stays_on_kepler_over_100_orbits():
    start = _state(GM_MOON, 3000e3, 0.35, 0.9, 0.4, 1.1, 0.3, "moon")
    period = 2 * np.pi * np.sqrt(3000e3 ** 3 / GM_MOON)
    seg = fs.propagate(start, duration_s=100 * period, rtol=1e-14, atol=1e-12, dense=False, method="RKF78")
    assert np.linalg.norm(seg.final_state().r_m - _kepler(GM_MOON, start, 100 * period)[:3]) < 1 * MILLIMETRE
    with pytest.raises(FarsideValueError, match="method"):
        fs.propagate(start, duration_s=10.0, method="RK45")


def test_rkf78_dense_output_and_events_match_kepler():
    # starts descending towards periapsis, stops on the way up at 800 km
    a, e, nu = 3000e3, 0.35, 3.5
    start = _state(GM_MOON, a, e, 0.9, 0.4, 1.1, nu, "moon")
    period = 2 * np.pi * np.sqrt(a ** 3 / GM_MOON)
    big = 2 * np.arctan2(np.sqrt(1 - e) * np.sin(nu / 2), np.sqrt(1 + e) * np.cos(nu / 2))
    since = ((big - e * np.sin(big)) % (2 * np.pi)) / (2 * np.pi) * period
    seg = fs.propagate(start, duration_s=2.2 * period, method="RKF78", rtol=1e-13, atol=1e-10,
                       events=[fs.events.periapsis(), fs.events.altitude(800e3, 1737.4e3, "rising", "stop")])
    t = np.random.default_rng(4).uniform(0.0, seg.end.tdb_seconds - T0.tdb_seconds, 300)
    r, _ = seg.state(T0.tdb_seconds + t)
    ref = np.array([_kepler(GM_MOON, start, dt)[:3] for dt in t])
    assert np.max(np.linalg.norm(r - ref, axis=1)) < 1 * MILLIMETRE
    assert [o.name for o in seg.events] == ["periapsis", "altitude"]
    assert abs(seg.events[0].epoch.tdb_seconds - T0.tdb_seconds - (period - since)) < 1 * MICROSECOND
    assert abs(np.linalg.norm(seg.final_state().r_m) - (1737.4e3 + 800e3)) < 1e-3


def test_a_crash_into_the_moon_is_named():
    start = fs.State(T0, [1837.4e3, 0.0, 0.0], [0.0, 0.0, 1200.0], 1000.0, "moon")
    field = fs.gravity.load("GRGM1200A", 8)
    with pytest.raises(PropagationError, match="reaches the surface of moon"):
        fs.propagate(start, duration_s=86400.0, forces=fs.ForceModel("moon", [fs.SphericalHarmonics(field)]))
