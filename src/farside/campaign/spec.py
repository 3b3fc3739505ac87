"""The campaign file: a scenario, how many samples, the seed, the dispersions by scenario path and
the outputs recorded per sample, in YAML, validated by pydantic; every error is a `ScenarioError`
naming the field's path (``dispersions[2].normal.sigma``), the value and what is allowed.

    name: Chang'e-6 trans-lunar coast
    scenario: change6.yaml            # relative to this file
    through_phase: trans-lunar coast  # the scenario's phases flown, up to this one
    samples: 1000
    seed: 20240503
    dispersions:
      - {name: injection, state: {frame: RIC, sigma_m: [1000, 3000, 1000], sigma_m_s: [1, 0.5, 1]}}
      - {path: "spacecraft.modules.orbiter.engines.main.thrust_N", normal: {sigma_percent: 1}}
      - {name: LOI pointing, pointing: {phase: LOI, sigma_deg: 0.2}}
    outputs:
      - {name: periselene_altitude_km, phase: trans-lunar coast, quantity: periapsis_altitude_km, center: moon}

Kinds of dispersion: ``normal`` (``sigma`` or ``sigma_percent`` of the nominal), ``uniform``
(``low``/``high`` or ``low_percent``/``high_percent``), ``truncated_normal`` (a normal cut at
``low``/``high`` sigmas), ``group`` (correlated scenario values: ``paths`` and a ``covariance``
in their units), ``state`` (the initial state: a 6x6 ``covariance`` in m and m/s, or
``sigma_m``/``sigma_m_s`` with an optional ``correlation``, in RIC, VNC or inertial axes) and
``pointing`` (a burn's direction turned by a normal angle about a random perpendicular axis).
Outputs: an orbit ``quantity`` (or its miss from a value) or the end epoch (``seconds_from``) of a
phase, the epoch of a timeline ``event``, the ``delta_v`` or ``propellant`` of a module, a guided
phase's ``report`` figure; ``ellipse`` names two outputs for
the dispersion ellipse of the report. ``limits`` are the mission's requirements on outputs: a
sample that flew but breaks one (``max``/``min``) counts as a failure with the limit's
``reason``. ``set`` fixes scenario values by path for the nominal and every sample (not
dispersed: ``{"phases[launch].launch.through": parking}``). ``landing_map`` names a latitude and a longitude output (deg) for the map of the
landing points with their 99 % ellipse, the ``target`` and named ``marks`` (lat, lon in deg).
"""
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import Field, ValidationError, model_validator

from farside.astro.time import Epoch
from farside.errors import ScenarioError
from farside.mission import scenario_paths
from farside.mission.scenario import GOALS
from farside.mission.scenario_fields import Model, scenario_error

KINDS = ("normal", "uniform", "truncated_normal", "group", "state", "pointing")


MAX_SAMPLES = 1_000_000
"""Most samples of one campaign (at the TLC demo's 100 samples/s on two cores, about 3 hours): a
bound that keeps the chunk list and the manifest small (``-n 1e9`` is refused, not allocated)."""


class Normal(Model):
    sigma: float | None = Field(None, ge=0)
    sigma_percent: float | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _one(self):
        if (self.sigma is None) == (self.sigma_percent is None):
            raise ValueError("exactly one of sigma or sigma_percent")
        return self


class Uniform(Model):
    low: float | None = None
    high: float | None = None
    low_percent: float | None = None
    high_percent: float | None = None

    @model_validator(mode="after")
    def _bounds(self):
        absolute, percent = (self.low, self.high), (self.low_percent, self.high_percent)
        if not ((None not in absolute and percent == (None, None)) or (None not in percent and absolute == (None, None))):
            raise ValueError("low and high, or low_percent and high_percent")
        lo, hi = absolute if None not in absolute else percent
        if not lo < hi:
            raise ValueError(f"low < high (got {lo} and {hi})")
        return self


