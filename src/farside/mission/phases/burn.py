"""``burn``: impulsive (the rocket equation spends the propellant) or finite (constant thrust and
mass flow in VNC/RIC/LVLH/inertial axes for ``duration_s``)."""
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from farside.dynamics.forces import STANDARD_GRAVITY_M_S2, Thrust
from farside.dynamics.maneuvers import FiniteBurn, Impulse
from farside.dynamics.propagator import propagate
from farside.errors import ScenarioError
from farside.mission.phases.base import PhaseKind, PhaseOutcome, register
from farside.mission.scenario_fields import FieldError

AXES = ("VNC", "RIC", "LVLH", "inertial")


def rocket_propellant_kg(mass_kg, delta_v_m_s, isp_s) -> float:
    """Propellant (kg) an impulse of ``delta_v_m_s`` burns from ``mass_kg`` at ``isp_s``
    (Tsiolkovsky: m0 (1 - exp(-dv / (Isp g0))))."""
    return mass_kg * (1.0 - np.exp(-delta_v_m_s / (isp_s * STANDARD_GRAVITY_M_S2)))


def rocket_delta_v_m_s(mass_before_kg, mass_after_kg, isp_s) -> float:
    """Delta-v (m/s) of a burn from ``mass_before_kg`` to ``mass_after_kg`` at ``isp_s``."""
    return isp_s * STANDARD_GRAVITY_M_S2 * np.log(mass_before_kg / mass_after_kg)


def impulse(out, flight, stack, module, engine_name, isp_s, state, dv_inertial, path, label):
    """The state after an impulse ``dv_inertial`` (m/s, GCRF) drawn from ``module``, recorded in ``out``."""
    dv = float(np.linalg.norm(dv_inertial))
    propellant = rocket_propellant_kg(state.mass_kg, dv, isp_s)
    flight.vehicles.check_propellant(module, propellant + out.propellant_from(module), path)
    after = Impulse(state.epoch, tuple(dv_inertial), "inertial", isp_s).apply(state)
    out.burn(path, stack.name, module, engine_name, state.epoch, 0.0, dv, propellant, state.mass_kg, after.mass_kg)
    out.note(state.epoch, stack.name, label, f"{dv:.2f} m/s, {propellant:.1f} kg")
    return after


@register
class Burn(PhaseKind):
    """A burn of one module's engine: impulsive (``delta_v_m_s``) or finite (``duration_s``,
    thrust and Isp from the engine unless ``thrust_N`` overrides the thrust)."""
    key: ClassVar[str] = "burn"
    summary: ClassVar[str] = "burn {module}.{engine}"
    module: str
    engine: str
    axes: Literal[AXES] = "VNC"
    direction: tuple[float, float, float] = (1.0, 0.0, 0.0)
    delta_v_m_s: tuple[float, float, float] | None = None
    duration_s: float | None = Field(None, gt=0)
    thrust_N: float | None = Field(None, gt=0)

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.delta_v_m_s is None) == (self.duration_s is None):
            raise FieldError(["duration_s"], self.duration_s, "exactly one of delta_v_m_s (impulsive) or "
                                                               "duration_s (finite)")
        if self.delta_v_m_s is None and not np.any(self.direction):
            raise FieldError(["direction"], self.direction, "a non-zero direction")
        return self

    def run(self, flight, stack, phase, path):
        if self.module not in stack.modules:
            raise ScenarioError(f"{path}.module", self.module, f"a module of the stack flying, {stack.name}: "
                                + ", ".join(stack.modules))
        out = PhaseOutcome(phase.name, stack.name)
        thrust_n, isp, _ = flight.engine(self)
        if self.thrust_N is not None:
            thrust_n = self.thrust_N
        state = stack.state
        mass0 = state.mass_kg
        if self.delta_v_m_s is not None:
            dv = float(np.linalg.norm(self.delta_v_m_s))
            propellant = rocket_propellant_kg(mass0, dv, isp)
            flight.vehicles.check_propellant(self.module, propellant, f"{path}.delta_v_m_s")
            out.state = Impulse(state.epoch, self.delta_v_m_s, self.axes, isp).apply(state)
            out.burn(f"{path}.delta_v_m_s", stack.name, self.module, self.engine, state.epoch, 0.0, dv, propellant,
                     mass0, out.state.mass_kg)
            out.note(state.epoch, stack.name, f"impulse {self.module}.{self.engine}", f"{dv:.3f} m/s, {propellant:.1f} kg")
            return out
        flow = thrust_n / (isp * STANDARD_GRAVITY_M_S2)
        flight.vehicles.check_propellant(self.module, flow * self.duration_s, f"{path}.duration_s")
        thrust = Thrust(thrust_n, isp, self.direction, self.axes)
        seg = propagate(state, duration_s=self.duration_s, forces=flight.models[flight.center_for(state)],
                        maneuvers=[FiniteBurn(state.epoch, self.duration_s, thrust)], **flight.tolerances().options())
        after = seg.final_state()
        dv = rocket_delta_v_m_s(mass0, after.mass_kg, isp)
        out.burn(f"{path}.duration_s", stack.name, self.module, self.engine, state.epoch, self.duration_s, dv,
                 mass0 - after.mass_kg, mass0, after.mass_kg, spent_kg=flow * self.duration_s)
        out.note(state.epoch, stack.name, f"ignition {self.module}.{self.engine}",
                 f"{thrust_n:.0f} N for {self.duration_s:.1f} s")
        out.note(after.epoch, stack.name, f"cut-off {self.module}.{self.engine}",
                 f"{dv:.2f} m/s, {mass0 - after.mass_kg:.1f} kg")
        out.fly(stack.name, stack.modules, [seg])
        out.state = after
        return out
