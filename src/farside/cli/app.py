"""The ``farside`` application object, its console and the one-line error printer.

A command is a module of this package that registers itself on :data:`app`; ``farside.cli``
imports each once (its ``__init__``).
"""
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from farside import __version__
from farside.mission import scenario_paths
from farside.mission.scenario import load_scenario

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="farside: lunar mission design, simulation and analysis.")
console = Console()


def _print_version(value: bool):
    if value:
        console.print(f"farside {__version__}")
        raise typer.Exit()


@app.callback()
def options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                         help="Print farside's version and exit.")):
    """farside: lunar mission design, simulation and analysis."""

SET_HELP = "Override a scenario value: PATH=VALUE, e.g. phases[LOI].burn.duration_s=900 (repeatable)."


MAX_ERROR_CHARS = 600
"""Longest error line printed (the values in it are bounded already, see `farside.errors.shown`)."""


def print_error(error: Exception):
    """Print ``error`` on one line of at most ``MAX_ERROR_CHARS``, its text taken literally: a
    user's value such as ``x[/b]`` or ``[nan, nan]`` is shown as written, never read as markup."""
    text = " ".join(str(error).split())
    if len(text) > MAX_ERROR_CHARS:
        text = text[:MAX_ERROR_CHARS - 3] + "..."
    console.print(Text.assemble(("error:", "bold red"), " ", text), highlight=False, soft_wrap=True)


def literal_row(table, *cells):
    """Add a row whose text cells are shown as written (a phase named ``x[/b]`` is not markup)."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def fail(error: Exception):
    """Print a user mistake on one line and leave with exit code 2."""
    print_error(error)
    raise typer.Exit(code=2)


def overrides(assignments) -> dict:
    """``--set PATH=VALUE`` options as a dict of scenario paths to values."""
    return dict(scenario_paths.parse_assignment(a) for a in assignments or [])


def load(scenario: Path, assignments):
    return load_scenario(scenario, overrides(assignments))
