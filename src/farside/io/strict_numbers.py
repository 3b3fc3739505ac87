"""The number rule of every model read from a YAML file (scenario, relay, campaign, payload
parameters): numbers are finite (``.nan`` and ``.inf`` refused: ``allow_inf_nan``) and numbers
(``true`` is not 1), in every field and list of numbers; and the error a validator raises for a
sub-path of its model (`FieldError`), which the YAML loaders turn into a one-line error naming the
field's path."""
import types
import typing

from pydantic import BaseModel, ConfigDict, field_validator


class FieldError(ValueError):
    """Raised inside validators: a sub-path below the model being validated."""

    def __init__(self, parts, value, allowed):
        self.parts, self.value, self.allowed = list(parts), value, allowed
        super().__init__(allowed)


class StrictNumbers(BaseModel):
    """Base of YAML-read models: every number finite and never a boolean."""
    model_config = ConfigDict(allow_inf_nan=False)

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
