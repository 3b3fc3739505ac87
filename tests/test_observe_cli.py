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
