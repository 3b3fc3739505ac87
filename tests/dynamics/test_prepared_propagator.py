"""The prepared Propagator against propagate, the field's degree and order cut against closed
forms, chosen third-body GMs, and apsides about another body."""
import dataclasses

import numpy as np
import pytest

import farside as fs
from farside.core.force_model import BUF_SIZE, derivatives_hf, scratch_rows_hf
from farside.dynamics import events
from farside.dynamics.maneuvers import FiniteBurn
from farside.dynamics.propagator import Propagator

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
FIELD = fs.gravity.load("GRGM1200A", 8)


def _derivative(model, y):
    dy = np.empty(7)
    fa = model.arrays(T0.tdb_seconds)
    degree = scratch_rows_hf(fa) + 2
    derivatives_hf(fa, np.empty((degree, degree)), np.empty((2, degree)), np.empty(BUF_SIZE),
                   T0.tdb_seconds, 0.0, y, dy)
    return dy


def _lunar_orbit():
    r = 1837.4e3
    return fs.State(T0, [r, 0.0, 0.0], [0.0, 300.0, np.sqrt(FIELD.gm_m3_s2 / r) - 300.0], 2400.0, "moon")


def test_guidance_cycles_match_propagate_with_finite_burns_bit_for_bit():
    # the same kernel, the same arrays: a Propagator whose thrust is set per cycle flies exactly
    # the finite burns that propagate flies, and its arrays are packed once
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(FIELD), fs.ThirdBodies(("earth", "sun"))])
    prop = Propagator(model)
    parameters = prop.parameters
    a = b = _lunar_orbit()
    for k in range(4):
        thrust = fs.Thrust(7500.0, 315.0, (np.cos(k), np.sin(k), 0.2), "inertial")
        prop.set_thrust(thrust)
        a = prop.advance(a, 20.0).final_state()
        b = fs.propagate(b, duration_s=20.0, forces=model,
                         maneuvers=[FiniteBurn(b.epoch, 20.0, thrust)]).final_state()
        assert np.array_equal(a.vector(), b.vector())
        assert prop.parameters is parameters
    prop.set_thrust(None)
    coast = prop.advance(a, 60.0).final_state()
    assert np.array_equal(coast.vector(), fs.propagate(a, duration_s=60.0, forces=model).final_state().vector())
    assert coast.mass_kg == a.mass_kg


def test_zonal_cut_is_the_closed_form_j2_j3():
    # degree 3, order 0: GM/r^2 plus the J2 and J3 accelerations in closed form (Montenbruck &
    # Gill 2000, eqs. 3.28-3.31 with Jn = -sqrt(2n+1) Cn0), the frame inertial
    harmonics = fs.SphericalHarmonics(FIELD, "inertial", degree=3, order=0)
    model = fs.ForceModel("moon", [harmonics])
    x, y, z = 1.2e6, -0.9e6, 1.1e6
    acc = _derivative(model, np.array([x, y, z, 0.0, 0.0, 0.0, 1000.0]))[3:6]
    gm, re = FIELD.gm_m3_s2, FIELD.radius_m
    j2, j3 = -np.sqrt(5.0) * FIELD.c[2, 0], -np.sqrt(7.0) * FIELD.c[3, 0]
    r = np.sqrt(x * x + y * y + z * z)
    u = z / r
    k2 = -1.5 * j2 * gm * re ** 2 / r ** 5
    a2 = k2 * np.array([x * (1 - 5 * u * u), y * (1 - 5 * u * u), z * (3 - 5 * u * u)])
    k3 = -2.5 * j3 * gm * re ** 3 / r ** 7
    a3 = k3 * np.array([x * (3 * z - 7 * z * u * u), y * (3 * z - 7 * z * u * u),
                        6 * z * z - 7 * z * z * u * u - 0.6 * r * r])
    expected = -gm / r ** 3 * np.array([x, y, z]) + a2 + a3
    # 1e-15 relative: a few roundings in either sum of terms of size 1 and 1e-3
    assert np.allclose(acc, expected, rtol=1e-15, atol=1e-15 * np.linalg.norm(expected))


