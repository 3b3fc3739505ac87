"""The launch: the pad state against SPICE (georec and the ITRF93 -> J2000 state transformation),
the plane and azimuth against the spherical-trigonometry formula, and the guided flight in the full
model: parking-orbit insertion and the trans-lunar conic against their targets."""
import dataclasses

import numpy as np
import pytest

from farside.astro.bodies import WGS84_A_M, WGS84_F
from farside.astro.time import Epoch
from farside.core.kepler import state_to_elements_hf
from farside.dynamics.launch_vehicle import LaunchVehicle, Stage
from farside.gnc import launch_ascent, launch_products, launch_setup

LIFT_OFF = Epoch("2024-05-03T09:27:29")
LAT, LON = 19.614691, 110.951004
MACH = np.array([0.0, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0])
CD = np.array([0.30, 0.30, 0.36, 0.55, 0.60, 0.55, 0.45, 0.36, 0.30, 0.27, 0.27])
TLI = (189536.616e3, 0.965299709, np.radians(239.115396))


def vehicle():
    return LaunchVehicle(Stage("boosters", 4, 11700.0, 144000.0, 2680e3, 335.0, 2400e3),
                         Stage("core", 1, 17300.0, 158300.0, 1400e3, 430.0, 1020e3),
                         Stage("upper", 1, 5100.0, 17100.0, 176.52e3, 442.0), 4000.0, 8350.0, MACH, CD, 54.9, 21.2)


def setup():
    return launch_setup.prepare(LIFT_OFF.tdb_seconds, np.radians(LAT), np.radians(LON), 0.0, vehicle().lift_off_kg,
                                np.radians(23.130309), True, 200e3, 200e3, TLI,
                                {"coast_s": 1370.0, "guidance_cycle_s": 2.0})


@pytest.fixture(scope="module")
def flown():
    s = setup()
    return s, launch_ascent.fly(s.fa, s.grav, vehicle(), s.plan, s.y0)


def test_pad_state_is_the_sites_itrf_position_at_rest(spice):
    s = setup()
    et = LIFT_OFF.tdb_seconds
    r_fixed = np.array(spice.georec(np.radians(LON), np.radians(LAT), 0.0, WGS84_A_M / 1e3, WGS84_F)) * 1e3
    assert np.max(np.abs(s.fa.frame0 @ s.y0[0:3] - r_fixed)) < 1e-8   # measured 3e-9 m (rounding)
    inertial = np.array(spice.sxform("ITRF93", "J2000", et)) @ np.concatenate([r_fixed, np.zeros(3)])
    # the same rotation (measured 2e-9 m); the velocity of a uniform spin at the rate of the Earth
    # rotation angle against the PCK's rate and pole motion: measured 0.43 mm/s of 438 m/s
    assert np.linalg.norm(s.y0[0:3] - inertial[0:3]) < 1e-8
    assert np.linalg.norm(s.y0[3:6] - inertial[3:6]) < 2e-3


def test_launch_azimuth_matches_the_spherical_formula():
    s = setup()
    r_hat = s.y0[0:3] / np.linalg.norm(s.y0[0:3])
    lat_c = np.arcsin(r_hat[2])                      # latitude to the GCRF equator
    inertial = np.pi - np.arcsin(np.cos(np.radians(23.130309)) / np.cos(lat_c))   # descending: south-east
    east = np.cross([0.0, 0.0, 1.0], r_hat)
    east /= np.linalg.norm(east)
    direction = np.cross(s.plane.normal, r_hat)
    azimuth = np.arctan2(np.dot(direction, east), np.dot(direction, np.cross(r_hat, east)))
    assert abs(azimuth - inertial) < 1e-12
    assert 102.0 < np.degrees(s.plan.azimuth_rad) < 104.0    # the Earth's rotation turns it ~1 deg further south


def _elements(gm, y):
    el = np.zeros(6)
    state_to_elements_hf(gm, y[0:3].copy(), y[3:6].copy(), el)
    return el


def test_parking_orbit_insertion_meets_its_targets(flown):
    s, flight = flown
    y = launch_products.state_at(flight, launch_products.event_tau(flight, "parking-orbit insertion"))
    a, e, inc = _elements(s.gm_m3_s2, y)[:3]
    # the issue asks for 1 km and 0.01 deg; measured -0.2 m and +0.95 m, 2.4e-6 deg (the
    # predictor's J2 against the flown degree-4 field and drag over the last 6 s of held steering)
    assert abs(a * (1 - e) - WGS84_A_M - 200e3) < 5.0
    assert abs(a * (1 + e) - WGS84_A_M - 200e3) < 5.0
    assert abs(np.degrees(inc) - 23.130309) < 1e-5
    assert min(flight.propellant_left_kg.values()) >= 0.0
    assert flight.kept_cycles == 0


def test_trans_lunar_injection_meets_its_conic(flown):
    s, flight = flown
    y = launch_products.state_at(flight, launch_products.event_tau(flight, "trans-lunar injection"))
    a, e, inc, _, argp, _ = _elements(s.gm_m3_s2, y)
    # measured: 21 m in a (an energy error of 1e-5 m/s at cut-off, turned into a by 2 a^2 / mu),
    # 4e-9 in e, 1.1e-5 deg in the argument of perigee and 9e-7 deg in inclination
    assert abs(a - TLI[0]) < 50.0
    assert abs(e - TLI[1]) < 1e-7
    assert abs(np.degrees(argp - TLI[2])) < 1e-4
    assert abs(np.degrees(inc) - 23.130309) < 5e-6
    assert flight.propellant_left_kg["trans-lunar injection"] >= 0.0


def test_a_cut_off_near_the_core_s_burnout_is_solved_every_cycle():
    # A stack that can almost reach the parking orbit on its core: +0.2 % booster thrust and a
    # 1.75 deg kick (a steeper gravity turn) put the cut-off root within seconds of the core's
    # burnout, where the errors are not differentiable in the time to go (the burnout, then the
    # 4 s wait to the upper stage's ignition), and the fairing's jettison (a 4 t drop the predictor
    # does not foresee) moves the root from one side to the other. Before each stretch of thrust
    # was solved on its own, 168 of 170 cycles kept the first steering and the insertion missed
    # its radius by 2.2 km and its horizontal speed by 211 m/s.
    s = setup()
    v = vehicle()
    boosters = v.boosters
    v = LaunchVehicle(Stage("boosters", 4, boosters.dry_kg, boosters.propellant_kg, 2680e3 * 1.002, 335.0,
                            2400e3 * 1.002), v.core, v.upper, 4000.0, 8350.0, MACH, CD, 54.9, 21.2)
    plan = dataclasses.replace(s.plan, kick_rad=np.radians(1.75))
    flight = launch_ascent.fly(s.fa, s.grav, v, plan, s.y0)
    y = launch_products.state_at(flight, launch_products.event_tau(flight, "parking-orbit insertion"))
    a, e, inc = _elements(s.gm_m3_s2, y)[:3]
    assert flight.kept_cycles == 0
    # measured -0.5 m and +1.0 m (the nominal's size, see above)
    assert abs(a * (1 - e) - WGS84_A_M - 200e3) < 5.0
    assert abs(a * (1 + e) - WGS84_A_M - 200e3) < 5.0
    assert abs(np.degrees(inc) - 23.130309) < 1e-5
