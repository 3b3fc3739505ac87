"""The scenario file: a spacecraft stack of modules and a sequence of phases, in YAML, validated
by pydantic models. Every error is a `ScenarioError` naming the field's YAML path
(``phases[3].burn.thrust_N``), the value and what is allowed.

    scenario = load_scenario("scenarios/change6.yaml", overrides={"phases[LOI].burn.duration_s": 900})

Units are in the field names (``_kg``, ``_N``, ``_s``, ``_km``, ``_deg``, ``_m_s``); epochs are ISO
8601 strings with a ``scale`` (UTC unless said). A scenario states published inputs (an engine's
thrust, a launch epoch); outcomes (orbits after burns, event epochs) come out of the run.
"""
from typing import Literal

from pydantic import Field, ValidationError, create_model, field_validator, model_validator

from farside.astro import bodies, frames
from farside.astro.time import Epoch
from farside.errors import ScenarioError
from farside.io.atomic import check_file_name
from farside.mission import scenario_paths
from farside.mission.phases import KINDS
from farside.mission.scenario_fields import FieldError, Model, check_epoch, checked, scenario_error
from farside.mission.scenario_lunar import Site
from farside.mission.scenario_payloads import PayloadEntry, check_cross_references

GOALS = ("periapsis_altitude_km", "apoapsis_altitude_km", "altitude_km", "inclination_deg", "eccentricity",
         "flight_path_angle_deg", "semi_major_axis_km", "raan_deg", "argument_of_periapsis_deg",
         "latitude_deg", "longitude_deg", "speed_m_s", "time_from_epoch_s", "periapsis_time_from_epoch_s",
         "site_out_of_plane_deg")


class Engine(Model):
    thrust_N: float = Field(gt=0)
    isp_s: float = Field(gt=0)
    count: int = Field(1, ge=1)
    min_throttle: float = Field(1.0, gt=0, le=1)


class Module(Model):
    dry_mass_kg: float = Field(gt=0)
    propellant_kg: float = Field(0.0, ge=0)
    engines: dict[str, Engine] = {}


class Spacecraft(Model):
    name: str = Field(min_length=1)
    object_id: str = ""
    naif_id: int = Field(-999, lt=0)
    modules: dict[str, Module] = Field(min_length=1)
    stack: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _stack_of_known_modules(self):
        # the spacecraft's and the modules' names name the output files (<spacecraft>.bsp, <module>.oem)
        checked(["name"], check_file_name, self.name.lower(), "spacecraft.name")
        for name in self.modules:
            checked(["modules", name], check_file_name, name, f"spacecraft.modules.{name}")
        for i, name in enumerate(self.stack):
            if name not in self.modules:
                raise FieldError(["stack", i], name, "a module among " + ", ".join(self.modules))
        if len(set(self.stack)) != len(self.stack):
            raise FieldError(["stack"], self.stack, "each module once")
        return self


class Keplerian(Model):
    """Osculating elements about the state's centre; give ``a_km`` or ``periapsis_altitude_km``."""
    a_km: float | None = Field(None, gt=0)
    periapsis_altitude_km: float | None = None
    e: float = Field(ge=0, lt=1)
    i_deg: float = Field(ge=0, le=180)
    raan_deg: float
    argp_deg: float
    ta_deg: float

    @model_validator(mode="after")
    def _one_size(self):
        if (self.a_km is None) == (self.periapsis_altitude_km is None):
            raise FieldError(["a_km"], self.a_km, "exactly one of a_km or periapsis_altitude_km")
        return self


class Cartesian(Model):
    r_km: tuple[float, float, float]
    v_km_s: tuple[float, float, float]


class InitialState(Model):
    epoch: str
    scale: str = "utc"
    center: str = "earth"
    frame: str = "GCRF"
    keplerian: Keplerian | None = None
    cartesian: Cartesian | None = None

    @model_validator(mode="after")
    def _check(self):
        checked(["scale"], Epoch, "2000-01-01T12:00:00", self.scale)
        check_epoch(["epoch"], self.epoch, self.scale)
        checked(["center"], bodies.get, self.center)
        checked(["frame"], frames.canonical, self.frame)
        if (self.keplerian is None) == (self.cartesian is None):
            raise FieldError(["keplerian"], None, "exactly one of keplerian or cartesian")
        return self


class Gravity(Model):
    field: str
    degree: int = Field(ge=0)
    frame: str | None = None


class RadiationPressure(Model):
    cr: float = Field(gt=0)
    area_m2: float = Field(gt=0)


