"""``--quiet`` and ``--json`` of ``validate``, ``run``, ``relay`` and ``campaign``; the run id and
farside version in every file of a run; tables piped at 80 columns keep their epochs whole.

A short scenario (two hours of coast about the Earth) keeps ``run`` to seconds; its files are
checked against their own formats' readers (JSON, the OEM's COMMENT lines, the SPK's comment area
read by SPICE) and against ``run.json``'s SHA-256 of each."""
import hashlib
import json
import re
from pathlib import Path

import pytest
import spiceypy
from typer.testing import CliRunner

import farside
from farside.cli import app

ROOT = Path(__file__).parents[1]
SHORT = """
name: short coast
spacecraft:
  name: CHANGE6
  object_id: 2024-083A
  naif_id: -1083
  modules:
    orbiter: {dry_mass_kg: 2300, propellant_kg: 3700, engines: {main: {thrust_N: 3000, isp_s: 315}}}
    lander: {dry_mass_kg: 1200}
  stack: [orbiter, lander]
initial_state:
  epoch: 2024-05-03T10:04:27.589
  center: earth
  frame: EME2000
  keplerian: {a_km: 189536.616, e: 0.965299709, i_deg: 23.130309, raan_deg: 349.3332, argp_deg: 239.1154, ta_deg: 20.8}
force_models:
  earth: {third_bodies: [moon, sun]}
phases:
  - name: coast
    coast: {until: {event: duration, duration_s: 7200}}
  - name: separation
    separate: {modules: [lander], as: LANDER}
"""
RUN_ID = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{8}")


def _invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "80"})


@pytest.fixture(scope="module")
def short_runs(tmp_path_factory):
    """The short scenario run three times into one folder (holding a file of an earlier run):
    ``--json``, then plainly (tables piped at 80 columns), then ``--quiet``."""
    folder = tmp_path_factory.mktemp("short")
    scenario = folder / "short.yaml"
    scenario.write_text(SHORT)
    out = folder / "out"
    out.mkdir()
    (out / "old.csv").write_text("a file of an earlier run\n")
    runs = []
    for flags in (["--json"], [], ["--quiet"]):
        runs.append(_invoke("run", scenario, "-o", out, *flags))
        assert runs[-1].exit_code == 0, runs[-1].output
        runs[-1].record = json.loads((out / "run.json").read_text())
    return out, runs


def test_run_json_is_the_whole_of_stdout(short_runs):
    out, (as_json, _, _) = short_runs
    record = json.loads(as_json.stdout)      # any other text on stdout would not parse
    assert record["command"] == "run" and record["output"] == str(out)
    assert record["run"]["run_id"] == as_json.record["run_id"] and RUN_ID.fullmatch(record["run"]["run_id"])
    assert {"summary.json", "run.json", "orbiter.oem", "change6.bsp"} <= set(record["files"])
    assert [e["event"] for e in record["timeline"]][-1] == "separation of LANDER"
    assert as_json.stderr == ""


def test_run_quiet_prints_nothing(short_runs):
    _, (_, _, quiet) = short_runs
    assert quiet.stdout == "" and quiet.stderr == ""


