"""``farside demo``, ``info``, ``validate`` and ``run``: the mission scenario commands."""
import time
from pathlib import Path

import numpy as np
import typer
from rich.markup import escape
from rich.table import Table

import farside as fs
from farside.astro import data_files, ephemeris, orientation
from farside.astro.bodies import AU_M
from farside.astro.eop import default_eop
from farside.astro.leapseconds import default_table
from farside.astro.sites import Site
from farside.cli.app import (EPOCH_COLUMN, JSON_HELP, QUIET_HELP, SET_HELP, app, console, emit_json, fail, literal_row,
                             load, print_table, set_output)
from farside.errors import FarsideError
from farside.gnc.forked_trials import forked_trials
from farside.io.atomic import prepare_output_folder
from farside.io.forked_call import ForkedCall
from farside.io.run_stamp import new_run, write_run_record
from farside.cli.payload_commands import print_payload_tables
from farside.mission import comparison, outputs, payload_runner, sequencer
from farside.report.figure_text import format_figure, published_text, residual_or_anchor, residual_text
from farside.report.payload_figures import write_payload_figures
from farside.report.run_files import write_entry_figures, write_timeline_and_launch_figures

CHANGE6_LANDING_UTC = "2024-06-01T22:23:16"
"""Published touchdown time (shared/reference/change6.md, timeline row 11)."""
CHANGE6_SITE = Site.from_degrees("Chang'e-6 (LROC fix)", "moon", -41.6385, 206.0148, -5256.0)
"""LROC site fix, 41.6385 S 206.0148 E, -5256 m from the 1737.4 km sphere (change6.md §2)."""


@app.command()
def demo(epoch: str = typer.Option(CHANGE6_LANDING_UTC, help="UTC epoch of the summary (ISO 8601).")):
    """Geometry of the Earth, Moon, Sun and the Chang'e-6 site at an epoch."""
    try:
        t = fs.Epoch(epoch, scale="utc")
        r_moon, v_moon = fs.ephemeris.state("moon", t, center="earth")
        r_sun, _ = fs.ephemeris.state("sun", t, center="earth")
        rot_me = fs.frames.rotation("GCRF", "MOON_ME", t)
        rot_pa = fs.frames.rotation("GCRF", "MOON_PA", t)
    except FarsideError as error:
        fail(error)
    site_me = CHANGE6_SITE.position_fixed_m
    site_gcrf = rot_me.T @ site_me
    site_from_earth = r_moon + site_gcrf
    ra = np.degrees(np.arctan2(site_from_earth[1], site_from_earth[0])) % 360.0
    dec = np.degrees(np.arcsin(site_from_earth[2] / np.linalg.norm(site_from_earth)))
    earth_me = rot_me @ (-r_moon)
    sun_me = rot_me @ (r_sun - r_moon)
    _, el_earth, _ = CHANGE6_SITE.aer(earth_me)
    _, el_sun, _ = CHANGE6_SITE.aer(sun_me)
    sub_earth_lat = np.degrees(np.arcsin(earth_me[2] / np.linalg.norm(earth_me)))
    sub_earth_lon = np.degrees(np.arctan2(earth_me[1], earth_me[0]))
    pa_me_angle = np.degrees(np.arccos(np.clip((np.trace(rot_me @ rot_pa.T) - 1) / 2, -1, 1))) * 3600

    table = Table(title=f"farside — Chang'e-6 landing epoch, {t.iso('utc', 3)} UTC", show_header=True)
    table.add_column("quantity")
    table.add_column("value", justify="right")
    literal_row(table, "epoch TDB (s past J2000)", f"{t.tdb_seconds:.6f}")
    literal_row(table, "epoch TDB / TT / TAI", f"{t.iso('tdb')} / {t.iso('tt')} / {t.iso('tai')}")
    literal_row(table, "UT1", t.iso("ut1", 6))
    literal_row(table, "Moon geocentric distance", f"{np.linalg.norm(r_moon) / 1e3:,.3f} km")
    literal_row(table, "Moon geocentric speed", f"{np.linalg.norm(v_moon):,.3f} m/s")
    literal_row(table, "Sun geocentric distance", f"{np.linalg.norm(r_sun) / AU_M:.8f} au")
    literal_row(table, "sub-Earth point on the Moon (ME)", f"{sub_earth_lat:+.4f}° lat, {sub_earth_lon:+.4f}° lon")
    literal_row(table, "MOON_PA ↔ MOON_ME rotation angle", f'{pa_me_angle:.2f}"')
    literal_row(table, "Chang'e-6 site direction from Earth (GCRF)", f"RA {ra:.4f}°, Dec {dec:+.4f}°")
    literal_row(table, "Chang'e-6 site distance from Earth", f"{np.linalg.norm(site_from_earth) / 1e3:,.3f} km")
    literal_row(table, "Earth elevation at the site", f"{np.degrees(el_earth):+.3f}° "
                  + ("(below the horizon: far side)" if el_earth < 0 else "(visible)"))
    literal_row(table, "Sun elevation at the site", f"{np.degrees(el_sun):+.3f}°")
    print_table(table)


