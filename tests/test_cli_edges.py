"""The mission commands at their edges: names that would write outside the output folder are
refused by validate, an output path that is a file is refused before flying, a scenario that is
not UTF-8 is one line, and user text is printed as written (never as rich markup)."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farside.cli import app
from farside.mission import sequencer

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "change6.yaml"


def _one_line(out):
    return " ".join(out.output.split())


@pytest.mark.parametrize("assignment, path", [
    ("spacecraft.name=../escape", "spacecraft.name"),
    ("spacecraft.name=/tmp/abs", "spacecraft.name"),
])
def test_names_that_leave_the_folder_are_refused_by_validate(assignment, path):
    out = CliRunner().invoke(app, ["validate", str(SCENARIO), "--set", assignment])
    assert out.exit_code == 2 and _one_line(out).startswith(f"error: {path}="), out.output


def test_an_output_path_that_is_a_file_is_refused_before_flying(tmp_path, monkeypatch):
    target = tmp_path / "a_file"
    target.write_text("not a folder")

    def no_flight(*args, **kwargs):
        raise AssertionError("the scenario was flown before the output folder was checked")
    monkeypatch.setattr(sequencer, "run", no_flight)
    out = CliRunner().invoke(app, ["run", str(SCENARIO), "-o", str(target)])
    assert out.exit_code == 2 and "--output" in _one_line(out), out.output


def test_a_scenario_that_is_not_utf8_is_one_line(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(SCENARIO.read_bytes().replace(b"name: Chang", b"name: \xe9Chang", 1))
    out = CliRunner().invoke(app, ["validate", str(bad)])
    assert out.exit_code == 2 and "UTF-8" in _one_line(out) and "Traceback" not in out.output


def test_user_text_is_printed_as_written():
    out = CliRunner().invoke(app, ["validate", str(SCENARIO), "--set", "phases[1].name=x[/b]y",
                                   "--set", "phases[1].target.from=x[/b]y"])
    assert out.exit_code == 0, out.output
    assert "x[/b]y" in out.output


def test_a_payload_window_after_the_mission_is_one_line_from_the_payload_process(tmp_path):
    """The payloads run in a forked process beside the mission's files (`ForkedCall`): a user's
    mistake found there is the same one-line error, exit code 2, as one found in the parent."""
    from tests.test_cli_output_modes import SHORT
    scenario = tmp_path / "short.yaml"
    scenario.write_text(SHORT + """
payloads:
  - model: INRRI
    module: lander
    schedule:
      - {start: "2024-05-03T10:30:00", end: "2024-05-04T00:00:00"}
""")
    out = CliRunner().invoke(app, ["run", str(scenario), "-o", str(tmp_path / "out")])
    assert out.exit_code == 2, out.output
    assert "payloads[0].schedule[0].end='2024-05-04T00:00:00'" in _one_line(out)
    assert "an epoch inside the mission, until 2024-05-03T12:04:" in _one_line(out)
    assert "Traceback" not in out.output
