"""mkdocs hooks of the farside documentation: the file references generated from the pydantic
models, the help of each command as `farside COMMAND --help` prints it, and a check that the
committed JSON Schema files are those the models give (a stale one is a warning, an error under
``strict``)."""
import logging
import os
import re
from pathlib import Path

from typer.testing import CliRunner

from farside.cli import app
from farside.report import scenario_reference

LOG = logging.getLogger("mkdocs.plugins.farside")
MARKER = re.compile(r"<!-- farside:(reference|help) ([a-z-]+) -->")
SCHEMA_DIR = Path(__file__).parent / "schema"


def _help(command: str) -> str:
    os.environ["COLUMNS"] = "100"
    result = CliRunner().invoke(app, [command, "--help"], prog_name="farside", terminal_width=100)
    if result.exit_code != 0:
        raise RuntimeError(f"farside {command} --help failed: {result.output}")
    return f"```text\n{result.output.rstrip()}\n```"


def _replace(match) -> str:
    kind, name = match.groups()
    return scenario_reference.markdown(name) if kind == "reference" else _help(name)


def on_pre_build(config):
    for kind in scenario_reference.FILES:
        path = SCHEMA_DIR / f"{kind}.schema.json"
        if not path.is_file() or path.read_text() != scenario_reference.json_schema(kind):
            LOG.warning(f"{path} differs from the models: regenerate it with "
                        f"python -m farside.report.scenario_reference {SCHEMA_DIR}")


def on_page_markdown(markdown, page, config, files):
    return MARKER.sub(_replace, markdown)
