"""Payloads after the flight: the read-only view of a `MissionResult` that payload models receive,
the run of each entry of the scenario's ``payloads:`` block, and their files.

    outcomes = payload_runner.run(result, scenario.payloads)
    paths = payload_runner.write(outcomes, "out/change6")

``<output>/payloads/`` then holds, per payload label: ``<label>_<series>.csv`` (UTC, TDB seconds
and the series' columns), ``<label>_events.csv`` and
``<label>_comparison.csv``; and ``data_volume.csv`` (one line per payload). Every file is written
atomically. The figures each model asks for (``<label>_<plot>.png``) are drawn by
:mod:`farside.report.payload_figures`.
"""
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from farside.astro.sites import Site, fixed_to_spherical
from farside.astro.time import Epoch
from farside.errors import FarsideValueError, ScenarioError
from farside.io.csv_table import write_csv
from farside.payloads.base import FlownMission, PayloadOutcome, SurfaceStay, TimelineEvent

SLACK_S = 1e-3
"""A stack's last segment before a surface stay ends at the stay's first sky sample, to this."""


@dataclass(frozen=True)
class PayloadRun:
    """The outcome of one scenario entry: its label, model name, module and what it returned."""
    label: str
    model: str
    module: str
    outcome: PayloadOutcome


def _trajectory(segments):
    """``f(t, center, frame) -> (r, v)`` over ``segments`` (time order), t scalar or array."""
    def states(t, center="moon", frame="GCRF"):
        t_s = np.asarray(t.tdb_seconds if isinstance(t, Epoch) else t, dtype=float)
        flat = np.atleast_1d(t_s)
        r, v = np.full((flat.size, 3), np.nan), np.full((flat.size, 3), np.nan)
        for seg in segments:
            inside = (flat >= seg.start.tdb_seconds) & (flat <= seg.end.tdb_seconds) & np.isnan(r[:, 0])
            if inside.any():
                r[inside], v[inside] = seg.states(flat[inside], center=center, frame=frame)
        if np.isnan(r[:, 0]).any():
            bad = flat[np.isnan(r[:, 0])][0]
            raise FarsideValueError("t", Epoch.from_tdb_seconds(bad).iso("utc", 3),
                                    "an epoch the module flew (not on the surface, not before or after)")
        return (r[0], v[0]) if t_s.ndim == 0 else (r, v)
    return states


def _surface_stays(result) -> list:
    stays = []
    for phase, sky in result.surface_stays.items():
        record = next(p for p in result.phases if p.name == phase)
        t0 = float(sky.times_s[0])
        before = [f for f in result.flown if f.stack == record.stack and abs(f.segment.end.tdb_seconds - t0) < SLACK_S]
        if not before:
            continue
        flown = before[-1]
        r, _ = flown.segment.states(t0, center="moon", frame="MOON_ME")
        lat, lon, height = map(float, fixed_to_spherical(r))
        stays.append(SurfaceStay(phase, Site(f"{record.stack} at {phase}", "moon", lat, lon, height),
                                 tuple(flown.modules), sky))
    return stays


def flown_mission(result) -> FlownMission:
    """The read-only view of ``result`` (a `MissionResult`) given to payload models."""
    modules = result.modules()
    segments = {m: result.trajectory(m) for m in modules}
    spans = {m: [(s.start.tdb_seconds, s.end.tdb_seconds) for s in segs] for m, segs in segments.items()}
    starts = [s[0].start.tdb_seconds for s in segments.values()]
    ends = [s[-1].end.tdb_seconds for s in segments.values()]
    timeline = [TimelineEvent(e.epoch, e.event, e.detail, e.phase, e.stack)
                for e in sorted(result.timeline, key=lambda e: e.epoch.tdb_seconds)]
    return FlownMission(result.name, Epoch.from_tdb_seconds(min(starts)), Epoch.from_tdb_seconds(max(ends)),
                        {m: _trajectory(segs) for m, segs in segments.items()}, spans, timeline, _surface_stays(result))


def run(result, entries, flown: FlownMission | None = None) -> list:
    """Run each payload entry (`PayloadEntry`) on ``result``; a window after the mission's end
    raises `ScenarioError` naming ``payloads[i].schedule[j].end``."""
    flown = flown if flown is not None else flown_mission(result)
    runs = []
    for i, entry in enumerate(entries):
        for j, window in enumerate(entry.schedule):
            if Epoch(window.end).tdb_seconds > flown.end.tdb_seconds:
                raise ScenarioError(f"payloads[{i}].schedule[{j}].end", window.end,
                                    f"an epoch inside the mission, until {flown.end.iso('utc', 0)} UTC")
        request = entry.request()
        model = entry.model_class()()
        try:
            model.check(flown, request)
            outcome = model.run(flown, request)
        except FarsideValueError as error:
            if isinstance(error, ScenarioError):
                raise
            raise ScenarioError(f"payloads[{i}].{_entry_path(error.argument)}", error.value, error.allowed) from None
        runs.append(PayloadRun(request.label, entry.model, entry.module, outcome))
    return runs


def _entry_path(argument):
    return argument if argument.split(".")[0].split("[")[0] in ("module", "schedule", "parameters") \
        else f"parameters.{argument}"


def slug(text):
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)


def _write_series(folder, label, series) -> object:
    path = folder / f"{slug(label)}_{slug(series.name)}.csv"
    times = np.asarray(series.times_s, dtype=float)
    utc = np.atleast_1d(Epoch.from_tdb_seconds(times).iso("utc", 3)) if times.size else []
    names = list(series.columns)
    cols = [np.asarray(series.columns[n]) for n in names]
    rows = ([utc[k], f"{series.times_s[k]:.6f}"] + [_cell(c[k]) for c in cols] for k in range(len(utc)))
    write_csv(path, ["utc", "tdb_s"] + names, rows)
    return path


def _cell(value):
    return f"{value:.9g}" if isinstance(value, (float, np.floating)) else str(value)


def write(runs, output) -> list:
    """Write the payloads' data files into ``<output>/payloads/``; returns their paths (none
    without payloads)."""
    if not runs:
        return []
    folder = Path(output) / "payloads"
    paths = []
    for item in runs:
        out = item.outcome
        paths += [_write_series(folder, item.label, s) for s in out.series]
        path = folder / f"{slug(item.label)}_events.csv"
        write_csv(path, ["utc", "event", "detail"], [(e.epoch.iso("utc", 3), e.event, e.detail) for e in out.events])
        paths.append(path)
        path = folder / f"{slug(item.label)}_comparison.csv"
        write_csv(path, ["figure", "farside", "published", "basis", "source"],
                  [(c.figure, c.value, c.published, c.basis, c.source) for c in out.comparisons])
        paths.append(path)
    path = folder / "data_volume.csv"
    write_csv(path, ["payload", "model", "module", "bits", "detail"],
              [(r.label, r.model, r.module, f"{r.outcome.data_volume.bits:.6g}", r.outcome.data_volume.detail)
               for r in runs if r.outcome.data_volume is not None])
    return paths + [path]
