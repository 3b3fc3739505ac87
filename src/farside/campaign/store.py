"""A campaign's results folder: one Parquet file per finished chunk (``chunk-00012.parquet``,
written to a temporary name and renamed, so a file is whole or absent) and ``manifest.json``
(the campaign, its fingerprint, the chunking and the nominal outputs).

A chunk holds the records of its samples: ``sample``, ``status`` (``ok`` or ``failed``),
``reason``, the outputs, the drawn inputs (``in.*``, deviations from the nominal) and
``compute_s``. Resuming finds the chunks already written and runs the others; the fingerprint
makes sure they belong to the same campaign.
"""
import hashlib
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from farside.errors import ScenarioError
from farside.io.atomic import atomic_write

MANIFEST = "manifest.json"


def fingerprint(campaign) -> str:
    """A hash of everything that decides the samples (not the sample count, which may grow)."""
    text = json.dumps(campaign.model_dump(mode="json", exclude={"samples"}), sort_keys=True)
    scenario = Path(campaign.scenario).read_bytes()
    return hashlib.sha256(text.encode() + scenario).hexdigest()[:16]


def chunk_path(folder, k) -> Path:
    return Path(folder) / f"chunk-{k:05d}.parquet"


def check_folder(folder, campaign, resume):
    """Refuse, before any work, a folder holding another campaign, or results without ``resume``."""
    folder = Path(folder)
    path = folder / MANIFEST
    if path.exists():
        old = json.loads(path.read_text())
        if not resume:
            raise ScenarioError("--output", str(folder), "a folder without a campaign in it, or --resume")
        if old.get("fingerprint") != fingerprint(campaign) or old.get("chunk_size") != campaign.chunk_size:
            raise ScenarioError("--resume", str(folder), "a folder holding this same campaign (its file, scenario, "
                                                         "seed and chunk size)")
    elif resume and folder.is_dir() and any(folder.glob("chunk-*.parquet")):
        raise ScenarioError("--resume", str(folder), "a folder with a manifest.json")


def open_folder(folder, campaign, nominal_outputs, resume) -> dict:
    """Create the folder and write (or, resuming, rewrite) its manifest; returns it."""
    check_folder(folder, campaign, resume)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"name": campaign.name, "fingerprint": fingerprint(campaign), "samples": campaign.samples,
                "chunk_size": campaign.chunk_size, "seed": campaign.seed, "scenario": campaign.scenario,
                "outputs": [o.name for o in campaign.outputs], "nominal": nominal_outputs,
                "campaign": campaign.model_dump(mode="json")}
    atomic_write(folder / MANIFEST, lambda h: h.write(json.dumps(manifest, indent=2)), binary=False)
    return manifest


def done_chunks(folder) -> set:
    return {int(p.stem.split("-")[1]) for p in Path(folder).glob("chunk-*.parquet")}


def write_chunk(folder, k, records):
    """Write the records of chunk ``k`` atomically."""
    names = []
    for r in records:
        names += [n for n in r if n not in names]
    columns = {}
    for n in names:
        values = [r.get(n) for r in records]
        if n in ("status", "reason"):
            columns[n] = pa.array([v or "" for v in values], pa.string())
        elif n == "sample":
            columns[n] = pa.array(values, pa.int64())
        else:
            columns[n] = pa.array([np.nan if v is None else float(v) for v in values], pa.float64())
    table = pa.table(columns)
    atomic_write(chunk_path(folder, k), lambda h: pq.write_table(table, h))


def read_results(folder) -> dict:
    """Every finished sample, sorted by sample index, as ``{column: numpy array}``, and the manifest."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.is_file():
        raise ScenarioError("OUTDIR", str(folder), "a campaign results folder (with manifest.json)")
    manifest = json.loads(path.read_text())
    tables = [pq.read_table(p) for p in sorted(folder.glob("chunk-*.parquet"))]
    if not tables:
        raise ScenarioError("OUTDIR", str(folder), "a campaign folder with at least one finished chunk")
    table = pa.concat_tables(tables, promote_options="default")
    columns = {n: table.column(n).to_numpy(zero_copy_only=False) for n in table.column_names}
    order = np.argsort(columns["sample"], kind="stable")
    return {n: c[order] for n, c in columns.items()}, manifest
