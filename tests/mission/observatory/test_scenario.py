"""Bad observatory scenarios: one error naming the YAML path, the value and what is allowed, and
on the command line one line with exit code 2."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from farside.errors import ScenarioError
from farside.mission.observatory.scenario import load_observatory_scenario

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"


@pytest.mark.parametrize("override, path", [
    ({"pointing.moon_exclusion_deg": 44.0}, "pointing.moon_exclusion_deg"),
    ({"slew.rate_deg_s": 0.0}, "slew.rate_deg_s"),
    ({"orbit.perigee_altitude_km": 120.0}, "orbit.perigee_altitude_km"),
    ({"alerts.stations[2].lat_deg": 35.0}, "alerts.stations[2].lat_deg"),
    ({"bursts.rate_per_year": -3.0}, "bursts.rate_per_year"),
    ({"bursts.rate_per_year": float("nan")}, "bursts.rate_per_year"),
    ({"pointing.sun_exclusion_deg": 180.0}, "pointing.sun_exclusion_deg"),
])
def test_bad_values_name_their_path(override, path):
    with pytest.raises(ScenarioError) as caught:
        load_observatory_scenario(SCENARIOS / "svom.yaml", override)
    assert caught.value.argument == path


@pytest.mark.parametrize("name", ["svom.yaml", "survey_smallsat.yaml"])
def test_scenarios_validate(name):
    sc = load_observatory_scenario(SCENARIOS / name)
    assert sc.wide.role == "wide" and sc.narrow


def test_bad_value_on_the_command_line_is_one_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "farside.cli", "observe", str(SCENARIOS / "svom.yaml"), "-o",
                          str(tmp_path / "out"), "--set", "slew.rate_deg_s=0"],
                         capture_output=True, text=True,
                         env={"COLUMNS": "300", "PATH": "", **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}})
    assert run.returncode == 2
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "slew.rate_deg_s" in lines[0] and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()
