"""``dock``: another stack, coasted to this epoch, joins when within the capture envelope."""
from typing import ClassVar

import numpy as np
from pydantic import Field

from farside.astro import ephemeris
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.errors import ScenarioError
from farside.mission.phases.base import PhaseKind, PhaseOutcome, register
from farside.mission.vehicles import Docking


@register
class Dock(PhaseKind):
    """The flying stack captures stack ``with`` (coasted to this epoch): within ``max_distance_m``
    and ``max_speed_m_s`` of each other, the two fly on as one stack under this one's name."""
    key: ClassVar[str] = "dock"
    summary: ClassVar[str] = "dock with {other}"
    other: str = Field(alias="with")
    max_distance_m: float = Field(1.0, gt=0)
    max_speed_m_s: float = Field(0.1, gt=0)

    def check(self, plan, path):
        plan.join(self.other)

    def run(self, flight, stack, phase, path):
        other = flight.vehicles.stacks.get(self.other)
        state = stack.state
        if other is None or other is stack:
            raise ScenarioError(f"{path}.with", self.other, "another stack flying: "
                                + ", ".join(n for n in flight.vehicles.stacks if n != stack.name))
        out = PhaseOutcome(phase.name, stack.name)
        t = state.epoch.tdb_seconds
        other_state = other.state
        if other_state.epoch.tdb_seconds > t + 1e-6:
            raise ScenarioError(f"{path}.with", self.other, f"a stack whose last state ({other_state.epoch.iso()} UTC) "
                                f"is not after this phase's start ({state.epoch.iso()} UTC)")
        if other_state.epoch.tdb_seconds < t - 1e-6:
            seg = propagate(other_state, until=state.epoch, forces=flight.models[flight.center_for(other_state)],
                            **flight.tolerances().options())
            out.fly(other.name, other.modules, [seg])
            other_state = seg.final_state()
            out.states[other.name] = other_state
        a, b = state.in_gcrf(), other_state.in_gcrf()
        if b.center != a.center:
            r, v = ephemeris.state(b.center, b.epoch, center=a.center)
            b = State(b.epoch, b.r_m + r, b.v_m_s + v, b.mass_kg, a.center)
        distance = float(np.linalg.norm(b.r_m - a.r_m))
        speed = float(np.linalg.norm(b.v_m_s - a.v_m_s))
        if distance > self.max_distance_m or speed > self.max_speed_m_s:
            raise ScenarioError(path, f"{distance:.3f} m apart at {speed:.4f} m/s",
                                f"within {self.max_distance_m:g} m and {self.max_speed_m_s:g} m/s of {self.other}")
        out.changes.append(Docking(stack.name, self.other, path))
        out.note(state.epoch, stack.name, f"docking with {self.other}", f"{distance:.3f} m, {speed:.4f} m/s")
        out.state = State(a.epoch, a.r_m, a.v_m_s, flight.vehicles.modules_mass_kg(stack.modules + other.modules),
                          a.center, a.frame)
        return out
