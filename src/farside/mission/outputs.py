"""The data files of a mission run, each written atomically (temporary file, then rename):

- ``<module>.oem``: CCSDS OEM 2.0 (KVN), OBJECT_NAME ``<SPACECRAFT> <MODULE>``, REF_FRAME ICRF,
  one OEM segment per stretch about one centre (Earth or Moon), UTC epochs;
- ``<spacecraft>.bsp``: SPK type 13 with one NAIF body per module (``naif_id * 1000 - k``, k = 1, 2,
  ... in the order of the scenario's modules);
- ``<module>.csv``: states every ``csv_step_s`` seconds (UTC, TDB seconds, centre, m and m/s, GCRF);
- ``<spacecraft>.czml``: every module about the Earth and the Moon's path, for Cesium, sampled every
  ``CZML_STEP_S``; ``<spacecraft>_moon.czml``: the modules about the Moon (MOON_ME, a Moon globe);
- ``summary.json``: the event timeline, burns, phases, propellant, the figures of the guided phases
  (descent, ascent, rendezvous, approach), the comparison rows and the corrector logs; its ``run``
  is about the process, not the mission: its stamp and ``flight_peak_rss_mib``, its peak resident
  memory (MiB) through the flight and the trajectory files, when this file is written (the payload
  models and the report come after it; None where the platform does not say);
- ``surface_stay.csv``: the Sun and the Earth over the landing site during the stay.

Each file's header carries the run's stamp (:mod:`farside.io.run_stamp`: run id and farside
version) where its format has one: the OEM's COMMENT, the SPK's comment area, ``summary.json``'s
``run``.

What is written for people (``timeline.md``, figures, ``report.html``, the CLI's tables) is the report
layer's: :mod:`farside.report.timeline` and the others read a `MissionResult` and these files.
"""
import json
import sys

import numpy as np

from farside.astro import bodies
from farside.astro.time import Epoch
from farside.dynamics.export import node_runs
from farside.io.atomic import atomic_write, output_path
from farside.io.csv_table import cell, formatted_rows, write_csv_lines
from farside.io.czml import CzmlObject, moon_fixed, moon_object, write_czml
from farside.io.oem import OemSegment, write_oem
from farside.io.run_stamp import RunStamp, new_run
from farside.io.spk import SpkSegment, write_spk
from farside.mission import comparison
from farside.mission.relay_outputs import write_sky_csv

CSV_STEP_S = 60.0
CZML_STEP_S = 300.0
COLORS = ((255, 200, 0, 255), (0, 200, 255, 255), (255, 80, 80, 255), (120, 255, 120, 255), (200, 120, 255, 255))


def module_naif_ids(scenario) -> dict:
    base = scenario.spacecraft.naif_id * 1000
    return {name: base - (k + 1) for k, name in enumerate(scenario.spacecraft.modules)}


def _runs(result, module):
    """``[(center, tdb_seconds, states (n, 7))]`` of the module's trajectory, in time order."""
    out = []   # each run as its centre, its parts (joined once at the end) and its last node
    for seg in result.trajectory(module):
        for t, x in node_runs(seg):
            if out and out[-1][0] == seg.center and abs(out[-1][3] - t[0]) < 1e-6 \
                    and np.allclose(out[-1][4][:6], x[0, :6], rtol=1e-9, atol=1e-6):
                center, t_parts, x_parts, _, _ = out[-1]
                t_parts.append(t[1:])
                x_parts.append(x[1:])
                if t.size > 1:
                    out[-1] = (center, t_parts, x_parts, t[-1], x[-1])
            else:
                out.append((seg.center, [t], [x], t[-1], x[-1]))
    return [(center, np.concatenate(t_parts), np.vstack(x_parts)) for center, t_parts, x_parts, _, _ in out]


def module_runs(result) -> dict:
    """``{module: _runs(result, module)}``: the node runs the OEM and SPK files are both made of."""
    return {module: _runs(result, module) for module in result.modules()}


def write_oem_files(result, folder, stamp: RunStamp, runs=None) -> list:
    """``runs``: :func:`module_runs` of ``result`` when the caller has them."""
    scenario = result.scenario
    runs = runs if runs is not None else module_runs(result)
    paths = []
    for module in result.modules():
        name = f"{scenario.spacecraft.name} {module}".upper()
        segments = [OemSegment(name, scenario.spacecraft.object_id, bodies.get(c).name.upper(), "ICRF",
                               Epoch.from_tdb_seconds(t), x[:, :6], "UTC") for c, t, x in runs[module]]
        path = output_path(folder, f"{module}.oem", f"spacecraft.modules.{module}")
        write_oem(path, segments, comments=[f"{scenario.name}: {module}, from {stamp.header()}"])
        paths.append(path)
    return paths