@app.command()
def info():
    """Data files farside reads, and the span each covers."""
    eph = ephemeris.default()
    leap = default_table()
    eop = default_eop()
    table = Table(title="farside data files")
    for column in ("data", "file", "span"):
        table.add_column(column)
    literal_row(table, "ephemeris DE440s", str(eph.table.source), eph.span())
    for name, pck in (("Moon PA (DE440)", orientation.moon_pa()), ("Earth ITRF93", orientation.earth_itrf93())):
        span = (f"{fs.Epoch.from_tdb_seconds(pck.start_s).iso('tdb', 0)} to "
                f"{fs.Epoch.from_tdb_seconds(pck.end_s).iso('tdb', 0)} TDB")
        literal_row(table, name, str(pck.table.source), span)
    literal_row(table, "leap seconds", str(data_files.leapseconds()),
                  f"{len(leap.day)} entries, TAI-UTC = {leap.tai_minus_utc_s[-1]:.0f} s since the last")
    last_obs = eop.mjd[~eop.predicted][-1]
    literal_row(table, "IERS EOP", str(data_files.iers_finals2000a()),
                  f"{eop.span()}; predictions after MJD {last_obs:.0f}")
    print_table(table)


@app.command()
def validate(scenario: Path = typer.Argument(..., help="Scenario YAML file."),
             set_: list[str] = typer.Option(None, "--set", help=SET_HELP),
             quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
             json_output: bool = typer.Option(False, "--json", help=JSON_HELP)):
    """Check a scenario file without flying it: the schema, the epochs against the ephemeris, the engines
    against the weights they lift; every error names its YAML path, the value and what is allowed."""
    set_output(quiet, json_output)
    try:
        sc = load(scenario, set_)
        sequencer.preflight(sc)
    except FarsideError as error:
        fail(error)
    phases = [(p.name, p.action.describe(), "" if p.target is None else f"from {p.target.from_phase}: " + ", ".join(
        f"{g.quantity}={g.value:g}" for g in p.target.achieve)) for p in sc.phases]
    table = Table(title=f"{sc.name}: {len(sc.phases)} phases")
    for column in ("#", "phase", "action", "target"):
        table.add_column(column)
    for i, row in enumerate(phases):
        literal_row(table, str(i), *row)
    print_table(table)
    console.print(f"[green]{escape(str(scenario))} is valid[/]")
    emit_json({"command": "validate", "scenario": str(scenario), "valid": True, "name": sc.name,
               "phases": [{"name": n, "action": a, "target": t or None} for n, a, t in phases]})