def test_order_cut_equals_a_field_with_the_terms_removed():
    c, s = FIELD.c.copy()[:7, :7], FIELD.s.copy()[:7, :7]
    c[:, 4:] = 0.0
    s[:, 4:] = 0.0
    by_hand = dataclasses.replace(FIELD, c=c, s=s)
    y = np.array([1.5e6, 0.7e6, -1.0e6, 0.0, 0.0, 0.0, 1000.0])
    cut = _derivative(fs.ForceModel("moon", [fs.SphericalHarmonics(FIELD, degree=6, order=3)]), y)
    ref = _derivative(fs.ForceModel("moon", [fs.SphericalHarmonics(by_hand)]), y)
    assert np.array_equal(cut, ref)
    with pytest.raises(fs.errors.FarsideValueError, match="order"):
        fs.SphericalHarmonics(FIELD, degree=4, order=5)


def test_third_body_gms_are_a_choice_of_the_model():
    y = np.array([2.0e6, 0.3e6, -0.4e6, 0.0, 0.0, 0.0, 1000.0])
    de440 = [fs.bodies.get(b).gm_m3_s2 for b in ("earth", "sun")]
    default = _derivative(fs.ForceModel("moon", [fs.ThirdBodies(("earth", "sun"))]), y)
    same = _derivative(fs.ForceModel("moon", [fs.ThirdBodies(("earth", "sun"), tuple(de440))]), y)
    assert np.array_equal(default, same)
    earth_only = _derivative(fs.ForceModel("moon", [fs.ThirdBodies(("earth",))]), y)
    doubled = _derivative(fs.ForceModel("moon", [fs.ThirdBodies(("earth",), (2.0 * de440[0],))]), y)
    alone = _derivative(fs.ForceModel("moon"), y)
    # the perturbation is linear in the GM: twice the GM, twice the acceleration. The Earth's pull
    # is 3e-5 of the Moon's 1.1 m/s^2, so each difference carries ~1e-16 / 3e-5 = 4e-12 of
    # relative rounding: 2e-11 allows for it
    diff = np.max(np.abs((doubled[3:6] - alone[3:6]) / (2.0 * (earth_only[3:6] - alone[3:6])) - 1.0))
    assert diff < 2e-11


def test_periselene_found_on_an_earth_centred_coast():
    # the same flight about the Moon and about the Earth (each with the other and the Sun as
    # third bodies): the periselene of the Earth-centred one is the Moon-centred periapsis, to the
    # two integrations' agreement: measured 3.7e-4 s one orbit later (e = 0.44). At rtol 1e-12 the
    # Earth-centred positions of 4e8 m carry ~4e-4 m per step, ~0.7 m along-track over the orbit
    # (0.7 m / 1,960 m/s at periselene); 1e-3 s leaves a factor 2.7.
    r = 1837.4e3   # periselene 100 km above the 1737.4 km sphere (clear of the surface stop), e = 0.44
    speed = 1.2 * np.sqrt(FIELD.gm_m3_s2 / r)
    start = fs.State(T0, [r, 0.0, 0.0], [0.0, 300.0, np.sqrt(speed ** 2 - 300.0 ** 2)], 2400.0, "moon")
    moon = fs.ForceModel("moon", [fs.ThirdBodies(("earth", "sun"))])
    earth = fs.ForceModel("earth", [fs.ThirdBodies(("moon", "sun"))])
    about_moon = fs.propagate(start, duration_s=8 * 3600.0, forces=moon, events=[events.periapsis()])
    about_earth = fs.propagate(start, duration_s=8 * 3600.0, forces=earth, events=[events.periapsis(body="moon")])
    t_moon = [e.epoch.tdb_seconds for e in about_moon.events]
    t_earth = [e.epoch.tdb_seconds for e in about_earth.events]
    assert about_earth.events[0].name == "periapsis about moon"
    assert len(t_moon) == len(t_earth) >= 1
    assert np.allclose(t_earth, t_moon, rtol=0, atol=1e-3)
