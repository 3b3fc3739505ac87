"""``farside observe``: a survey observatory in low Earth orbit flown for its scenario's span."""
import json
import time
from pathlib import Path

import numpy as np
import typer
from rich.table import Table

from farside.cli.app import (JSON_HELP, QUIET_HELP, SET_HELP, app, console, emit_json, fail, overrides, print_table,
                             set_output)
from farside.io.atomic import prepare_output_folder
from farside.io.run_stamp import new_run, write_run_record
from farside.errors import FarsideError


def _attitude_day(result):
    """(hours, angles, mode, in_saa) of the day of the first followed trigger (else the first day)."""
    from farside.dynamics.attitude import body_angles
    from farside.mission.observatory.exposure import boresight_galactic_latitude
    g, tl = result.grid, result.timeline
    followed = [t for t in result.triggers if t.accepted]
    t0 = followed[0].burst.t_s - 6 * 3600.0 if followed else g.t_s[0]
    s = slice(int(g.index(max(t0, g.t_s[0]))), int(g.index(max(t0, g.t_s[0]) + 86400.0)))
    a = body_angles(tl.boresight[s], g.t_s[s], g.r_m[s])
    angles = {"Sun": np.degrees(a.sun), "Moon": np.degrees(a.moon), "Earth limb": np.degrees(a.earth_limb),
              "Galactic |b|": np.degrees(boresight_galactic_latitude(tl)[s])}
    return (g.t_s[s] - g.t_s[s][0]) / 3600.0, angles, tl.mode[s], g.in_saa[s]


@app.command()
def observe(scenario: Path = typer.Argument(..., help="Observatory scenario YAML file."),
            output: Path = typer.Option(Path("out/observatory"), "-o", "--output", help="Folder for the outputs."),
            set_: list[str] = typer.Option(None, "--set", help=SET_HELP),
            quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
            json_output: bool = typer.Option(False, "--json", help=JSON_HELP)):
    """Fly a survey observatory (orbit, pointing law, SAA, bursts, follow-up, alerts, exposure)."""
    from farside.astro.saa import ap8_saa
    from farside.mission.observatory import alerts
    from farside.mission.observatory.outputs import comparison_rows, write_outputs
    from farside.mission.observatory.scenario import load_observatory_scenario
    from farside.mission.observatory.simulation import simulate
    from farside.report import observatory_plots as plots
    set_output(quiet, json_output)
    clock = time.perf_counter()
    stamp = new_run()
    try:
        sc = load_observatory_scenario(scenario, overrides(set_))
        prepare_output_folder(output)
        with console.status("observatory") as status:
            result = simulate(sc, lambda text: status.update(text))
    except FarsideError as error:
        fail(error)
    elapsed = time.perf_counter() - clock
    table = Table(title=f"{sc.name}: {sc.orbit.days:g} days")
    for column in ("figure", "farside", "published", "basis", "source"):
        table.add_column(column, overflow="fold")
    for figure, value, published, source, basis in comparison_rows(result):
        table.add_row(figure, value, published, basis, source)
    print_table(table)
    paths = write_outputs(result, output, stamp)
    plots.plot_exposure(result.exposure, output / "exposure.png", f"{sc.name}: {sc.wide.name} exposure, Galactic")
    saa = ap8_saa(result.segment.start, float(np.mean(result.grid.height_m)), sc.saa.threshold_cm2_s,
                  sc.saa.energy_mev, sc.saa.solar, max_lat_deg=45.0, step_deg=sc.saa.table_step_deg)
    plots.plot_ground_track(result.grid, alerts.network(sc.alerts), saa.inside, output / "ground_track.png",
                            f"{sc.name}: one day of ground track, SAA (AP8) and alert stations")
    plots.plot_distributions([t.response_s for t in result.triggers if t.accepted], result.alert_latency_s,
                             output / "distributions.png", sc.name)
    plots.plot_attitude_day(*_attitude_day(result), output / "attitude_day.png", f"{sc.name}: one day of attitude")
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings_s.items())
    console.print(f"run time {elapsed:.1f} s ({steps})")
    paths += [output / n for n in ("exposure.png", "ground_track.png", "distributions.png", "attitude_day.png")]
    paths.append(write_run_record(output, stamp, "observe", paths))
    console.print(f"wrote {', '.join(p.name for p in paths)} to {output} (run {stamp.run_id})", markup=False)
    emit_json(lambda: {"command": "observe", **json.loads((output / "summary.json").read_text(encoding="utf-8")),
                       "output": str(output), "files": [p.name for p in paths]})
