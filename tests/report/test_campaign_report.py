"""campaign-report on the edge cases: one sample, every sample failed. statistics.json must be
strict JSON (a browser's JSON.parse rejects NaN): an undefined statistic is null."""
import json
import math
from pathlib import Path

import pytest

from farside.campaign import store
from farside.campaign.spec import load_campaign
from farside.report import campaign_report

DATA = Path(__file__).parent.parent / "campaign" / "data"


def _folder(tmp_path, records):
    campaign = load_campaign(DATA / "lunar_orbit_campaign.yaml").model_copy(update={"samples": len(records)})
    manifest = store.open_folder(tmp_path, campaign, {o.name: 1.0 for o in campaign.outputs}, resume=False)
    store.write_chunk(tmp_path, 0, records, manifest)
    return campaign


def _strict(path):
    return json.loads(path.read_text(), parse_constant=lambda name: pytest.fail(f"{name} in {path.name}"))


@pytest.mark.parametrize("case", ["one sample", "all failed"])
def test_statistics_json_is_strict_json_with_null_for_undefined_values(tmp_path, case):
    names = [o.name for o in load_campaign(DATA / "lunar_orbit_campaign.yaml").outputs]
    if case == "one sample":
        records = [{"sample": 0, "status": "ok", "reason": "", **{n: 2.0 for n in names}, "compute_s": 0.1}]
    else:
        records = [{"sample": i, "status": "failed", "reason": "PropagationError: impact", **{n: math.nan for n in names},
                    "compute_s": 0.1} for i in range(3)]
    _folder(tmp_path, records)
    report = campaign_report.build(tmp_path)
    campaign_report.write(report, tmp_path)
    summary = _strict(tmp_path / "statistics.json")
    first = summary["outputs"][names[0]]
    if case == "one sample":
        assert summary["samples"] == 1 and first["mean"] == 2.0 and first["sigma_ci_high"] is None
    else:
        assert summary["failed"] == 3 and summary["failure_rate"] == 1.0 and first["mean"] is None
        assert summary["failure_reasons"] == {"PropagationError": 3}


def test_the_report_command_prints_undefined_intervals_as_text(tmp_path):
    from typer.testing import CliRunner

    from farside.cli import app
    names = [o.name for o in load_campaign(DATA / "lunar_orbit_campaign.yaml").outputs]
    _folder(tmp_path, [{"sample": 0, "status": "ok", "reason": "", **{n: 2.0 for n in names}, "compute_s": 0.1}])
    run = CliRunner().invoke(app, ["campaign-report", str(tmp_path)], terminal_width=200)
    assert run.exit_code == 0, run.output
    assert "[nan, nan]" in run.output   # rich read it as a markup tag and dropped it


def test_the_report_command_json_is_strict_and_names_the_campaign_run(tmp_path):
    from typer.testing import CliRunner

    from farside.cli import app
    names = [o.name for o in load_campaign(DATA / "lunar_orbit_campaign.yaml").outputs]
    _folder(tmp_path, [{"sample": i, "status": "ok", "reason": "", **{n: 2.0 + i for n in names}, "compute_s": 0.1}
                       for i in range(2)])
    run = CliRunner().invoke(app, ["campaign-report", str(tmp_path), "--json"])
    assert run.exit_code == 0, run.output
    record = json.loads(run.stdout, parse_constant=lambda name: pytest.fail(f"{name} on stdout"))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert record["command"] == "campaign-report" and record["samples"] == 2
    assert record["campaign_run"]["run_id"] == manifest["run"]["run_id"]
    assert record["outputs"][names[0]]["mean"] == 2.5       # the mean of 2 and 3
    quiet = CliRunner().invoke(app, ["campaign-report", str(tmp_path), "--quiet"])
    assert quiet.exit_code == 0 and quiet.stdout == ""


def test_limits_count_runs_that_flew_but_break_a_requirement_once():
    import numpy as np
    columns = {"g": np.array([4.0, 11.0, 12.0, 5.0, np.nan]), "miss": np.array([100.0, 20000.0, 50.0, 15000.0, 1.0])}
    ok = np.array([True, True, True, True, False])
    limits = [{"output": "g", "max": 10, "reason": "g limit"}, {"output": "miss", "max": 10000, "reason": "miss"}]
    broken, reasons = campaign_report.limits_broken(columns, ok, limits)
    # sample 1 breaks both and counts under the first; sample 4 failed to fly and is not counted here
    assert broken.tolist() == [False, True, True, True, False]
    assert dict(reasons) == {"g limit": 2, "miss": 1}


def test_failed_runs_are_grouped_by_what_was_expected():
    text = ("ScenarioError: phases[1].entry.state='an interface flight-path angle of -3.00 deg' is not allowed: "
            "expected an entry steep enough not to skip out even flying lift down (bank 180 deg): the corridor is")
    assert campaign_report.reason_key(text) == "ScenarioError: an entry steep enough not to skip out even flying lift down"
    assert campaign_report.reason_key("PropagationError: the step size fell below 1e-12 s") == "PropagationError"
