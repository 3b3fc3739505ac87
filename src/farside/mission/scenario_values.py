"""Set and read values of a validated scenario by YAML path without going back to its text: what a
differential corrector's trial and a campaign sample do hundreds of times.

    trial = with_values(scenario, {"phases[LOI].burn.duration_s": 912.5})
    value_at(trial, "phases[LOI].burn.duration_s")          # 912.5

A number (or a list of numbers) re-validates only the block that holds it (its own limits and
checks: ``duration_s > 0``); the blocks above it are copied, not validated again (numbers never
take part in their cross-references, which are names). Anything else, or a number its block
refuses, goes through the whole file's validation, so the error names the YAML path as for a
``--set`` override.
"""
from pydantic import BaseModel, ValidationError

from farside.mission import scenario_paths
from farside.mission.scenario import validate_scenario


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numeric(value) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) > 0 and all(_is_number(v) for v in value)
    return _is_number(value)


def _field(model, key):
    """The attribute name of YAML key ``key`` (a field name or its alias) in ``model``."""
    for name, info in type(model).model_fields.items():
        if key == name or key == info.alias:
            return name
    raise KeyError(key)


def _child(node, key):
    if isinstance(node, BaseModel):
        if not isinstance(key, str):
            raise KeyError(key)
        return getattr(node, _field(node, key))
    if isinstance(node, (list, tuple)) and isinstance(key, str):
        return next(item for item in node if getattr(item, "name", None) == key)
    return node[key]


def _models_below(node, parts) -> bool:
    """Whether a pydantic model lies on the path ``parts`` below ``node``."""
    for key in parts:
        node = _child(node, key)
        if isinstance(node, BaseModel):
            return True
    return False


def _set_plain(data, parts, value):
    """``data`` (dicts, lists, tuples) with the leaf at ``parts`` replaced, as new containers."""
    if not parts:
        return value
    key, rest = parts[0], parts[1:]
    if isinstance(data, dict):
        return {**data, key: _set_plain(data[key], rest, value)}
    items = list(data)
    items[key] = _set_plain(items[key], rest, value)
    return type(data)(items) if isinstance(data, tuple) else items


def _replace(node, parts, value):
    key, rest = parts[0], parts[1:]
    if isinstance(node, BaseModel):
        name = _field(node, key)
        if not rest or not _models_below(getattr(node, name), rest):
            data = node.model_dump(by_alias=True)
            alias = type(node).model_fields[name].alias or name
            data[alias] = _set_plain(data.get(alias), rest, value)
            return type(node).model_validate(data)
        return node.model_copy(update={name: _replace(getattr(node, name), rest, value)})
    items = list(node)
    index = key if isinstance(key, int) else next(i for i, item in enumerate(items) if getattr(item, "name", None) == key)
    items[index] = _replace(items[index], rest, value)
    return type(node)(items) if isinstance(node, tuple) else items


def with_values(scenario, values: dict):
    """A copy of the validated ``scenario`` with each ``{path: value}`` set (see the module); the
    values that need the whole file's validation are set together, after the numbers."""
    out, rest = scenario, {}
    for path, value in dict(values or {}).items():
        parts = scenario_paths.parse(path)
        if _numeric(value):
            try:
                if not isinstance(_walk(out, parts), (int, float, list, tuple)):
                    raise TypeError(path)
                out = _replace(out, parts, value)
                continue
            except (KeyError, IndexError, StopIteration, TypeError, ValidationError):
                pass
        rest[path] = value
    if rest:
        out = validate_scenario(out.model_dump(by_alias=True, mode="json"), rest)
    return out


def value_at(scenario, path):
    """The value at YAML ``path`` (a string or parsed parts) of a validated scenario; a path that
    is not there raises the `ScenarioError` of the raw data's look-up (its name lists what is)."""
    parts = scenario_paths.parse(path) if isinstance(path, str) else list(path)
    try:
        return _walk(scenario, parts)
    except (KeyError, IndexError, StopIteration, TypeError):
        return scenario_paths.get(scenario.model_dump(by_alias=True, mode="json"), parts)


def _walk(node, parts):
    for key in parts:
        node = _child(node, key)
    return node
