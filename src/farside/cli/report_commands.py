"""``farside report``: the HTML mission report rebuilt from the files of a run."""
from pathlib import Path

import typer

from farside.cli.app import app, console, fail
from farside.errors import FarsideError


@app.command()
def report(folder: Path = typer.Argument(..., help="The output folder of `farside run`.")):
    """Rebuild report.html (one self-contained page, opens from file:// offline) from a run's files."""
    from farside.report import mission_report
    try:
        path = mission_report.write_report(folder)
    except FarsideError as error:
        fail(error)
    console.print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
