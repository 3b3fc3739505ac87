"""The entry predictor against the trajectory actually flown with the same model and a frozen bank
profile, and its step against a converged prediction."""
import numpy as np
import pytest

from farside.astro.time import Epoch
from farside.core import entry_flight as flight
from farside.core import entry_predictor as P
from farside.dynamics.atmospheric_flight import FlightModel
from farside.gnc.capsule_aerodynamics import CapsuleShape
from farside.gnc.entry_guidance import ONBOARD_ATMOSPHERE, EntrySpec, EntryTarget, GuidanceSettings

MU = 3.986004418e14


def interface_state():
    """Epoch (TDB s) and GCRF state 120 km above the equator radius on the amateur orbit of the
    returning Chang'e-6 stack (a = 198,963 km, e = 0.96764, i = 41.90, node 34.775, perigee
    argument 39.413 deg, perigee 2024-06-25 05:45:05.92 TT; Bill Gray's Find_Orb fit)."""
    a, e = 198963e3, 0.96764
    inc, node, argp = np.radians([41.90, 34.775, 39.413])
    p, r = a * (1 - e * e), 6378137.0 + 120e3
    nu = -np.arccos((p / r - 1) / e)
    rp = np.array([r * np.cos(nu), r * np.sin(nu), 0.0])
    vp = np.sqrt(MU / p) * np.array([-np.sin(nu), e + np.cos(nu), 0.0])

    def r3(t):
        return np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])

    def r1(t):
        return np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])

    q = r3(node) @ r1(inc) @ r3(argp)
    big_e = 2 * np.arctan(np.sqrt((1 - e) / (1 + e)) * np.tan(nu / 2))
    t = Epoch("2024-06-25T05:45:05.92", "tt").tdb_seconds + (big_e - e * np.sin(big_e)) / np.sqrt(MU / a ** 3)
    return t, np.concatenate([q @ rp, q @ vp, [300.0]])


def _setup(**guidance):
    spec = EntrySpec(CapsuleShape(1.3, 1.56, 18.0), EntryTarget(42.07, 111.6, 1400.0),
                     guidance=GuidanceSettings(corridor_km=1e9, **guidance))
    t1, y0 = interface_state()
    mach, c_d, c_l = spec.capsule.table()
    arrays = FlightModel(mach, c_d, c_l, spec.capsule.reference_area_m2, atmosphere="USSA76").arrays(t1)
    return arrays, spec.guidance_vector(arrays), y0


def _predicted(arrays, g, y0, sigma0):
    ws = P.workspace(int(arrays.ints[0]))
    v_rel = np.empty(3)
    P.steer_hf(arrays, g, ws[2], v_rel, 0.0, y0, 1.0, 0.0, 0.0, 0.0, ws[8])
    landing = np.empty(3)
    status, z, tau = P.predict_hf(arrays, g, ws, 0.0, y0, sigma0, 1.0, P.energy_hf(arrays, y0, v_rel), -1.0, landing)
    assert status == P.PREDICTED_LANDING
    return landing, tau


@pytest.mark.slow
def test_predicted_landing_matches_the_flown_frozen_profile():
    # the same USSA76 model both ways; flown: RK4 at 0.2 s with the rate-limited bank following the
    # profile commanded at 1 Hz; predicted: the guidance's own steps (4 s, 10 s in the coast).
    arrays, g, y0 = _setup()
    sigma0 = np.radians(85.0)
    landing, tau = _predicted(arrays, g, y0, sigma0)
    ws = P.workspace(int(arrays.ints[0]))
    status, history, n, _ = flight.fly_hf(arrays, arrays, g, ws, y0, 1.0, -1e6, sigma0)
    assert status == flight.LANDED
    end = history[n - 1]
    flown = np.empty(3)
    P.ground_point_hf(arrays, g, end[flight.H_LAT], end[flight.H_LON], flown)
    # the issue asks for < 100 m; measured 22 m, most of it the predictor's 4 s step (16 m
    # against 0.25 s steps, below; 43 m and 41 m before the parachute's fill was flown in
    # quarter-fill steps)
    assert np.linalg.norm(flown - landing) < 100.0


