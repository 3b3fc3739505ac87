"""Errors found only in flight name the scenario field, never an internal argument: a target that
cannot converge names its phase and its varied paths; a phase the integrator or a guidance law
refuses names the phase's YAML path (the short lunar capture of test_sequencer)."""
from pathlib import Path

import pytest

from farside.errors import ScenarioError
from farside.mission import sequencer
from farside.mission.scenario import load_scenario

CAPTURE = Path(__file__).parent / "data" / "capture.yaml"


def test_a_target_that_cannot_converge_names_its_phase_and_variables():
    # one iteration from a guess far from the solution cannot reach 5 km of the wanted aposelene
    scenario = load_scenario(CAPTURE, {"phases[LOI].burn.duration_s": 1500.0, "phases[LOI].target.max_iterations": 1})
    with pytest.raises(ScenarioError) as error:
        sequencer.run(scenario)
    text = str(error.value)
    assert text.startswith("phases[1].target='phases[LOI].burn.duration_s' is not allowed")
    assert "'LOI'" in text and "did not converge in 1 iterations" in text


def test_a_coast_past_the_ephemeris_names_its_phase():
    # the orbiter coast to aposelene, given 300 years to find one on a hyperbola
    scenario = load_scenario(CAPTURE, {"phases[LOI].burn.duration_s": 100.0, "phases[LOI].target": None,
                                       "phases[orbiter coast].coast.until.max_duration_s": 9.5e9})
    with pytest.raises(ScenarioError) as error:
        sequencer.run(scenario)
    assert str(error.value).startswith("phases[3].coast=")
    assert "(until, flying phase 'orbiter coast')" in str(error.value)
