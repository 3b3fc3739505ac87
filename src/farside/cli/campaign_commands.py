"""``farside campaign`` and ``farside campaign-report``: Monte Carlo campaigns on Dask."""
import dataclasses
import json
import re
import time
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from farside.cli.app import JSON_HELP, QUIET_HELP, app, console, emit_json, fail, print_table, set_output
from farside.errors import FarsideError, FarsideValueError

SCHEDULER_URL = re.compile(r"(tcp|tls|ucx|inproc|ws|wss)://[^\s/:]+(:\d{1,5})?/?")


@app.command()
def campaign(file: Path = typer.Argument(..., help="Campaign YAML file."),
             samples: int = typer.Option(None, "-n", "--samples", help="Number of samples (default: the file's)."),
             output: Path = typer.Option(Path("out/campaign"), "-o", "--output", help="Folder for the results."),
             scheduler: str = typer.Option(None, "--scheduler", help="Address of a Dask scheduler, tcp://HOST:PORT "
                                                                   "(default: a local cluster on this machine's cores)."),
             workers: int = typer.Option(None, "--workers", help="Worker processes of the local cluster."),
             resume: bool = typer.Option(False, "--resume", help="Run only the chunks the folder lacks."),
             quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
             json_output: bool = typer.Option(False, "--json", help=JSON_HELP)):
    """Run a Monte Carlo campaign on Dask: one Parquet file per finished chunk and a manifest (both
    stamped with the run id)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from farside.campaign import runner
    from farside.campaign.spec import load_campaign
    from farside.io.run_stamp import new_run
    set_output(quiet, json_output)
    stamp = new_run()
    try:
        _check_options(scheduler, workers)
        runner.dask_modules()
        spec = load_campaign(file, samples)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]:.2f} samples/s, {task.fields[failed]} failed"),
                      TimeElapsedColumn(), TimeRemainingColumn(), console=console) as bar:
            task = bar.add_task("nominal run and cluster start", total=spec.samples, rate=0.0, failed=0)
            first = {}

            def progress(done, total, failed):
                now = time.perf_counter()
                first.setdefault("t", now)
                first.setdefault("done", done)
                elapsed = now - first["t"]
                rate = (done - first["done"]) / elapsed if elapsed > 0 else 0.0
                bar.update(task, completed=done, description="samples", rate=rate, failed=failed)
            result = runner.run(spec, output, scheduler, resume, workers, progress, stamp)
    except FarsideError as error:
        fail(error)
    console.print(f"{result.samples} samples ({result.chunks_run} chunks run, {result.chunks_skipped} already done, "
                  f"{result.failed} failed) on {result.workers} workers in {result.wall_s:.1f} s "
                  f"(cluster start {result.startup_s:.1f} s, sample compute {result.compute_s:.1f} s); results in {output} "
                  f"(run {result.run_id})", markup=False)
    emit_json({"command": "campaign", "name": spec.name, "output": str(output), "run": stamp.record(),
               **dataclasses.asdict(result)})


@app.command("campaign-report")
def campaign_report_command(folder: Path = typer.Argument(..., help="A campaign results folder."),
                            quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
                            json_output: bool = typer.Option(False, "--json", help=JSON_HELP)):
    """Statistics (with 95 % confidence intervals), margins and figures of a campaign's results."""
    from farside.report import campaign_report
    from farside.report.campaign_report import SPREAD_BASIS
    set_output(quiet, json_output)
    try:
        report = campaign_report.build(folder)
        paths = campaign_report.write(report, folder)
        from farside.report.mission_report.campaign_page import write_campaign_page
        paths.append(write_campaign_page(report, folder))
    except FarsideError as error:
        fail(error)
    table = Table(title=escape(f"{report.name}: {report.samples} of {report.planned} samples"))
    for column in ("output", "nominal", "mean [95% CI]", "sigma [95% CI]", "p1", "p50", "p99 [95% CI]"):
        table.add_column(column, justify="left" if column == "output" else "right")
    for o in report.outputs:
        ci = o.percentile_ci[99.0]
        cells = (o.name, f"{o.nominal:.6g}", f"{o.mean:.6g} [{o.mean_ci[0]:.6g}, {o.mean_ci[1]:.6g}]",
                 f"{o.sigma:.4g} [{o.sigma_ci[0]:.4g}, {o.sigma_ci[1]:.4g}]", f"{o.percentiles[1.0]:.6g}",
                 f"{o.percentiles[50.0]:.6g}", f"{o.percentiles[99.0]:.6g} [{ci[0]:.6g}, {ci[1]:.6g}]")
        table.add_row(*map(escape, cells))   # "[nan, nan]" is text, not a markup tag
    print_table(table)
    basis = report.manifest.get("basis", {})
    console.print("basis of the nominal values: " + ", ".join(f"{o.name} {basis.get(o.name, 'unknown')}"
                                                              for o in report.outputs)
                  + "; the spread is a " + SPREAD_BASIS[bool(report.manifest["campaign"].get("retarget"))], markup=False)
    console.print(escape(f"failure rate {100 * report.failure_rate:.2f} % (95 % CI {100 * report.failure_ci[0]:.2f}-"
                         f"{100 * report.failure_ci[1]:.2f} %)" + (f"; reasons: {report.reasons}" if report.reasons
                                                                   else "")))
    for o in report.outputs:
        if o.non_finite:
            console.print(escape(o.name) + f": {o.non_finite} samples with an infinite value, left out of its statistics")
    for name, margin in report.margins.items():
        console.print(f"99 % margin of {name}: {margin:+.4g} over the nominal")
    console.print("wrote " + ", ".join(p.name for p in paths) + f" in {folder}", markup=False)
    emit_json(lambda: {"command": "campaign-report", **json.loads(paths[1].read_text(encoding="utf-8")),
                       "files": [p.name for p in paths]})


def _check_options(scheduler, workers):
    """Refuse a scheduler that is not an address and a worker count below one, before any work."""
    if scheduler is not None and not SCHEDULER_URL.fullmatch(scheduler):
        raise FarsideValueError("--scheduler", scheduler, "the address of a Dask scheduler, tcp://HOST:PORT")
    if workers is not None and workers < 1:
        raise FarsideValueError("--workers", workers, "a number of worker processes >= 1")