def write_spk_file(result, folder, stamp: RunStamp, runs=None):
    """``runs``: :func:`module_runs` of ``result`` when the caller has them."""
    scenario = result.scenario
    ids = module_naif_ids(scenario)
    runs = runs if runs is not None else module_runs(result)
    segments = []
    for module in result.modules():
        for center, t, x in runs[module]:
            segments.append(SpkSegment(ids[module], bodies.get(center).naif_id, t, x[:, :6],
                                       f"{scenario.spacecraft.name} {module}".upper()[:40]))
    path = output_path(folder, f"{scenario.spacecraft.name.lower()}.bsp", "spacecraft.name")
    write_spk(path, segments, internal_name=scenario.name, comments=[f"{scenario.name}, from {stamp.header()}"])
    return path


def _sampled(seg, step_s):
    t0, t1 = seg.start.tdb_seconds, seg.end.tdb_seconds
    return np.append(np.arange(t0, t1, step_s), t1)


def write_czml_file(result, folder, step_s=CZML_STEP_S, center="earth"):
    """Every module sampled every ``step_s`` for Cesium: about the Earth in ICRF axes with the Moon as
    an entity (``<spacecraft>.czml``), or about the Moon in MOON_ME axes, Cesium's FIXED frame of a
    viewer whose globe is the Moon (``<spacecraft>_moon.czml``)."""
    scenario = result.scenario
    objects = []
    for k, module in enumerate(result.modules()):
        times, positions = [], []
        for seg in result.trajectory(module):
            t = _sampled(seg, step_s)
            if times and t[0] <= times[-1][-1]:
                t = t[t > times[-1][-1]]
            if t.size == 0:
                continue
            r, _ = seg.states(t, center=center)
            times.append(t)
            positions.append(np.atleast_2d(r))
        epochs, r = Epoch.from_tdb_seconds(np.concatenate(times)), np.vstack(positions)
        objects.append(CzmlObject(module, f"{scenario.spacecraft.name} {module}".upper(), epochs,
                                  r if center == "earth" else moon_fixed(epochs, r), COLORS[k % len(COLORS)],
                                  "INERTIAL" if center == "earth" else "FIXED"))
    if center == "earth":
        start = min(o.epochs.tdb_seconds[0] for o in objects)
        end = max(o.epochs.tdb_seconds[-1] for o in objects)
        objects.append(moon_object(Epoch.from_tdb_seconds(np.append(np.arange(start, end, step_s), end))))
    suffix = "" if center == "earth" else f"_{center}"
    path = output_path(folder, f"{scenario.spacecraft.name.lower()}{suffix}.czml", "spacecraft.name")
    write_czml(path, scenario.name, objects)
    return path


def write_csv_files(result, folder, step_s=CSV_STEP_S) -> list:
    paths = []
    for module in result.modules():
        lines = []
        for seg in result.trajectory(module):
            times = _sampled(seg, step_s)
            stamps = Epoch.from_tdb_seconds(times).iso("utc", 3).tolist()
            row = "%s,%.6f," + cell(seg.center).replace("%", "%%") + "," + ",".join(["%.6f"] * 7)
            lines += formatted_rows(row, [stamps, times.tolist(), *seg.state_vectors(times).T.tolist()])
        path = output_path(folder, f"{module}.csv", f"spacecraft.modules.{module}")
        write_csv_lines(path, ["utc", "tdb_s", "center", "x_m", "y_m", "z_m", "vx_m_s", "vy_m_s", "vz_m_s",
                               "mass_kg"], lines)
        paths.append(path)
    return paths


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (bool, str)):
        return value
    return float(value)


def write_surface_stay_files(result, folder) -> list:
    """``surface_stay.csv`` (one per surface_stay phase, named after it when there are several)."""
    paths = []
    for phase, sky in result.surface_stays.items():
        name = "surface_stay.csv" if len(result.surface_stays) == 1 else f"surface_stay_{phase.replace(' ', '_')}.csv"
        paths.append(write_sky_csv(sky, output_path(folder, name, f"phases[{phase}].name")))
    return paths


