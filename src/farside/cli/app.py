"""The ``farside`` application object, its console and the one-line error printer.

A command is a module of this package that registers itself on :data:`app`; ``farside.cli``
imports each once (its ``__init__``).
"""
from pathlib import Path

import typer
from rich.console import Console

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


def fail(error: Exception):
    """Print a user mistake on one line and leave with exit code 2."""
    console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


def overrides(assignments) -> dict:
    """``--set PATH=VALUE`` options as a dict of scenario paths to values."""
    return dict(scenario_paths.parse_assignment(a) for a in assignments or [])


def load(scenario: Path, assignments):
    return load_scenario(scenario, overrides(assignments))
