"""The ``farside`` command: a thin shell over the library.

``farside demo`` prints the Foundation summary at the Chang'e-6 landing epoch; ``farside info``
lists the data files and their spans; ``farside validate`` checks a scenario file and ``farside
run`` flies it and writes its outputs. A user mistake is printed on one line (exit code 2).
"""
import sys
import time
from pathlib import Path

import numpy as np
import typer
from rich.console import Console
from rich.table import Table

import farside as fs
from farside.astro import data_files, ephemeris, orientation
from farside.astro.bodies import AU_M
from farside.astro.eop import default_eop
from farside.astro.leapseconds import default_table
from farside.astro.sites import Site
from farside.errors import FarsideError
from farside.mission import comparison, outputs, scenario_paths, sequencer
from farside.mission.scenario import load_scenario

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="farside: lunar mission design, simulation and analysis.")
console = Console()

CHANGE6_LANDING_UTC = "2024-06-01T22:23:16"
"""Published touchdown time (shared/reference/change6.md, timeline row 11)."""
CHANGE6_SITE = Site.from_degrees("Chang'e-6 (LROC fix)", "moon", -41.6385, 206.0148, -5256.0)
"""LROC site fix, 41.6385 S 206.0148 E, -5256 m from the 1737.4 km sphere (change6.md §2)."""


def _fail(error: Exception):
    console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


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
        _fail(error)
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
    table.add_row("epoch TDB (s past J2000)", f"{t.tdb_seconds:.6f}")
    table.add_row("epoch TDB / TT / TAI", f"{t.iso('tdb')} / {t.iso('tt')} / {t.iso('tai')}")
    table.add_row("UT1", t.iso("ut1", 6))
    table.add_row("Moon geocentric distance", f"{np.linalg.norm(r_moon) / 1e3:,.3f} km")
    table.add_row("Moon geocentric speed", f"{np.linalg.norm(v_moon):,.3f} m/s")
    table.add_row("Sun geocentric distance", f"{np.linalg.norm(r_sun) / AU_M:.8f} au")
    table.add_row("sub-Earth point on the Moon (ME)", f"{sub_earth_lat:+.4f}° lat, {sub_earth_lon:+.4f}° lon")
    table.add_row("MOON_PA ↔ MOON_ME rotation angle", f'{pa_me_angle:.2f}"')
    table.add_row("Chang'e-6 site direction from Earth (GCRF)", f"RA {ra:.4f}°, Dec {dec:+.4f}°")
    table.add_row("Chang'e-6 site distance from Earth", f"{np.linalg.norm(site_from_earth) / 1e3:,.3f} km")
    table.add_row("Earth elevation at the site", f"{np.degrees(el_earth):+.3f}° "
                  + ("(below the horizon: far side)" if el_earth < 0 else "(visible)"))
    table.add_row("Sun elevation at the site", f"{np.degrees(el_sun):+.3f}°")
    console.print(table)


@app.command()
def info():
    """Data files farside reads, and the span each covers."""
    eph = ephemeris.default()
    leap = default_table()
    eop = default_eop()
    table = Table(title="farside data files")
    for column in ("data", "file", "span"):
        table.add_column(column)
    table.add_row("ephemeris DE440s", str(eph.table.source), eph.span())
    for name, pck in (("Moon PA (DE440)", orientation.moon_pa()), ("Earth ITRF93", orientation.earth_itrf93())):
        span = (f"{fs.Epoch.from_tdb_seconds(pck.start_s).iso('tdb', 0)} to "
                f"{fs.Epoch.from_tdb_seconds(pck.end_s).iso('tdb', 0)} TDB")
        table.add_row(name, str(pck.table.source), span)
    table.add_row("leap seconds", str(data_files.leapseconds()),
                  f"{len(leap.day)} entries, TAI-UTC = {leap.tai_minus_utc_s[-1]:.0f} s since the last")
    last_obs = eop.mjd[~eop.predicted][-1]
    table.add_row("IERS EOP", str(data_files.iers_finals2000a()),
                  f"{eop.span()}; predictions after MJD {last_obs:.0f}")
    console.print(table)


def _load(scenario: Path, assignments):
    overrides = dict(scenario_paths.parse_assignment(a) for a in assignments or [])
    return load_scenario(scenario, overrides)


SET_HELP = "Override a scenario value: PATH=VALUE, e.g. phases[LOI].burn.duration_s=900 (repeatable)."


