"""The payload plug-in interface: what a payload model receives from the flown mission and what it
returns.

A payload model is a subclass of :class:`PayloadModel` registered under the entry-point group
``farside.payloads`` (see :mod:`farside.payloads.registry`); a scenario's ``payloads:`` block names
it, the module it rides on, its operating windows and its parameters, which the model's own
pydantic schema (:attr:`PayloadModel.Parameters`) validates. After the flight the mission layer
builds a read-only :class:`FlownMission` and calls :meth:`PayloadModel.run` once per entry:

    class Radiometer(PayloadModel):
        name = "radiometer"
        summary = "a radiometer on the lander"

        class Parameters(PayloadParameters):
            band_um: float = Field(10.0, gt=0)

        def run(self, flown, request):
            ...
            return PayloadOutcome(series=[...], events=[...], data_volume=..., comparisons=[...])

A model never reaches into a phase: everything it reads comes through :class:`FlownMission`
(module trajectories as functions of epoch, the timeline, the sky of each surface stay, the
landing sites). Epochs are `Epoch` objects or TDB seconds past J2000; positions metres,
velocities m/s.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, ClassVar, Literal, Mapping

import numpy as np
from pydantic import ConfigDict

from farside.astro.sites import Site
from farside.astro.time import Epoch
from farside.errors import FarsideValueError
from farside.io.strict_numbers import StrictNumbers

BASES = ("input", "target", "prediction")
"""How a compared figure was obtained: the scenario states it (``input``), a corrector or guidance
law was told to reach it (``target``), or it came out of the physics (``prediction``)."""


def checked_epoch(value):
    """``value`` if it is an epoch farside reads (UTC), for a schema's validator; a ``ValueError``
    saying what is allowed otherwise (pydantic reports it under the field's path)."""
    if value is not None:
        try:
            Epoch(value)
        except FarsideValueError as error:
            raise ValueError(error.allowed) from None
    return value


class PayloadParameters(StrictNumbers):
    """Base of a model's parameter schema: frozen, unknown fields refused, numbers finite and
    never booleans (their YAML path is ``payloads[i].parameters.<field>``)."""
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Window:
    """An operating window, ``start`` to ``end`` (epochs)."""
    start: Epoch
    end: Epoch

    @property
    def start_s(self) -> float:
        return float(self.start.tdb_seconds)

    @property
    def end_s(self) -> float:
        return float(self.end.tdb_seconds)

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class TimelineEvent:
    """An event of the flown timeline (``phase``, ``stack`` as flown) or one a payload adds."""
    epoch: Epoch
    event: str
    detail: str = ""
    phase: str = ""
    stack: str = ""


@dataclass(frozen=True)
class SurfaceStay:
    """A stay on the lunar surface: the phase, the ``site`` where the stack stood (MOON_ME), the
    modules it held and the sky there (:class:`farside.comms.site_sky.Sky`: Sun and Earth
    elevation/azimuth with the terrain mask, local solar time, on ``sky.times_s`` TDB s)."""
    phase: str
    site: Site
    modules: tuple
    sky: object

    @property
    def start_s(self) -> float:
        return float(self.sky.times_s[0])

    @property
    def end_s(self) -> float:
        return float(self.sky.times_s[-1])


@dataclass(frozen=True)
class FlownMission:
    """A read-only view of a flown mission.

    ``trajectories`` maps each module to a function ``(t, center, frame) -> (r_m, v_m_s)`` of an
    epoch (`Epoch` or TDB seconds, scalar or array) inside ``spans[module]`` (a tuple of
    ``(start_s, end_s)`` intervals it flew; a module resting on the surface has no trajectory
    then: see ``surface_stays``). ``center`` and ``frame`` default to the Moon and GCRF.
    """
    name: str
    start: Epoch
    end: Epoch
    trajectories: Mapping[str, Callable]
    spans: Mapping[str, tuple]
    timeline: tuple = ()
    surface_stays: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "trajectories", MappingProxyType(dict(self.trajectories)))
        object.__setattr__(self, "spans", MappingProxyType({k: tuple(v) for k, v in self.spans.items()}))
        object.__setattr__(self, "timeline", tuple(self.timeline))
        object.__setattr__(self, "surface_stays", tuple(self.surface_stays))

    @property
    def modules(self) -> tuple:
        return tuple(self.trajectories)

    def flies(self, module: str, t_s: float) -> bool:
        """Whether ``module`` has a trajectory at ``t_s`` (TDB s)."""
        return any(a <= t_s <= b for a, b in self.spans.get(module, ()))

    def state(self, module: str, t, center: str = "moon", frame: str = "GCRF"):
        """Position (m) and velocity (m/s) of ``module`` at ``t`` about ``center`` in ``frame``."""
        if module not in self.trajectories:
            raise FarsideValueError("module", module, "a module that flew: " + ", ".join(self.modules))
        return self.trajectories[module](t, center, frame)

    def stays_of(self, module: str) -> tuple:
        """The surface stays during which ``module`` was on the surface."""
        return tuple(s for s in self.surface_stays if module in s.modules)