def summary(result, stamp: RunStamp) -> dict:
    def floats(d):
        return {k: (float(v) if np.isfinite(v) else None) for k, v in d.items()}
    return {
        "run": {**stamp.record(), "flight_peak_rss_mib": peak_rss_mib()},
        "scenario": result.name,
        "phases": [{"name": p.name, "stack": p.stack, "start_utc": p.start.iso("utc", 3), "end_utc": p.end.iso("utc", 3),
                    "center": p.center, "end": floats(p.end_quantities)} for p in result.phases],
        "burns": [{"phase": b.phase, "module": b.module, "engine": b.engine, "start_utc": b.start.iso("utc", 3),
                   "duration_s": b.duration_s, "delta_v_m_s": float(b.delta_v_m_s),
                   "propellant_kg": float(b.propellant_kg)} for b in result.burns],
        "delta_v_by_module_m_s": floats(result.delta_v_by_module()),
        "total_delta_v_m_s": result.total_delta_v_m_s,
        "propellant_left_kg": floats(result.propellant_left_kg),
        "timeline": [{"utc": e.epoch.iso("utc", 3), "phase": e.phase, "stack": e.stack, "event": e.event,
                      "detail": e.detail} for e in sorted(result.timeline, key=lambda e: e.epoch.tdb_seconds)],
        "targeting": {phase: list(log) for phase, log in result.targeting_logs.items()},
        "published_events": [{"name": r.name, "published_utc": r.published.iso("utc", 0),
                              "simulated_utc": r.simulated.iso("utc", 3), "difference_s": r.difference_s,
                              "source": r.source, **comparison.basis_record(r.basis, "s")}
                             for r in comparison.event_rows(result, result.scenario.published)],
        "published_orbits": [{"phase": r.phase, "quantity": r.quantity, "published": r.published,
                              "simulated": r.simulated, "difference": r.difference, "source": r.source,
                              **comparison.basis_record(r.basis, comparison.ORBIT_UNITS[r.quantity])}
                             for r in comparison.orbit_rows(result, result.scenario.published)],
        "published_propellant": [{"name": r.name, "published_kg": r.published, "simulated_kg": r.simulated,
                                  "source": r.source, **comparison.basis_record(r.basis, "kg")}
                                 for r in comparison.propellant_rows(result, result.scenario.published)],
        "published_figures": [{"name": r.name, "phase": r.phase, "figure": r.figure, "unit": r.unit,
                               "published": r.published, "low": r.low, "high": r.high, "simulated": r.simulated,
                               "difference": r.difference, "source": r.source,
                               **comparison.basis_record(r.basis, comparison.elapsed_unit(r.unit))}
                              for r in comparison.figure_rows(result, result.scenario.published)],
        "predictions": [_prediction_record(p) for p in comparison.predictions(result)],
        "reports": {phase: {k: _plain(v) for k, v in figures.items()} for phase, figures in result.reports.items()},
    }


def peak_rss_mib():
    """The peak resident memory of this process so far (MiB), or None without POSIX ``resource``
    (``ru_maxrss`` is in KiB on Linux, in bytes on macOS)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024.0 ** 2 if sys.platform == "darwin" else 1024.0), 1)


def _prediction_record(prediction) -> dict:
    """A prediction for summary.json: epochs as UTC with the difference in seconds."""
    record = {"name": prediction.name, "unit": prediction.unit, "difference": prediction.difference,
              "source": prediction.source, "anchor": prediction.anchor or None}
    if prediction.unit == "s":
        record.update(published_utc=Epoch.from_tdb_seconds(prediction.published).iso("utc", 0),
                      simulated_utc=Epoch.from_tdb_seconds(prediction.simulated).iso("utc", 3))
    else:
        record.update(published=prediction.published, simulated=prediction.simulated)
    return record


def write_all(result, folder, stamp: RunStamp | None = None) -> list:
    """Every data file of ``result`` into ``folder`` (created), stamped with ``stamp`` (default: a
    new run's); returns their paths. Every name is checked before the first file is written (no
    partial set of files)."""
    stamp = stamp or new_run()
    comparison.figure_rows(result, result.scenario.published)   # a published figure no report has: before any file
    folder.mkdir(parents=True, exist_ok=True)
    for module in result.modules():
        output_path(folder, f"{module}.oem", f"spacecraft.modules.{module}")
    output_path(folder, f"{result.scenario.spacecraft.name.lower()}.bsp", "spacecraft.name")
    runs = module_runs(result)
    paths = (write_oem_files(result, folder, stamp, runs)
             + [write_spk_file(result, folder, stamp, runs), write_czml_file(result, folder),
                write_czml_file(result, folder, center="moon")]
             + write_csv_files(result, folder) + write_surface_stay_files(result, folder))
    summary_path = output_path(folder, "summary.json", "summary")
    atomic_write(summary_path, lambda h: h.write(json.dumps(summary(result, stamp), indent=2)), binary=False)
    return paths + [summary_path]
