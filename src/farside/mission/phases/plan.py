"""The stacks phase by phase without flying: which modules each holds after the separations,
dockings and ascents, and their loaded masses, for the checks a kind makes before flight."""


class StackPlan:
    """Stack name -> module names, and the stack flying, as the phases will leave them."""

    def __init__(self, spacecraft):
        self.spacecraft = spacecraft
        self.stacks = {spacecraft.name: list(spacecraft.stack)}
        self.current = spacecraft.name

    def enter(self, stack_name):
        """A phase flown by ``stack_name`` (None: the stack flying)."""
        if stack_name in self.stacks:
            self.current = stack_name

    @property
    def modules(self) -> list:
        return self.stacks.get(self.current, [])

    def loaded_kg(self, modules) -> float:
        """Dry mass and full propellant load of ``modules`` (kg)."""
        return sum(self.spacecraft.modules[m].dry_mass_kg + self.spacecraft.modules[m].propellant_kg for m in modules)

    def split(self, modules, new_name, flies_on=False):
        """``modules`` leave the stack flying as ``new_name`` (which flies on when ``flies_on``)."""
        if self.current not in self.stacks:
            return
        self.stacks[self.current] = [m for m in self.stacks[self.current] if m not in modules]
        self.stacks[new_name] = list(modules)
        if flies_on:
            self.current = new_name

    def join(self, other):
        """Stack ``other`` docks to the stack flying."""
        if other in self.stacks and self.current in self.stacks:
            self.stacks[self.current] += self.stacks.pop(other)
