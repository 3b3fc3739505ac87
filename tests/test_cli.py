"""The command line: the demo runs, a user mistake is one line and exit code 2."""
import subprocess
import sys

from typer.testing import CliRunner

from farside.cli import app


def test_demo_prints_the_summary():
    result = CliRunner().invoke(app, ["demo"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "Moon geocentric distance" in result.output and "far side" in result.output


def test_info_lists_data_files():
    result = CliRunner().invoke(app, ["info"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "ephemeris DE440s" in result.output and "IERS EOP" in result.output and "Moon PA" in result.output


def test_bad_epoch_is_one_line_and_exit_2():
    run = subprocess.run([sys.executable, "-m", "farside.cli", "demo", "--epoch", "2024-02-30"],
                         capture_output=True, text=True, env={"COLUMNS": "300", "PATH": ""})
    assert run.returncode == 2
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "'2024-02-30'" in lines[0] and "Traceback" not in run.stderr
