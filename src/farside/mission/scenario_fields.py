"""The common ground of the YAML files' pydantic models (scenario, relay scenario, campaign): a
frozen base model that forbids unknown fields and takes numbers strictly (finite, and never
``true``/``false``), the error a validator raises for a sub-path, and the translation of a
pydantic `ValidationError` into a one-line `ScenarioError` that names the field's YAML path
(``phases[3].burn.thrust_N``), the value and what is allowed."""
import types
import typing

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from farside.astro.time import Epoch
from farside.errors import FarsideValueError, ScenarioError
from farside.mission import scenario_paths


class Model(BaseModel):
    """A part of a YAML file: frozen, no field it does not know, and every number finite
    (``.nan``, ``.inf`` refused: ``allow_inf_nan``) and a number (``true`` is not 1) in every
    field and list of numbers of every model deriving from it."""
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_boolean_numbers(cls, value, info):
        annotation = cls.model_fields[info.field_name].annotation
        leaves = _leaf_types(annotation)
        if leaves & {int, float} and bool not in leaves:
            where = _boolean_in(value, [])
            if where is not None:
                raise FieldError(where, _at(value, where), "a number, not true or false")
        return value


def _leaf_types(annotation) -> set:
    """The plain types a field annotation is built of (``tuple[float, float] | None`` -> {float, None})."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaf_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict, set, frozenset):
        return set().union(*(_leaf_types(a) for a in typing.get_args(annotation) if a is not Ellipsis))
    if origin is typing.Literal:
        return {type(a) for a in typing.get_args(annotation)}
    return {annotation}


def _boolean_in(value, parts):
    """The sub-path of the first boolean in ``value`` (a scalar, list or mapping), or None."""
    if isinstance(value, bool):
        return parts
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, (list, tuple)) else ()
    for key, item in items:
        found = _boolean_in(item, parts + [key])
        if found is not None:
            return found
    return None


def _at(value, parts):
    for key in parts:
        value = value[key]
    return value


class FieldError(ValueError):
    """Raised inside validators: a sub-path below the model being validated."""

    def __init__(self, parts, value, allowed):
        self.parts, self.value, self.allowed = list(parts), value, allowed
        super().__init__(allowed)


def checked(parts, check, value, *args):
    """``check(value, *args)``, its `FarsideValueError` re-raised for the sub-path ``parts``."""
    try:
        check(value, *args)
    except FarsideValueError as error:
        raise FieldError(parts, value, error.allowed) from None
    return value


def check_epoch(parts, value, scale="utc"):
    return checked(parts, Epoch, value, scale)


def scenario_error(error: ValidationError, data) -> ScenarioError:
    """The `ScenarioError` of the first problem pydantic found in ``data``."""
    first = error.errors(include_url=False)[0]
    parts = [p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    ctx = first.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, FieldError):
        parts = parts + cause.parts
        return ScenarioError(scenario_paths.format_path(parts), cause.value, cause.allowed)
    if isinstance(cause, FarsideValueError):
        return ScenarioError(scenario_paths.format_path(parts), cause.value, cause.allowed)
    try:
        value = scenario_paths.get(data, parts) if parts else first.get("input")
    except ScenarioError:
        value = "(absent)"
    allowed = first["msg"]
    if first["type"] == "missing":
        value, allowed = "(absent)", "a value: the field is required"
    elif first["type"] == "extra_forbidden":
        allowed = "no such field here (check its spelling)"
    return ScenarioError(scenario_paths.format_path(parts), value, _lower_first(allowed))


def _lower_first(text):
    text = text.removeprefix("Input should be ").removeprefix("Value error, ")
    return text[:1].lower() + text[1:]
