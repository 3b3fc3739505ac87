"""What a mission run returns: each stack's trajectory, the event timeline, the burns and the
phases with their end orbits, and the differential corrector's logs."""
from dataclasses import dataclass, field

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


@dataclass
class MissionResult:
    name: str
    flown: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    burns: list = field(default_factory=list)
    phases: list = field(default_factory=list)
    targeting_logs: dict = field(default_factory=dict)
    propellant_left_kg: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    surface_stays: dict = field(default_factory=dict)
    launches: dict = field(default_factory=dict)
    solved: dict = field(default_factory=dict)
    """The targets' converged variables, by scenario path (overrides that fly the solution)."""
    scenario: object = None

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
