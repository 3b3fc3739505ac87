"""``farside relay`` and ``farside frozen-orbit``: relay analysis and frozen lunar orbits."""
from pathlib import Path

import numpy as np
import typer
from rich.markup import escape
from rich.table import Table

import farside as fs
from farside.cli.app import (EPOCH_COLUMN, JSON_HELP, QUIET_HELP, SET_HELP, app, console, emit_json, fail, overrides,
                             print_table, set_output)
from farside.errors import FarsideError, FarsideValueError
from farside.io.atomic import prepare_output_folder
from farside.io.run_stamp import new_run, write_run_record


@app.command()
def relay(scenario: Path = typer.Argument(..., help="Relay scenario YAML file."),
          output: Path = typer.Option(Path("out/relay"), "-o", "--output", help="Folder for the CSV and figure."),
          set_: list[str] = typer.Option(None, "--set", help=SET_HELP),
          quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
          json_output: bool = typer.Option(False, "--json", help=JSON_HELP)):
    """Relay windows and link budgets over a surface stay: lander -> relay -> ground stations."""
    from farside.mission.relay import analyse
    from farside.mission.relay_outputs import window_rows, write_relay_files
    from farside.mission.relay_scenario import load_relay_scenario
    from farside.report.relay_plot import plot_relay
    set_output(quiet, json_output)
    stamp = new_run()
    try:
        sc = load_relay_scenario(scenario, overrides(set_))
        prepare_output_folder(output)
        with console.status("relay analysis") as status:
            result = analyse(sc, lambda text: status.update(text))
    except FarsideError as error:
        fail(error)
    windows = [(link, fs.Epoch.from_tdb_seconds(lo).iso("utc", 0), fs.Epoch.from_tdb_seconds(hi).iso("utc", 0),
                (hi - lo) / 3600.0) for link, lo, hi in window_rows(result)]
    table = Table(title=escape(f"{sc.name}: windows (UTC), light time included"))
    for column in ("link", "start", "end", "hours"):
        table.add_column(column, **(EPOCH_COLUMN if column in ("start", "end") else {}))
    for link, start, end, hours in windows:
        table.add_row(escape(link), start, end, f"{hours:.2f}")
    print_table(table)
    _print_coverage(result)
    paths = write_relay_files(result, output)
    plot_relay(result, output / "relay.png", sc.name)
    paths.append(output / "relay.png")
    paths.append(write_run_record(output, stamp, "relay", paths))
    emit_json({"command": "relay", "run": stamp.record(), "scenario": sc.name, "output": str(output),
               "windows": [{"link": link, "start_utc": start, "end_utc": end, "hours": hours}
                           for link, start, end, hours in windows],
               "coverage_h": _coverage_hours(result), "files": [p.name for p in paths]})
    sky = result.sky
    console.print(escape(sc.surface.name) + f": local solar time {sky.local_time_h[0]:.2f} h at the start, "
                  f"{sky.local_time_h[-1]:.2f} h at the end; Sun elevation {sky.sun_elevation_deg.min():.1f} to "
                  f"{sky.sun_elevation_deg.max():.1f} deg; Earth elevation {sky.earth_elevation_deg.min():.1f} to "
                  f"{sky.earth_elevation_deg.max():.1f} deg "
                  + ("(below the horizon all the time: far side)" if np.all(sky.earth_elevation_deg < sky.earth_mask_deg)
                     else "(above the horizon at times)"))
    console.print(f"wrote {', '.join(p.name for p in paths)} to {output} (run {stamp.run_id})")


def _coverage_hours(result) -> dict:
    """Hours of each kind of window over the stay, and the end-to-end hours per day."""
    from farside.comms.windows import total_s
    from farside.mission.relay import hours_per_day
    t_a, t_b = result.times_s[0], result.times_s[-1]
    return {"lander_to_relay": total_s(result.lander_windows) / 3600.0,
            "any_station": total_s(result.ground_windows) / 3600.0,
            "end_to_end": total_s(result.end_to_end) / 3600.0, "stay": (t_b - t_a) / 3600.0,
            "end_to_end_per_day": hours_per_day(result.end_to_end, t_a, t_b)}


