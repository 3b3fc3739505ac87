"""The data of the report's 3-D view: every module's path about the Earth and about the Moon (GCRF
axes, km, float32), the Moon's geocentric path, the body-fixed orientation of the Earth (ITRF93) and
of the Moon (MOON_ME) along the mission, the event markers, and the spheres' texture images.

Positions come from the run's state files (GCRF, about the Earth or the Moon row by row); the
other centre is reached with the DE440s Moon ephemeris (:func:`farside.astro.ephemeris.state`).
Paths are thinned for the page: every sample within ``LOW_ALTITUDE_M`` of the lunar surface
(descent, surface stay, ascent), one every ``NEAR_MOON_STRIDE`` samples within ``NEAR_MOON_M`` of
the Moon, one every ``FAR_STRIDE`` samples elsewhere, plus each centre change and both ends.
"""
import numpy as np

from farside.astro import ephemeris, frames
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.time import Epoch
from farside.report.mission_report import textures

LOW_ALTITUDE_M = 30e3
NEAR_MOON_M = 30000e3
NEAR_MOON_STRIDE = 3
FAR_STRIDE = 20
STACKED_M = 1.0
MOON_VIEW_RADIUS_M = 15000e3
"""Samples farther than this from the Moon are left out of the Moon-centred view (km-scale orbits
would vanish beside the transfer arcs)."""
EARTH_ORIENTATION_STEP_S = 1200.0
MOON_ORIENTATION_STEP_S = 7200.0
MOON_PATH_STEP_S = 3600.0
COLORS = ("#ffc800", "#00c8ff", "#ff5050", "#78ff78", "#c878ff", "#ff9de0")


def _moon_r_m(tdb_s):
    """The Moon's geocentric GCRF position (m) at each epoch, evaluated once per distinct epoch."""
    unique, inverse = np.unique(np.asarray(tdb_s, dtype=float), return_inverse=True)
    r, _ = ephemeris.state("moon", unique, center="earth")
    return np.atleast_2d(r)[inverse]


def _kept(track, r_moon_centred):
    distance = np.linalg.norm(r_moon_centred, axis=1)
    index = np.arange(len(track.tdb_s))
    keep = np.where(distance < NEAR_MOON_M, index % NEAR_MOON_STRIDE == 0, index % FAR_STRIDE == 0)
    keep |= distance < MOON_MEAN_RADIUS_M + LOW_ALTITUDE_M
    keep[[0, -1]] = True
    changes = np.flatnonzero(track.center[1:] != track.center[:-1])
    keep[changes] = keep[changes + 1] = True
    return keep


def _km(r_m) -> np.ndarray:
    """Positions in km as float32 (a spacing of 1/32 km at the Moon's distance, 1/1024 km within
    16,000 km of the centre)."""
    return (np.asarray(r_m) / 1e3).astype(np.float32)


def stacked(track, earlier) -> np.ndarray:
    """Per sample of ``track``: whether one of the ``earlier`` modules' tracks is at the same epoch
    (to 1 ms) and place (to ``STACKED_M``) about the same centre, i.e. flies in the same stack."""
    out = np.zeros(len(track.tdb_s), dtype=bool)
    t_ms = np.round(track.tdb_s * 1e3).astype(np.int64)
    for other in earlier:
        _, mine, theirs = np.intersect1d(t_ms, np.round(other.tdb_s * 1e3).astype(np.int64), return_indices=True)
        same = (track.center[mine] == other.center[theirs]) & (
            np.linalg.norm(track.r_m[mine] - other.r_m[theirs], axis=1) < STACKED_M)
        out[mine[same]] = True
    return out


def _ranges(flags) -> list:
    """``[[first, last], ...]``: the runs of true values (inclusive indices)."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    runs = edges.reshape(-1, 2)
    runs[:, 1] -= 1
    return runs.tolist()


def module_path(track, r_moon_m, t0_s, color, shared=None) -> dict:
    """One module's thinned path: seconds after ``t0_s`` (float64), positions (km, float32 rows)
    about the Earth and about the Moon (NaN where the Moon-centred view leaves a sample out), and the
    runs of samples it shares with an earlier module (``shared``, from :func:`stacked`; the view
    draws one line for a stack, in the colour of its first module); ``r_moon_m`` is the Moon's
    geocentric position at the track's epochs."""
    about_moon = track.center == "moon"
    r_earth_centred = track.r_m + np.where(about_moon[:, None], r_moon_m, 0.0)
    r_moon_centred = track.r_m - np.where(about_moon[:, None], 0.0, r_moon_m)
    keep = _kept(track, r_moon_centred)
    moon_view = _km(r_moon_centred[keep])
    moon_view[np.linalg.norm(r_moon_centred[keep], axis=1) >= MOON_VIEW_RADIUS_M] = np.nan
    shared = np.zeros(len(track.tdb_s), dtype=bool) if shared is None else shared
    return {"name": track.name, "color": color, "t": track.tdb_s[keep] - t0_s,
            "earth": _km(r_earth_centred[keep]), "moon": moon_view, "shared": _ranges(shared[keep])}


