"""``approach``: the active stack closes on the passive one along V-bar to contact
(:mod:`farside.gnc.final_approach`)."""
from dataclasses import dataclass
from typing import ClassVar

from pydantic import Field

from farside.dynamics.state import State
from farside.gnc import final_approach
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.phases.burn import rocket_propellant_kg
from farside.mission.phases.lunar import about_moon, moon_forces, other_at


@dataclass
class ApproachReport(PhaseReport):
    contact_utc: str
    closing_speed_m_s: float
    lateral_offset_m: float
    delta_v_m_s: float
    propellant_kg: float
    duration_s: float


@register
class Approach(PhaseKind):
    """The flying stack (``module``'s ``engine``: impulses) approaches the passive stack
    ``target`` along V-bar through ``holding_points_m`` (RIC of the target) to contact at
    ``closing_speed_m_s``."""
    key: ClassVar[str] = "approach"
    summary: ClassVar[str] = "approach {target}"
    module: str
    engine: str
    target: str
    holding_points_m: list[tuple[float, float, float]] = [(0.0, -5000.0, 0.0), (0.0, -1000.0, 0.0),
                                                           (0.0, -100.0, 0.0), (0.0, -10.0, 0.0)]
    closing_speed_m_s: float = Field(0.05, gt=0, le=1)

    def run(self, flight, stack, phase, path):
        forces = moon_forces(flight, path)
        chaser = about_moon(stack.state, path)
        _, isp, _ = flight.engine(self)
        other, target = other_at(flight, self.target, chaser.epoch, f"{path}.target", forces)
        flight.say(phase.name, "final approach to contact")
        plan = final_approach.ApproachPlan(tuple(tuple(p) for p in self.holding_points_m),
                                           closing_speed_m_s=self.closing_speed_m_s)
        approach = final_approach.fly(target, chaser, forces, plan, flight.tolerances())
        propellant = rocket_propellant_kg(chaser.mass_kg, approach.delta_v_m_s, isp)
        flight.vehicles.check_propellant(self.module, propellant, f"{path}.module")
        mass = chaser.mass_kg - propellant
        final = approach.chaser
        out = PhaseOutcome(phase.name, stack.name)
        duration = final.epoch.tdb_seconds - chaser.epoch.tdb_seconds
        out.burn(f"{path}.module", stack.name, self.module, self.engine, chaser.epoch, duration,
                 approach.delta_v_m_s, propellant, chaser.mass_kg, mass)
        for name, epoch, error in approach.log:
            out.note(epoch, stack.name, name, f"{error:.3f} m from the aim")
        out.note(approach.contact_epoch, stack.name, f"contact with {self.target}",
                 f"closing {abs(approach.closing_speed_m_s):.4f} m/s, lateral {approach.lateral_offset_m:.4f} m")
        out.fly(other.name, other.modules, approach.target_segments)
        out.states[other.name] = approach.target
        out.report = ApproachReport(approach.contact_epoch.iso("utc", 1), abs(approach.closing_speed_m_s),
                                    approach.lateral_offset_m, approach.delta_v_m_s, propellant, duration)
        out.fly(stack.name, stack.modules, approach.chaser_segments)
        out.state = State(final.epoch, final.r_m, final.v_m_s, mass, final.center, final.frame)
        return out