def _print_coverage(result):
    """Coverage against the published figure (a prediction), why they differ and the figure at the
    published elements; the data volume at each rate; the lander link's margin."""
    from farside.comms.windows import total_s
    from farside.mission.relay import hours_per_day
    sc = result.scenario
    t_a, t_b = result.times_s[0], result.times_s[-1]
    per_day = hours_per_day(result.end_to_end, t_a, t_b)
    console.print(f"coverage (prediction): lander -> relay {total_s(result.lander_windows) / 3600.0:.1f} h, any station "
                  f"{total_s(result.ground_windows) / 3600.0:.1f} h, end to end {total_s(result.end_to_end) / 3600.0:.1f} h "
                  f"of {(t_b - t_a) / 3600.0:.1f} h: {per_day:.1f} h per day"
                  + (f"; published: more than {sc.published.coverage_h_per_day:g} h per day {sc.published.source}"
                     if sc.published.coverage_h_per_day else ""))
    kept = result.station_kept
    if kept is not None:
        console.print(f"  against the published figure: the frozen design holds a {sc.relay.mean_periselene_km:g} km "
                      f"month-mean periselene without station keeping, {result.stay_periselene_km:.0f} km osculating "
                      f"at the start of the stay; held at the published {kept.periselene_km:g} km (station kept), the "
                      f"same orbit gives {hours_per_day(kept.end_to_end, t_a, t_b):.1f} h per day end to end "
                      f"({hours_per_day(kept.lander_windows, t_a, t_b):.1f} h lander -> relay). The lander's view "
                      f"limits it: the relay is above the site's terrain "
                      f"{hours_per_day(result.lander_windows, t_a, t_b):.1f} h per day, above a flat horizon "
                      f"{hours_per_day(result.flat_lander_windows, t_a, t_b):.1f} h, below it around each periselene")
    rate = sc.links.lander_to_relay.data_rate_bps
    console.print(f"data returnable: {result.operating_volume_bits[-1] / 8e9:.1f} GB at the lander link's operating "
                  f"{rate / 1e6:g} Mbit/s; {result.max_rate_volume_bits[-1] / 8e9:.1f} GB at the highest rate the links "
                  f"close (up to {result.max_rate_bps.max() / 1e6:.0f} Mbit/s: an upper bound, no adaptive rate is "
                  "published)")
    margin = result.lander_margin_db
    console.print(f"lander link margin at {rate / 1e6:g} Mbit/s while the relay is above the terrain horizon: "
                  f"{np.nanmin(margin):.1f} to {np.nanmax(margin):.1f} dB "
                  f"(below it for {np.count_nonzero(np.isnan(margin))} of {margin.size} samples: no link)")


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
        output: Path = typer.Option(Path("out/relay"), "-o", "--output", help="Folder for the figure and CSV."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
        json_output: bool = typer.Option(False, "--json", help=JSON_HELP)):
    """Design a frozen elliptical lunar orbit (a relay's) and fly it a year without manoeuvres."""
    from farside.gnc import frozen_orbit
    from farside.mission.relay import relay_forces
    from farside.mission.relay_outputs import write_frozen_orbit_csv
    from farside.report.frozen_orbit_plot import plot_stability
    set_output(quiet, json_output)
    stamp = new_run()
    try:
        _positive(("--period-h", period_h), ("--days", days), ("--periselene-km", periselene_km))
        if not 0 <= inclination_deg <= 180:
            raise FarsideValueError("--inclination-deg", inclination_deg, "an inclination from 0 to 180 deg")
        if not days >= frozen_orbit.LUNAR_MONTH_DAYS:
            raise FarsideValueError("--days", days, f"at least a lunar month, {frozen_orbit.LUNAR_MONTH_DAYS:g} days")
        prepare_output_folder(output)
        model = relay_forces(degree)
        orbit = frozen_orbit.design(epoch, period_h * 3600.0, periselene_km * 1e3, inclination_deg, raan_deg,
                                    argp_deg, model, log=lambda text: console.print(f"  {text}", highlight=False))
        result = frozen_orbit.stability(orbit, model, days)
    except FarsideError as error:
        fail(error)
    lowest = plot_stability(result, output / "frozen_orbit.png",
                            f"frozen orbit: {period_h:g} h, i = {orbit.inclination_deg:.2f} deg, "
                            f"mean periselene {periselene_km:g} km")
    write_frozen_orbit_csv(result, output / "frozen_orbit.csv")
    write_run_record(output, stamp, "frozen-orbit", [output / "frozen_orbit.png", output / "frozen_orbit.csv"])
    figures = (("semi-major axis", f"{orbit.a_m / 1e3:.3f} km"), ("eccentricity", f"{orbit.e:.6f}"),
               ("inclination", f"{orbit.inclination_deg:.3f} deg"), ("node", f"{orbit.raan_deg:.3f} deg"),
               ("argument of periselene", f"{orbit.argp_deg:.3f} deg"),
               ("mean e over the run", f"{result.mean_e.min():.4f} to {result.mean_e.max():.4f}"),
               ("mean argument of periselene", f"{result.mean_omega_deg.min():.1f} to "
                                               f"{result.mean_omega_deg.max():.1f} deg"),
               ("periselene altitude", f"{lowest / 1e3:.1f} to {np.nanmax(result.periselene_altitude_m) / 1e3:.1f} km"),
               ("impact", result.impact.iso("utc", 0) if result.impact else "none"),
               ("station keeping (mean e-vector drift)", f"{result.station_keeping_m_s_per_year:.2f} m/s per year"))
    table = Table(title="frozen orbit (MOON_PA equator, at the start)")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for name, value in figures:
        table.add_row(name, value)
    print_table(table)
    console.print(f"wrote {output / 'frozen_orbit.png'}, {output / 'frozen_orbit.csv'} and run.json (run {stamp.run_id})",
                  markup=False)
    emit_json({"command": "frozen-orbit", "run": stamp.record(), "output": str(output),
               "orbit": {"a_km": orbit.a_m / 1e3, "e": orbit.e, "inclination_deg": orbit.inclination_deg,
                         "raan_deg": orbit.raan_deg, "argp_deg": orbit.argp_deg},
               "lowest_periselene_km": lowest / 1e3, "impact_utc": result.impact.iso("utc", 0) if result.impact else None,
               "station_keeping_m_s_per_year": result.station_keeping_m_s_per_year})


def _positive(*options):
    """Refuse an option ``(name, value)`` that is not a finite number above zero."""
    for name, value in options:
        if not (np.isfinite(value) and value > 0):
            raise FarsideValueError(name, value, "a finite number above 0")
