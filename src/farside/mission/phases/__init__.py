"""Phase kinds of the scenario file, one module each; importing a module registers its kind
(:func:`farside.mission.phases.base.register`). To add a kind: a module here with a
`PhaseKind` subclass under ``@register``, and its import below."""
from farside.mission.phases import coast, burn, separate, dock, transfer  # noqa: F401  (registration, in this order)
from farside.mission.phases import descent_orbit, powered_descent, surface_stay, ascent  # noqa: F401
from farside.mission.phases import rendezvous, approach, entry  # noqa: F401
from farside.mission.phases import launch, release  # noqa: F401
from farside.mission.phases.base import KINDS, PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.phases.coast import until_event

__all__ = ["KINDS", "PhaseKind", "PhaseOutcome", "PhaseReport", "register", "until_event"]
