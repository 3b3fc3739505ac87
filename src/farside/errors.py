"""Exception hierarchy of farside.

Every error raised for a user's mistake names the argument (or scenario field), the value
that came, and what is allowed, so that a command-line front end can print it on one line.
The value is echoed bounded (:func:`shown`): a value of any size - a YAML alias bomb, a
megabyte string - costs at most ``MAX_SHOWN`` characters, never its full representation.
"""
import importlib
import reprlib

MAX_SHOWN = 120
"""Most characters of a user's value echoed in a message (the rest is cut and marked ``...``)."""

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxlong, _REPR.maxother = 3, MAX_SHOWN, 40, MAX_SHOWN
_REPR.maxtuple = _REPR.maxlist = _REPR.maxarray = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = 6


def shown(value) -> str:
    """``repr(value)`` bounded in depth, items and length (at most ``MAX_SHOWN`` characters, on
    one line): nested containers are summarised by reprlib without being expanded."""
    text = _REPR.repr(value) if not isinstance(value, str) else repr(value[:MAX_SHOWN + 1])
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "..."


class FarsideError(Exception):
    """Base class of every error farside raises on purpose."""


class FarsideValueError(FarsideError, ValueError):
    """An argument has a value outside what is allowed."""

    def __init__(self, argument: str, value, allowed: str):
        self.argument = argument
        self.value = value
        self.allowed = allowed
        super().__init__(f"{shown_name(argument)}={shown(value)} is not allowed: expected {_bounded(allowed)}")


def _bounded(text, limit=4 * MAX_SHOWN):
    """What is allowed, on one line and at most ``limit`` characters (a list of 40 phase names is cut)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def shown_name(argument) -> str:
    """An argument's name or YAML path, bounded like a value (a path may come from a user)."""
    text = " ".join(str(argument).split())
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "..."


class UnknownNameError(FarsideValueError):
    """A body, frame or time-scale name that farside does not know."""

    def __init__(self, argument: str, value, known):
        super().__init__(argument, value, "one of " + ", ".join(sorted(known)))


class EpochFormatError(FarsideValueError):
    """A time string that is not ISO 8601 calendar or day-of-year form."""

    def __init__(self, argument: str, value):
        super().__init__(argument, value,
                         "an ISO 8601 date-time such as '2024-06-01T22:23:16.5' or '2024-153T22:23:16.5'")


class OutOfCoverageError(FarsideValueError):
    """An epoch outside the span a data file (ephemeris, orientation, EOP) covers."""

    def __init__(self, argument: str, value, span: str):
        super().__init__(argument, value, f"an epoch within {span}")


class ScenarioError(FarsideValueError):
    """A scenario field with a bad value; `argument` is the YAML path of the field."""


class FileKindError(ScenarioError):
    """A YAML file of another kind than the command takes (a relay file given to ``validate``)."""

    def __init__(self, argument: str, path, kind: str, expected: str, command: str):
        super().__init__(argument, str(path), f"a {expected} file; this is a {kind} file, which `{command}` takes")


class MissingExtraError(FarsideError):
    """An optional dependency is not installed; the message names the extra of farside that brings it."""

    def __init__(self, module: str, extra: str, feature: str):
        self.module, self.extra = module, extra
        super().__init__(f"{feature} needs the optional dependency {module}, which is not installed: "
                         f"pip install 'farside[{extra}]'")


def import_optional(module: str, extra: str, feature: str):
    """The module ``module`` of an optional dependency (pyproject.toml's ``[extra]``), or a
    `MissingExtraError` naming ``feature`` (what needs it) and the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module, extra, feature) from None


class PropagationError(FarsideError):
    """The integrator could not go on (tolerance not met, non-finite state); the message names
    the epoch and the step size where it stopped."""