@dataclass(frozen=True)
class PayloadRequest:
    """One entry of a scenario's ``payloads:`` block, validated: the entry's ``label`` (its name in
    outputs), the ``module`` the payload rides on, its operating ``windows`` (time order) and its
    ``parameters`` (an instance of the model's schema)."""
    label: str
    module: str
    windows: tuple
    parameters: PayloadParameters


@dataclass(frozen=True)
class Series:
    """A time series: ``columns`` maps a column name with its unit (``count_rate_s-1``) to an
    array; all columns have the length of ``times_s`` (TDB s). Written as
    ``<output>/payloads/<label>_<name>.csv``."""
    name: str
    times_s: np.ndarray
    columns: Mapping[str, np.ndarray]

    def __post_init__(self):
        n = len(self.times_s)
        for key, values in self.columns.items():
            if len(values) != n:
                raise FarsideValueError(f"columns.{key}", f"{len(values)} values", f"{n} values, one per time")


@dataclass(frozen=True)
class Plot:
    """A figure to draw from a series: ``y`` columns against time (or against column ``x``)."""
    name: str
    series: str
    y: tuple
    x: str | None = None
    title: str = ""
    log_y: bool = False


@dataclass(frozen=True)
class DataVolume:
    """The payload's line of the data budget: ``bits`` produced (or returned) over its windows."""
    bits: float
    detail: str = ""


@dataclass(frozen=True)
class Comparison:
    """A row of the payload's table: a figure farside computed beside the published one.
    ``basis`` is one of :data:`BASES`; ``source`` cites the published value (or says "not found")."""
    figure: str
    value: str
    published: str
    basis: Literal[BASES]
    source: str

    def __post_init__(self):
        if self.basis not in BASES:
            raise FarsideValueError("basis", self.basis, ", ".join(BASES))


@dataclass(frozen=True)
class PayloadOutcome:
    """What a model returns: time series, events for the timeline, its data-volume line, the
    figures to draw and the comparison table."""
    series: tuple = ()
    events: tuple = ()
    data_volume: DataVolume | None = None
    plots: tuple = ()
    comparisons: tuple = ()
    figures: Mapping = field(default_factory=dict)
    """Named scalar results (SI units in the names) for programs and tests."""


class PayloadModel(ABC):
    """Base of a payload model. Subclasses set ``name`` (the name a scenario uses), ``summary``
    (one line for ``farside payloads``) and ``Parameters`` (a :class:`PayloadParameters`
    subclass), and implement :meth:`run`. A model may also check a request against the flown
    mission before running (:meth:`check`), raising `FarsideValueError` naming the parameter."""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    Parameters: ClassVar[type] = PayloadParameters

    def check(self, flown: FlownMission, request: PayloadRequest) -> None:
        """Raise `FarsideValueError` if ``request`` cannot run on ``flown`` (default: accept)."""

    @abstractmethod
    def run(self, flown: FlownMission, request: PayloadRequest) -> PayloadOutcome:
        """Model the payload over ``request.windows`` on what ``flown`` flew."""
