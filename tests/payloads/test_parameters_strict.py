"""A payload's parameters take numbers as the scenario does: finite, and never true or false (each
refused on one line naming the parameter's YAML path)."""
from pathlib import Path

import pytest

from farside.errors import ScenarioError
from farside.mission.scenario import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6.yaml"


@pytest.mark.parametrize("value", [float("inf"), float("nan"), True])
def test_non_numbers_are_refused(value):
    with pytest.raises(ScenarioError) as error:
        load_scenario(SCENARIO, {"payloads[0].parameters.uranium_ppm": value})
    assert str(error.value).startswith("payloads[0].parameters.uranium_ppm="), str(error.value)
