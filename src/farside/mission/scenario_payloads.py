"""One entry of a scenario's ``payloads:`` block: the payload model (by its registered name), the
module it rides on, its operating schedule (windows of UTC epochs) and its parameters, validated
by the model's own schema. Errors name the YAML path (``payloads[2].parameters.uranium_ppm``).

    payloads:
      - model: DORN
        module: lander
        schedule:
          - {start: "2024-06-02T05:30:00", end: "2024-06-03T23:30:00"}
        parameters: {uranium_ppm: 0.3}

The checks that need the rest of the scenario (the module exists, the windows start after the
mission does) are :func:`check_cross_references`; those that need the flight (the windows end
before the mission does) are the payload runner's.
"""
from pydantic import Field, ValidationError, model_validator

from farside.astro import ephemeris
from farside.astro.time import Epoch
from farside.errors import FarsideValueError
from farside.mission import scenario_paths
from farside.mission.scenario_fields import FieldError, Model, check_epoch, scenario_error
from farside.payloads import registry
from farside.payloads.base import PayloadRequest, Window


class OperatingWindow(Model):
    """From ``start`` to ``end`` (ISO 8601, UTC)."""
    start: str
    end: str

    @model_validator(mode="after")
    def _ordered(self):
        check_epoch(["start"], self.start)
        check_epoch(["end"], self.end)
        if Epoch(self.end).tdb_seconds <= Epoch(self.start).tdb_seconds:
            raise FieldError(["end"], self.end, f"an epoch after the window's start, {self.start} UTC")
        return self

    def window(self) -> Window:
        return Window(Epoch(self.start), Epoch(self.end))


class PayloadEntry(Model):
    """A payload: ``model`` (an installed model's name), the ``module`` it rides on, its
    ``schedule`` and its ``parameters``; ``name`` labels its outputs (default: the model's)."""
    model: str
    module: str
    name: str | None = Field(None, min_length=1)
    schedule: list[OperatingWindow] = Field(min_length=1)
    parameters: dict = {}

    @model_validator(mode="after")
    def _parameters_of_the_model(self):
        cls = self.model_class()
        try:
            cls.Parameters.model_validate(self.parameters)
        except ValidationError as error:
            inner = scenario_error(error, self.parameters)
            parts = scenario_paths.parse(inner.argument) if inner.argument else []
            raise FieldError(["parameters", *parts], inner.value, inner.allowed) from None
        return self

    @property
    def label(self) -> str:
        return self.name or self.model

    def model_class(self) -> type:
        try:
            return registry.load(self.model)
        except FarsideValueError as error:
            raise FieldError(["model"], self.model, f"an installed payload model: {error.allowed}") from None

    def request(self) -> PayloadRequest:
        windows = sorted((w.window() for w in self.schedule), key=lambda w: w.start_s)
        return PayloadRequest(self.label, self.module, tuple(windows),
                              self.model_class().Parameters.model_validate(self.parameters))


def check_cross_references(scenario) -> None:
    """Each payload rides on a module of the spacecraft, its label is used once and its windows
    start at or after the initial state's epoch; raises `FieldError` naming the entry's path. An
    initial epoch outside the ephemeris is left to the preflight, which names it (the windows are
    then not compared with it)."""
    start = Epoch(scenario.initial_state.epoch, scenario.initial_state.scale)
    eph = ephemeris.default()
    known_start = eph.start_s <= start.tdb_seconds <= eph.end_s
    labels = [p.label for p in scenario.payloads]
    for i, entry in enumerate(scenario.payloads):
        if entry.module not in scenario.spacecraft.modules:
            raise FieldError(["payloads", i, "module"], entry.module,
                             "a module among " + ", ".join(scenario.spacecraft.modules))
        if labels.count(entry.label) > 1:
            raise FieldError(["payloads", i, "name"], entry.label, "a payload name used once (set name:)")
        for j, window in enumerate(entry.schedule):
            if known_start and Epoch(window.start).tdb_seconds < start.tdb_seconds:
                raise FieldError(["payloads", i, "schedule", j, "start"], window.start,
                                 f"an epoch inside the mission, from {start.iso('utc', 0)} UTC")
