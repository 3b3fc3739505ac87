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
    assert len(official) == 8
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
                                           "descent orbit insertion", "TEI-1", "trans-Earth coast", "approach to Earth",
                                           "orbiter flyby"}
    entry = next(p for p in change6.phases if p.name == "entry")
    assert entry.stack == "RETURNER"
    assert -6.0 < entry.end_quantities["flight_path_angle_deg"] < -5.0
    assert all(kg >= 0.0 for kg in change6.propellant_left_kg.values())


@pytest.mark.slow
def test_farside_run_writes_the_outputs(tmp_path):
    run = CliRunner().invoke(app, ["run", str(SCENARIO), "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    names = {p.name for p in tmp_path.iterdir()}
    assert {"orbiter.oem", "returner.oem", "lander.oem", "ascender.oem", "change6.bsp", "timeline.md", "summary.json",
            "surface_stay.csv"} <= names
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert [e["name"] for e in summary["published_events"]][-1] == "entry interface"
    assert "events: simulated against published" in run.output


@pytest.mark.slow
def test_landing_within_500_m_below_2_m_s(change6):
    descent = change6.reports["powered descent"]
    assert descent["from_target_site_m"] < 500.0
    assert descent["vertical_speed_m_s"] < 2.0
    assert descent["horizontal_speed_m_s"] < 0.5
    assert change6.reports["descent orbit insertion"]["cross_track_km"] < 1.0
    assert descent["terrain_clearance_before_hover_m"] > 50.0


@pytest.mark.slow
def test_earth_below_the_horizon_for_the_whole_stay(change6):
    stay = change6.reports["surface stay"]
    assert stay["earth_always_below_horizon"]
    assert stay["earth_elevation_deg"][1] < -35.0
    assert stay["sun_elevation_deg"][0] > 0.0
    assert 45.0 < stay["duration_h"] < 52.0


@pytest.mark.slow
def test_ascent_rendezvous_and_docking(change6):
    ascent = change6.reports["ascent"]
    assert abs(ascent["periapsis_altitude_km"] - 15.0) < 1.0 and abs(ascent["apoapsis_altitude_km"] - 180.0) < 2.0
    adjustments = change6.reports["orbit adjustments"]
    assert len(adjustments["adjustments_m_s"]) == 4
    assert adjustments["hand_over_miss_m"] < 10.0
    approach = change6.reports["final approach"]
    assert approach["closing_speed_m_s"] < 0.1
    assert approach["lateral_offset_m"] < 0.1
    docked = next(p for p in change6.phases if p.name == "sample transfer")
    assert docked.stack == "CHANGE6"


@pytest.mark.slow
def test_descent_and_ascent_propellant_within_ten_percent_of_the_estimates(change6):
    rows = comparison.propellant_rows(change6, change6.scenario.published)
    assert {r.name for r in rows} == {"powered descent", "ascent", "descent and ascent"}
    for row in rows:
        assert abs(row.difference_percent) < 10.0, row


@pytest.mark.slow
def test_the_ascender_is_disposed_of_on_the_moon(change6):
    impact = next(p for p in change6.phases if p.name == "ascender impact")
    assert impact.stack == "ASCENDER"
    assert abs(impact.end_quantities["altitude_km"]) < 0.01
    assert impact.end.tdb_seconds > next(p for p in change6.phases if p.name == "docking").end.tdb_seconds
