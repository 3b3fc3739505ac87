"""`farside report` on a folder with no run: one line naming what it expected, exit code 2, no
file written; `farside --version` prints the package's version."""
import os
import subprocess
import sys

import farside


def _farside(*args):
    env = {**os.environ, "COLUMNS": "400"}
    return subprocess.run([sys.executable, "-m", "farside", *args], capture_output=True, text=True, env=env)


def test_a_folder_with_no_run_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "orbiter.csv").write_text("a,b\n1,2\n")
    run = _farside("report", str(tmp_path))
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert run.returncode == 2
    assert len(lines) == 1 and "summary.json" in lines[0] and str(tmp_path) in lines[0], lines
    assert "Traceback" not in run.stderr and not (tmp_path / "report.html").exists()


def test_version():
    run = _farside("--version")
    assert run.returncode == 0 and run.stdout.strip() == f"farside {farside.__version__}"
