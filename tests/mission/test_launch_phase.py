"""The launch phase's checks before flight: each bad value fails with one message naming its YAML
path, the value and what is allowed."""
from pathlib import Path

import numpy as np
import pytest

from farside.errors import ScenarioError
from farside.mission.scenario import load_scenario
from farside.mission.sequencer import preflight

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6_launch.yaml"
LAUNCHER = "phases[launch].launch.launcher"


@pytest.mark.parametrize("path, value, where, words", [
    (f"{LAUNCHER}.boosters.thrust_sl_N", 1.0e6, "launch.launcher.boosters.thrust_sl_N", "above the stack's weight"),
    (f"{LAUNCHER}.upper.propellant_kg", 6000.0, "launch.injection.a_km", "m/s short"),
    ("phases[launch].launch.inclination_deg", 15.0, "launch.inclination_deg", "geocentric latitude 19.4"),
    (f"{LAUNCHER}.drag.mach", [0.0, 0.6, 0.5, 1.0, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0], "launch.launcher.drag.mach",
     "strictly increasing"),
    (f"{LAUNCHER}.drag.mach", [0.0, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 5.0, 8.0, 10.0], "launch.launcher.drag.mach",
     "at least Mach 28"),
])
def test_a_launch_the_vehicle_cannot_fly_fails_before_flight(path, value, where, words):
    scenario = load_scenario(SCENARIO, {path: value})
    with pytest.raises(ScenarioError) as error:
        preflight(scenario)
    message = str(error.value)
    assert message.startswith("phases[0]." + where) and words in message, message


@pytest.mark.parametrize("path, value", [
    (f"{LAUNCHER}.core.dry_mass_kg", -1.0),
    (f"{LAUNCHER}.upper.isp_vac_s", float("nan")),
    (f"{LAUNCHER}.boosters.thrust_vac_N", float("inf")),
    (f"{LAUNCHER}.drag.area_core_m2", 0.0),
    (f"{LAUNCHER}.fairing_kg", -5.0),
])
def test_non_finite_or_negative_figures_name_their_field(path, value):
    with pytest.raises(ScenarioError) as error:
        load_scenario(SCENARIO, {path: value})
    assert str(error.value).startswith(path.replace("[launch]", "[0]")), str(error.value)


def test_the_launch_scenario_passes_preflight():
    preflight(load_scenario(SCENARIO))


@pytest.fixture(scope="module")
def flown_scenario():
    from farside.mission import sequencer
    return sequencer.run(load_scenario(SCENARIO))


def test_the_launch_flies_to_its_targets_and_hands_over_a_continuous_trajectory(flown_scenario):
    result = flown_scenario
    report = result.reports["launch"]
    # the full-model figures of tests/gnc/test_launch_ascent.py, through the phase kind
    assert abs(report["parking_perigee_miss_m"]) < 5.0 and abs(report["parking_apogee_miss_m"]) < 5.0
    assert abs(report["parking_inclination_miss_deg"]) < 1e-5
    assert abs(report["injection_a_miss_m"]) < 50.0 and abs(report["injection_argp_miss_deg"]) < 1e-4
    launch, coast = result.flown[0].segment, result.flown[1].segment
    t = coast.start.tdb_seconds
    r0, v0 = launch.states(t)
    r1, v1 = coast.states(t)
    # the coast starts from the launch segment's last state: equal to the metre and mm/s
    assert np.linalg.norm(r0 - r1) < 1e-3 and np.linalg.norm(v0 - v1) < 1e-6


DEMO = SCENARIO.parent / "change6.yaml"


@pytest.mark.parametrize("path, value, where, words", [
    ("phases[launch].launch.inclination_deg", 23.0, "phases[0].launch.inclination_deg", "one of the two"),
    ("phases[launch].launch.injection.e", 0.96, "phases[0].launch.injection.e", "one of the two"),
    ("phases[launch].launch.injection.a_km", 6000.0, "phases[0].launch.injection.a_km", "above the perigee radius"),
    ("phases[launch].launch.launcher.drag.cd_scale", 0.0, "phases[0].launch.launcher.drag.cd_scale", "greater than 0"),
    ("published.figures[0].figure", "max_q_pa", "published.figures[0].figure", "a figure the report of 'launch'"),
])
def test_the_demo_launch_s_choices_are_checked(path, value, where, words):
    """The plane by its azimuth or its inclination, the injection's perigee by e or its altitude:
    one of each; a published figure names one the phase reports."""
    with pytest.raises(ScenarioError) as error:
        load_scenario(DEMO, {path: value})
    message = str(error.value)
    assert message.startswith(where + "=") and words in message, message


