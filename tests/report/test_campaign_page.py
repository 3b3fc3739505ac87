"""The campaign page of a small real campaign (8 samples of the test capture's trans-lunar coast,
chunks flown in this process and stored as the Dask runner stores them): in headless Chromium, no JavaScript error, one statistics row and one histogram per
output, each histogram holding every successful sample; the statistics shown are those of
``statistics.json``, and the histogram counts add up to numpy's."""
import json
from pathlib import Path

import numpy as np
import pytest

from farside.campaign import runner, sample, store
from farside.campaign.spec import load_campaign
from farside.report import campaign_report
from farside.report.mission_report.campaign_page import write_campaign_page

CAPTURE = Path(__file__).resolve().parents[1] / "mission" / "data" / "capture.yaml"
CAMPAIGN = f"""name: capture campaign test
scenario: {CAPTURE}
through_phase: trans-lunar coast
samples: 8
seed: 7
chunk_size: 4
dispersions:
  - name: injection
    state: {{frame: RIC, sigma_m: [200, 1000, 200], sigma_m_s: [0.1, 0.1, 0.1]}}
outputs:
  - {{name: periselene_altitude_km, phase: trans-lunar coast, quantity: periapsis_altitude_km, center: moon}}
  - {{name: inclination_deg, phase: trans-lunar coast, quantity: inclination_deg, center: moon}}
ellipse: [periselene_altitude_km, inclination_deg]
"""


@pytest.fixture(scope="module")
def campaign_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("campaign")
    (root / "campaign.yaml").write_text(CAMPAIGN)
    folder = root / "results"
    campaign = load_campaign(root / "campaign.yaml")
    context = sample.prepare(campaign)
    manifest = store.open_folder(folder, campaign, context.nominal_outputs, False)
    for k, indices in runner.chunks(campaign):
        store.write_chunk(folder, k, sample.run_chunk(context, indices), manifest)
    report = campaign_report.build(folder)
    campaign_report.write(report, folder)
    write_campaign_page(report, folder)
    return folder


def test_the_campaign_page_in_chromium(campaign_dir, browser):
    statistics = json.loads((campaign_dir / "statistics.json").read_text())
    browser.open((campaign_dir / "campaign.html").as_uri(), "window.farsideReport && window.farsideReport.ready")
    assert browser.errors() == []
    rows = browser.evaluate("Array.from(document.querySelectorAll('#statistics-table tbody tr'))"
                            ".map(r => [r.cells[0].textContent, Number(r.cells[3].textContent)])")
    assert [r[0] for r in rows] == list(statistics["outputs"])
    for name, mean in rows:
        # the page prints 4 significant digits
        assert mean == pytest.approx(statistics["outputs"][name]["mean"], rel=5e-4)
    counts = browser.evaluate("Array.from(document.querySelectorAll('[id^=chart-histogram-]'))"
                              ".map(g => g.data[0].x.length)")
    ok = [statistics["outputs"][name]["count"] for name in statistics["outputs"]]
    assert counts == ok and all(c == statistics["samples"] - statistics["failed"] for c in counts)
    assert np.isfinite(statistics["outputs"]["periselene_altitude_km"]["sigma"])