class ForceModelSpec(Model):
    gravity: Gravity | None = None
    third_bodies: list[str] = []
    srp: RadiationPressure | None = None

    @field_validator("third_bodies")
    @classmethod
    def _known_bodies(cls, names):
        for i, name in enumerate(names):
            checked([i], bodies.get, name)
        return names


class Variable(Model):
    path: str
    step: float = Field(gt=0)
    min: float | None = None
    max: float | None = None

    @field_validator("path")
    @classmethod
    def _path(cls, value):
        scenario_paths.parse(value)
        return value


class Goal(Model):
    """A quantity of the state at the end of the targeted span (about ``center``); with
    ``time_from_epoch_s`` the seconds from ``epoch`` (UTC) to that end, with
    ``periapsis_time_from_epoch_s`` those to the osculating conic's next periapsis; with
    ``site_out_of_plane_deg`` the angle of the lunar ``site`` from the orbit plane (positive on the
    side of the angular momentum) at that end."""
    quantity: Literal[GOALS]
    value: float
    tolerance: float = Field(gt=0)
    center: str | None = None
    epoch: str | None = None
    site: Site | None = None

    @model_validator(mode="after")
    def _epoch(self):
        timed = self.quantity in ("time_from_epoch_s", "periapsis_time_from_epoch_s")
        if timed != (self.epoch is not None):
            raise FieldError(["epoch"], self.epoch, "an epoch (UTC) with the *_from_epoch_s quantities, and only with them")
        if self.epoch is not None:
            check_epoch(["epoch"], self.epoch)
        if self.center is not None:
            checked(["center"], bodies.get, self.center)
        if (self.quantity == "site_out_of_plane_deg") != (self.site is not None):
            raise FieldError(["site"], self.site, "a lunar site with site_out_of_plane_deg, and only with it")
        return self


class Scan(Model):
    """First guesses to try for one varied value, ``start`` to ``stop`` by ``step``: the corrector
    starts from the one whose goals come nearest (a multi-start for goals that are far from linear
    in it, such as a departure's timing)."""
    path: str
    start: float
    stop: float
    step: float = Field(gt=0)

    @model_validator(mode="after")
    def _range(self):
        if not self.start < self.stop or (self.stop - self.start) / self.step > 1000:
            raise FieldError(["stop"], self.stop, "a value above start, at most 1000 steps away")
        return self


class Target(Model):
    """A differential corrector over the phases from ``from`` to this one: vary ``vary`` until
    every goal of ``achieve`` holds at this phase's end (from the best first guess of ``scan``).
    ``method`` is GMAT's ``Algorithm``: ``newton`` forms the Jacobian by finite differences at every
    iteration (one run of the span per variable); ``broyden`` forms it once and then updates it
    from each step (fewer runs where the goals are near linear; the Jacobian is formed again when
    an updated one gives no step that lowers the residuals)."""
    from_phase: str = Field(alias="from")
    vary: list[Variable] = Field(min_length=1)
    achieve: list[Goal] = Field(min_length=1)
    max_iterations: int = Field(25, ge=1)
    method: Literal["newton", "broyden"] = "newton"
    scan: Scan | None = None

    @model_validator(mode="after")
    def _scan_varies(self):
        if self.scan is not None and self.scan.path not in [v.path for v in self.vary]:
            raise FieldError(["scan", "path"], self.scan.path, "the path of one of the varied values")
        return self


class PhaseBase(Model):
    """A named phase of one registered kind (:data:`farside.mission.phases.KINDS`: the phase's
    key in the file), flown by ``stack`` (default: the stack flying), closed by ``target``."""
    name: str = Field(min_length=1)
    stack: str | None = None
    target: Target | None = None

    @property
    def kind(self) -> str:
        """The key of the phase's kind (``coast``, ``burn``, ``powered_descent`` ...)."""
        return next(k for k in KINDS if getattr(self, k) is not None)

    @property
    def action(self):
        """The phase's block: a `farside.mission.phases.PhaseKind`."""
        return getattr(self, self.kind)

    @model_validator(mode="after")
    def _one_action(self):
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise FieldError([next(iter(KINDS))], ", ".join(given) or None, "exactly one of " + ", ".join(KINDS))
        return self


Phase = create_model("Phase", __base__=PhaseBase, __doc__=PhaseBase.__doc__, __module__=__name__,
                     **{key: (kind | None, None) for key, kind in KINDS.items()})


class PublishedEvent(Model):
    """A published event epoch (UTC), compared with the start or end of a phase."""
    name: str
    epoch: str
    phase: str
    at: Literal["start", "end"] = "end"
    source: str = ""

    @field_validator("epoch")
    @classmethod
    def _epoch(cls, value):
        return check_epoch([], value)


