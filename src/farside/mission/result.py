"""What a mission run returns: each stack's trajectory, the event timeline, the burns and the
phases with their end orbits, and the differential corrector's logs."""
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from farside.astro.time import Epoch
from farside.errors import FarsideValueError


@dataclass
class TimelineEntry:
    epoch: Epoch
    phase: str
    stack: str
    event: str
    detail: str = ""


@dataclass
class BurnRecord:
    phase: str
    stack: str
    module: str
    engine: str
    start: Epoch
    duration_s: float
    delta_v_m_s: float
    propellant_kg: float
    mass_before_kg: float
    mass_after_kg: float


@dataclass
class PhaseRecord:
    name: str
    stack: str
    start: Epoch
    end: Epoch
    center: str
    end_quantities: dict = field(default_factory=dict)
    end_state: object = None


@dataclass
class FlownSegment:
    """A segment flown by ``stack`` while it held ``modules``."""
    stack: str
    modules: tuple
    segment: object


@dataclass(frozen=True)
class MissionResult:
    """A run's record, never changed once made: the segments flown, the timeline, the burns and
    the phases in flight order; by phase name, the corrector's log, the typed report and the other
    products (a surface stay's ``sky``, a launch's ``launch_loads``); the propellant left per module;
    the targets' converged variables by scenario path; the scenario flown."""
    name: str
    flown: tuple = ()
    timeline: tuple = ()
    burns: tuple = ()
    phases: tuple = ()
    targeting_logs: Mapping = field(default_factory=dict)
    propellant_left_kg: Mapping = field(default_factory=dict)
    reports: Mapping = field(default_factory=dict)
    products: Mapping = field(default_factory=dict)
    """Phase name -> ``{product name: product}``."""
    solved: Mapping = field(default_factory=dict)
    """The targets' converged variables, by scenario path (overrides that fly the solution)."""
    scenario: object = None

    def __post_init__(self):
        for name in ("flown", "timeline", "burns", "phases"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        for name in ("targeting_logs", "propellant_left_kg", "reports", "solved"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "products", MappingProxyType(
            {phase: MappingProxyType(dict(made)) for phase, made in self.products.items()}))

    def product(self, name) -> dict:
        """``{phase name: product}`` of the phases that made a product called ``name``."""
        return {phase: made[name] for phase, made in self.products.items() if name in made}

    @property
    def surface_stays(self) -> dict:
        """Each surface stay's sky (`farside.comms.site_sky.Sky`) by phase name."""
        return self.product("sky")

    @property
    def launches(self) -> dict:
        """Each launch's load histories by phase name."""
        return self.product("launch_loads")

    @property
    def entries(self) -> dict:
        """Each entry's flown time series and target (the entry figure's data) by phase name."""
        return self.product("entry_flight")

    def modules(self) -> list:
        seen = []
        for f in self.flown:
            seen += [m for m in f.modules if m not in seen]
        return seen

    def trajectory(self, module) -> list:
        """The segments ``module`` flew, in time order."""
        out = [f.segment for f in self.flown if module in f.modules]
        if not out:
            raise FarsideValueError("module", module, "a module that flew: " + ", ".join(self.modules()))
        return sorted(out, key=lambda s: s.start.tdb_seconds)

    def state(self, module, epoch, center=None, frame=None):
        """Position (m) and velocity (m/s) of ``module`` at ``epoch`` (`Epoch` or TDB seconds)
        about ``center`` in ``frame``."""
        t = epoch.tdb_seconds if isinstance(epoch, Epoch) else float(epoch)
        for seg in reversed(self.trajectory(module)):
            if seg.start.tdb_seconds <= t <= seg.end.tdb_seconds:
                return seg.states(t, center=center, frame=frame)
        span = self.trajectory(module)
        raise FarsideValueError("epoch", Epoch.from_tdb_seconds(t).iso("utc", 3),
                                f"an epoch flown by {module}, {span[0].start.iso('utc', 0)} to "
                                f"{span[-1].end.iso('utc', 0)} UTC")

    def delta_v_by_module(self) -> dict:
        out = {}
        for b in self.burns:
            out[b.module] = out.get(b.module, 0.0) + b.delta_v_m_s
        return out

    @property
    def total_delta_v_m_s(self) -> float:
        return float(np.sum([b.delta_v_m_s for b in self.burns]))
