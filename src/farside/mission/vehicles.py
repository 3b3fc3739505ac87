"""The flying stacks of a mission: which modules fly together, their propellant, their state.

A stack is a named group of docked modules with one trajectory; its mass is the sum of its
modules' dry masses and remaining propellant. A burn draws propellant from the module whose
engine fires; a separation makes a new stack of some modules at the same state. A phase never
changes the stacks itself: it returns the operations below (`Separation`, `Docking`,
`MassTransfer`, `Cargo`, `Landing`) and the sequencer applies them.
"""
from dataclasses import dataclass

from farside.errors import ScenarioError

PROPELLANT_SLACK_KG = 1e-6


@dataclass
class Stack:
    name: str
    modules: list
    state: object = None


class Vehicles:
    """Propellant and handed-over mass per module, and the stacks flying, from a scenario's `Spacecraft`."""

    def __init__(self, spacecraft):
        self.spacecraft = spacecraft
        self.propellant_kg = {name: m.propellant_kg for name, m in spacecraft.modules.items()}
        self.cargo_kg = {name: 0.0 for name in spacecraft.modules}
        self.stacks = {spacecraft.name: Stack(spacecraft.name, list(spacecraft.stack))}
        self.landed = {}
        """Stack name -> its landing point (m, body-fixed MOON_ME) while it stays on the surface."""

    def mass_kg(self, stack_name) -> float:
        return self.modules_mass_kg(self.stacks[stack_name].modules)

    def modules_mass_kg(self, modules) -> float:
        """Dry mass, propellant left and cargo of ``modules`` (kg)."""
        return sum(self.spacecraft.modules[m].dry_mass_kg + self.propellant_kg[m] + self.cargo_kg[m]
                   for m in modules)

    def stack_of(self, module) -> Stack:
        for stack in self.stacks.values():
            if module in stack.modules:
                return stack
        raise ScenarioError("module", module, "a module flying in one of the stacks " + ", ".join(self.stacks))

    def check_propellant(self, module, kg, field_path):
        """A ScenarioError naming ``field_path`` when ``module`` has less than ``kg`` of propellant."""
        left = self.propellant_kg[module]
        if kg > left + PROPELLANT_SLACK_KG:
            raise ScenarioError(field_path, f"{kg:.1f} kg of propellant",
                                f"at most the {left:.1f} kg left in {module}")

    def spend(self, module, kg, field_path):
        """Draw ``kg`` of ``module``'s propellant; a ScenarioError naming ``field_path`` when it has not enough."""
        self.check_propellant(module, kg, field_path)
        self.propellant_kg[module] = max(self.propellant_kg[module] - kg, 0.0)

    def transfer(self, source, to, kg, field_path):
        """Move ``kg`` of mass from ``source`` to ``to`` (docked in one stack)."""
        if self.stack_of(source) is not self.stack_of(to):
            raise ScenarioError(field_path, f"{source} -> {to}", "two modules docked in one stack")
        available = self.spacecraft.modules[source].dry_mass_kg + self.cargo_kg[source]
        if kg >= available:
            raise ScenarioError(f"{field_path}.mass_kg", kg, f"less than {source}'s {available:.1f} kg")
        self.cargo_kg[source] -= kg
        self.cargo_kg[to] += kg

    def dock(self, stack_name, other_name, field_path):
        """Stack ``other_name`` joins ``stack_name``."""
        other = self.stacks.pop(other_name)
        self.stacks[stack_name].modules += other.modules
        return other

    def check_separation(self, stack_name, modules, new_name, field_path):
        """A ScenarioError naming ``field_path`` unless ``modules`` can leave ``stack_name`` as ``new_name``."""
        stack = self.stacks[stack_name]
        for i, m in enumerate(modules):
            if m not in stack.modules:
                raise ScenarioError(f"{field_path}.modules[{i}]", m, f"a module of stack {stack_name}: "
                                    + ", ".join(stack.modules))
        if len(modules) == len(stack.modules):
            raise ScenarioError(f"{field_path}.modules", modules, f"some, not all, modules of {stack_name}")
        if new_name in self.stacks:
            raise ScenarioError(f"{field_path}.as", new_name, "a stack name not flying yet")

    def separate(self, stack_name, modules, new_name, field_path):
        """Split ``modules`` from ``stack_name`` into a new stack ``new_name`` at the same state."""
        self.check_separation(stack_name, modules, new_name, field_path)
        stack = self.stacks[stack_name]
        stack.modules = [m for m in stack.modules if m not in modules]
        self.stacks[new_name] = Stack(new_name, list(modules), stack.state)
        return self.stacks[new_name]


@dataclass(frozen=True)
class Separation:
    """``modules`` leave ``stack`` as a new stack ``new``."""
    stack: str
    modules: tuple
    new: str
    path: str

    def apply(self, vehicles):
        vehicles.separate(self.stack, list(self.modules), self.new, self.path)


@dataclass(frozen=True)
class Docking:
    """Stack ``other`` joins ``stack``."""
    stack: str
    other: str
    path: str

    def apply(self, vehicles):
        vehicles.dock(self.stack, self.other, self.path)


@dataclass(frozen=True)
class MassTransfer:
    """``kg`` handed from module ``source`` to module ``to``."""
    source: str
    to: str
    kg: float
    path: str

    def apply(self, vehicles):
        vehicles.transfer(self.source, self.to, self.kg, self.path)


@dataclass(frozen=True)
class Cargo:
    """``kg`` collected into ``module`` (samples)."""
    module: str
    kg: float

    def apply(self, vehicles):
        vehicles.cargo_kg[self.module] += self.kg


@dataclass(frozen=True)
class Landing:
    """``stack`` is on the surface at ``fixed_m`` (body-fixed, m), or lifted off (None)."""
    stack: str
    fixed_m: object

    def apply(self, vehicles):
        if self.fixed_m is None:
            vehicles.landed.pop(self.stack, None)
        else:
            vehicles.landed[self.stack] = self.fixed_m