class PublishedOrbit(Model):
    """Published orbit figures after a phase, about ``center``."""
    phase: str
    center: str = "moon"
    periapsis_altitude_km: float | None = None
    apoapsis_altitude_km: float | None = None
    inclination_deg: float | None = None
    speed_m_s: float | None = None
    flight_path_angle_deg: float | None = None
    source: str = ""


class PublishedPropellant(Model):
    """Propellant (kg) burnt in the burns of ``phases``, published or estimated (``source`` says)."""
    name: str
    phases: list[str] = Field(min_length=1)
    kg: float = Field(gt=0)
    source: str = ""


class PublishedFigure(Model):
    """A published figure beside one that phase ``phase`` reports (``figure``, a key of its report:
    ``booster_separation_s``), as a ``value`` or a range from ``low`` to ``high`` (either end may be
    open), in ``unit``; neither: not published (the row shows the simulated figure and its basis)."""
    name: str
    phase: str
    figure: str
    unit: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    source: str = ""

    @model_validator(mode="after")
    def _value_or_range(self):
        if self.value is not None and (self.low is not None or self.high is not None):
            raise FieldError(["value"], self.value, "a value or a range (low, high), not both")
        if self.low is not None and self.high is not None and self.high < self.low:
            raise FieldError(["high"], self.high, f"at least low = {self.low:g}")
        return self


class Published(Model):
    """The real mission's figures, for the side-by-side table only: the run never reads them."""
    events: list[PublishedEvent] = []
    orbits: list[PublishedOrbit] = []
    propellant: list[PublishedPropellant] = []
    figures: list[PublishedFigure] = []


class Scenario(Model):
    name: str
    description: str = ""
    spacecraft: Spacecraft
    initial_state: InitialState
    force_models: dict[str, ForceModelSpec] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    rtol: float = Field(1e-11, gt=0, lt=1e-3)
    atol_m: float = Field(1e-6, gt=0)
    published: Published = Published()
    payloads: list[PayloadEntry] = []

    @model_validator(mode="after")
    def _cross_references(self):
        for name in self.force_models:
            checked(["force_models", name], bodies.get, name)
        names = [p.name for p in self.phases]
        for i, phase in enumerate(self.phases):
            if names.count(phase.name) > 1:
                raise FieldError(["phases", i, "name"], phase.name, "a phase name used once")
            phase.action.references(self.spacecraft, ["phases", i, phase.kind])
            if phase.kind == "surface_stay":   # names its sky file when there are several stays
                checked(["phases", i, "name"], check_file_name, f"surface_stay_{phase.name.replace(' ', '_')}.csv",
                        f"phases[{i}].name")
            if phase.target is not None:
                start = phase.target.from_phase
                if start not in names[:i + 1]:
                    raise FieldError(["phases", i, "target", "from"], start,
                                      "this phase or an earlier one: " + ", ".join(names[:i + 1]))
        for kind in ("events", "orbits", "figures"):
            for j, item in enumerate(getattr(self.published, kind)):
                if item.phase not in names:
                    raise FieldError(["published", kind, j, "phase"], item.phase, "a phase name: " + ", ".join(names))
        for j, item in enumerate(self.published.figures):
            fields = self.phases[names.index(item.phase)].action.report_fields
            if item.figure not in fields:
                raise FieldError(["published", "figures", j, "figure"], item.figure,
                                 f"a figure the report of {item.phase!r} gives: " + (", ".join(fields) or "none"))
        for j, item in enumerate(self.published.propellant):
            for k, name in enumerate(item.phases):
                if name not in names:
                    raise FieldError(["published", "propellant", j, "phases", k], name,
                                      "a phase name: " + ", ".join(names))
        check_cross_references(self)
        return self

    def phase_index(self, name: str) -> int:
        return [p.name for p in self.phases].index(name)


def validate_scenario(data: dict, overrides=None) -> Scenario:
    """A `Scenario` from raw data (a dict as read from YAML) with ``overrides`` applied."""
    if not isinstance(data, dict):
        raise ScenarioError("(scenario)", type(data).__name__, "a YAML mapping at the top level")
    data = scenario_paths.with_overrides(data, overrides)
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        raise scenario_error(error, data) from None


def load_scenario(path, overrides=None) -> Scenario:
    """Read and validate the YAML scenario at ``path`` (with the bounds of
    :func:`farside.mission.scenario_paths.read_yaml_file`); ``overrides`` maps paths to values."""
    return validate_scenario(scenario_paths.read_yaml_file(path, "scenario", "mission"), overrides)
