"""``rendezvous``: the four orbit adjustments to a hand-over point (:mod:`farside.gnc.orbit_adjustments`)."""
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from pydantic import Field, field_validator

from farside.astro.time import Epoch
from farside.dynamics.propagator import propagate
from farside.errors import FarsideValueError, ScenarioError
from farside.gnc import orbit_adjustments
from farside.gnc.differential_corrector import TargetingError
from farside.mission.orbit_quantities import quantities
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.phases.burn import impulse
from farside.mission.phases.lunar import about_moon, moon_forces, other_at
from farside.mission.scenario_fields import check_epoch


@dataclass
class RendezvousReport(PhaseReport):
    adjustments_m_s: list
    total_delta_v_m_s: float
    drift_orbit_offset_km: float
    hand_over_miss_m: float
    orbit_km: list


@register
class Rendezvous(PhaseKind):
    """The flying stack's orbit adjustments (impulses of ``module``'s ``engine``) that bring it to
    rest at ``hand_over_km`` (radial, in-track, cross-track: km in the RIC frame of stack ``with``)
    at ``hand_over_epoch`` (UTC): two drift-orbit burns at the first apsides, then a Lambert arc of
    ``transfer_fraction`` of an orbit and a stop, re-targeted in the full force model."""
    key: ClassVar[str] = "rendezvous"
    summary: ClassVar[str] = "rendezvous with {other}"
    module: str
    engine: str
    other: str = Field(alias="with")
    hand_over_km: tuple[float, float, float]
    hand_over_epoch: str
    transfer_fraction: float = Field(0.4, gt=0.1, lt=0.5)

    @field_validator("hand_over_epoch")
    @classmethod
    def _epoch(cls, value):
        return check_epoch([], value)

    def run(self, flight, stack, phase, path):
        forces = moon_forces(flight, path)
        state = about_moon(stack.state, path)
        _, isp, _ = flight.engine(self)
        _, target = other_at(flight, self.other, state.epoch, f"{path}.with", forces)
        flight.say(phase.name, "planning the orbit adjustments")
        try:
            plan = orbit_adjustments.plan(state, target, np.array(self.hand_over_km) * 1e3,
                                          Epoch(self.hand_over_epoch), forces, self.transfer_fraction,
                                          tolerances=flight.tolerances())
        except FarsideValueError as error:
            raise ScenarioError(f"{path}.{error.argument}", self.hand_over_epoch, error.allowed) from None
        except TargetingError as error:
            raise ScenarioError(f"{path}.hand_over_epoch", self.hand_over_epoch, f"a reachable hand-over: {error}") from None
        out = PhaseOutcome(phase.name, stack.name)
        segments, sizes = [], []
        for k, adjustment in enumerate(plan.adjustments, start=1):
            if adjustment.epoch.tdb_seconds > state.epoch.tdb_seconds:
                seg = propagate(state, until=adjustment.epoch, forces=forces, **flight.tolerances().options())
                segments.append(seg)
                state = seg.final_state()
            state = impulse(out, flight, stack, self.module, self.engine, isp, state, adjustment.delta_v_m_s,
                            f"{path}.module", f"orbit adjustment {k}")
            sizes.append(float(np.linalg.norm(adjustment.delta_v_m_s)))
        q = quantities(state)
        out.note(state.epoch, stack.name, f"hand-over point of {self.other}",
                 f"{plan.miss_m:.1f} m from the aim; {q['periapsis_altitude_km']:.1f} x {q['apoapsis_altitude_km']:.1f} km")
        out.report = RendezvousReport(sizes, float(np.sum(sizes)), plan.drift_offset_m / 1e3, plan.miss_m,
                                      [q["periapsis_altitude_km"], q["apoapsis_altitude_km"]])
        out.fly(stack.name, stack.modules, segments)
        out.state = state
        return out