@app.command()
def run(scenario: Path = typer.Argument(..., help="Scenario YAML file."),
        output: Path = typer.Option(Path("out"), "-o", "--output", help="Folder for the output files."),
        set_: list[str] = typer.Option(None, "--set", help=SET_HELP),
        quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
        json_output: bool = typer.Option(False, "--json", help=JSON_HELP)):
    """Fly a scenario and write its trajectories (OEM, SPK, CSV), timeline, summary and run.json (the
    run id and every file's checksum)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    set_output(quiet, json_output)
    tic = time.perf_counter()
    stamp = new_run()
    try:
        sc = load(scenario, set_)
        sequencer.preflight(sc)
        prepare_output_folder(output)
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task("phases", total=len(sc.phases))
            heard = [True]       # a corrector's trial flown in a forked child is not heard

            def progress(event):
                if not heard[0]:
                    return
                if event.kind == "phase":
                    bar.update(task, completed=event.index, description=progress_line(event))
                else:
                    bar.console.print(f"  {progress_line(event)}", highlight=False, markup=False)
            with forked_trials(in_child=lambda: heard.__setitem__(0, False)):
                result = sequencer.run(sc, progress)
            bar.update(task, completed=len(sc.phases))
        payloads = ForkedCall(_entry_figures_and_payload_files, result, sc.payloads, output)
        try:
            paths = outputs.write_all(result, output, stamp) + write_timeline_and_launch_figures(result, output)
        except BaseException:
            payloads.cancel()
            raise
        payload_runs, payload_paths, payload_s = payloads.result()
        paths += payload_paths
        from farside.report.mission_report import write_report
        paths.append(write_report(output))
        paths.append(write_run_record(output, stamp, "run", paths))
    except FarsideError as error:
        fail(error)
    if not console.quiet:       # the tables take a third of a second to lay out, for nothing here
        _print_run(result, payload_runs, payload_s)
    console.print(f"wrote {len(paths)} files to {output} (run {stamp.run_id}) in {time.perf_counter() - tic:.1f} s",
                  markup=False)
    emit_json(lambda: {"command": "run", **outputs.summary(result, stamp), "output": str(output),
                       "files": sorted(p.relative_to(output).as_posix() for p in paths),
                       "wall_s": time.perf_counter() - tic})


def _entry_figures_and_payload_files(result, entries, output):
    """The entry phases' figures, then the payload models run on ``result`` and their files and
    figures, written into ``output``: ``(runs, paths, payload seconds)``. `run` calls it in a
    `ForkedCall` while it writes the data files, the timeline and the launch figures: the two
    halves take about the same time."""
    paths = write_entry_figures(result, output)
    tic = time.perf_counter()
    runs = payload_runner.run(result, entries)
    paths += payload_runner.write(runs, output) + write_payload_figures(runs, output)
    return runs, paths, time.perf_counter() - tic


def progress_line(event) -> str:
    """A `farside.mission.progress.Progress` event as the line the progress bar shows: the phase
    starting (``phase 3/40: LOI``) or the step a phase or corrector reports (``LOI: iteration 1: ...``)."""
    if event.kind == "phase":
        return f"phase {event.index + 1}/{event.count}: {event.phase}"
    return f"{event.phase}: {event.text}" if event.phase else event.text


def _print_run(result, payload_runs, payload_s):
    """The tables of a finished run: timeline, guided phases' figures, the comparisons, payloads, burns."""
    table = Table(title=f"{result.name}: timeline (UTC)")
    for column in ("epoch", "phase", "event", "detail"):
        table.add_column(column, **(EPOCH_COLUMN if column == "epoch" else {}))
    for e in sorted(result.timeline, key=lambda e: e.epoch.tdb_seconds):
        literal_row(table, e.epoch.iso("utc", 0), e.phase, e.event, e.detail)
    print_table(table)
    for phase, figures in result.reports.items():
        report = Table(title=phase)
        report.add_column("figure")
        report.add_column("value", justify="right")
        for name, value in figures.items():
            literal_row(report, name, format_figure(value))
        print_table(report)
    _print_comparison(result)
    print_payload_tables(payload_runs, payload_s)
    burns = Table(title="burns")
    for column in ("phase", "module.engine", "duration s", "delta-v m/s", "propellant kg"):
        burns.add_column(column, justify="right" if column[0] in "dp" and column != "phase" else "left")
    for b in result.burns:
        literal_row(burns, b.phase, f"{b.module}.{b.engine}", f"{b.duration_s:.1f}", f"{b.delta_v_m_s:.2f}",
                      f"{b.propellant_kg:.1f}")
    literal_row(burns, "total", "", "", f"{result.total_delta_v_m_s:.2f}", f"{sum(b.propellant_kg for b in result.burns):.1f}")
    print_table(burns)
    console.print("propellant left: " + ", ".join(f"{m} {kg:.1f} kg" for m, kg in result.propellant_left_kg.items()))
    _print_predictions(result)


