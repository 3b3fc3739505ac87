"""What a phase kind is: a scenario block (a pydantic model) that checks itself before flight and
flies itself from a stack's state, returning a `PhaseOutcome` that only the sequencer records.

    @register
    class Coast(PhaseKind):
        key: ClassVar[str] = "coast"          # the phase's key in the scenario file
        until: Until

        def run(self, flight, stack, phase, path) -> PhaseOutcome: ...

A kind is one module of :mod:`farside.mission.phases` plus its ``@register``: the scenario's
``Phase`` model, ``farside validate``, the sequencer and the campaign batcher read the registry.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar

from farside.mission.result import BurnRecord, FlownSegment, TimelineEntry
from farside.mission.scenario_fields import FieldError, Model

KINDS: dict = {}
"""The registered phase kinds by scenario key, in registration order."""


def register(kind):
    """Class decorator: make ``kind`` (a `PhaseKind` with a ``key``) a phase kind of the scenario file."""
    if kind.key in KINDS:
        raise ValueError(f"phase kind {kind.key!r} registered twice")
    KINDS[kind.key] = kind
    return kind


class PhaseKind(Model):
    """A phase kind's block in the scenario file. ``module``/``engine`` fields, when a kind has
    them, are checked against the spacecraft before flight."""
    key: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    """One line for ``farside validate``'s table (``str.format`` of the block's fields)."""
    report_fields: ClassVar[tuple] = ()
    """The figures of the kind's typed report: what ``published.figures`` rows may name."""

    def references(self, spacecraft, parts):
        """Cross-references to the spacecraft (raises `FieldError` below ``parts``)."""
        module = getattr(self, "module", None)
        if module is None:
            return
        if module not in spacecraft.modules:
            raise FieldError(parts + ["module"], module, "a module among " + ", ".join(spacecraft.modules))
        engine = getattr(self, "engine", None)
        engines = spacecraft.modules[module].engines
        if engine is not None and engine not in engines:
            raise FieldError(parts + ["engine"], engine, f"an engine of {module}: " + (", ".join(engines) or "none"))

    def check(self, plan, path):
        """Checks that need the stacks but no flight (`farside.mission.preflight.StackPlan`):
        raise a `ScenarioError` naming ``path``; a kind that changes the stacks updates ``plan``."""

    def epochs(self) -> dict:
        """``{sub-path: ISO epoch}`` of the epochs this block states (UTC), for the checks before
        flight: string fields named ``epoch``, ``*_epoch``, ``until`` or ``pass_near``."""
        names = [n for n in type(self).model_fields if n in ("epoch", "until", "pass_near") or n.endswith("_epoch")]
        return {n: getattr(self, n) for n in names if isinstance(getattr(self, n), str)}

    def describe(self) -> str:
        return self.summary.format(**{k: getattr(self, k) for k in type(self).model_fields})

    def run(self, flight, stack, phase, path):
        """Fly from ``stack.state``: a `PhaseOutcome`."""
        raise NotImplementedError(type(self).__name__)


class PhaseReport(Mapping):
    """Base of the typed figures a guided phase reports (dataclasses); read as a mapping of
    figure name to value too, for tables and files."""

    def figures(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __getitem__(self, name):
        if name not in self.figures():
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self):
        return iter(self.figures())

    def __len__(self):
        return len(fields(self))


@dataclass
class PhaseOutcome:
    """What a phase flew, for the sequencer to record: the stack flying on (``stack``) and its end
    ``state``; segments flown by any stack; timeline entries; burns with the YAML path their
    propellant is drawn for and the mass drawn; stack changes (`farside.mission.vehicles` operations) applied in
    order before the burns; end states of other stacks the phase moved; a typed report; other
    products by name (a surface stay's sky)."""
    phase: str
    stack: str
    state: object = None
    segments: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    burns: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    states: dict = field(default_factory=dict)
    report: object = None
    products: dict = field(default_factory=dict)

    def note(self, epoch, stack, event, detail=""):
        self.timeline.append(TimelineEntry(epoch, self.phase, stack, event, detail))

    def fly(self, stack_name, modules, segments):
        self.segments += [FlownSegment(stack_name, tuple(modules), seg) for seg in segments]

    def burn(self, path, stack, module, engine, start, duration_s, delta_v_m_s, propellant_kg, mass_before_kg,
             mass_after_kg, spent_kg=None):
        """Record a burn; ``spent_kg`` (default ``propellant_kg``) is drawn from ``module`` for ``path``:
        a finite burn draws its planned mass flow times duration."""
        record = BurnRecord(self.phase, stack, module, engine, start, duration_s, delta_v_m_s, propellant_kg,
                            mass_before_kg, mass_after_kg)
        self.burns.append((record, path, propellant_kg if spent_kg is None else spent_kg))
        return record

    def propellant_from(self, module) -> float:
        """Propellant (kg) this outcome already draws from ``module``."""
        return sum(kg for record, _, kg in self.burns if record.module == module)
