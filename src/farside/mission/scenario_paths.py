"""Paths into a scenario's data, as written in error messages and overrides:
``phases[3].burn.thrust_N``, ``phases[LOI].burn.duration_s``, ``spacecraft.modules.orbiter.propellant_kg``,
``phases[MCC1].burn.delta_v_m_s[0]``.

A bracket holds a list index or, in a list of named items (phases), an item's ``name``. The same
paths drive command-line overrides (``--set PATH=VALUE``), overrides from code, the variables of a
differential corrector and Monte Carlo dispersions.
"""
import copy
import re
from pathlib import Path

import yaml

from farside.errors import FileKindError, ScenarioError

_TOKEN = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")


class _Loader(yaml.SafeLoader):
    """YAML 1.1 safe loading, except that dates and times stay strings (farside parses epochs
    with their time scale; a YAML timestamp would be read as a naive datetime)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest YAML file read (a scenario is a few kB; the DEM and gravity files are not YAML)."""
MAX_NODES = 1_000_000
"""Most values a document may hold once its aliases are expanded (the Chang'e-6 scenario holds
about 1,500): a "billion laughs" document of a few hundred bytes is refused, not expanded."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists (the scenarios nest 6 levels)."""

_KIND_FIELDS = {"mission": {"spacecraft", "phases", "initial_state", "force_models"},
                "relay": {"relay", "surface", "stations", "links"},
                "campaign": {"through_phase", "dispersions", "outputs", "samples"}}
"""The top-level fields that tell the three kinds of YAML file apart."""
COMMANDS = {"mission": "farside run (or validate)", "relay": "farside relay", "campaign": "farside campaign"}
"""The command that takes each kind of file."""
_PLAIN = (str, int, float, bool, type(None))


def load_yaml(text: str, where: str = "(yaml)"):
    """Parse YAML text with epochs kept as strings. A document nested deeper than ``MAX_DEPTH``
    or holding more than ``MAX_NODES`` values with its aliases expanded (or an alias cycle) is
    refused with a `ScenarioError` naming ``where``."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except RecursionError:
        raise ScenarioError(where, "(document)", f"YAML nested at most {MAX_DEPTH} levels deep") from None
    _check_size(data, where)
    return data


def _check_size(data, where):
    """Count the values of ``data`` as if every alias were expanded, without expanding it: the
    expanded size of a node is computed once per distinct node (aliases share the object)."""
    size, depth_of, stack = {}, {}, [(data, 0, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if not isinstance(node, (dict, list)):
            if not isinstance(node, _PLAIN):
                raise ScenarioError(where, type(node).__name__, "plain YAML values: mappings, lists, strings, "
                                                                "numbers, booleans, null (no tags such as !!binary)")
            continue
        key = id(node)
        children = list(node.keys()) + list(node.values()) if isinstance(node, dict) else node
        if children_done:
            size[key] = 1 + sum(size.get(id(c), 1) for c in children)
            if size[key] > MAX_NODES:
                raise ScenarioError(where, "(document)", f"at most {MAX_NODES:,} values once its aliases are "
                                                         "expanded (a YAML alias bomb?)")
            continue
        if depth > MAX_DEPTH:
            raise ScenarioError(where, "(document)", f"YAML nested at most {MAX_DEPTH} levels deep")
        if key in depth_of:
            if key not in size:
                raise ScenarioError(where, "(document)", "a YAML document without an alias to itself (a cycle)")
            continue
        depth_of[key] = depth
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children)


def read_yaml_file(path, argument: str = "scenario", kind: str | None = None):
    """The data of the YAML file at ``path``: an existing, UTF-8 file of at most
    ``MAX_FILE_BYTES`` with one valid document (see :func:`load_yaml`), a mapping at the top;
    with ``kind`` ("mission", "relay" or "campaign"), a file of another kind is refused with the
    command that takes it. Every problem is a `ScenarioError` naming ``argument`` or the file."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError(argument, str(path), "an existing YAML file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ScenarioError(argument, str(path), f"a YAML file of at most {MAX_FILE_BYTES // 2**20} MiB")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ScenarioError(f"{path}:{line}", raw[error.start:error.start + 4], "UTF-8 text") from None
    try:
        data = load_yaml(text, str(path))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ScenarioError(where, getattr(error, "problem", None) or str(error).split("\n")[0],
                            "valid YAML (plain mappings, lists and scalars, no tags)") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}", "(empty)" if data is None else type(data).__name__, f"a YAML mapping at the top level of a {kind or 'YAML'} "
                                                            "file")
    found = file_kind(data)
    if kind is not None and found not in (None, kind):
        raise FileKindError(argument, path, found, kind, COMMANDS[found])
    return data


def file_kind(data) -> str | None:
    """"mission", "relay" or "campaign" by the top-level fields of ``data`` (None if unclear: at
    least two of a kind's fields must be there)."""
    if not isinstance(data, dict):
        return None
    keys = {k for k in data if isinstance(k, str)}
    counts = {kind: len(fields & keys) for kind, fields in _KIND_FIELDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else None


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
