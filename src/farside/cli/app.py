"""The ``farside`` application object, its console and the one-line error printer.

A command is a module of this package that registers itself on :data:`app`; ``farside.cli``
imports each once (its ``__init__``).

Output modes (:func:`set_output`, from a command's ``--quiet`` and ``--json``): by default tables
and progress go to :data:`console`; ``--quiet`` silences them, leaving only an error's line;
``--json`` silences them too and prints one JSON document on stdout (:func:`emit_json`), the
command's summary or ``{"error": ...}``, the error's line going to stderr. JSON has no NaN or
infinity (written ``null``), so any parser reads it.
"""
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from farside import __version__
from farside.errors import shown_name
from farside.mission import scenario_paths
from farside.mission.scenario import load_scenario

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="farside: lunar mission design, simulation and analysis.")
console = Console()
"""Tables, progress and notes (silenced by ``--quiet`` and ``--json``)."""
errors = Console()
"""Where the one-line error goes: stdout, or stderr under ``--json`` (stdout then holds JSON only)."""

QUIET_HELP = "Print nothing but an error's line (no progress, no tables)."
JSON_HELP = "Print only a JSON summary on stdout (an error as {\"error\": ...}; its line on stderr)."


@dataclass
class OutputMode:
    quiet: bool = False
    json: bool = False


MODE = OutputMode()
"""The output mode of the command being run (reset by :func:`options` before every command)."""


def set_output(quiet: bool = False, json_output: bool = False):
    """Switch the output mode: :data:`console` silenced by either flag, errors to stderr under JSON."""
    MODE.quiet, MODE.json = quiet, json_output
    console.quiet = quiet or json_output
    errors.stderr = json_output


def json_safe(value):
    """``value`` with every non-finite float as None and tuples as lists (strict JSON)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):   # a numpy scalar
        return json_safe(value.item())
    return value


def emit_json(record):
    """Print ``record`` (a dict, or a function returning it, called only under ``--json``) as one
    JSON document on stdout under ``--json``; otherwise nothing."""
    if MODE.json:
        record = record() if callable(record) else record
        sys.stdout.write(json.dumps(json_safe(record), indent=2, allow_nan=False) + "\n")


def _print_version(value: bool):
    if value:
        console.print(f"farside {__version__}")
        raise typer.Exit()


@app.callback()
def options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                         help="Print farside's version and exit.")):
    """farside: lunar mission design, simulation and analysis."""
    set_output()

SET_HELP = "Override a scenario value: PATH=VALUE, e.g. phases[LOI].burn.duration_s=900 (repeatable)."


MAX_ERROR_CHARS = 600
"""Longest error line printed (the values in it are bounded already, see `farside.errors.shown`)."""


def print_error(error: Exception):
    """Print ``error`` on one line of at most ``MAX_ERROR_CHARS``, its text taken literally: a
    user's value such as ``x[/b]`` or ``[nan, nan]`` is shown as written, never read as markup."""
    text = " ".join(str(error).split())
    if len(text) > MAX_ERROR_CHARS:
        text = text[:MAX_ERROR_CHARS - 3] + "..."
    errors.print(Text.assemble(("error:", "bold red"), " ", text), highlight=False, soft_wrap=True)


EPOCH_COLUMN = {"no_wrap": True}
"""Options of a table column holding epochs: never broken, never cut (see :func:`print_table`)."""


def print_table(table):
    """Print ``table`` readable at any width, a pipe's 80 columns included: a ``no_wrap`` column
    (:data:`EPOCH_COLUMN`) keeps the width of its longest cell, every other column wraps its text
    and folds a word too long for it onto the next line - nothing is cut to an ellipsis."""
    for column in table.columns:
        if column.no_wrap:
            column.min_width = max([len(str(cell)) for cell in column.cells] + [len(str(column.header))])
        else:
            column.overflow = "fold"
    console.print(table)


def literal_row(table, *cells):
    """Add a row whose text cells are shown as written (a phase named ``x[/b]`` is not markup)."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def report_error(error: Exception):
    """Print a user mistake on one line and, under ``--json``, as JSON on stdout: the message, and
    the argument or YAML path and what is allowed when the error names them."""
    print_error(error)
    record = {"message": " ".join(str(error).split())}
    if hasattr(error, "argument"):
        record["argument"] = shown_name(error.argument)
    emit_json({"error": record, "exit_code": 2})


def fail(error: Exception):
    """:func:`report_error`, then leave with exit code 2."""
    report_error(error)
    raise typer.Exit(code=2)


def overrides(assignments) -> dict:
    """``--set PATH=VALUE`` options as a dict of scenario paths to values."""
    return dict(scenario_paths.parse_assignment(a) for a in assignments or [])


def load(scenario: Path, assignments):
    return load_scenario(scenario, overrides(assignments))
