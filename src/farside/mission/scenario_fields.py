"""The common ground of the YAML files' pydantic models (scenario, relay scenario, campaign): a
frozen base model that forbids unknown fields and takes numbers strictly (finite, and never
``true``/``false``), the error a validator raises for a sub-path, and the translation of a
pydantic `ValidationError` into a one-line `ScenarioError` that names the field's YAML path
(``phases[3].burn.thrust_N``), the value and what is allowed."""
from pydantic import ConfigDict, ValidationError

from farside.astro.time import Epoch
from farside.errors import FarsideValueError, ScenarioError
from farside.io.strict_numbers import FieldError, StrictNumbers
from farside.mission import scenario_paths


class Model(StrictNumbers):
    """A part of a YAML file: frozen, no field it does not know, numbers taken strictly
    (`farside.io.strict_numbers.StrictNumbers`)."""
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


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
