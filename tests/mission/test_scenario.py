"""Scenario files: errors name the YAML path, the value and what is allowed; overrides by path."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farside.cli import app
from farside.errors import ScenarioError
from farside.mission import scenario_paths
from farside.mission.scenario import load_scenario

CAPTURE = Path(__file__).parent / "data" / "capture.yaml"


@pytest.mark.parametrize("assignment, field", [
    ("phases[LOI].burn.thrust_N=-3000", "phases[1].burn.thrust_N"),
    ("spacecraft.modules.orbiter.engines.main.isp_s=fast", "spacecraft.modules.orbiter.engines.main.isp_s"),
    ("initial_state.epoch=2024-13-03T10:04:27", "initial_state.epoch"),
    ("phases[0].coast.until.event=perigee", "phases[0].coast.until.event"),
    ("force_models.moon.third_bodies[0]=vulcan", "force_models.moon.third_bodies[0]"),
    ("phases[LOI].burn.engine=aux", "phases[1].burn.engine"),
    ("spacecraft.stack[2]=ascender", "spacecraft.stack[2]"),
])
def test_a_bad_field_exits_2_with_one_line_naming_it(assignment, field):
    run = CliRunner().invoke(app, ["validate", str(CAPTURE), "--set", assignment])
    assert run.exit_code == 2
    lines = [line for line in run.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {field}=")
    assert "expected" in lines[0]


def test_the_test_scenario_is_valid():
    run = CliRunner().invoke(app, ["validate", str(CAPTURE)])
    assert run.exit_code == 0, run.output


def test_overrides_by_index_and_by_name():
    scenario = load_scenario(CAPTURE, {"phases[LOI].burn.duration_s": 900, "phases[0].coast.until.offset_s": -300.0})
    assert scenario.phases[1].burn.duration_s == 900.0
    assert scenario.phases[0].coast.until.offset_s == -300.0
    assert scenario_paths.parse("phases[MCC1].burn.delta_v_m_s[0]") == ["phases", "MCC1", "burn", "delta_v_m_s", 0]
    assert scenario_paths.parse_assignment("phases[3].burn.direction=[1, 0, 0]") == ("phases[3].burn.direction", [1, 0, 0])
    assert scenario_paths.parse_assignment("initial_state.epoch=2024-05-03T10:04:27") == \
        ("initial_state.epoch", "2024-05-03T10:04:27")
    with pytest.raises(ScenarioError, match=r"phases\[LOX\]"):
        load_scenario(CAPTURE, {"phases[LOX].burn.duration_s": 900})
    with pytest.raises(ScenarioError, match="scenario"):
        load_scenario(CAPTURE.with_name("missing.yaml"))
