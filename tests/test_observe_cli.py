"""``farside observe`` on a day of the small survey satellite: the table with its bases, the files."""
from pathlib import Path

from typer.testing import CliRunner

from farside.cli import app

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "survey_smallsat.yaml"


def test_observe_writes_its_outputs(tmp_path):
    out = tmp_path / "smallsat"
    result = CliRunner().invoke(app, ["observe", str(SCENARIO), "-o", str(out), "--set", "orbit.days=1"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "prediction" in result.output and "input" in result.output and "run time" in result.output
    for name in ("triggers.csv", "exposure.fits", "summary.json", "exposure.png", "ground_track.png",
                 "distributions.png", "attitude_day.png"):
        assert (out / name).stat().st_size > 0, name
    assert not list(out.glob(".*.tmp"))


def test_observe_json_carries_the_run_id_of_its_files(tmp_path):
    import json

    from astropy.io import fits
    out = tmp_path / "smallsat"
    result = CliRunner().invoke(app, ["observe", str(SCENARIO), "-o", str(out), "--set", "orbit.days=1", "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    run_id = record["run"]["run_id"]
    assert json.loads((out / "run.json").read_text())["run_id"] == run_id
    assert json.loads((out / "summary.json").read_text())["run"]["run_id"] == run_id
    with fits.open(out / "exposure.fits") as hdus:
        assert hdus[1].header["RUNID"] == run_id
