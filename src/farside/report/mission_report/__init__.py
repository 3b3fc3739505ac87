"""The HTML mission report: ``report.html`` in a run's output folder, built from the files the run
wrote (:mod:`~farside.report.mission_report.run_folder`), one self-contained page that opens from
``file://`` in any browser with no network.

It holds the mission summary; the timeline with full UTC epochs; the events, orbits and propellant
beside the published figures, each row with its basis (input, target or prediction) when the
summary gives it; the figures of each guided phase; the burns with a delta-v and propellant chart;
the phases; the charts of altitude and speed, of the powered descent over the lunar DEM, of the Sun
and the Earth over the site and of the relay windows when the folder holds them; the payloads'
figures beside the published ones (with their basis), data volumes and figures when the run has
payloads; the corrector
logs folded away; and a 3-D view (WebGL, the page's own script) of the whole trajectory,
Earth-centred or Moon-centred, with the textured Earth and Moon turning with time, a colour per
module, the events marked and a time slider that moves the modules along their paths.

The page opens fast in software WebGL: the 3-D view draws a frame only when something changes,
plotly.js stays text until the first chart comes into view, and the data are typed arrays
(:func:`~farside.report.mission_report.page.typed_array`).
"""
from pathlib import Path

from farside.report.mission_report import charts, page, run_folder, scene

REPORT_NAME = "report.html"


def mission_html(run) -> str:
    """The page of a :class:`~farside.report.mission_report.run_folder.RunFolder`."""
    summary = run.summary
    data = {"scene": scene.scene(run), "charts": charts.charts(run)}
    return page.render("mission.html.j2", summary=summary, modules=[m.name for m in run.modules], payloads=run.payloads,
                       figures=run.figures, files=sorted(p.name for p in run.path.iterdir() if p.is_file() and p.name != REPORT_NAME),
                       chart_ids=list(data["charts"]), data=page.script_json(data),
                       **{f"{name}_js": page.Markup(page.asset("templates", f"{name}.js"))
                          for name in ("webgl", "controls", "viewer")})


def write_report(folder) -> Path:
    """Build ``report.html`` from the run in ``folder`` and write it there; returns its path.

    Raises :class:`farside.errors.FarsideValueError` when the folder holds no run."""
    run = run_folder.read_run(folder)
    return page.write_page(Path(folder) / REPORT_NAME, mission_html(run))
