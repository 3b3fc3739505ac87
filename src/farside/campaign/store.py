"""A campaign's results folder: one Parquet file per finished chunk (``chunk-00012.parquet``,
written to a temporary name and renamed, so a file is whole or absent) and ``manifest.json``
(the campaign, its fingerprint, the sample count, the chunking, the nominal outputs and, for
every finished chunk, its samples and the SHA-256 of its file).

A chunk holds the records of its samples: ``sample``, ``status`` (``ok`` or ``failed``),
``reason``, the outputs, the drawn inputs (``in.*``, deviations from the nominal) and
``compute_s``. A chunk counts as done only if the manifest lists it with the samples the
current sample count gives it and its file has the recorded checksum: resuming with a larger
``-n`` runs the samples added to the last chunk, a smaller one reads only its samples, and a
foreign, truncated or edited chunk file (or a folder named like one) is run again, never read.

The manifest's ``run`` is the stamp of the latest run into the folder (run id, farside version,
start: :mod:`farside.io.run_stamp`); each chunk's entry and its Parquet key-value metadata carry
the id of the run that computed it, so a resumed campaign says which samples came from which run.
"""
import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from farside.errors import ScenarioError
from farside.io.atomic import atomic_write, remove_stale_temporaries
from farside.io.run_stamp import RunStamp, new_run

MANIFEST = "manifest.json"


def fingerprint(campaign) -> str:
    """A hash of everything that decides the samples (not the sample count, which may grow)."""
    text = json.dumps(campaign.model_dump(mode="json", exclude={"samples"}), sort_keys=True)
    scenario = Path(campaign.scenario).read_bytes()
    return hashlib.sha256(text.encode() + scenario).hexdigest()[:16]


def chunk_path(folder, k) -> Path:
    return Path(folder) / f"chunk-{k:05d}.parquet"


def chunk_range(k, chunk_size, samples) -> list:
    """``[first, count]`` of chunk ``k``'s samples."""
    first = k * chunk_size
    return [first, max(0, min(samples, first + chunk_size) - first)]


def read_manifest(folder, argument="--output") -> dict | None:
    """The manifest of ``folder`` (None if it has none); a manifest that is not one is refused."""
    path = Path(folder) / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("chunks"), dict) \
            or not isinstance(manifest.get("samples"), int) or not isinstance(manifest.get("chunk_size"), int):
        raise ScenarioError(argument, str(path), "a campaign manifest written by farside (this one is damaged: "
                                                 "remove the folder, or the manifest to start the campaign again)")
    return manifest


def check_folder(folder, campaign, resume):
    """Refuse, before any work, a folder holding another campaign, results without ``resume``,
    or chunk files without a manifest (their origin is unknown)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ScenarioError("--output", str(folder), "a folder (this is an existing file)")
    old = read_manifest(folder)
    if old is not None:
        if not resume:
            raise ScenarioError("--output", str(folder), "a folder without a campaign in it, or --resume")
        if old.get("fingerprint") != fingerprint(campaign) or old.get("chunk_size") != campaign.chunk_size:
            raise ScenarioError("--resume", str(folder), "a folder holding this same campaign (its file, scenario, "
                                                         "seed and chunk size)")
    elif folder.is_dir() and any(folder.glob("chunk-*.parquet")):
        raise ScenarioError("--resume" if resume else "--output", str(folder),
                            "a folder with a manifest.json, or without chunk files (these are of unknown origin)")


def open_folder(folder, campaign, nominal_outputs, resume, basis=None, stamp: RunStamp | None = None) -> dict:
    """Create the folder and write (or, resuming, rewrite) its manifest, stamped with ``stamp``
    (default: a new run's), keeping the chunks still valid for the campaign's sample count; returns
    it. The temporaries of a killed run are removed."""
    check_folder(folder, campaign, resume)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    old = read_manifest(folder) if resume else None
    kept = {}
    for key, entry in (old or {}).get("chunks", {}).items():
        if key.isdigit() and entry.get("samples") == chunk_range(int(key), campaign.chunk_size, campaign.samples):
            kept[key] = entry
    manifest = {"run": (stamp or new_run()).record(),
                "name": campaign.name, "fingerprint": fingerprint(campaign), "samples": campaign.samples,
                "chunk_size": campaign.chunk_size, "seed": campaign.seed, "scenario": campaign.scenario,
                "outputs": [o.name for o in campaign.outputs], "nominal": nominal_outputs, "basis": basis or {},
                "campaign": campaign.model_dump(mode="json"), "chunks": kept}
    _write_manifest(folder, manifest)
    return manifest


def _write_manifest(folder, manifest):
    atomic_write(Path(folder) / MANIFEST, lambda h: h.write(json.dumps(manifest, indent=2)), binary=False)


def _sha256(path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _valid(folder, manifest, key) -> bool:
    entry = manifest["chunks"].get(key, {})
    path = chunk_path(folder, int(key))
    return (entry.get("samples") == chunk_range(int(key), manifest["chunk_size"], manifest["samples"])
            and path.is_file() and _sha256(path) == entry.get("sha256"))


def done_chunks(folder, manifest=None) -> set:
    """Chunk indices whose files are whole, listed in ``manifest`` (default: the folder's) with
    their checksum and hold the samples the manifest's sample count gives them."""
    manifest = manifest if manifest is not None else read_manifest(folder)
    if manifest is None:
        return set()
    return {int(key) for key in manifest["chunks"] if key.isdigit() and _valid(folder, manifest, key)}


def write_chunk(folder, k, records, manifest):
    """Write the records of chunk ``k`` atomically and record its samples and checksum in the
    manifest (rewritten atomically after the chunk)."""
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
    run = manifest.get("run", {})
    metadata = {"farside_run_id": str(run.get("run_id")), "farside_version": str(run.get("farside_version"))}
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns).replace_schema_metadata(metadata), buffer)
    data = buffer.getvalue()
    atomic_write(chunk_path(folder, k), lambda h: h.write(data))
    manifest["chunks"][str(k)] = {"samples": chunk_range(k, manifest["chunk_size"], manifest["samples"]),
                                  "sha256": hashlib.sha256(data).hexdigest(), "run_id": run.get("run_id")}
    _write_manifest(folder, manifest)


def read_results(folder) -> dict:
    """Every finished sample, sorted by sample index, as ``{column: numpy array}``, and the
    manifest. Only the chunks the manifest lists are read; one whose file has changed since it
    was written is refused."""
    folder = Path(folder)
    manifest = read_manifest(folder, "OUTDIR")
    if manifest is None:
        raise ScenarioError("OUTDIR", str(folder), "a campaign results folder (with manifest.json)")
    tables = []
    for key in sorted(manifest["chunks"], key=lambda k: int(k) if k.isdigit() else -1):
        if not _valid(folder, manifest, key):
            raise ScenarioError("OUTDIR", str(chunk_path(folder, int(key) if key.isdigit() else 0)),
                                "the chunk file the manifest records (this one is missing, truncated or changed: "
                                "run the campaign again with --resume)")
        tables.append(pq.read_table(chunk_path(folder, int(key))))
    if not tables:
        raise ScenarioError("OUTDIR", str(folder), "a campaign folder with at least one finished chunk")
    table = pa.concat_tables(tables, promote_options="default")
    columns = {n: table.column(n).to_numpy(zero_copy_only=False) for n in table.column_names}
    order = np.argsort(columns["sample"], kind="stable")
    return {n: c[order] for n, c in columns.items()}, manifest
