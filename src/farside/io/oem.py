"""CCSDS Orbit Ephemeris Message, version 2.0, in KVN (CCSDS 502.0-B-3, 2023): write and read.

A message holds one or more segments, each a metadata block (object, centre, frame, time system,
span, interpolation) and its ephemeris lines ``epoch x y z vx vy vz`` in km and km/s. farside
writes one segment per stretch of trajectory about one centre. Epochs are written with
microseconds in the segment's time system; positions to the micrometre, velocities to the
nanometre per second. Files are written atomically.
"""
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np

from farside.astro.time import Epoch
from farside.errors import FarsideValueError
from farside.io.atomic import atomic_write

VERSION = "2.0"
TIME_SYSTEMS = {"UTC": "utc", "TAI": "tai", "TT": "tt", "TDB": "tdb", "GPS": "gps", "UT1": "ut1"}
REF_FRAMES = ("ICRF", "EME2000", "GCRF", "ITRF", "MOON_PA", "MOON_ME")
CENTERS = ("EARTH", "MOON", "SUN", "EARTH BARYCENTER", "SOLAR SYSTEM BARYCENTER")
_KEY = re.compile(r"^\s*([A-Z_0-9]+)\s*=\s*(.*?)\s*$")


@dataclass
class OemSegment:
    """One metadata block and its states: ``epochs`` (`Epoch`, n), ``states_m`` (n, 6) in m and
    m/s about ``center_name`` in ``ref_frame``."""
    object_name: str
    object_id: str
    center_name: str
    ref_frame: str
    epochs: Epoch
    states_m: np.ndarray
    time_system: str = "UTC"
    interpolation: str | None = "HERMITE"
    interpolation_degree: int | None = 7
    comments: list = field(default_factory=list)

    def __post_init__(self):
        if self.time_system not in TIME_SYSTEMS:
            raise FarsideValueError("time_system", self.time_system, ", ".join(TIME_SYSTEMS))
        self.states_m = np.asarray(self.states_m, dtype=float)
        if self.states_m.ndim != 2 or self.states_m.shape[1] != 6 or self.states_m.shape[0] != len(self.epochs):
            raise FarsideValueError("states_m", f"shape {self.states_m.shape}",
                                    f"(n, 6) with n = {len(self.epochs)} epochs")
        if not np.all(np.isfinite(self.states_m)):
            raise FarsideValueError("states_m", "non-finite values", "finite positions and velocities")
        t = self.epochs.tdb_seconds
        if np.any(np.diff(t) <= 0.0):
            raise FarsideValueError("epochs", "not increasing", "strictly increasing epochs")


def _text(value):
    return "" if value is None else str(value)


def _segment_lines(seg: OemSegment):
    scale = TIME_SYSTEMS[seg.time_system]
    stamps = seg.epochs.iso(scale, 6)
    lines = ["META_START", f"OBJECT_NAME = {seg.object_name}", f"OBJECT_ID = {seg.object_id}",
             f"CENTER_NAME = {seg.center_name}", f"REF_FRAME = {seg.ref_frame}",
             f"TIME_SYSTEM = {seg.time_system}", f"START_TIME = {stamps[0]}", f"STOP_TIME = {stamps[-1]}"]
    if seg.interpolation:
        lines.append(f"INTERPOLATION = {seg.interpolation}")
        if seg.interpolation_degree is not None:
            lines.append(f"INTERPOLATION_DEGREE = {seg.interpolation_degree}")
    lines.append("META_STOP")
    lines += [f"COMMENT {c}" for c in seg.comments]
    row = "%s %.9f %.9f %.9f %.12f %.12f %.12f"
    # columns as flat lists (no list per row for the garbage collector to walk)
    lines += [row % values for values in zip(stamps.tolist(), *(seg.states_m / 1e3).T.tolist())]
    return lines


def write_oem(path, segments, originator="FARSIDE", creation_date=None, comments=()):
    """Write ``segments`` (`OemSegment` list) to ``path`` as an OEM 2.0 KVN file."""
    segments = list(segments)
    if not segments:
        raise FarsideValueError("segments", segments, "at least one OemSegment")
    created = creation_date or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    lines = [f"CCSDS_OEM_VERS = {VERSION}"] + [f"COMMENT {c}" for c in comments]
    lines += [f"CREATION_DATE = {created}", f"ORIGINATOR = {originator}", ""]
    for seg in segments:
        lines += _segment_lines(seg) + [""]
    atomic_write(path, lambda h: h.write("\n".join(lines)), binary=False)


def read_oem(path) -> list:
    """The segments of an OEM KVN file (covariance blocks are skipped)."""
    segments, meta, rows, comments = [], None, [], []
    in_meta = in_cov = False

    def close():
        if meta is not None:
            system = meta.get("TIME_SYSTEM", "UTC")
            scale = TIME_SYSTEMS.get(system)
            if scale is None:
                raise FarsideValueError(f"{path}: TIME_SYSTEM", system, ", ".join(TIME_SYSTEMS))
            epochs = Epoch([r[0] for r in rows], scale)
            states = np.array([r[1:7] for r in rows], dtype=float) * 1e3
            degree = meta.get("INTERPOLATION_DEGREE")
            segments.append(OemSegment(meta.get("OBJECT_NAME", ""), meta.get("OBJECT_ID", ""),
                                       meta.get("CENTER_NAME", ""), meta.get("REF_FRAME", ""), epochs,
                                       states, system, meta.get("INTERPOLATION"),
                                       int(degree) if degree else None, list(comments)))

    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    if not lines or not lines[0].strip().startswith("CCSDS_OEM_VERS"):
        raise FarsideValueError("path", str(path), "a CCSDS OEM in KVN (first line CCSDS_OEM_VERS = ...)")
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line or (line.startswith("COMMENT") and not in_meta and meta is None):
            continue
        if line == "META_START":
            close()
            meta, rows, comments, in_meta = {}, [], [], True
        elif line == "META_STOP":
            in_meta = False
        elif line in ("COVARIANCE_START", "COVARIANCE_STOP"):
            in_cov = line == "COVARIANCE_START"
        elif in_cov:
            continue
        elif line.startswith("COMMENT"):
            comments.append(line[7:].strip())
        elif in_meta:
            match = _KEY.match(line)
            if match is None:
                raise FarsideValueError(f"{path}:{number}", raw, "KEY = value in a metadata block")
            meta[match.group(1)] = match.group(2)
        elif meta is not None:
            parts = line.split()
            if len(parts) not in (7, 10):
                raise FarsideValueError(f"{path}:{number}", raw, "epoch x y z vx vy vz [ax ay az]")
            rows.append(parts[:7])
    close()
    return segments
