"""What the lunar surface segment's phases share: the Moon's force model, a state about the
Moon, the landed site, a point fixed on the surface, another stack at an epoch and the lunar
weight a descent or ascent engine must exceed."""
import numpy as np

from farside.astro import bodies, frames
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.errors import ScenarioError


def moon_forces(flight, path):
    if "moon" not in flight.models:
        raise ScenarioError(path, "no moon force model", "a scenario with force_models.moon")
    return flight.models["moon"]


def about_moon(state, path):
    state = state.in_gcrf()
    if state.center != "moon":
        raise ScenarioError(path, f"a state about {state.center}", "a stack in lunar orbit (about the Moon)")
    return state


def lunar_weight_n(mass_kg) -> float:
    """The weight (N) of ``mass_kg`` on the Moon's 1737.4 km sphere, GM / R^2 of the DE440 Moon."""
    return mass_kg * bodies.get("moon").gm_m3_s2 / MOON_MEAN_RADIUS_M ** 2


def check_lift(thrust_n, engine_name, mass_kg, what, path):
    """A ScenarioError naming ``path.engine`` unless ``thrust_n`` exceeds the lunar weight of ``mass_kg``."""
    weight = lunar_weight_n(mass_kg)
    if thrust_n <= weight:
        raise ScenarioError(f"{path}.engine", f"{engine_name} ({thrust_n:g} N)",
                            f"an engine stronger than the lunar weight of {what}, {weight:.0f} N ({mass_kg:.0f} kg)")


def landed_site(flight, stack, path):
    fixed = flight.vehicles.landed.get(stack.name)
    if fixed is None:
        raise ScenarioError(f"{path}", stack.name, "a stack landed by a powered_descent phase")
    return fixed


def on_surface(fixed, epoch, mass_kg):
    """The landed state (GCRF about the Moon) at ``epoch``: the point fixed in MOON_ME."""
    x = frames.transform("MOON_ME", "GCRF", epoch) @ np.concatenate([fixed, np.zeros(3)])
    return State(epoch, x[:3], x[3:], mass_kg, "moon")


def other_at(flight, name, epoch, path, forces):
    """Stack ``name`` and its state at ``epoch`` (coasted there, not recorded)."""
    other = flight.vehicles.stacks.get(name)
    if other is None or other.state is None:
        raise ScenarioError(path, name, "a stack flying: " + ", ".join(flight.vehicles.stacks))
    if abs(other.state.epoch.tdb_seconds - epoch.tdb_seconds) < 1e-6:
        return other, other.state.in_gcrf()
    return other, propagate(other.state, until=epoch, forces=forces, dense=False,
                            **flight.tolerances().options()).final_state()