class TruncatedNormal(Model):
    sigma: float = Field(gt=0)
    low_sigmas: float = -3.0
    high_sigmas: float = 3.0

    @model_validator(mode="after")
    def _bounds(self):
        if not self.low_sigmas < self.high_sigmas:
            raise ValueError("low_sigmas < high_sigmas")
        return self


class Group(Model):
    paths: list[str] = Field(min_length=1)
    covariance: list[list[float]]

    @model_validator(mode="after")
    def _covariance(self):
        _check_covariance(self.covariance, len(self.paths))
        for p in self.paths:
            scenario_paths.parse(p)
        return self


class StateDispersion(Model):
    frame: Literal["RIC", "VNC", "inertial"] = "RIC"
    covariance: list[list[float]] | None = None
    sigma_m: tuple[float, float, float] | None = None
    sigma_m_s: tuple[float, float, float] | None = None
    correlation: list[list[float]] | None = None

    @model_validator(mode="after")
    def _given(self):
        if (self.covariance is None) == (self.sigma_m is None or self.sigma_m_s is None):
            raise ValueError("a 6x6 covariance, or sigma_m and sigma_m_s")
        _check_covariance(self.matrix().tolist(), 6)
        return self

    def matrix(self) -> np.ndarray:
        """The 6x6 covariance (m, m/s) in ``frame`` axes."""
        if self.covariance is not None:
            return np.array(self.covariance, dtype=float)
        sigma = np.array(list(self.sigma_m) + list(self.sigma_m_s), dtype=float)
        corr = np.eye(6) if self.correlation is None else np.array(self.correlation, dtype=float)
        with np.errstate(over="ignore", invalid="ignore"):   # a sigma above ~1e154: inf, refused by _check_covariance
            return corr * np.outer(sigma, sigma)


class Pointing(Model):
    phase: str
    sigma_deg: float = Field(gt=0)


class Dispersion(Model):
    name: str | None = None
    path: str | None = None
    normal: Normal | None = None
    uniform: Uniform | None = None
    truncated_normal: TruncatedNormal | None = None
    group: Group | None = None
    state: StateDispersion | None = None
    pointing: Pointing | None = None

    @model_validator(mode="after")
    def _one_kind(self):
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("exactly one of " + ", ".join(KINDS))
        needs_path = given[0] in ("normal", "uniform", "truncated_normal")
        if needs_path != (self.path is not None):
            raise ValueError("a path with normal, uniform and truncated_normal, and only with them")
        if self.path is not None:
            scenario_paths.parse(self.path)
        return self

    @property
    def kind(self) -> str:
        return next(k for k in KINDS if getattr(self, k) is not None)

    @property
    def label(self) -> str:
        return self.name or self.path or self.kind


