"""The results folder: a folder holding another campaign, or results without --resume, is refused
before anything flies."""
from pathlib import Path

import pytest

from farside.campaign import store
from farside.campaign.spec import load_campaign
from farside.errors import ScenarioError

DATA = Path(__file__).parent / "data"


def test_a_folder_of_another_campaign_is_refused_before_any_flight(tmp_path):
    campaign = load_campaign(DATA / "lunar_orbit_campaign.yaml")
    store.open_folder(tmp_path, campaign, {}, resume=False)
    with pytest.raises(ScenarioError, match="without a campaign in it"):
        store.check_folder(tmp_path, campaign, resume=False)
    other = campaign.model_copy(update={"seed": campaign.seed + 1})
    with pytest.raises(ScenarioError, match="this same campaign"):
        store.check_folder(tmp_path, other, resume=True)
    store.check_folder(tmp_path, campaign, resume=True)
