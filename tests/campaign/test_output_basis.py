"""The basis of a campaign output's nominal value, derived as for the mission's comparison rows: on
the short lunar capture (tests/mission/data/capture.yaml) the LOI's aposelene is the target's goal,
the orbiter coast's end epoch and the periselene after it come out of the flight."""
from pathlib import Path

from farside.campaign import sample
from farside.campaign.spec import Campaign
from farside.mission import sequencer
from farside.mission.scenario import load_scenario

CAPTURE = Path(__file__).resolve().parents[1] / "mission" / "data" / "capture.yaml"


def test_targets_and_predictions_are_told_apart():
    campaign = Campaign.model_validate({
        "name": "capture", "scenario": str(CAPTURE), "samples": 2,
        "outputs": [{"name": "apo", "phase": "LOI", "quantity": "apoapsis_altitude_km", "center": "moon"},
                    {"name": "peri", "phase": "LOI", "quantity": "periapsis_altitude_km", "center": "moon"},
                    {"name": "coast_end", "phase": "orbiter coast", "seconds_from": "2024-05-08T00:00:00"},
                    {"name": "dv", "delta_v": "orbiter"}]})
    scenario = load_scenario(CAPTURE)
    basis = sample.output_basis(campaign, scenario, sequencer.run(scenario))
    assert basis == {"apo": "target", "peri": "prediction", "coast_end": "prediction", "dv": "prediction"}
