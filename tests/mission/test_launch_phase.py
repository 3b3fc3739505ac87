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


def test_the_launch_flies_to_its_targets_and_hands_over_a_continuous_trajectory():
    from farside.mission import sequencer
    result = sequencer.run(load_scenario(SCENARIO))
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