def test_every_file_of_a_run_carries_its_run_id_and_version(short_runs):
    out, (_, _, last) = short_runs
    stamp = last.record
    run_id, header = stamp["run_id"], f"farside {farside.__version__}, run {stamp['run_id']}"
    assert stamp["farside_version"] == farside.__version__ and stamp["command"] == "run"
    assert json.loads((out / "summary.json").read_text())["run"]["run_id"] == run_id
    for oem in ("orbiter.oem", "lander.oem"):
        comments = [line for line in (out / oem).read_text().splitlines() if line.startswith("COMMENT")]
        assert any(header in line for line in comments), comments
    handle = spiceypy.dafopr(str(out / "change6.bsp"))
    try:
        _, comments, _ = spiceypy.dafec(handle, 10, 1000)
    finally:
        spiceypy.dafcls(handle)
    assert any(header in c for c in comments), comments
    for name, entry in stamp["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == entry["sha256"], name
    assert {"orbiter.csv", "lander.csv", "report.html", "summary.json", "change6.czml"} <= set(stamp["files"])
    assert stamp["not_from_this_run"] == ["old.csv"]


def test_each_run_into_a_folder_has_its_own_id(short_runs):
    _, runs = short_runs
    assert len({r.record["run_id"] for r in runs}) == 3


def test_tables_piped_at_80_columns_keep_whole_epochs(short_runs):
    out, (_, plain, _) = short_runs
    lines = plain.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in plain.stdout
    for event in json.loads((out / "summary.json").read_text())["timeline"]:
        whole = farside.Epoch(event["utc"], scale="utc").iso("utc", 0)    # as the table rounds it, to the second
        assert whole in plain.stdout, whole


def test_validate_json_and_quiet():
    valid = _invoke("validate", ROOT / "scenarios" / "change6.yaml", "--json")
    record = json.loads(valid.stdout)
    names = [phase["name"] for phase in record["phases"]]
    assert valid.exit_code == 0 and record["valid"] is True and names[:3] == ["launch", "trans-lunar coast", "LOI"]
    quiet = _invoke("validate", ROOT / "scenarios" / "change6.yaml", "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == ""


@pytest.mark.parametrize("flag", ["--json", "--quiet"])
def test_an_error_is_one_line_and_under_json_a_record(flag):
    bad = _invoke("validate", ROOT / "scenarios" / "change6.yaml", flag, "--set", "spacecraft.name=../x")
    assert bad.exit_code == 2
    line = bad.stderr if flag == "--json" else bad.stdout
    assert len(line.splitlines()) == 1 and line.startswith("error: spacecraft.name='../x'")
    if flag == "--json":
        record = json.loads(bad.stdout)
        assert record["exit_code"] == 2 and record["error"]["argument"] == "spacecraft.name"
        assert record["error"]["message"] == line[len("error: "):].strip()


def test_relay_json_and_its_run_record(tmp_path):
    result = _invoke("relay", ROOT / "scenarios" / "change6_relay.yaml", "-o", tmp_path, "--json",
                     "--set", "surface.end=2024-06-02T10:00:00")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["command"] == "relay" and record["windows"] and result.stderr == ""
    assert record["windows"][0]["start_utc"] == "2024-06-01T22:23:16"   # the stay's start, as stated
    stamp = json.loads((tmp_path / "run.json").read_text())
    assert stamp["run_id"] == record["run"]["run_id"]
    assert set(stamp["files"]) == {"relay_windows.csv", "relay_timeline.csv", "surface_stay.csv", "relay.png"}


def test_campaign_json_error_is_a_record(tmp_path):
    result = _invoke("campaign", ROOT / "scenarios" / "change6_tlc_campaign.yaml", "-o", tmp_path, "--workers", "0",
                     "--json")
    assert result.exit_code == 2 and json.loads(result.stdout)["error"]["argument"] == "--workers"


@pytest.mark.slow
def test_campaign_json_summary_and_quiet(tmp_path):
    campaign = ROOT / "tests" / "campaign" / "data" / "lunar_orbit_campaign.yaml"
    result = _invoke("campaign", campaign, "-n", 5, "--workers", 1, "-o", tmp_path / "c", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    manifest = json.loads((tmp_path / "c" / "manifest.json").read_text())
    assert record["samples"] == 5 and record["failed"] == 0 and record["run_id"] == manifest["run"]["run_id"]
    quiet = _invoke("campaign", campaign, "-n", 5, "--workers", 1, "-o", tmp_path / "c", "--resume", "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == ""


def test_frozen_orbit_json_and_its_run_record(tmp_path):
    result = _invoke("frozen-orbit", "--days", "40", "-o", tmp_path, "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["command"] == "frozen-orbit" and abs(record["orbit"]["inclination_deg"] - 62.4) < 1.0
    stamp = json.loads((tmp_path / "run.json").read_text())
    assert stamp["run_id"] == record["run"]["run_id"] and set(stamp["files"]) == {"frozen_orbit.png", "frozen_orbit.csv"}