@app.command()
def validate(scenario: Path = typer.Argument(..., help="Scenario YAML file."),
             set_: list[str] = typer.Option(None, "--set", help=SET_HELP)):
    """Check a scenario file: every error names its YAML path, the value and what is allowed."""
    try:
        sc = _load(scenario, set_)
    except FarsideError as error:
        _fail(error)
    table = Table(title=f"{sc.name}: {len(sc.phases)} phases")
    for column in ("#", "phase", "action", "target"):
        table.add_column(column)
    for i, p in enumerate(sc.phases):
        action = "coast" if p.coast else "burn" if p.burn else "separate"
        target = "" if p.target is None else f"from {p.target.from_phase}: " + ", ".join(
            f"{g.quantity}={g.value:g}" for g in p.target.achieve)
        table.add_row(str(i), p.name, action, target)
    console.print(table)
    console.print(f"[green]{scenario} is valid[/]")


@app.command()
def run(scenario: Path = typer.Argument(..., help="Scenario YAML file."),
        output: Path = typer.Option(Path("out"), "-o", "--output", help="Folder for the output files."),
        set_: list[str] = typer.Option(None, "--set", help=SET_HELP)):
    """Fly a scenario and write its trajectories (OEM, SPK, CSV), timeline and summary."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    tic = time.perf_counter()
    try:
        sc = _load(scenario, set_)
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task("phases", total=len(sc.phases))

            def progress(text):
                if text.startswith("phase "):
                    bar.update(task, completed=int(text.split()[1].split("/")[0]) - 1, description=text)
                else:
                    bar.console.print(f"  {text}", highlight=False)
            result = sequencer.run(sc, progress)
            bar.update(task, completed=len(sc.phases))
        paths = outputs.write_all(result, output)
    except FarsideError as error:
        _fail(error)
    table = Table(title=f"{result.name}: timeline (UTC)")
    for column in ("epoch", "phase", "event", "detail"):
        table.add_column(column)
    for e in sorted(result.timeline, key=lambda e: e.epoch.tdb_seconds):
        table.add_row(e.epoch.iso("utc", 0), e.phase, e.event, e.detail)
    console.print(table)
    for phase, figures in result.reports.items():
        report = Table(title=phase)
        report.add_column("figure")
        report.add_column("value", justify="right")
        for name, value in figures.items():
            report.add_row(name, outputs.format_figure(value))
        console.print(report)
    _print_comparison(result)
    burns = Table(title="burns")
    for column in ("phase", "module.engine", "duration s", "delta-v m/s", "propellant kg"):
        burns.add_column(column, justify="right" if column[0] in "dp" and column != "phase" else "left")
    for b in result.burns:
        burns.add_row(b.phase, f"{b.module}.{b.engine}", f"{b.duration_s:.1f}", f"{b.delta_v_m_s:.2f}",
                      f"{b.propellant_kg:.1f}")
    burns.add_row("total", "", "", f"{result.total_delta_v_m_s:.2f}", f"{sum(b.propellant_kg for b in result.burns):.1f}")
    console.print(burns)
    console.print("propellant left: " + ", ".join(f"{m} {kg:.1f} kg" for m, kg in result.propellant_left_kg.items()))
    console.print(f"wrote {len(paths)} files to {output} in {time.perf_counter() - tic:.1f} s")


def _print_comparison(result):
    published = result.scenario.published
    if published.events:
        table = Table(title="events: simulated against published (UTC)")
        for column in ("event", "published", "simulated", "difference", "source"):
            table.add_column(column)
        for row in comparison.event_rows(result, published):
            table.add_row(row.name, row.published.iso("utc", 0), row.simulated.iso("utc", 0),
                          f"{row.difference_s / 60.0:+.1f} min", row.source)
        console.print(table)
    if published.orbits:
        table = Table(title="orbits: simulated against published")
        for column in ("after", "quantity", "published", "simulated", "difference", "source"):
            table.add_column(column)
        for row in comparison.orbit_rows(result, published):
            table.add_row(row.phase, row.quantity, f"{row.published:g}", f"{row.simulated:.2f}",
                          f"{row.difference:+.2f}", row.source)
        console.print(table)
    if published.propellant:
        table = Table(title="propellant: simulated against published or estimated (kg)")
        for column in ("burns", "published or estimated", "simulated", "difference", "source"):
            table.add_column(column)
        for row in comparison.propellant_rows(result, published):
            table.add_row(row.name, f"{row.published:.1f}", f"{row.simulated:.1f}", f"{row.difference_percent:+.1f} %",
                          row.source)
        console.print(table)


@app.command()
def relay(scenario: Path = typer.Argument(..., help="Relay scenario YAML file."),
          output: Path = typer.Option(Path("out/relay"), "-o", "--output", help="Folder for the CSV and figure."),
          set_: list[str] = typer.Option(None, "--set", help=SET_HELP)):
    """Relay windows and link budgets over a surface stay: lander -> relay -> ground stations."""
    from farside.comms.windows import total_s
    from farside.mission.relay import analyse
    from farside.mission.relay_outputs import window_rows, write_relay_files
    from farside.mission.relay_scenario import load_relay_scenario
    from farside.report.relay_plot import plot_relay
    try:
        sc = load_relay_scenario(scenario, dict(scenario_paths.parse_assignment(a) for a in set_ or []))
        with console.status("relay analysis") as status:
            result = analyse(sc, lambda text: status.update(text))
    except FarsideError as error:
        _fail(error)
    span = result.times_s[-1] - result.times_s[0]
    table = Table(title=f"{sc.name}: windows (UTC), light time included")
    for column in ("link", "start", "end", "hours"):
        table.add_column(column)
    for link, lo, hi in window_rows(result):
        table.add_row(link, fs.Epoch.from_tdb_seconds(lo).iso("utc", 0), fs.Epoch.from_tdb_seconds(hi).iso("utc", 0),
                      f"{(hi - lo) / 3600.0:.2f}")
    console.print(table)
    days = span / 86400.0
    console.print(f"lander -> relay {total_s(result.lander_windows) / 3600.0:.1f} h, any station "
                  f"{total_s(result.ground_windows) / 3600.0:.1f} h, end to end {total_s(result.end_to_end) / 3600.0:.1f} h "
                  f"of {span / 3600.0:.1f} h ({total_s(result.end_to_end) / 3600.0 / days:.1f} h per day); "
                  f"data returnable {result.volume_bits[-1] / 8e9:.1f} GB; lander link margin at "
                  f"{sc.links.lander_to_relay.data_rate_bps / 1e6:g} Mbit/s: "
                  f"{np.nanmin(np.where(result.lander_elevation_deg > 0, result.lander_margin_db, np.nan)):.1f} to "
                  f"{np.nanmax(result.lander_margin_db):.1f} dB")
    paths = write_relay_files(result, output)
    plot_relay(result, output / "relay.png", sc.name)
    sky = result.sky
    console.print(f"{sc.surface.name}: local solar time {sky.local_time_h[0]:.2f} h at the start, "
                  f"{sky.local_time_h[-1]:.2f} h at the end; Sun elevation {sky.sun_elevation_deg.min():.1f} to "
                  f"{sky.sun_elevation_deg.max():.1f} deg; Earth elevation {sky.earth_elevation_deg.min():.1f} to "
                  f"{sky.earth_elevation_deg.max():.1f} deg "
                  + ("(below the horizon all the time: far side)" if np.all(sky.earth_elevation_deg < sky.earth_mask_deg)
                     else "(above the horizon at times)"))
    console.print(f"wrote {', '.join(p.name for p in paths)} and relay.png to {output}")


@app.command("frozen-orbit")
def frozen_orbit_command(
        period_h: float = typer.Option(24.0, help="Orbital period, hours."),
        periselene_km: float = typer.Option(330.0, help="Month-mean periselene altitude above 1737.4 km, km."),
        inclination_deg: float = typer.Option(62.4, help="Inclination to the lunar (MOON_PA) equator, deg."),
        raan_deg: float = typer.Option(0.0, help="First guess of the node, deg."),
        argp_deg: float = typer.Option(90.0, help="First guess of the argument of periselene, deg."),
        epoch: str = typer.Option("2024-05-01T00:00:00", help="UTC epoch of the start (at periselene)."),
        degree: int = typer.Option(10, help="GRGM1200A degree."),
        days: float = typer.Option(365.25, help="Length of the stability run, days."),
        output: Path = typer.Option(Path("out/relay"), "-o", "--output", help="Folder for the figure and CSV.")):
    """Design a frozen elliptical lunar orbit (a relay's) and fly it a year without manoeuvres."""
    from farside.gnc import frozen_orbit
    from farside.mission.relay import relay_forces
    from farside.mission.relay_outputs import write_frozen_orbit_csv
    from farside.report.frozen_orbit_plot import plot_stability
    try:
        model = relay_forces(degree)
        orbit = frozen_orbit.design(epoch, period_h * 3600.0, periselene_km * 1e3, inclination_deg, raan_deg,
                                    argp_deg, model, log=lambda text: console.print(f"  {text}", highlight=False))
        result = frozen_orbit.stability(orbit, model, days)
    except FarsideError as error:
        _fail(error)
    output.mkdir(parents=True, exist_ok=True)
    lowest = plot_stability(result, output / "frozen_orbit.png",
                            f"frozen orbit: {period_h:g} h, i = {orbit.inclination_deg:.2f} deg, "
                            f"mean periselene {periselene_km:g} km")
    write_frozen_orbit_csv(result, output / "frozen_orbit.csv")
    table = Table(title="frozen orbit (MOON_PA equator, at the start)")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for name, value in (("semi-major axis", f"{orbit.a_m / 1e3:.3f} km"), ("eccentricity", f"{orbit.e:.6f}"),
                        ("inclination", f"{orbit.inclination_deg:.3f} deg"), ("node", f"{orbit.raan_deg:.3f} deg"),
                        ("argument of periselene", f"{orbit.argp_deg:.3f} deg"),
                        ("mean e over the run", f"{result.mean_e.min():.4f} to {result.mean_e.max():.4f}"),
                        ("mean argument of periselene", f"{result.mean_omega_deg.min():.1f} to "
                                                        f"{result.mean_omega_deg.max():.1f} deg"),
                        ("periselene altitude", f"{lowest / 1e3:.1f} to {np.nanmax(result.periselene_altitude_m) / 1e3:.1f} km"),
                        ("impact", result.impact.iso("utc", 0) if result.impact else "none"),
                        ("station keeping (mean e-vector drift)", f"{result.station_keeping_m_s_per_year:.2f} m/s per year")):
        table.add_row(name, value)
    console.print(table)
    console.print(f"wrote {output / 'frozen_orbit.png'} and {output / 'frozen_orbit.csv'}")


@app.command()
def campaign(file: Path = typer.Argument(..., help="Campaign YAML file."),
             samples: int = typer.Option(None, "-n", "--samples", help="Number of samples (default: the file's)."),
             output: Path = typer.Option(Path("out/campaign"), "-o", "--output", help="Folder for the results."),
             scheduler: str = typer.Option(None, "--scheduler", help="Address of a Dask scheduler, tcp://HOST:PORT "
                                                                   "(default: a local cluster on this machine's cores)."),
             workers: int = typer.Option(None, "--workers", help="Worker processes of the local cluster."),
             resume: bool = typer.Option(False, "--resume", help="Run only the chunks the folder lacks.")):
    """Run a Monte Carlo campaign on Dask: one Parquet file per finished chunk and a manifest."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from farside.campaign import runner
    from farside.campaign.spec import load_campaign
    try:
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
            result = runner.run(spec, output, scheduler, resume, workers, progress)
    except FarsideError as error:
        _fail(error)
    console.print(f"{result.samples} samples ({result.chunks_run} chunks run, {result.chunks_skipped} already done, "
                  f"{result.failed} failed) on {result.workers} workers in {result.wall_s:.1f} s "
                  f"(cluster start {result.startup_s:.1f} s, sample compute {result.compute_s:.1f} s); results in {output}")


@app.command("campaign-report")
def campaign_report_command(folder: Path = typer.Argument(..., help="A campaign results folder.")):
    """Statistics (with 95 % confidence intervals), margins and figures of a campaign's results."""
    from farside.report import campaign_report
    try:
        report = campaign_report.build(folder)
        paths = campaign_report.write(report, folder)
    except FarsideError as error:
        _fail(error)
    table = Table(title=f"{report.name}: {report.samples} of {report.planned} samples")
    for column in ("output", "nominal", "mean [95% CI]", "sigma [95% CI]", "p1", "p50", "p99 [95% CI]"):
        table.add_column(column, justify="left" if column == "output" else "right")
    for o in report.outputs:
        ci = o.percentile_ci[99.0]
        table.add_row(o.name, f"{o.nominal:.6g}", f"{o.mean:.6g} [{o.mean_ci[0]:.6g}, {o.mean_ci[1]:.6g}]",
                      f"{o.sigma:.4g} [{o.sigma_ci[0]:.4g}, {o.sigma_ci[1]:.4g}]", f"{o.percentiles[1.0]:.6g}",
                      f"{o.percentiles[50.0]:.6g}", f"{o.percentiles[99.0]:.6g} [{ci[0]:.6g}, {ci[1]:.6g}]")
    console.print(table)
    console.print(f"failure rate {100 * report.failure_rate:.2f} % (95 % CI {100 * report.failure_ci[0]:.2f}-"
                  f"{100 * report.failure_ci[1]:.2f} %)" + (f"; reasons: {report.reasons}" if report.reasons else ""))
    for o in report.outputs:
        if o.non_finite:
            console.print(f"{o.name}: {o.non_finite} samples with an infinite value, left out of its statistics")
    for name, margin in report.margins.items():
        console.print(f"99 % margin of {name}: {margin:+.4g} over the nominal")
    console.print("wrote " + ", ".join(p.name for p in paths) + f" in {folder}")


def main():
    try:
        app()
    except FarsideError as error:
        console.print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
