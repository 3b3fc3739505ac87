"""Discovery of payload models: the classes registered under the entry-point group
``farside.payloads`` by any installed distribution (farside registers its own the same way in its
``pyproject.toml``), found with :func:`importlib.metadata.entry_points`.

A third-party package adds a model without any change to farside:

    [project.entry-points."farside.payloads"]
    radiometer = "my_package.radiometer:Radiometer"

The entry point's name is the model's name in a scenario.
"""
import sys
from functools import lru_cache
from importlib.metadata import entry_points

from farside.errors import FarsideValueError, UnknownNameError
from farside.payloads.base import PayloadModel, PayloadParameters

GROUP = "farside.payloads"


def installed() -> dict:
    """``{name: entry point}`` of the installed payload models, by name. Two distributions that
    register one name with one object count once; with different objects the name is ambiguous.
    The scan of the distributions is kept for as long as ``sys.path`` is the same (a scenario
    validated per Monte Carlo sample does not scan again)."""
    return dict(_scan(tuple(sys.path)))


@lru_cache(maxsize=8)
def _scan(path: tuple) -> tuple:
    """The scan of the distributions on ``path`` (``sys.path``, the cache's key)."""
    found = {}
    for ep in entry_points(group=GROUP):
        known = found.get(ep.name)
        if known is not None and known.value != ep.value:
            raise FarsideValueError(f"entry point {GROUP}:{ep.name}", ep.value,
                                    f"one model per name ({known.value} is registered under it too)")
        found[ep.name] = ep
    return tuple(sorted(found.items()))


def load(name: str) -> type:
    """The payload model class registered as ``name``."""
    eps = installed()
    if name not in eps:
        raise UnknownNameError("model", name, eps or ["(none installed)"])
    cls = eps[name].load()
    if not (isinstance(cls, type) and issubclass(cls, PayloadModel)
            and isinstance(cls.Parameters, type) and issubclass(cls.Parameters, PayloadParameters)):
        raise FarsideValueError(f"entry point {GROUP}:{name}", eps[name].value,
                                "a PayloadModel subclass with a PayloadParameters schema")
    return cls
