"""The basis of each simulated-vs-published figure follows the scenario's own targets and stated
epochs: the Chang'e-6 file as written, and the same file changed (no flight needed)."""
from pathlib import Path

import pytest

from farside.astro.time import Epoch
from farside.mission import evidence
from farside.mission.scenario import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6.yaml"


@pytest.fixture(scope="module")
def change6():
    return load_scenario(SCENARIO)


def _s(utc):
    return Epoch(utc, "utc").tdb_seconds


def test_epochs_of_the_published_events(change6):
    loi = evidence.epoch_basis(change6, "LOI", "start", _s("2024-05-08T02:12:03"))
    assert (loi.kind, loi.path, loi.tolerance) == ("target", "phases[trans-lunar coast].target.achieve[2]", 10.0)
    assert loi.residual == pytest.approx(3.0, abs=1e-6) and loi.within_tolerance
    late = evidence.epoch_basis(change6, "powered descent", "start", _s("2024-06-01T22:09:30"))
    assert late.kind == "target" and late.residual == pytest.approx(30.0, abs=1e-6) and late.within_tolerance is False
    assert evidence.epoch_basis(change6, "ascent", "start", _s("2024-06-03T23:38:10")).path == "phases[ascent].ascent.epoch"
    assert evidence.epoch_basis(change6, "orbiter-returner wait", "end", 0.0).kind == "input"
    touchdown = evidence.epoch_basis(change6, "powered descent", "end", _s("2024-06-01T22:23:12"))
    assert touchdown.kind == "prediction"
    assert touchdown.anchor == "+14.2 min from end of descent orbit insertion (target)"
    docking = evidence.epoch_basis(change6, "final approach", "end", _s("2024-06-06T06:45:00"))
    assert docking.kind == "prediction" and docking.anchor.endswith("(input)")
    # the departure follows a wait the return's corrector varies: not an input although it is a duration
    assert evidence.epoch_basis(change6, "TEI-2", "start", _s("2024-06-20T15:30:00")).kind == "prediction"


def test_a_start_after_zero_length_phases_and_a_stated_burn_is_an_input(change6):
    # lander separation (zero length) then lander phasing (an impulse) after a coast to a stated epoch
    assert evidence.epoch_basis(change6, "lander wait", "start", 0.0).path == "phases[before separation].coast.until.epoch"
    lift_off = evidence.epoch_basis(change6, "launch", "start", 0.0)
    assert (lift_off.kind, lift_off.path) == ("input", "initial_state.epoch")
    # the probe's separation ends a launch whose coast the lunar arrival's corrector varies
    assert evidence.epoch_basis(change6, "trans-lunar coast", "start", 0.0).kind == "prediction"


def test_a_phase_starts_where_its_own_stack_stopped(change6):
    # the orbiter-returner waits from the separation (05-30 00:00, stated) while the lander and the
    # ascender fly: its start is not the end of the ascender's orbit adjustments listed before it
    stacks = evidence.flying_stacks(change6)
    assert stacks[change6.phase_index("orbit adjustments")] == "ASCENDER"
    assert stacks[change6.phase_index("orbiter-returner wait")] == "CHANGE6"
    wait = evidence.epoch_basis(change6, "orbiter-returner wait", "start", 0.0)
    assert wait.path == "phases[before separation].coast.until.epoch"
    # the returner's entry starts at its separation, after the targeted approach to Earth
    assert evidence.epoch_basis(change6, "entry", "start", 0.0).kind == "prediction"
    # a burn whose duration a target varies ends at a prediction
    assert evidence.epoch_basis(change6, "inclination change", "end", 0.0).kind == "prediction"


def test_orbits_after_phases(change6):
    apo = evidence.orbit_basis(change6, "LOI", "apoapsis_altitude_km", "moon", 8603.0)
    assert (apo.kind, apo.goal, apo.tolerance) == ("target", 8600.0, 5.0) and apo.residual == pytest.approx(3.0)
    aim = evidence.orbit_basis(change6, "ascent", "apoapsis_altitude_km", "moon", 179.5)
    assert (aim.kind, aim.path, aim.tolerance) == ("target", "phases[ascent].ascent.apoapsis_altitude_km", None)
    assert aim.within_tolerance is None
    drifted = evidence.orbit_basis(change6, "periselene raise", "inclination_deg", "moon", 136.2)
    assert drifted.kind == "prediction" and drifted.path == "phases[trans-lunar coast].target.achieve[1]"
    assert evidence.orbit_basis(change6, "entry", "speed_m_s", "earth", 11000.0) == evidence.Basis("prediction")


def test_the_basis_follows_the_scenario_when_it_changes():
    untimed = load_scenario(SCENARIO, {"phases[descent orbit insertion].target.achieve":
                                       [{"quantity": "site_out_of_plane_deg", "value": 0, "tolerance": 0.02,
                                         "site": {"lat_deg": -41.6385, "lon_deg": 206.0148}}]})
    start = evidence.epoch_basis(untimed, "powered descent", "start", _s("2024-06-01T22:09:00"))
    assert start.kind == "prediction"
    stated = load_scenario(SCENARIO, {"phases[ascent].ascent.apoapsis_altitude_km": 200})
    assert evidence.orbit_basis(stated, "ascent", "apoapsis_altitude_km", "moon", 199.0).residual == pytest.approx(-1.0)


def test_report_figures_of_the_entry(change6):
    chute = evidence.figure_basis(change6, "skip entry and landing", "parachute_altitude_km", 10.0)
    assert (chute.kind, chute.path) == ("input", "phases[skip entry and landing].entry.parachute.altitude_m")
    miss = evidence.figure_basis(change6, "skip entry and landing", "miss_m", 233.0)
    assert (miss.kind, miss.goal, miss.residual) == ("target", 0.0, 233.0)
    assert evidence.figure_basis(change6, "skip entry and landing", "second_entry_speed_m_s", 7036.0).kind == "prediction"
