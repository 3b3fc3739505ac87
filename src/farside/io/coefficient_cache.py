"""An on-disk cache of parsed gravity coefficients as ``.npy`` (parse once, load in milliseconds).

The cache lives in ``$FARSIDE_CACHE_DIR`` or ``~/.cache/farside``; an entry is keyed by a
SHA-256 digest of the source file's content (its first 128 bits; the hash with hardware support
on common processors, twice BLAKE2b's speed there) and its name, for reading, so two files of one
name, or a file edited in place, never share an entry. The digest is computed once per process
and file version (path, size, modification time). Entries are written atomically (temporary
file, then rename): a killed run leaves no partial entry, and an entry that cannot be read
(truncated, corrupt) is parsed again and replaced.
"""
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from farside.errors import FarsideValueError
from farside.io.atomic import atomic_write
from farside.io.gravity_files import GravityCoefficients, check_degree

_META_KEYS = ("gm_m3_s2", "radius_m", "frame", "file_degree", "source")


def cache_dir() -> Path:
    return Path(os.environ.get("FARSIDE_CACHE_DIR", Path.home() / ".cache" / "farside")) / "gravity"


@lru_cache(maxsize=16)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()[:32]


def content_key(source: Path) -> str:
    """The hex digest of ``source``'s bytes (32 characters)."""
    stat = source.stat()
    return _digest(str(source.resolve()), stat.st_size, stat.st_mtime_ns)


def entry_paths(source: Path) -> tuple:
    """``(array, metadata)`` paths of ``source``'s cache entry."""
    base = f"{source.name}-{content_key(source)}"
    folder = cache_dir()
    return folder / f"{base}.npy", folder / f"{base}.json"


def _read_entry(array_path, meta_path):
    """``(stacked c/s array, metadata)`` of a whole entry, or None if it is absent or unreadable."""
    try:
        meta = json.loads(meta_path.read_text())
        stacked = np.load(array_path, mmap_mode="r")
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(meta, dict) or any(k not in meta for k in _META_KEYS) or stacked.ndim != 3 \
            or stacked.shape[0] != 2 or stacked.shape[1] < meta["file_degree"] + 1:
        return None
    return stacked, meta


def _write_entry(full, array_path, meta_path):
    folder = array_path.parent
    if folder.exists() and not folder.is_dir() or any(p.exists() and not p.is_dir() for p in folder.parents):
        raise FarsideValueError("FARSIDE_CACHE_DIR", str(folder.parent), "a folder for farside's caches (a path "
                                                                          "through a file is not)")
    try:
        atomic_write(array_path, lambda h: np.save(h, np.stack([full.c, full.s])))
        meta = {"gm_m3_s2": full.gm_m3_s2, "radius_m": full.radius_m, "frame": full.frame,
                "file_degree": full.file_degree, "source": full.source}
        atomic_write(meta_path, lambda h: h.write(json.dumps(meta).encode()))
    except PermissionError:
        raise FarsideValueError("FARSIDE_CACHE_DIR", str(folder.parent), "a folder with write permission for "
                                                                          "farside's caches") from None


def load_cached(source, reader, degree=None) -> GravityCoefficients:
    """Coefficients of ``source`` up to ``degree``: from the cache, or parsed in full by
    ``reader(path)`` once and cached."""
    source = Path(source)
    array_path, meta_path = entry_paths(source)
    entry = _read_entry(array_path, meta_path)
    if entry is None:
        _write_entry(reader(source), array_path, meta_path)
        entry = _read_entry(array_path, meta_path)
    stacked, meta = entry
    file_degree = meta["file_degree"]
    n = check_degree(degree, file_degree, source)
    c = np.array(stacked[0, :n + 1, :n + 1])
    s = np.array(stacked[1, :n + 1, :n + 1])
    return GravityCoefficients(c, s, meta["gm_m3_s2"], meta["radius_m"], meta["frame"], file_degree, meta["source"])
