"""A chunk flown batched (one propagation per coast for all its samples) gives the records of the
same samples flown one sequencer run after the other, and only coast-only campaigns with initial
state dispersions are batched."""
from pathlib import Path

import numpy as np
import pytest

from farside.campaign import batched, sample
from farside.campaign.spec import load_campaign

DATA = Path(__file__).parent / "data"


def test_batched_chunk_equals_sample_by_sample():
    context = sample.prepare(load_campaign(DATA / "lunar_coast_campaign.yaml"))
    assert context.batched
    indices = list(range(8))
    together = batched.run_chunk(context, indices)
    alone = sample.one_by_one(context, indices)
    for a, b in zip(together, alone):
        assert a["status"] == b["status"] == "ok"
        for name in ("altitude_after_an_hour_km", "periselene_altitude_km", "periselene_time_s"):
            assert np.isclose(a[name], b[name], rtol=1e-12, atol=1e-9), (name, a[name], b[name])
        assert {k: v for k, v in a.items() if k.startswith("in.")} == {k: v for k, v in b.items() if k.startswith("in.")}


def test_campaigns_with_burns_or_other_dispersions_run_one_by_one():
    context = sample.prepare(load_campaign(DATA / "lunar_orbit_campaign.yaml"))
    assert not context.batched


@pytest.fixture(scope="module")
def trans_lunar():
    """The Chang'e-6 trans-lunar campaign's context (12 samples, ``start_after: launch``)."""
    campaign = load_campaign(Path(__file__).parents[2] / "scenarios" / "change6_tlc_campaign.yaml", 12)
    return sample.prepare(campaign)


def test_trans_lunar_chunk_is_the_plain_loop_bit_for_bit(trans_lunar):
    """The Chang'e-6 trans-lunar campaign (an Earth-centred leg, the switch to the Moon at its sphere
    of influence, the cut 650 s before periselene) flown in step gives every sample's record of
    its own sequencer run exactly, failures (arcs into the Moon) with the same reason."""
    context = trans_lunar
    assert context.batched
    indices = list(range(12))
    together = batched.run_chunk(context, indices)
    alone = sample.one_by_one(context, indices)
    assert {r["status"] for r in alone} == {"ok", "failed"}  # the sample set covers both
    for a, b in zip(together, alone):
        assert list(a) == list(b)
        for key in a:
            if key != "compute_s":
                assert a[key] == b[key] or (np.isnan(a[key]) and np.isnan(b[key])), (a["sample"], key)


def test_a_failure_after_start_after_names_the_phase_by_its_place_in_the_scenario_file(trans_lunar):
    """``start_after: launch`` drops the scenario's first phase from what a sample flies; a failed
    sample's reason still names the trans-lunar coast as the file's ``phases[1]``, not ``phases[0]``."""
    failed = [r for r in sample.run_chunk(trans_lunar, list(range(12))) if r["status"] == "failed"]
    assert failed
    for record in failed:
        assert "phases[1].coast='trans-lunar coast'" in record["reason"], record["reason"]
