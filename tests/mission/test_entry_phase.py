"""The entry phase kind's refusals of bad input, before any flight: one line naming the YAML
path, the value and what is allowed (the returner's scenario, scenarios/change6_entry.yaml)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from farside.errors import ScenarioError
from farside.mission import sequencer
from farside.mission.scenario import load_scenario

RETURNER = Path(__file__).parents[2] / "scenarios" / "change6_entry.yaml"
ENTRY = "phases[skip entry and landing].entry"


def test_a_sphere_smaller_than_the_rim_is_refused_before_flight():
    # a spherical segment cannot be cut wider than its sphere: refused by the phase's check
    # (before this check it was refused only in flight, under a path without the capsule block)
    scenario = load_scenario(RETURNER, {f"{ENTRY}.capsule.nose_radius_m": 0.5})
    with pytest.raises(ScenarioError) as error:
        sequencer.preflight(scenario)
    assert str(error.value).startswith("phases[1].entry.capsule.nose_radius_m=0.5 is not allowed")
    assert "half the diameter (0.65 m)" in str(error.value)


def test_a_parachute_opening_below_the_terrain_is_refused_before_flight():
    scenario = load_scenario(RETURNER, {f"{ENTRY}.parachute.altitude_m": 1200.0})
    with pytest.raises(ScenarioError) as error:
        sequencer.preflight(scenario)
    assert str(error.value).startswith("phases[1].entry.parachute.altitude_m=1200.0 is not allowed")
    assert "1400 m above the ellipsoid" in str(error.value)


@pytest.mark.parametrize("path, value", [
    (f"{ENTRY}.capsule.diameter_m", -1.3), (f"{ENTRY}.capsule.diameter_m", float("nan")),
    (f"{ENTRY}.capsule.trim_alpha_deg", float("inf")), (f"{ENTRY}.parachute.drag_area_m2", -45.0),
    (f"{ENTRY}.parachute.drag_area_m2", float("inf")), (f"{ENTRY}.parachute.fill_time_s", 0.0),
    (f"{ENTRY}.lift_factor", -0.1), (f"{ENTRY}.density_factor", float("nan")), (f"{ENTRY}.load_limit_g", -5.0),
    ("spacecraft.modules.returner.dry_mass_kg", -300.0), ("spacecraft.modules.returner.dry_mass_kg", float("nan")),
])
def test_non_finite_or_negative_capsule_values_are_refused_on_reading(path, value):
    # io.strict_numbers and the fields' bounds refuse them when the scenario is read, by path
    with pytest.raises(ScenarioError) as error:
        load_scenario(RETURNER, {path: value})
    assert path.replace(f"{ENTRY}", "phases[1].entry").split(".")[-1] in str(error.value)


def test_the_cli_refuses_a_bad_capsule_on_one_line_with_exit_2(tmp_path):
    bad = tmp_path / "returner.yaml"
    bad.write_text(RETURNER.read_text().replace("nose_radius_m: 1.56", "nose_radius_m: 0.5"))
    run = subprocess.run([sys.executable, "-m", "farside.cli", "validate", str(bad)], capture_output=True, text=True,
                         env={"COLUMNS": "300", "PATH": "", "PYTHONPATH": os.environ.get("PYTHONPATH", "")})
    assert run.returncode == 2
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "phases[1].entry.capsule.nose_radius_m=0.5" in lines[0]