def _position_at(path, frame, t):
    """A module path's position (km) at ``t`` seconds after the start, linear between samples (as
    the page interpolates); ``None`` outside the path or next to a gap."""
    times = path["t"]
    if t < times[0] or t > times[-1]:
        return None
    k = int(np.clip(np.searchsorted(times, t) - 1, 0, len(times) - 2))
    a, b = path[frame][k].astype(float), path[frame][k + 1].astype(float)
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        return None
    f = 0.0 if times[k + 1] == times[k] else (t - times[k]) / (times[k + 1] - times[k])
    return np.round(a + f * (b - a), 2).tolist()


def event_markers(timeline, paths, t0_s) -> list:
    """Each timeline event at the position of the first module its stack is named after (``LANDER-ASCENDER``:
    the lander), or else of the first module (a stack named after the spacecraft)."""
    by_name = {p["name"]: p for p in paths}
    markers = []
    epochs_s = np.atleast_1d(Epoch([e["utc"] for e in timeline], "utc").tdb_seconds) if timeline else []
    for event, epoch_s in zip(timeline, epochs_s):
        t = float(epoch_s) - t0_s
        names = [n for n in event.get("stack", "").lower().replace("-", " ").split() if n in by_name]
        path = by_name[names[0]] if names else paths[0]
        markers.append({"name": event["event"], "utc": event["utc"], "phase": event["phase"], "module": path["name"],
                        "t": round(t, 1), "earth": _position_at(path, "earth", t), "moon": _position_at(path, "moon", t)})
    return markers


def _rotations(frame, t0_s, t1_s, step_s) -> dict:
    t = np.append(np.arange(t0_s, t1_s, step_s), t1_s)
    return {"step_s": step_s, "matrices": frames.rotation("GCRF", frame, t).reshape(-1, 9).astype(np.float32)}


def orientations(t0_s, t1_s) -> dict:
    """GCRF -> ITRF93 and GCRF -> MOON_ME rotations (row-major 3x3, float32) every
    ``EARTH_ORIENTATION_STEP_S`` and ``MOON_ORIENTATION_STEP_S`` from ``t0_s``, and the Moon's
    geocentric path (km) every ``MOON_PATH_STEP_S``."""
    t_moon = np.append(np.arange(t0_s, t1_s, MOON_PATH_STEP_S), t1_s)
    return {"earth": _rotations("ITRF93", t0_s, t1_s, EARTH_ORIENTATION_STEP_S),
            "moon": _rotations("MOON_ME", t0_s, t1_s, MOON_ORIENTATION_STEP_S),
            "moon_path": {"t": t_moon - t0_s, "earth": _km(_moon_r_m(t_moon))}}


def scene(run) -> dict:
    """Everything the 3-D view draws, for a :class:`~farside.report.mission_report.run_folder.RunFolder`."""
    t0_s = min(m.tdb_s[0] for m in run.modules)
    t1_s = max(m.tdb_s[-1] for m in run.modules)
    r_moon = np.split(_moon_r_m(np.concatenate([m.tdb_s for m in run.modules])),
                      np.cumsum([len(m.tdb_s) for m in run.modules])[:-1])
    paths = [module_path(m, r, t0_s, COLORS[k % len(COLORS)], stacked(m, run.modules[:k]))
             for k, (m, r) in enumerate(zip(run.modules, r_moon))]
    return {"t0_utc": Epoch.from_tdb_seconds(t0_s).iso("utc", 3), "t0_tdb_s": t0_s, "span_s": t1_s - t0_s,
            "modules": paths, "events": event_markers(run.summary.get("timeline", []), paths, t0_s),
            "orientation": orientations(t0_s, t1_s), "spheres": textures.spheres()}
