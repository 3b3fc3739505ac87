"""Payload models are found through their entry points: farside's own four, and a third-party
model that a scenario uses without any change to farside."""
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from farside.cli import app
from farside.errors import ScenarioError
from farside.mission import payload_runner
from farside.mission.scenario import load_scenario
from farside.payloads import registry
from farside.payloads.dorn import Dorn
from farside.payloads.icubeq import Icubeq
from farside.payloads.inrri import Inrri
from farside.payloads.nils import Nils
from farside.payloads.svom.instruments import Eclairs, Grm, Mxt, Vt
from tests.payloads import flown as F

CAPTURE = Path(__file__).parents[1] / "mission" / "data" / "capture.yaml"


def test_farsides_models_are_registered_as_entry_points(farside_payloads):
    assert set(farside_payloads) == {"DORN", "NILS", "INRRI", "ICUBE-Q", "ECLAIRs", "GRM", "MXT", "VT"}
    classes = {name: registry.load(name) for name in farside_payloads}
    assert classes == {"DORN": Dorn, "NILS": Nils, "INRRI": Inrri, "ICUBE-Q": Icubeq,
                       "ECLAIRs": Eclairs, "GRM": Grm, "MXT": Mxt, "VT": Vt}
    assert all(cls.name == name for name, cls in classes.items())


def _scenario_with(tmp_path, payloads) -> Path:
    data = yaml.safe_load(CAPTURE.read_text())
    data["initial_state"]["epoch"] = "2024-05-03T10:04:27.589"      # safe_load made it a datetime
    data["payloads"] = payloads
    path = tmp_path / "with_payloads.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


RADIOMETER_ENTRY = {"model": "radiometer", "module": "lander", "schedule": [
    {"start": "2024-06-02T00:00:00", "end": "2024-06-03T00:00:00"}], "parameters": {"band_um": 8.0}}


def test_a_third_party_model_runs_in_a_scenario(radiometer, tmp_path):
    scenario = load_scenario(_scenario_with(tmp_path, [RADIOMETER_ENTRY]))
    runs = payload_runner.run(None, scenario.payloads, F.mission(mask=False))
    assert runs[0].model == "radiometer" and runs[0].outcome.figures["mean_sun_elevation_deg"] > 30
    paths = payload_runner.write(runs, tmp_path / "out")
    assert {p.name for p in paths} == {"radiometer_sun.csv", "radiometer_events.csv", "radiometer_comparison.csv",
                                       "data_volume.csv"}
    assert not list((tmp_path / "out" / "payloads").glob(".*"))          # no temporary file left
    listed = CliRunner().invoke(app, ["payloads", "radiometer"])
    assert listed.exit_code == 0 and "band_um" in listed.output and "radiometer-plugin" in listed.output


@pytest.mark.parametrize("change, path, allowed", [
    ({"model": "thermometer"}, "payloads[0].model", "DORN, ECLAIRs, GRM, ICUBE-Q, INRRI, MXT, NILS, VT, radiometer"),
    ({"module": "rover"}, "payloads[0].module", "a module among orbiter, returner, lander"),
    ({"schedule": [{"start": "2024-05-01T00:00:00", "end": "2024-05-02T00:00:00"}]}, "payloads[0].schedule[0].start",
     "an epoch inside the mission"),
    ({"schedule": [{"start": "2024-06-02T00:00:00", "end": "2024-06-01T00:00:00"}]}, "payloads[0].schedule[0].end",
     "an epoch after the window's start"),
    ({"parameters": {"band_um": -1}}, "payloads[0].parameters.band_um", "greater than 0"),
    ({"parameters": {"efficiency": 1.5}}, "payloads[0].parameters.efficiency", "less than or equal to 1"),
    ({"parameters": {"colour": "red"}}, "payloads[0].parameters.colour", "no such field"),
])
def test_bad_payload_entries_exit_2_on_one_line_naming_the_path(radiometer, tmp_path, change, path, allowed):
    scenario = _scenario_with(tmp_path, [{**RADIOMETER_ENTRY, **change}])
    run = CliRunner().invoke(app, ["validate", str(scenario)])
    lines = [line for line in run.output.splitlines() if line.strip()]
    assert run.exit_code == 2 and len(lines) == 1, run.output
    assert lines[0].startswith(f"error: {path}=") and allowed in lines[0]


@pytest.mark.parametrize("model, parameter, value, allowed", [
    ("DORN", "uranium_ppm", -0.3, "greater than or equal to 0"),
    ("DORN", "emanation_fraction", 1.2, "less than or equal to 1"),
    ("NILS", "efficiency", 1.5, "less than or equal to 1"),
    ("ICUBE-Q", "release_epoch", "2024-05-32T08:14:00", "an ISO 8601 date-time")])
def test_farsides_models_refuse_non_physical_parameters(farside_payloads, tmp_path, model, parameter, value, allowed):
    entry = {"model": model, "module": "lander", "schedule": RADIOMETER_ENTRY["schedule"], "parameters": {parameter: value}}
    with pytest.raises(ScenarioError, match=rf"payloads\[0\]\.parameters\.{parameter}=.*{allowed}"):
        load_scenario(_scenario_with(tmp_path, [entry]))


def test_a_window_after_the_mission_is_refused_by_the_runner(radiometer, tmp_path):
    late = {**RADIOMETER_ENTRY, "schedule": [{"start": "2024-06-02T00:00:00", "end": "2024-07-01T00:00:00"}]}
    scenario = load_scenario(_scenario_with(tmp_path, [late]))
    with pytest.raises(ScenarioError, match=r"payloads\[0\]\.schedule\[0\]\.end=.*until 2024-06-03"):
        payload_runner.run(None, scenario.payloads, F.mission(mask=False))