@pytest.mark.slow
def test_predictor_steps_are_converged():
    # the step of the predictor against 0.25 s steps everywhere: measured 16 m at 4 s / 10 s
    # (6 s would give 121 m); 30 m pins it
    arrays, g, y0 = _setup()
    sigma0 = np.radians(85.0)
    coarse, _ = _predicted(arrays, g, y0, sigma0)
    g[P.G_PRED_STEP_S] = g[P.G_COAST_STEP_S] = g[P.G_CHUTE_STEP_S] = 0.25
    fine, _ = _predicted(arrays, g, y0, sigma0)
    assert np.linalg.norm(coarse - fine) < 30.0


def _status_and_z(arrays, g, y0, sigma0):
    ws = P.workspace(int(arrays.ints[0]))
    v_rel = np.empty(3)
    P.steer_hf(arrays, g, ws[2], v_rel, 0.0, y0, 1.0, 0.0, 0.0, 0.0, ws[8])
    status, z, _ = P.predict_hf(arrays, g, ws, 0.0, y0, sigma0, 1.0, P.energy_hf(arrays, y0, v_rel), -1.0, np.empty(3))
    return status, z


def test_the_keplerian_skip_out_cut_keeps_every_classification():
    # the cut ends a prediction above the ceiling whose two-body return comes after the time
    # limit; the reference has no cut (its ceiling raised beyond any orbit here, the same USSA76;
    # no landing climbs above 250 km, so the landings fly the same air); each bank profile of the
    # scan gives the same verdict and the landings the same range error, bit for bit; 0 to 70 deg
    # skip out
    arrays, g, y0 = _setup()
    uncut = arrays._replace(reals=arrays.reals.copy())
    uncut.reals[P.R_CEILING_M] = 1e12
    verdicts = []
    for sigma0 in np.radians(np.arange(0.0, 181.0, 10.0)):
        status, z = _status_and_z(arrays, g, y0, sigma0)
        status_uncut, z_uncut = _status_and_z(uncut, g, y0, sigma0)
        assert status == status_uncut
        verdicts.append(status)
        if status == P.PREDICTED_LANDING:
            assert z == z_uncut
    assert verdicts == [P.PREDICTED_SKIP_OUT] * 8 + [P.PREDICTED_LANDING] * 11


def test_the_onboard_model_predicts_as_the_exact_one():
    # the guidance's model (USSA76 tabulated, the height along the radius) against the standard
    # itself and the geodetic height, from the interface on a 5,000 km skip: measured 240 m
    # between the landings, pinned at 300 m; a model error the closed loop removes as it does the
    # flown atmosphere's, tens of times larger (the campaign's 10 % density sigma)
    spec = EntrySpec(CapsuleShape(1.3, 1.56, 18.0), EntryTarget(42.07, 111.6, 1400.0),
                     guidance=GuidanceSettings(corridor_km=1e9))
    t1, y0 = interface_state()
    onboard = spec.flight_model(ONBOARD_ATMOSPHERE).arrays(t1)
    exact = spec.flight_model("USSA76").replace(height="geodetic").arrays(t1)
    g = spec.guidance_vector(onboard)
    landing_onboard, _ = _predicted(onboard, g, y0, np.radians(85.0))
    landing_exact, _ = _predicted(exact, g, y0, np.radians(85.0))
    assert np.linalg.norm(landing_onboard - landing_exact) < 300.0


@pytest.mark.slow
def test_the_flown_trajectory_steps_are_converged():
    # the flight's 1 s steps while the drag is below 0.05 g and under the settled parachute,
    # against 0.2 s everywhere, on the frozen profile: measured 0.04 m between the touchdowns
    # (4,289 against 6,559 steps); 0.1 m pins it
    arrays, g, y0 = _setup()
    sigma0 = np.radians(85.0)
    ends = []
    for step in (None, 0.2):
        gs = g.copy()
        if step is not None:
            gs[P.G_FLIGHT_COAST_STEP_S] = gs[P.G_FLIGHT_CHUTE_STEP_S] = step
        status, history, n, _ = flight.fly_hf(arrays, arrays, gs, P.workspace(int(arrays.ints[0])), y0, 1.0, -1e6,
                                              sigma0)
        assert status == flight.LANDED
        end = np.empty(3)
        P.ground_point_hf(arrays, g, history[n - 1, flight.H_LAT], history[n - 1, flight.H_LON], end)
        ends.append(end)
    assert np.linalg.norm(ends[0] - ends[1]) < 0.1
