"""Paths into a scenario's data, as written in error messages and overrides:
``phases[3].burn.thrust_N``, ``phases[LOI].burn.duration_s``, ``spacecraft.modules.orbiter.propellant_kg``,
``phases[MCC1].burn.delta_v_m_s[0]``.

A bracket holds a list index or, in a list of named items (phases), an item's ``name``. The same
paths drive command-line overrides (``--set PATH=VALUE``), overrides from code, the variables of a
differential corrector and Monte Carlo dispersions.
"""
import copy
import re

import yaml

from farside.errors import ScenarioError

_TOKEN = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")


class _Loader(yaml.SafeLoader):
    """YAML 1.1 safe loading, except that dates and times stay strings (farside parses epochs
    with their time scale; a YAML timestamp would be read as a naive datetime)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_yaml(text: str):
    """Parse YAML text with epochs kept as strings."""
    return yaml.load(text, Loader=_Loader)


def parse(path: str) -> list:
    """``"phases[2].burn.thrust_N"`` -> ``["phases", 2, "burn", "thrust_N"]`` (names in brackets
    stay strings)."""
    if not isinstance(path, str) or not path or path.startswith(".") or path.endswith("."):
        raise ScenarioError("path", path, "a path such as phases[3].burn.thrust_N")
    parts, pos = [], 0
    for match in _TOKEN.finditer(path):
        between = path[pos:match.start()]
        if between not in ("", "."):
            raise ScenarioError("path", path, "a path such as phases[3].burn.thrust_N")
        key, bracket = match.groups()
        if bracket is not None:
            bracket = bracket.strip()
            parts.append(int(bracket) if re.fullmatch(r"-?\d+", bracket) else bracket)
        else:
            parts.append(key)
        pos = match.end()
    if pos != len(path) or not parts:
        raise ScenarioError("path", path, "a path such as phases[3].burn.thrust_N")
    return parts


def format_path(parts) -> str:
    """``["phases", 2, "burn"]`` -> ``"phases[2].burn"``."""
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _child(node, key, parts, i):
    where = format_path(parts[:i + 1])
    if isinstance(node, list):
        where = f"{format_path(parts[:i])}[{key}]"
        if isinstance(key, str):
            for item in node:
                if isinstance(item, dict) and item.get("name") == key:
                    return item
            names = [item.get("name") for item in node if isinstance(item, dict)]
            raise ScenarioError(where, key, "a name among " + ", ".join(map(str, names)))
        if not -len(node) <= key < len(node):
            raise ScenarioError(where, key, f"an index from 0 to {len(node) - 1}")
        return node[key]
    if isinstance(node, dict):
        if key not in node:
            raise ScenarioError(where, "(absent)", "a field present in the scenario: " + ", ".join(map(str, node)))
        return node[key]
    raise ScenarioError(format_path(parts[:i]), node, "a mapping or a list to look into")


def get(data, path):
    """The value at ``path`` in the raw scenario data."""
    parts = parse(path) if isinstance(path, str) else list(path)
    node = data
    for i, key in enumerate(parts):
        node = _child(node, key, parts, i)
    return node


def with_overrides(data, overrides) -> dict:
    """A deep copy of the raw scenario ``data`` with each ``{path: value}`` set. The leaf's
    parent must exist; the leaf may be new (an optional field)."""
    data = copy.deepcopy(data)
    for path, value in dict(overrides or {}).items():
        parts = parse(path)
        parent = data
        for i, key in enumerate(parts[:-1]):
            parent = _child(parent, key, parts, i)
        leaf = parts[-1]
        if isinstance(parent, list):
            _child(parent, leaf, parts, len(parts) - 1)
            if isinstance(leaf, str):
                raise ScenarioError(path, value, "a list index at the end of the path")
            parent[leaf] = value
        elif isinstance(parent, dict):
            parent[leaf] = value
        else:
            raise ScenarioError(format_path(parts[:-1]), parent, "a mapping or a list to set a field in")
    return data


def parse_assignment(text: str):
    """``"PATH=VALUE"`` (command line) -> ``(path, value)``, the value read as a YAML scalar or
    flow sequence (``2900``, ``1.5e3``, ``true``, ``[1, 0, 0]``, ``2024-05-08T02:12:00``)."""
    if "=" not in text:
        raise ScenarioError("--set", text, "PATH=VALUE, e.g. phases[3].burn.thrust_N=2900")
    path, raw = text.split("=", 1)
    parse(path.strip())
    try:
        value = load_yaml(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    if not isinstance(value, (str, int, float, bool, list)) or isinstance(value, bool) and raw.strip() not in (
            "true", "false", "True", "False"):
        value = raw.strip()
    return path.strip(), value
