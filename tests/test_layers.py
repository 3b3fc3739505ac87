"""Imports point downwards only, in the project's layer order (tests/layer_rules.py)."""
from pathlib import Path

from tests.layer_rules import violations

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "farside"


def test_no_import_points_upwards():
    assert PACKAGE.is_dir()
    assert violations(PACKAGE) == []


def test_the_rule_finds_upward_sideways_and_relative_imports(tmp_path):
    package = tmp_path / "farside"
    for layer in ("core", "gnc", "comms", "mission"):
        (package / layer).mkdir(parents=True)
    (package / "core" / "bad.py").write_text("import farside.astro.time\n")
    (package / "gnc" / "sideways.py").write_text("from farside.comms import horizon\n")
    (package / "comms" / "fine.py").write_text("from farside.dynamics import state\nimport numpy\n")
    (package / "mission" / "relative.py").write_text("from ..cli import app\nfrom ..gnc import lambert\n")
    found = violations(package)
    assert [line.split(":")[0] for line in found] == ["farside/core/bad.py", "farside/gnc/sideways.py",
                                                      "farside/mission/relative.py"]
    assert "'farside.cli'" in found[2]