def test_a_core_that_reaches_the_parking_orbit_is_cut_off_and_dropped_with_its_propellant():
    """1 % more booster thrust: the guidance's cut-off comes while the core still burns (measured at
    T+473.7 s, 3.1 s before its burnout); the core goes with what it has left, the upper stage is full
    until the relight, and the mass drops by the core's dry mass and that propellant."""
    from farside.astro.time import Epoch
    from farside.gnc import launch_ascent, launch_products
    launcher = "phases[launch].launch.launcher."
    scenario = load_scenario(SCENARIO, {launcher + "boosters.thrust_vac_N": 2680000 * 1.01,
                                        launcher + "boosters.thrust_sl_N": 2400000 * 1.01})
    phase = scenario.phases[0].action
    vehicle, setup = phase._setup(Epoch(scenario.initial_state.epoch), 8350.0, "launch")
    flown = launch_ascent.fly(setup.fa, setup.grav, vehicle, setup.plan, setup.y0)
    cut = launch_products.event_tau(flown, "core cut-off and separation")
    assert cut == launch_products.event_tau(flown, "parking-orbit insertion")
    assert flown.propellant_left_kg["parking-orbit insertion"] == phase.launcher.upper.propellant_kg
    left = flown.propellant_left_kg["core"]
    assert left > 0.0
    h = flown.history[:flown.n_rows]
    before, after = h[h[:, 0] <= cut][-2, 7], h[h[:, 0] <= cut][-1, 7]
    assert before - after == pytest.approx(phase.launcher.core.dry_mass_kg + left, rel=1e-12)


def test_the_spacecraft_s_files_carry_its_own_mass_during_the_ascent(flown_scenario):
    """The launch segment is the spacecraft's trajectory: its mass is the 8,350 kg stack's from
    lift-off (before, the launcher's 832,950 kg, falling with each stage's burn); the launcher's
    own mass is the load history's, the sum of the scenario's masses at lift-off."""
    launch = flown_scenario.flown[0].segment
    times = np.linspace(launch.start.tdb_seconds, launch.end.tdb_seconds, 50)
    assert np.all(launch.state_vectors(times)[:, 6] == 8350.0)
    loads = flown_scenario.launches["launch"]
    # 4 x (11,700 + 144,000) + 17,300 + 158,300 + 5,100 + 17,100 + 4,000 + 8,350 kg
    assert loads.mass_kg[0] == 832950.0 and loads.mass_kg[-1] < 40000.0


def test_a_launch_flown_through_parking_ends_on_the_parking_orbit():
    """``through: parking`` (an ascent campaign's end): the phase stops at the insertion, reports
    the figures to there only, and the next phase starts on the 200 km orbit."""
    from farside.mission import sequencer
    from farside.mission.phases.launch import LaunchReport, ParkingReport
    result = sequencer.run(load_scenario(SCENARIO, {"phases[launch].launch.through": "parking"}))
    report = result.reports["launch"]
    assert isinstance(report, ParkingReport) and not isinstance(report, LaunchReport)
    assert abs(report["parking_perigee_miss_m"]) < 5.0 and abs(report["parking_apogee_miss_m"]) < 5.0
    launch = result.flown[0].segment
    assert launch.end.tdb_seconds - launch.start.tdb_seconds == pytest.approx(report["parking_insertion_s"], abs=1e-6)
    assert not any(e.event == "upper-stage relight" for e in result.timeline)


@pytest.mark.parametrize("factor", [0.985, 1.015])
def test_the_demo_launch_flies_with_its_boosters_thrust_1_5_percent_off(factor):
    """1.5 sigma of the launch campaign's booster thrust: the zero-lift gravity turn neither falls
    over nor climbs beyond what the stages give (before, with the 3 deg pitch-over, 1.5 % low sent
    the stack into the horizontal at 24 km and its parking-orbit guidance found no solution).
    Measured: 1,243 kg (low) and 877 kg (high) left at the injection's cut-off."""
    from farside.astro.time import Epoch
    from farside.gnc import launch_ascent
    launcher = "phases[launch].launch.launcher."
    scenario = load_scenario(SCENARIO, {launcher + "boosters.thrust_vac_N": 2680000 * factor,
                                        launcher + "boosters.thrust_sl_N": 2400000 * factor})
    phase = scenario.phases[0].action
    vehicle, setup = phase._setup(Epoch(scenario.initial_state.epoch), 8350.0, "launch")
    flown = launch_ascent.fly(setup.fa, setup.grav, vehicle, setup.plan, setup.y0)
    assert flown.kept_cycles == 0
    assert flown.propellant_left_kg["trans-lunar injection"] > 500.0


def test_the_upper_stage_s_delta_v_figures_are_tsiolkovsky_s(flown_scenario):
    """The nominal's upper stage is full at the parking orbit (the core reaches it): 442 s x g0 x
    ln((5,100 + 17,100 + 8,350) / (5,100 + 8,350)) left, and the injection's delta-v from the
    relight's mass to the cut-off's (the propellant left at the cut-off from the report)."""
    report = flown_scenario.reports["launch"]
    c = 442.0 * 9.80665
    assert report["upper_propellant_left_at_parking_kg"] == 17100.0
    assert report["upper_delta_v_left_at_parking_m_s"] == pytest.approx(c * np.log(30550.0 / 13450.0), rel=1e-12)
    left = report["upper_propellant_left_kg"]
    assert report["injection_delta_v_m_s"] == pytest.approx(c * np.log(30550.0 / (13450.0 + left)), rel=1e-12)
