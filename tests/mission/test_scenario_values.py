"""Values set by path on a validated scenario (the corrector's and the campaign's fast path)
against the reference: the whole file validated again with the same override."""
from pathlib import Path

import pytest

from farside.errors import ScenarioError
from farside.mission.scenario import load_scenario, validate_scenario
from farside.mission.scenario_values import value_at, with_values

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6.yaml"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO)


@pytest.mark.parametrize("values", [
    {"phases[LOI].burn.duration_s": 912.5},
    {"phases[launch].launch.azimuth_deg": 103.0, "phases[2].burn.duration_s": 900.0},
    {"phases[launch].launch.injection.a_km": 191000.0, "phases[launch].launch.coast_s": 1300.0},
    {"phases[MCC-R].burn.delta_v_m_s[0]": 0.7},
    {"spacecraft.modules.orbiter.propellant_kg": 4000},
    {"phases[LOI].burn.direction": [1.0, 0.01, 0.0]},
    {"phases[powered descent].powered_descent.site.lat_deg": -41.6},
    {"description": "a trial"},                        # not a number: the whole file again
])
def test_equals_the_whole_file_validated_again(scenario, values):
    data = scenario.model_dump(by_alias=True, mode="json")
    assert with_values(scenario, values) == validate_scenario(data, values)


@pytest.mark.parametrize("values, path", [
    ({"phases[LOI].burn.duration_s": -1.0}, "phases[2].burn.duration_s"),
    ({"phases[LOI].burn.module": 3.0}, "phases[2].burn.module"),
    ({"phases[LOI].burn.nope": 1.0}, "phases[2].burn.nope"),
    ({"phases[nowhere].burn.duration_s": 1.0}, "phases[nowhere]"),
])
def test_a_refused_value_names_its_path_as_the_whole_file_does(scenario, values, path):
    data = scenario.model_dump(by_alias=True, mode="json")
    with pytest.raises(ScenarioError) as fast:
        with_values(scenario, values)
    with pytest.raises(ScenarioError) as full:
        validate_scenario(data, values)
    assert str(fast.value) == str(full.value) and str(fast.value).startswith(path + "=")


def test_reads_what_the_raw_data_holds(scenario):
    assert value_at(scenario, "phases[LOI].burn.duration_s") == scenario.phases[2].burn.duration_s
    assert value_at(scenario, "spacecraft.modules.orbiter.propellant_kg") == \
        scenario.spacecraft.modules["orbiter"].propellant_kg
