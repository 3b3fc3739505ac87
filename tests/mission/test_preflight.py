"""What `farside validate` finds without flying (the same checks `farside run` makes first): an
epoch outside the ephemeris (DE440s: 1849-12-26 to 2150-01-22) and an engine weaker than the lunar
weight of what it lifts, each on one line naming the YAML path; the published scenario passes."""
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farside.cli import app

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6.yaml"


@pytest.mark.parametrize("assignment, path", [
    ("initial_state.epoch=2160-01-01T00:00:00", "initial_state.epoch"),
    ("phases[surface stay].surface_stay.until=2151-06-03T23:00:00", "phases[20].surface_stay.until"),
    ("spacecraft.modules.lander.engines.descent.thrust_N=3000", "phases[19].powered_descent.engine"),
])
def test_validate_refuses_what_cannot_fly(assignment, path):
    out = CliRunner().invoke(app, ["validate", str(SCENARIO), "--set", assignment])
    assert out.exit_code == 2, out.output
    line = " ".join(out.output.split())
    assert re.search(re.escape(path) + r"=", line), line
    assert "Traceback" not in out.output


def test_the_published_scenario_is_valid():
    out = CliRunner().invoke(app, ["validate", str(SCENARIO)])
    assert out.exit_code == 0, out.output
