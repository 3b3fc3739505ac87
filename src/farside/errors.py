"""Exception hierarchy of farside.

Every error raised for a user's mistake names the argument (or scenario field), the value
that came, and what is allowed, so that a command-line front end can print it on one line.
"""


class FarsideError(Exception):
    """Base class of every error farside raises on purpose."""


class FarsideValueError(FarsideError, ValueError):
    """An argument has a value outside what is allowed."""

    def __init__(self, argument: str, value, allowed: str):
        self.argument = argument
        self.value = value
        self.allowed = allowed
        super().__init__(f"{argument}={value!r} is not allowed: expected {allowed}")


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


class PropagationError(FarsideError):
    """The integrator could not go on (tolerance not met, non-finite state); the message names
    the epoch and the step size where it stopped."""
