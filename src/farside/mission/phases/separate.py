"""``separate``: some modules leave the stack as a new stack, at the same state."""
from typing import ClassVar

from pydantic import Field

from farside.dynamics.state import State
from farside.mission.phases.base import PhaseKind, PhaseOutcome, register
from farside.mission.scenario_fields import FieldError
from farside.mission.vehicles import Separation


@register
class Separate(PhaseKind):
    """The stack splits: ``modules`` leave as a new stack named ``as``, flying on from here."""
    key: ClassVar[str] = "separate"
    summary: ClassVar[str] = "separate {name}"
    event: ClassVar[str] = "separation"
    modules: list[str] = Field(min_length=1)
    name: str = Field(alias="as")

    def references(self, spacecraft, parts):
        for j, m in enumerate(self.modules):
            if m not in spacecraft.modules:
                raise FieldError(parts + ["modules", j], m, "a module among " + ", ".join(spacecraft.modules))

    def check(self, plan, path):
        plan.split(self.modules, self.name)

    def run(self, flight, stack, phase, path):
        flight.vehicles.check_separation(stack.name, self.modules, self.name, path)
        out = PhaseOutcome(phase.name, stack.name)
        state = stack.state
        staying = [m for m in stack.modules if m not in self.modules]
        out.changes.append(Separation(stack.name, tuple(self.modules), self.name, path))
        out.states[self.name] = State(state.epoch, state.r_m, state.v_m_s,
                                      flight.vehicles.modules_mass_kg(self.modules), state.center, state.frame)
        out.note(state.epoch, stack.name, f"{self.event} of {self.name}", ", ".join(self.modules))
        out.state = State(state.epoch, state.r_m, state.v_m_s, flight.vehicles.modules_mass_kg(staying),
                          state.center, state.frame)
        return out
