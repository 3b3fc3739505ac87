"""The three YAML loaders at their edges: every bad file or value is one bounded line naming the
field or file (exit 2), never a traceback, a NaN flown, or memory exhausted."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farside.cli import app
from farside.errors import MAX_SHOWN, ScenarioError
from farside.mission import scenario_paths

ROOT = Path(__file__).parents[2]
CAPTURE = Path(__file__).parent / "data" / "capture.yaml"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi"))


def _one_line(run, *needles):
    assert run.exit_code == 2, run.output
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) <= 600 and "Traceback" not in run.output, run.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("value, allowed", [("true", "not true or false"), (".nan", "finite"), (".inf", "finite"),
                                            ("-.inf", "finite")])
def test_numbers_are_finite_and_not_booleans(value, allowed):
    run = CliRunner().invoke(app, ["validate", str(CAPTURE), "--set", f"phases[1].burn.thrust_N={value}"])
    _one_line(run, "phases[1].burn.thrust_N", allowed)


def test_a_boolean_inside_a_list_of_numbers_names_its_index():
    run = CliRunner().invoke(app, ["validate", str(CAPTURE), "--set", "phases[1].burn.direction=[1, true, 0]"])
    _one_line(run, "phases[1].burn.direction[1]")


@pytest.mark.parametrize("value", ["x[/b]", "[nan, nan]", "[bold red]y[/]"])
def test_values_are_printed_literally_not_as_markup(value):
    run = CliRunner().invoke(app, ["validate", str(CAPTURE), "--set", f"phases[1].burn.thrust_N={value}"])
    line = _one_line(run, "phases[1].burn.thrust_N")
    assert value.strip("[]").split(",")[0] in line


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB)
    with pytest.raises(ScenarioError, match="aliases are expanded"):
        scenario_paths.read_yaml_file(path)
    for command in ("relay", "campaign"):
        _one_line(CliRunner().invoke(app, [command, str(path)]), "alias")


@pytest.mark.parametrize("content, needle", [(b"name: \xff\xfe\n", "UTF-8"), (b"a: " + b"[" * 3000 + b"]" * 3000, "nested"),
                                             (b"name: !!python/object:os.system x\n", "valid YAML"),
                                             (b"name: !!binary aGVsbG8=\n", "plain YAML values"),
                                             (b"a: [1, 2\n", "valid YAML"), (b"", "(empty)"), (b"- 1\n- 2\n", "list")])
@pytest.mark.parametrize("command", ["relay", "campaign"])
def test_bad_files_are_one_line(tmp_path, content, needle, command):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    _one_line(CliRunner().invoke(app, [command, str(path)]), needle)


@pytest.mark.parametrize("command, file, kind", [("relay", "scenarios/change6.yaml", "mission"),
                                                 ("campaign", "scenarios/change6.yaml", "mission"),
                                                 ("campaign", "scenarios/change6_relay.yaml", "relay"),
                                                 ("relay", "scenarios/change6_tlc_campaign.yaml", "campaign")])
def test_a_file_of_another_kind_names_the_command_that_takes_it(command, file, kind):
    line = _one_line(CliRunner().invoke(app, [command, str(ROOT / file)]), f"this is a {kind} file")
    assert {"mission": "farside run", "relay": "farside relay", "campaign": "farside campaign"}[kind] in line


def test_echoed_values_are_bounded():
    nested = ["x" * 1000]
    for _ in range(30):
        nested = [nested] * 10
    message = str(ScenarioError("a.b", nested, "something"))
    assert len(message) < MAX_SHOWN + 60


@pytest.mark.parametrize("args, needle", [(["frozen-orbit", "--days", "0"], "--days"),
                                          (["frozen-orbit", "--days", "-5"], "--days"),
                                          (["frozen-orbit", "--period-h", "0"], "--period-h"),
                                          (["campaign", str(ROOT / "scenarios/change6_tlc_campaign.yaml"),
                                            "-n", "1000000000"], "-n")])
def test_bad_options_are_one_line(args, needle):
    _one_line(CliRunner().invoke(app, args), needle)


CAMPAIGN = str(ROOT / "tests/campaign/data/lunar_orbit_campaign.yaml")


@pytest.mark.parametrize("args, needle", [(["--workers", "0"], "--workers"), (["--workers", "-1"], "--workers"),
                                          (["--scheduler", "notaurl"], "--scheduler")])
def test_bad_campaign_options_are_one_line(tmp_path, args, needle):
    _one_line(CliRunner().invoke(app, ["campaign", CAMPAIGN, "-o", str(tmp_path / "out")] + args), needle)
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_one_line_within_ten_seconds_and_leaves_no_manifest(tmp_path):
    import socket
    import time
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tic = time.monotonic()
    run = CliRunner().invoke(app, ["campaign", CAMPAIGN, "-o", str(tmp_path / "out"), "--scheduler",
                                   f"tcp://127.0.0.1:{port}"])
    assert run.exit_code == 2 and "Traceback" not in run.output   # after the progress bar's line
    assert run.output.strip().splitlines()[-1].startswith("error: --scheduler=")
    assert time.monotonic() - tic < 20   # the 10 s connect timeout, and the import of distributed
    assert not (tmp_path / "out" / "manifest.json").exists()
