"""The Chang'e-6 scenario end to end, against the real mission's published figures
(shared/reference/change6.md, repeated in the scenario's ``published`` section)."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from farside.cli import app
from farside.mission import comparison, sequencer
from farside.mission.scenario import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6.yaml"
TEN_MINUTES = 600.0


@pytest.fixture(scope="module")
def change6():
    return sequencer.run(load_scenario(SCENARIO))


@pytest.mark.slow
def test_published_event_epochs_within_ten_minutes(change6):
    rows = comparison.event_rows(change6, change6.scenario.published)
    official = [r for r in rows if "Wikipedia" not in r.name]
    assert len(official) == 3
    for row in official:
        assert abs(row.difference_s) < TEN_MINUTES, row


@pytest.mark.slow
def test_published_lunar_orbit_altitudes_within_five_km(change6):
    rows = [r for r in comparison.orbit_rows(change6, change6.scenario.published) if r.quantity.endswith("_km")]
    assert rows
    for row in rows:
        assert abs(row.difference) < 5.0, row


@pytest.mark.slow
def test_every_targeting_converged_and_the_return_enters(change6):
    assert set(change6.targeting_logs) == {"trans-lunar coast", "LOI", "periselene trim", "orbit lowering", "periselene raise",
                                           "TEI-1", "trans-Earth coast", "approach to Earth", "orbiter flyby"}
    entry = next(p for p in change6.phases if p.name == "entry")
    assert entry.stack == "RETURNER"
    assert -6.0 < entry.end_quantities["flight_path_angle_deg"] < -5.0
    assert all(kg >= 0.0 for kg in change6.propellant_left_kg.values())


@pytest.mark.slow
def test_farside_run_writes_the_outputs(tmp_path):
    run = CliRunner().invoke(app, ["run", str(SCENARIO), "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    names = {p.name for p in tmp_path.iterdir()}
    assert {"orbiter.oem", "returner.oem", "change6.bsp", "timeline.md", "summary.json"} <= names
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert [e["name"] for e in summary["published_events"]][-1] == "entry interface"
    assert "events: simulated against published" in run.output
