"""Imports point downwards only, in the layer order of shared/DESIGN.md."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT.parent / "shared" / "tools" / "check_layers.py"


@pytest.mark.skipif(not CHECKER.exists(), reason="shared/tools/check_layers.py is not beside the checkout")
def test_no_import_points_upwards():
    run = subprocess.run([sys.executable, str(CHECKER), str(ROOT / "src" / "farside")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
