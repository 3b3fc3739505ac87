"""The scenario's integration tolerances reach the lunar phases' guidance: the first propagation
each guided kind makes (planning, guidance cycle or coast) is made to the scenario's ``rtol`` and
``atol_m``, not to a default of its own."""
from pathlib import Path

import numpy as np
import pytest

from farside.astro.time import Epoch
from farside.dynamics import propagator
from farside.mission import force_models
from farside.mission.phases.flight import Flight
from farside.mission.scenario import load_scenario
from farside.mission.vehicles import Vehicles
from tests.gnc.lunar_states import orbit_state

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6.yaml"
RTOL, ATOL_M = 3.7e-11, 2.9e-6   # values no default has


class _Seen(Exception):
    pass


@pytest.fixture(scope="module")
def flight():
    scenario = load_scenario(SCENARIO, {"rtol": RTOL, "atol_m": ATOL_M})
    vehicles = Vehicles.of(scenario.spacecraft).separate("CHANGE6", ["lander", "ascender"], "LANDER", "test")
    epoch = Epoch("2024-06-01T20:00:00")
    flight = Flight(scenario, force_models.build(scenario), vehicles)
    gm = flight.models["moon"].gm_m3_s2
    states = {"CHANGE6": orbit_state(gm, epoch, 1937e3, 1937e3, 0.0, vehicles.mass_kg("CHANGE6")),
              "LANDER": orbit_state(gm, epoch, 1752e3, 1937e3, 180.0, vehicles.mass_kg("LANDER"))}
    for name, state in states.items():
        flight.vehicles = flight.vehicles.with_state(name, state)
    flight.vehicles = flight.vehicles.separate("LANDER", ["ascender"], "ASCENDER", "test").with_state(
        "ASCENDER", orbit_state(gm, epoch, 1752e3, 1917e3, 350.0, flight.vehicles.modules_mass_kg(["ascender"])))
    return flight


@pytest.mark.parametrize("phase_name, stack", [
    ("descent orbit insertion", "LANDER"),
    ("powered descent", "LANDER"),
    ("orbit adjustments", "ASCENDER"),
    ("final approach", "CHANGE6"),
])
def test_a_lunar_phase_flies_to_the_scenarios_tolerances(flight, phase_name, stack, monkeypatch):
    seen = []

    def spy(rtol, atol, max_step_s):
        seen.append((rtol, atol))
        raise _Seen

    monkeypatch.setattr(propagator, "_settings", spy)
    phase = flight.scenario.phases[flight.scenario.phase_index(phase_name)]
    with pytest.raises(_Seen):
        phase.action.run(flight, flight.vehicles.stacks[stack], phase, f"phases[{phase_name}]")
    rtol, atol = seen[0]
    assert rtol == RTOL
    np.testing.assert_array_equal(atol, [ATOL_M] * 3 + [ATOL_M * 1e-3] * 3 + [1e-6])
