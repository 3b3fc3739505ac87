"""The ``farside`` command: a thin shell over the library.

``farside demo`` prints the geometry at the Chang'e-6 landing epoch; ``farside info`` lists the
data files and their spans; ``farside validate`` checks a scenario file and ``farside run`` flies
it and writes its outputs; ``relay``, ``frozen-orbit``, ``campaign`` and ``campaign-report`` are
the analyses. A user mistake is printed on one line (exit code 2).

Each command lives in its own module and registers itself on :data:`farside.cli.app.app`; the
imports below are the registration.
"""
import gc
import sys

from farside.cli import mission_commands  # noqa: F401  (registration, in the order of `farside --help`)
from farside.cli import relay_commands  # noqa: F401
from farside.cli import campaign_commands  # noqa: F401
from farside.cli import payload_commands  # noqa: F401
from farside.cli import observe_commands  # noqa: F401
from farside.cli import report_commands  # noqa: F401
from farside.cli.app import app, report_error
from farside.errors import FarsideError

__all__ = ["app", "main"]


def main():
    # the objects of the modules imported so far live as long as the command: the garbage
    # collector's full passes skip them (a run's full passes: 0.7 -> 0.3 s CPU)
    gc.freeze()
    try:
        app()
    except FarsideError as error:
        report_error(error)
        sys.exit(2)
