"""The mission's state between phases, a value: which modules fly together, their propellant,
the mass handed over, their states, and where stacks stand on the surface.

A stack is a named group of docked modules with one trajectory; its mass is the sum of its
modules' dry masses, remaining propellant and cargo. A burn draws propellant from the module whose
engine fires; a separation makes a new stack of some modules at the same state. `Vehicles` never
changes: every operation returns a new value, so a phase reads it freely, the differential
corrector keeps the value at a span's start and flies from it again, and the operations a phase
returns (`Separation`, `Docking`, `MassTransfer`, `Cargo`, `Landing`) are applied only by the sequencer.
"""
from dataclasses import dataclass, replace
from types import MappingProxyType

from farside.errors import ScenarioError

PROPELLANT_SLACK_KG = 1e-6


def _frozen(mapping) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Stack:
    name: str
    modules: tuple
    state: object = None

    def __post_init__(self):
        object.__setattr__(self, "modules", tuple(self.modules))


@dataclass(frozen=True)
class Vehicles:
    """Propellant (kg) and handed-over mass (kg) per module, the stacks flying by name, and the
    landing point (m, body-fixed MOON_ME) of each stack standing on the surface."""
    spacecraft: object
    propellant_kg: MappingProxyType
    cargo_kg: MappingProxyType
    stacks: MappingProxyType
    landed: MappingProxyType

    @classmethod
    def of(cls, spacecraft) -> "Vehicles":
        """A scenario `Spacecraft` at its start: full tanks, one stack of all its modules."""
        return cls(spacecraft, _frozen({name: m.propellant_kg for name, m in spacecraft.modules.items()}),
                   _frozen({name: 0.0 for name in spacecraft.modules}),
                   _frozen({spacecraft.name: Stack(spacecraft.name, spacecraft.stack)}), _frozen({}))

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

    def with_spacecraft(self, spacecraft) -> "Vehicles":
        return replace(self, spacecraft=spacecraft)

    def with_state(self, stack_name, state) -> "Vehicles":
        """``stack_name`` at ``state``."""
        stacks = dict(self.stacks)
        stacks[stack_name] = replace(stacks[stack_name], state=state)
        return replace(self, stacks=_frozen(stacks))

    def with_landing(self, stack_name, fixed_m) -> "Vehicles":
        """``stack_name`` standing at ``fixed_m`` (body-fixed, m), or lifted off (None)."""
        landed = dict(self.landed)
        if fixed_m is None:
            landed.pop(stack_name, None)
        else:
            landed[stack_name] = fixed_m
        return replace(self, landed=_frozen(landed))

    def with_cargo(self, module, kg) -> "Vehicles":
        """``kg`` more mass carried by ``module`` (samples collected)."""
        cargo = dict(self.cargo_kg)
        cargo[module] += kg
        return replace(self, cargo_kg=_frozen(cargo))

    def check_propellant(self, module, kg, field_path):
        """A ScenarioError naming ``field_path`` when ``module`` has less than ``kg`` of propellant."""
        left = self.propellant_kg[module]
        if kg > left + PROPELLANT_SLACK_KG:
            raise ScenarioError(field_path, f"{kg:.1f} kg of propellant",
                                f"at most the {left:.1f} kg left in {module}")

    def spend(self, module, kg, field_path) -> "Vehicles":
        """``kg`` of ``module``'s propellant drawn; a ScenarioError naming ``field_path`` when it has not enough."""
        self.check_propellant(module, kg, field_path)
        propellant = dict(self.propellant_kg)
        propellant[module] = max(propellant[module] - kg, 0.0)
        return replace(self, propellant_kg=_frozen(propellant))

    def transfer(self, source, to, kg, field_path) -> "Vehicles":
        """``kg`` of mass moved from ``source`` to ``to`` (docked in one stack)."""
        if self.stack_of(source) is not self.stack_of(to):
            raise ScenarioError(field_path, f"{source} -> {to}", "two modules docked in one stack")
        available = self.spacecraft.modules[source].dry_mass_kg + self.cargo_kg[source]
        if kg >= available:
            raise ScenarioError(f"{field_path}.mass_kg", kg, f"less than {source}'s {available:.1f} kg")
        cargo = dict(self.cargo_kg)
        cargo[source] -= kg
        cargo[to] += kg
        return replace(self, cargo_kg=_frozen(cargo))

    def dock(self, stack_name, other_name, field_path) -> "Vehicles":
        """Stack ``other_name`` joined to ``stack_name``."""
        stacks = dict(self.stacks)
        other = stacks.pop(other_name)
        stacks[stack_name] = replace(stacks[stack_name], modules=stacks[stack_name].modules + other.modules)
        return replace(self, stacks=_frozen(stacks))

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

    def separate(self, stack_name, modules, new_name, field_path) -> "Vehicles":
        """``modules`` split from ``stack_name`` into a new stack ``new_name`` at the same state."""
        self.check_separation(stack_name, modules, new_name, field_path)
        stacks = dict(self.stacks)
        stack = stacks[stack_name]
        stacks[stack_name] = replace(stack, modules=tuple(m for m in stack.modules if m not in modules))
        stacks[new_name] = Stack(new_name, modules, stack.state)
        return replace(self, stacks=_frozen(stacks))


@dataclass(frozen=True)
class Separation:
    """``modules`` leave ``stack`` as a new stack ``new``."""
    stack: str
    modules: tuple
    new: str
    path: str

    def apply(self, vehicles) -> Vehicles:
        return vehicles.separate(self.stack, list(self.modules), self.new, self.path)


@dataclass(frozen=True)
class Docking:
    """Stack ``other`` joins ``stack``."""
    stack: str
    other: str
    path: str

    def apply(self, vehicles) -> Vehicles:
        return vehicles.dock(self.stack, self.other, self.path)


@dataclass(frozen=True)
class MassTransfer:
    """``kg`` handed from module ``source`` to module ``to``."""
    source: str
    to: str
    kg: float
    path: str

    def apply(self, vehicles) -> Vehicles:
        return vehicles.transfer(self.source, self.to, self.kg, self.path)


@dataclass(frozen=True)
class Cargo:
    """``kg`` collected into ``module`` (samples)."""
    module: str
    kg: float

    def apply(self, vehicles) -> Vehicles:
        return vehicles.with_cargo(self.module, self.kg)


@dataclass(frozen=True)
class Landing:
    """``stack`` is on the surface at ``fixed_m`` (body-fixed, m), or lifted off (None)."""
    stack: str
    fixed_m: object

    def apply(self, vehicles) -> Vehicles:
        return vehicles.with_landing(self.stack, self.fixed_m)