def _print_comparison(result):
    """The tables against the published figures, each row with its basis (a target's residual
    against its tolerance, a prediction's anchor), then the predictions alone."""
    published = result.scenario.published
    if published.events:
        table = Table(title="events: simulated against published (UTC, MM-DD)")
        for column in ("event", "published", "sim - pub", "basis", "residual or anchor"):
            table.add_column(column, no_wrap=column in ("published", "sim - pub"))
        for row in comparison.event_rows(result, published):
            literal_row(table, row.name, _short_utc(row.published.tdb_seconds), f"{row.difference_s / 60.0:+.1f} min",
                        row.basis.kind, residual_or_anchor(row.basis, "s"))
        print_table(table)
    if published.orbits:
        table = Table(title="orbits: simulated against published")
        for column in ("after", "quantity", "published", "simulated", "basis", "residual or anchor"):
            table.add_column(column)
        for row in comparison.orbit_rows(result, published):
            unit = comparison.ORBIT_UNITS[row.quantity]
            literal_row(table, row.phase, f"{comparison.ORBIT_LABELS[row.quantity]} ({unit})", f"{row.published:g}",
                        f"{row.simulated:.2f}", row.basis.kind, residual_or_anchor(row.basis, unit))
        print_table(table)
    if published.propellant:
        table = Table(title="propellant: simulated against published or estimated (kg)")
        for column in ("burns", "published or estimated", "simulated", "difference", "basis"):
            table.add_column(column)
        for row in comparison.propellant_rows(result, published):
            literal_row(table, row.name, f"{row.published:.1f}", f"{row.simulated:.1f}",
                        f"{row.difference_percent:+.1f} %", row.basis.kind)
        print_table(table)
    if published.figures:
        table = Table(title="phase figures: simulated against published")
        for column in ("figure", "published", "simulated", "basis", "residual"):
            table.add_column(column)
        for row in comparison.figure_rows(result, published):
            literal_row(table, row.name, published_text(row), f"{row.simulated:.4g} {row.unit}",
                        row.basis.kind, residual_text(row.basis, row.unit))
        print_table(table)


def _short_utc(tdb_s) -> str:
    """``MM-DD hh:mm:ss`` UTC: the comparison tables' epochs (the year is the scenario's)."""
    return fs.Epoch.from_tdb_seconds(tdb_s).iso("utc", 0)[5:].replace("T", " ")


def _print_predictions(result):
    """The figures that came out of the physics, against the published ones (sources in timeline.md)."""
    rows = comparison.predictions(result)
    if not rows:
        return
    table = Table(title="predictions: what the flight gives against the published figures")
    for column in ("figure", "published", "simulated", "difference"):
        table.add_column(column, justify="left" if column == "figure" else "right", no_wrap=column != "figure")
    for p in rows:
        if p.unit == "s":
            literal_row(table, p.name, _short_utc(p.published), _short_utc(p.simulated), f"{p.difference / 60.0:+.1f} min")
        else:
            literal_row(table, p.name, f"{p.published:g} {p.unit}", f"{p.simulated:.2f} {p.unit}",
                        f"{p.difference:+.3g} {p.unit}")
    print_table(table)
