"""A chunk flown batched (one propagation per coast for all its samples) gives the records of the
same samples flown one sequencer run after the other, and only coast-only campaigns with initial
state dispersions are batched."""
from pathlib import Path

import numpy as np

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
