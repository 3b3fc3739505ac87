"""The identity of one command's run, stamped in every file it writes, so that the files of one
run can be told from another's in a folder used twice.

A run id is the UTC start of the run and eight random hex digits (``20261201T224512Z-3f9a1c2b``).
It goes, with farside's version, into each file's own header where the format has one: a COMMENT
line of a CCSDS OEM, the comment area of an SPK, a ``run`` record of ``summary.json``, the
key-value metadata of a Parquet chunk, the campaign manifest. Formats without a header (CSV,
PNG, CZML, HTML) are listed with their SHA-256 in the folder's ``run.json`` (:func:`write_run_record`),
written last: a file of the folder not in it, or whose checksum differs, is from another run.
"""
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from farside import __version__
from farside.io.atomic import atomic_write

RUN_RECORD = "run.json"


@dataclass(frozen=True)
class RunStamp:
    """One run: its id, the farside version and the UTC start (ISO 8601, seconds)."""
    run_id: str
    farside_version: str
    started_utc: str

    def header(self) -> str:
        """One line for a file's header: ``farside 0.1.0, run 20261201T224512Z-3f9a1c2b``."""
        return f"farside {self.farside_version}, run {self.run_id}"

    def record(self) -> dict:
        return {"run_id": self.run_id, "farside_version": self.farside_version, "started_utc": self.started_utc}


def new_run() -> RunStamp:
    """A fresh stamp: now (UTC) and 32 random bits, unique among the runs of a folder."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    return RunStamp(f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}", __version__, now.isoformat().replace("+00:00", "Z"))


def _sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_run_record(folder, stamp: RunStamp, command: str, paths) -> Path:
    """Write ``run.json`` in ``folder``: the stamp, the command, and every file of ``paths`` (paths
    relative to the folder) with its size and SHA-256; files already in the folder that this run did
    not write are listed under ``not_from_this_run``. Returns its path."""
    folder = Path(folder)
    written = {Path(p).resolve().relative_to(folder.resolve()).as_posix(): Path(p) for p in paths}
    files = {name: {"bytes": path.stat().st_size, "sha256": _sha256(path)} for name, path in sorted(written.items())}
    others = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                    if p.is_file() and p.name != RUN_RECORD and not p.name.endswith(".tmp")
                    and p.relative_to(folder).as_posix() not in written)
    record = {**stamp.record(), "command": command, "files": files, "not_from_this_run": others}
    path = folder / RUN_RECORD
    atomic_write(path, lambda h: h.write(json.dumps(record, indent=2)), binary=False)
    return path
