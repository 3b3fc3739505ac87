"""``farside payloads``: the installed payload models (entry-point group ``farside.payloads``) and
the parameters each takes in a scenario's ``payloads:`` block."""
import typer
from rich.table import Table

from farside.cli.app import app, console, fail, print_table
from farside.errors import FarsideError
from farside.payloads import registry


def _constraint(info) -> str:
    parts = []
    for item in info.metadata:
        for key, symbol in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            value = getattr(item, key, None)
            if value is not None:
                parts.append(f"{symbol} {value:g}" if isinstance(value, (int, float)) else f"{symbol} {value}")
    return ", ".join(parts)


def _type_name(annotation) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")


@app.command()
def payloads(model: str = typer.Argument(None, help="Show only this model's parameters.")):
    """List the installed payload models and their parameters."""
    try:
        installed = registry.installed()
        names = [model] if model else list(installed)
        classes = {name: registry.load(name) for name in names}
    except FarsideError as error:
        fail(error)
    summary = Table(title="installed payload models (entry points farside.payloads)")
    for column in ("model", "what it models", "provided by"):
        summary.add_column(column)
    for name, cls in classes.items():
        dist = installed[name].dist
        summary.add_row(name, cls.summary, f"{dist.name} {dist.version}" if dist is not None else "?")
    print_table(summary)
    for name, cls in classes.items():
        table = Table(title=f"{name}: parameters")
        for column in ("parameter", "type", "default", "allowed"):
            table.add_column(column)
        for field, info in cls.Parameters.model_fields.items():
            default = "(required)" if info.is_required() else repr(info.default)
            table.add_row(field, _type_name(info.annotation), default if len(default) < 60 else default[:57] + "...",
                          _constraint(info))
        print_table(table)


def print_payload_tables(runs, seconds: float):
    """One table per payload run: its figures beside the published ones, each row's basis."""
    for item in runs:
        table = Table(title=f"{item.label} ({item.model} on {item.module}): farside against published")
        for column in ("figure", "farside", "published", "basis", "source"):
            table.add_column(column)
        for row in item.outcome.comparisons:
            table.add_row(row.figure, row.value, row.published, row.basis, row.source)
        print_table(table)
    if runs:
        console.print(f"payloads: {len(runs)} models in {seconds:.1f} s")
