"""The files a ``farside run`` wrote, read back for the report: ``summary.json`` (timeline, phases,
burns, guided-phase figures, comparison with the published figures, corrector logs), one
``<module>.csv`` per module (UTC, TDB seconds, centre, GCRF position m and velocity m/s, mass kg,
see :mod:`farside.mission.outputs`), ``surface_stay.csv``, the payloads' files when the scenario has
payloads (``payloads/``: ``data_volume.csv``, ``<payload>_comparison.csv`` and the figures, see
:mod:`farside.mission.payload_runner`) and, when a relay analysis wrote into the same folder,
``relay_windows.csv`` and ``relay_timeline.csv``; the figures (``*.png``) a run writes beside them
(a launch's loads and ground track).
"""
import base64
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
from pyarrow import csv as arrow_csv

from farside.errors import FarsideValueError

STATE_HEADER = ["utc", "tdb_s", "center", "x_m", "y_m", "z_m", "vx_m_s", "vy_m_s", "vz_m_s", "mass_kg"]


@dataclass
class ModuleTrack:
    """One module's sampled states: UTC (milliseconds after 1970-01-01 UTC, as the file states it)
    and TDB seconds past J2000, centre name per row, GCRF position (m) and velocity (m/s) about that
    centre, mass (kg)."""
    name: str
    utc_ms: np.ndarray
    tdb_s: np.ndarray
    center: np.ndarray
    r_m: np.ndarray
    v_m_s: np.ndarray
    mass_kg: np.ndarray


@dataclass
class RunFolder:
    path: Path
    summary: dict
    modules: list
    tables: dict = field(default_factory=dict)
    payloads: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    """``{name: base64 PNG}`` of the figures the run wrote beside its files (a launch's)."""


def read_table(path) -> dict:
    """A CSV file as ``{column: list of strings}``."""
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    return {name: [row[k] for row in body] for k, name in enumerate(header)}


def _values(array, dtype) -> np.ndarray:
    """A null-free fixed-width Arrow array's values as numpy (read from its data buffer; numpy's
    own conversion would import pyarrow.compute, 0.2 s, on the run's first report)."""
    return np.frombuffer(array.buffers()[1], dtype=dtype)[array.offset:array.offset + len(array)]


def _numbers(column, dtype) -> np.ndarray:
    """A null-free fixed-width Arrow column as a numpy array."""
    return _values(column.combine_chunks(), dtype).copy()


def _names(column) -> np.ndarray:
    """A dictionary-encoded Arrow string column as a numpy array of its strings, chunk by chunk
    (each chunk has its own dictionary)."""
    return np.concatenate([np.array(chunk.dictionary.to_pylist(), dtype=str)[_values(chunk.indices, np.int32)]
                           for chunk in column.chunks])


def _track(path) -> ModuleTrack:
    types = {"utc": pa.timestamp("ms"), "tdb_s": pa.float64(), "center": pa.dictionary(pa.int32(), pa.string()),
             **{c: pa.float64() for c in STATE_HEADER[3:]}}
    table = arrow_csv.read_csv(path, convert_options=arrow_csv.ConvertOptions(column_types=types))
    numbers = np.column_stack([_numbers(table[c], np.float64) for c in STATE_HEADER[3:]])
    return ModuleTrack(path.stem, _numbers(table["utc"], np.int64), _numbers(table["tdb_s"], np.float64),
                       _names(table["center"]), numbers[:, :3], numbers[:, 3:6], numbers[:, 6])


def _is_state_file(path) -> bool:
    with open(path, newline="") as handle:
        return next(csv.reader(handle), []) == STATE_HEADER


def read_payloads(folder) -> dict:
    """``{"data_volume": table, "comparisons": {payload: table}, "figures": {name: base64 PNG}}`` from
    ``folder/payloads``, or an empty dict without it."""
    folder = Path(folder) / "payloads"
    if not folder.is_dir():
        return {}
    volume = folder / "data_volume.csv"
    return {"data_volume": read_table(volume) if volume.is_file() else None,
            "comparisons": {p.stem.removesuffix("_comparison"): read_table(p)
                            for p in sorted(folder.glob("*_comparison.csv"))},
            "figures": {p.stem: base64.b64encode(p.read_bytes()).decode("ascii") for p in sorted(folder.glob("*.png"))}}


def read_run(folder) -> RunFolder:
    """The run in ``folder``; a folder without ``summary.json`` or without a module's state CSV is
    refused (:class:`farside.errors.FarsideValueError` naming the folder)."""
    folder = Path(folder)
    summary_path = folder / "summary.json"
    if not summary_path.is_file():
        raise FarsideValueError("folder", str(folder), "the output folder of `farside run` (summary.json and "
                                "one <module>.csv per module), none found there")
    summary = json.loads(summary_path.read_text())
    csvs = sorted(p for p in folder.glob("*.csv") if _is_state_file(p))
    if not csvs:
        raise FarsideValueError("folder", str(folder), "the module state files <module>.csv that `farside run` "
                                "writes beside summary.json, none found there")
    order = list(summary.get("propellant_left_kg", {}))
    csvs.sort(key=lambda p: order.index(p.stem) if p.stem in order else len(order))
    tables = {name: read_table(folder / f"{name}.csv") for name in ("surface_stay", "relay_windows", "relay_timeline")
              if (folder / f"{name}.csv").is_file()}
    figures = {p.stem: base64.b64encode(p.read_bytes()).decode("ascii") for p in sorted(folder.glob("*.png"))}
    return RunFolder(folder, summary, [_track(p) for p in csvs], tables, read_payloads(folder), figures)