class Output(Model):
    """One recorded figure: ``quantity`` (orbit, at ``phase``'s end, about ``center``; less
    ``relative_to`` for a miss from a target value), ``seconds_from`` (``phase``'s end epoch, or
    the first timeline ``event`` whose name starts with the text given, from this UTC epoch),
    ``delta_v`` or ``propellant`` (a module's total), ``report`` (a figure of a guided phase's
    report)."""
    name: str = Field(min_length=1)
    phase: str | None = None
    quantity: Literal[GOALS] | None = None
    center: str | None = None
    relative_to: float | None = None
    seconds_from: str | None = None
    event: str | None = None
    delta_v: str | None = None
    propellant: str | None = None
    report: str | None = None

    @model_validator(mode="after")
    def _one(self):
        given = [k for k in ("quantity", "seconds_from", "delta_v", "propellant", "report") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("exactly one of quantity, seconds_from, delta_v, propellant, report")
        if given[0] in ("quantity", "report") or (given[0] == "seconds_from" and self.event is None):
            if self.phase is None:
                raise ValueError(f"a phase with {given[0]}")
        if self.event is not None and self.seconds_from is None:
            raise ValueError("seconds_from (the reference epoch) with event")
        if self.relative_to is not None and self.quantity is None:
            raise ValueError("relative_to only with quantity")
        if self.seconds_from is not None:
            Epoch(self.seconds_from)
        return self


class Limit(Model):
    output: str
    max: float | None = None
    min: float | None = None
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _bound(self):
        if self.max is None and self.min is None:
            raise ValueError("max, min or both")
        return self


class LandingMap(Model):
    lat: str
    lon: str
    target: tuple[float, float] | None = None
    marks: dict[str, tuple[float, float]] = {}


class Campaign(Model):
    name: str
    scenario: str
    through_phase: str | None = None
    start_after: str | None = None
    """A phase of the scenario: the samples fly the phases after it from the nominal state at its
    end (a state dispersion is about that state: the injection after a launch)."""
    set: dict[str, float | int | bool | str] = {}
    """Scenario values the nominal and every sample fly with, by path (not dispersed): a launch
    flown ``through: parking`` for a campaign of the ascent alone."""
    retarget: bool = False
    samples: int = Field(100, ge=1, le=MAX_SAMPLES)
    seed: int = Field(0, ge=0)
    chunk_size: int = Field(10, ge=1)
    dispersions: list[Dispersion] = []
    outputs: list[Output] = Field(min_length=1)
    ellipse: tuple[str, str] | None = None
    limits: list[Limit] = []
    landing_map: LandingMap | None = None

    @model_validator(mode="after")
    def _unique(self):
        named = [o.name for o in self.outputs]
        used = list(self.ellipse or ()) + [limit.output for limit in self.limits]
        used += [self.landing_map.lat, self.landing_map.lon] if self.landing_map else []
        for name in used:
            if name not in named:
                raise ValueError(f"ellipse, limit and landing-map outputs among the outputs (not {name})")
        for path in self.set:
            scenario_paths.parse(path)
        names = [o.name for o in self.outputs] + [d.label for d in self.dispersions]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"names used once among outputs and dispersions (repeated: {', '.join(dup)})")
        return self


def _check_covariance(rows, n):
    m = np.array(rows, dtype=float)
    if m.shape != (n, n):
        raise ValueError(f"a {n}x{n} matrix (got shape {m.shape})")
    if not np.all(np.isfinite(m)):
        raise ValueError("finite variances (each sigma squared, and every covariance entry, a finite float: "
                         "a sigma below 1e154)")
    if not np.allclose(m, m.T, rtol=1e-12, atol=0.0):
        raise ValueError("a symmetric matrix")
    if np.linalg.eigvalsh(m).min() < -1e-12 * max(1.0, np.abs(m).max()):
        raise ValueError("a positive semi-definite matrix")


def validate_campaign(data, base: Path = Path(".")) -> Campaign:
    """A `Campaign` from raw YAML data; ``scenario`` is made absolute against ``base``."""
    if not isinstance(data, dict):
        raise ScenarioError("(campaign)", type(data).__name__, "a YAML mapping at the top level")
    try:
        campaign = Campaign.model_validate(data)
    except ValidationError as error:
        raise scenario_error(error, data) from None
    path = Path(campaign.scenario)
    path = path if path.is_absolute() else (base / path)
    if not path.is_file():
        raise ScenarioError("scenario", campaign.scenario, f"an existing scenario file (looked for {path})")
    return campaign.model_copy(update={"scenario": str(path.resolve())})


def load_campaign(path, samples=None) -> Campaign:
    """Read and validate the campaign YAML at ``path``; ``samples`` overrides its sample count."""
    path = Path(path)
    data = scenario_paths.read_yaml_file(path, "campaign", "campaign")
    if samples is not None:
        if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
            raise ScenarioError("-n", samples, f"a whole number of samples from 1 to {MAX_SAMPLES:,}")
        data = dict(data, samples=samples)
    return validate_campaign(data, path.parent)
