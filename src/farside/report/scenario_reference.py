"""The reference of the YAML files (scenario, relay scenario, campaign) generated from their
pydantic models: one Markdown table per model with every field's YAML name, type, unit (from the
name's suffix, the project's convention), default and allowed range (the models' constraints and
choices), and the JSON Schema (draft 2020-12, as pydantic writes it) that editors use to check and
complete a file (``python -m farside.report.scenario_reference FOLDER`` writes them).
"""
import json
import re
import sys
import types
import typing
from pathlib import Path
from typing import Literal

import annotated_types
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from farside.campaign.spec import Campaign
from farside.io.atomic import atomic_write
from farside.mission.relay_scenario import RelayScenario
from farside.mission.scenario import Scenario

FILES = {"scenario": Scenario, "relay": RelayScenario, "campaign": Campaign}
UNITS = (("_km_s", "km/s"), ("_m_s", "m/s"), ("_deg_s", "deg/s"), ("_m2", "m²"), ("_kg", "kg"), ("_N", "N"),
         ("_km", "km"), ("_deg", "deg"), ("_dbi", "dBi"), ("_db", "dB"), ("_bps", "bit/s"), ("_hz", "Hz"),
         ("_w", "W"), ("_k", "K"), ("_h", "h"), ("_s", "s"), ("_m", "m"), ("_percent", "%"), ("_sigmas", "sigma"))
BOUNDS = ((annotated_types.Gt, "gt", "> {}"), (annotated_types.Ge, "ge", "≥ {}"), (annotated_types.Lt, "lt", "< {}"),
          (annotated_types.Le, "le", "≤ {}"), (annotated_types.MinLen, "min_length", "length ≥ {}"))


def unit(name: str) -> str:
    """The unit a field's name states by its suffix (``thrust_N``: N), or an empty string."""
    return next((u for suffix, u in UNITS if name.endswith(suffix)), "")


def _models(annotation) -> list:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models(a)]


def models(root) -> list:
    """``root`` and every model below it, depth first, each once."""
    out, todo = [], [root]
    while todo:
        model = todo.pop(0)
        if model not in out:
            out.append(model)
            todo += [m for f in model.model_fields.values() for m in _models(f.annotation)]
    return out


def type_name(annotation) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if origin is Literal:
        return "text"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in args if a is not type(None))
    if origin in (list, tuple):
        if origin is tuple and args and args[-1] is not Ellipsis:
            return f"{len(args)} × {type_name(args[0])}"
        return f"list of {type_name(args[0])}" if args else "list"
    if origin is dict:
        return f"map of name to {type_name(args[1])}"
    return {float: "number", int: "integer", str: "text", bool: "true/false"}.get(annotation, str(annotation))


def allowed(field) -> str:
    rules = [text.format(getattr(m, attribute)) for m in field.metadata for kind, attribute, text in BOUNDS
             if isinstance(m, kind)]
    literal = [a for a in [field.annotation, *typing.get_args(field.annotation)] if typing.get_origin(a) is Literal]
    if literal:
        rules.append("one of " + ", ".join(f"`{v}`" for v in typing.get_args(literal[0])))
    return "; ".join(rules)


def default(field) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True) if field.default is PydanticUndefined else field.default
    if isinstance(value, BaseModel):
        value = value.model_dump(by_alias=True)
    return "none" if value is None else f"`{json.dumps(value)}`"


def model_markdown(model) -> str:
    doc = " ".join((model.__doc__ or "").split()) if model.__doc__ and model.__doc__ != BaseModel.__doc__ else ""
    doc = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", doc)
    lines = [f"### {model.__name__}", ""] + ([doc, ""] if doc and not doc.startswith("Usage docs") else [])
    lines += ["| field | type | unit | default | allowed |", "|---|---|---|---|---|"]
    for name, field in model.model_fields.items():
        key = field.alias or name
        lines.append(f"| `{key}` | {type_name(field.annotation)} | {unit(key)} | {default(field)} | "
                     f"{allowed(field).replace('|', '/')} |")
    return "\n".join(lines)


def markdown(kind: str) -> str:
    """The reference of one kind of file (``scenario``, ``relay``, ``campaign``), top model first."""
    return "\n\n".join(model_markdown(m) for m in models(FILES[kind]))


def json_schema(kind: str) -> str:
    schema = FILES[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"farside {kind} file"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_schemas(folder) -> list:
    """``<kind>.schema.json`` of every kind of file into ``folder``."""
    paths = []
    for kind in FILES:
        path = Path(folder) / f"{kind}.schema.json"
        text = json_schema(kind)
        atomic_write(path, lambda h, text=text: h.write(text), binary=False)
        paths.append(path)
    return paths


if __name__ == "__main__":
    print("\n".join(str(p) for p in write_schemas(sys.argv[1])))
