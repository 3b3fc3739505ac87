"""The mission's state and record as values: an operation returns a new `Vehicles` and leaves the
one it started from as it was (what lets the corrector fly a span again from its start), and a
`MissionResult` cannot be changed after the run; mass is conserved by every operation."""
import dataclasses
from pathlib import Path

import pytest

from farside.errors import ScenarioError
from farside.mission import sequencer
from farside.mission.scenario import load_scenario
from farside.mission.vehicles import Cargo, Docking, Landing, MassTransfer, Separation, Vehicles

CAPTURE = Path(__file__).parent / "data" / "capture.yaml"


@pytest.fixture(scope="module")
def spacecraft():
    return load_scenario(CAPTURE).spacecraft


def _total_kg(vehicles):
    return sum(vehicles.mass_kg(name) for name in vehicles.stacks)


def test_operations_leave_the_state_they_started_from(spacecraft):
    start = Vehicles.of(spacecraft)
    before = (dict(start.propellant_kg), dict(start.cargo_kg), {n: s.modules for n, s in start.stacks.items()})
    split = Separation(spacecraft.name, ("lander",), "LANDER", "phases[0]").apply(start)
    fed = MassTransfer("lander", "returner", 2.0, "phases[1]").apply(
        Docking(spacecraft.name, "LANDER", "phases[1]").apply(split))
    landed = Landing("LANDER", (1.0, 2.0, 3.0)).apply(Cargo("lander", 1.5).apply(split.spend("lander", 100.0, "p")))
    assert (dict(start.propellant_kg), dict(start.cargo_kg), {n: s.modules for n, s in start.stacks.items()}) == before
    assert set(split.stacks) == {spacecraft.name, "LANDER"} and set(start.stacks) == {spacecraft.name}
    assert dict(landed.landed) == {"LANDER": (1.0, 2.0, 3.0)} and dict(split.landed) == {}
    # mass is conserved by separation, docking and hand-over, and a burn removes exactly what it drew
    assert _total_kg(split) == pytest.approx(_total_kg(start), abs=1e-9)
    assert _total_kg(fed) == pytest.approx(_total_kg(start), abs=1e-9)
    assert _total_kg(landed) == pytest.approx(_total_kg(start) - 100.0 + 1.5, abs=1e-9)


def test_the_state_cannot_be_changed_in_place(spacecraft):
    start = Vehicles.of(spacecraft)
    with pytest.raises(TypeError):
        start.propellant_kg["lander"] = 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        start.stacks[spacecraft.name].state = None


def test_an_overdrawn_tank_is_named_and_leaves_the_state(spacecraft):
    start = Vehicles.of(spacecraft)
    with pytest.raises(ScenarioError, match=r"phases\[3\]\.burn"):
        start.spend("lander", 1e6, "phases[3].burn")
    assert start.propellant_kg["lander"] == spacecraft.modules["lander"].propellant_kg


def test_a_mission_result_is_frozen():
    result = sequencer.run(load_scenario(CAPTURE))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.burns = ()
    with pytest.raises(AttributeError):
        result.timeline.append(None)
    with pytest.raises(TypeError):
        result.reports["LOI"] = {}
    assert result.targeting_logs["LOI"][-1].startswith("converged in")
