"""``transfer``: mass moves between two docked modules (a sample container)."""
from typing import ClassVar

from pydantic import Field

from farside.mission.phases.base import PhaseKind, PhaseOutcome, register
from farside.mission.scenario_fields import FieldError
from farside.mission.vehicles import MassTransfer


@register
class Transfer(PhaseKind):
    """Mass handed over between modules: ``mass_kg`` from ``from`` to ``to``."""
    key: ClassVar[str] = "transfer"
    summary: ClassVar[str] = "transfer {mass_kg:g} kg {source} -> {to}"
    source: str = Field(alias="from")
    to: str
    mass_kg: float = Field(gt=0)

    def references(self, spacecraft, parts):
        for key, module in (("from", self.source), ("to", self.to)):
            if module not in spacecraft.modules:
                raise FieldError(parts + [key], module, "a module among " + ", ".join(spacecraft.modules))

    def run(self, flight, stack, phase, path):
        out = PhaseOutcome(phase.name, stack.name, stack.state)
        out.changes.append(MassTransfer(self.source, self.to, self.mass_kg, path))
        out.note(stack.state.epoch, stack.name, f"transfer {self.source} -> {self.to}", f"{self.mass_kg:g} kg")
        return out
