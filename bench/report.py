"""The mission report of the Chang'e-6 demo against issue 19's bounds: the page's size (< 25 MB),
the time writing it adds to the run (< 3 s) and the time it takes to open (< 3 s) in headless
Chromium with software WebGL (SwiftShader: the machines that run farside's CI have no GPU).

    .venv/bin/python bench/report.py [RUN_FOLDER] [--loads 7]

Without RUN_FOLDER the scenario is flown here into a temporary folder as ``farside run
scenarios/change6.yaml`` flies it (the sequencer, the output files, the payloads; about 40 s), and
``write_report``, the step the run ends with (read the run's files, build the data, render, write
atomically), is timed there, in the run's process, with what the run has loaded. With RUN_FOLDER (the
output folder of such a run, e.g. out/change6 from ``make demo``) that figure is left out. Then
``write_report`` again, the median of 5, with the shares of reading, the 3-D data, the charts and
the rendering.

Opening: "open" is the page's own mark ``farside-open``: from the navigation's start to the moment
the first 3-D frame (both textured spheres, every path, the event and module markers) has been
presented, two animation frames after its draw calls, by which time the timeline table, static
HTML parsed before the scripts, is in the document. The page also marks its data decoded, its
textures decoded and its first draw calls issued; all are printed as medians of ``--loads`` loads
in one browser (the first load, with a cold cache, apart). Then, per load: the charts drawn once
scrolled into view (plotly.js evaluated on the first), and one slider move to its frame presented.

A load of the machine by other work shows in every figure: the run prints the load average.
"""
import argparse
import contextlib
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from farside.mission import outputs, payload_runner, sequencer
from farside.report.payload_figures import write_payload_figures
from farside.report.run_files import write_timeline_and_figures
from farside.mission.scenario import load_scenario
from farside.report import mission_report
from farside.report.mission_report import charts, page, run_folder, scene
from tests.report.browser import Browser

MARKS = ("farside-data", "farside-textures", "farside-drawn", "farside-open")
BOUND_S = 3.0
BOUND_MB = 25.0
WRITE_ROUNDS = 5
FIRST_WRITE = """import sys, time
tic = time.perf_counter()
from farside.mission import outputs, payload_runner, sequencer
from farside.report.payload_figures import write_payload_figures
from farside.report.run_files import write_timeline_and_figures
from farside.mission.scenario import load_scenario
from farside.report import mission_report
imported = time.perf_counter()
mission_report.write_report(sys.argv[1])
print(imported - tic, time.perf_counter() - imported)
"""


def fly(folder) -> float:
    """Fly the Chang'e-6 demo into ``folder`` as ``farside run`` does; the seconds of its last step,
    ``write_report``."""
    scenario = load_scenario(ROOT / "scenarios" / "change6.yaml")
    result = sequencer.run(scenario)
    outputs.write_all(result, folder)
    write_timeline_and_figures(result, folder)
    runs = payload_runner.run(result, scenario.payloads)
    payload_runner.write(runs, folder)
    write_payload_figures(runs, folder)
    tic = time.perf_counter()
    mission_report.write_report(folder)
    return time.perf_counter() - tic


@contextlib.contextmanager
def _demo_folder(folder):
    """(run folder, seconds of the report step in the run or None): the folder given, else a new run."""
    if folder is not None:
        yield Path(folder), None
        return
    with tempfile.TemporaryDirectory(prefix="farside-report-bench-") as root:
        out = Path(root) / "change6"
        print(f"flying scenarios/change6.yaml into {out} ...", flush=True)
        yield out, fly(out)


def write_times(folder):
    """Seconds: the median of ``WRITE_ROUNDS`` write_report, and the median of each share."""
    totals, parts = [], []
    for _ in range(WRITE_ROUNDS):
        tic = time.perf_counter()
        mission_report.write_report(folder)
        totals.append(time.perf_counter() - tic)
        t = [time.perf_counter()]
        run = run_folder.read_run(folder)
        t.append(time.perf_counter())
        scene.scene(run)
        t.append(time.perf_counter())
        charts.charts(run)
        t.append(time.perf_counter())
        page.write_page(folder / mission_report.REPORT_NAME, mission_report.mission_html(run))
        t.append(time.perf_counter())
        parts.append([b - a for a, b in itertools.pairwise(t)])
    return statistics.median(totals), [statistics.median(p[k] for p in parts) for k in range(4)]


def _load(browser, url):
    browser.events.clear()
    browser.open(url, "window.farsideReport && window.farsideReport.ready")
    marks = browser.evaluate(f"{list(MARKS)}.map(n => performance.getEntriesByName(n)[0].startTime)")
    file_read = browser.evaluate("performance.getEntriesByType('navigation')[0].responseEnd")
    tic = time.perf_counter()
    browser.evaluate("void document.getElementById('charts').scrollIntoView()")
    count = browser.evaluate("document.querySelectorAll('#charts .chart').length")
    browser.wait_for(f"window.farsideReport.chartsDrawn === {count}", 60)
    charts_s = time.perf_counter() - tic
    browser.evaluate("void window.scrollTo(0, 0)")
    move_ms = browser.evaluate(
        "new Promise(done => { const s = document.getElementById('time-slider'), t = performance.now();"
        "s.value = String(Math.round(0.4 * Number(s.max))); s.dispatchEvent(new Event('input'));"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))); })")
    errors = browser.errors()
    if errors:
        raise RuntimeError(f"the page reported errors: {errors}")
    return [m / 1e3 for m in marks], file_read / 1e3, charts_s, move_ms / 1e3


def open_times(path, loads):
    browser = Browser()
    try:
        return [_load(browser, path.as_uri()) for _ in range(loads)]
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="output folder of `farside run scenarios/change6.yaml`")
    parser.add_argument("--loads", type=int, default=7)
    args = parser.parse_args()
    with _demo_folder(args.folder) as (folder, in_run_s):
        measure(folder, in_run_s, args.loads)


def measure(folder, in_run_s, loads):
    print(f"run folder {folder}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if in_run_s is not None:
        print(f"write_report as the run's last step: {in_run_s:.2f} s (bound {BOUND_S:.0f} s)")
    median, shares = write_times(folder)
    size_mb = (folder / mission_report.REPORT_NAME).stat().st_size / 1e6
    print(f"report.html {size_mb:.2f} MB (bound {BOUND_MB:.0f} MB)")
    print(f"write_report again, median of {WRITE_ROUNDS}: {median:.2f} s: read {shares[0]:.2f}, "
          f"3-D data {shares[1]:.2f}, charts {shares[2]:.2f}, data + render + write {shares[3]:.2f} s")

    results = open_times(folder / mission_report.REPORT_NAME, loads)
    cold, warm = results[0], results[1:] or results
    print(f"opening in headless Chromium (SwiftShader WebGL), s after the navigation's start; "
          f"first load apart, then the median of {len(warm)} (max)")
    names = ["file read to its end (parsing overlaps)"] + [m.removeprefix("farside-") for m in MARKS]
    rows = [[r[1]] + r[0] for r in warm]
    for k, name in enumerate(names):
        values = [row[k] for row in rows]
        print(f"  {name:<40} first {([cold[1]] + cold[0])[k]:6.2f}   median {statistics.median(values):6.2f}"
              f"   max {max(values):6.2f}")
    print(f"  open bound {BOUND_S:.0f} s: median {statistics.median(r[0][-1] for r in warm):.2f} s")
    print(f"charts drawn once scrolled to: median {statistics.median(r[2] for r in warm):.2f} s; "
          f"one slider move to its frame: median {statistics.median(r[3] for r in warm) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
