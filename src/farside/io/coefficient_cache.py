"""An on-disk cache of parsed gravity coefficients as ``.npy`` (parse once, load in milliseconds).

The cache lives in ``$FARSIDE_CACHE_DIR`` or ``~/.cache/farside``; an entry is keyed by the
source file's path, size and modification time, so an edited file is parsed again. Entries are
written atomically (temporary file, then rename): a killed run leaves no partial entry.
"""
import hashlib
import json
import os
from pathlib import Path

import numpy as np

from farside.io.atomic import atomic_write
from farside.io.gravity_files import GravityCoefficients, check_degree


def cache_dir() -> Path:
    return Path(os.environ.get("FARSIDE_CACHE_DIR", Path.home() / ".cache" / "farside")) / "gravity"


def _key(source: Path) -> str:
    stat = source.stat()
    text = f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def load_cached(source, reader, degree=None) -> GravityCoefficients:
    """Coefficients of ``source`` up to ``degree``: from the cache, or parsed in full by
    ``reader(path)`` once and cached."""
    source = Path(source)
    base = cache_dir() / f"{source.name}-{_key(source)}"
    array_path, meta_path = base.with_suffix(".npy"), base.with_suffix(".json")
    if not (array_path.exists() and meta_path.exists()):
        full = reader(source)
        atomic_write(array_path, lambda h: np.save(h, np.stack([full.c, full.s])))
        meta = {"gm_m3_s2": full.gm_m3_s2, "radius_m": full.radius_m, "frame": full.frame,
                "file_degree": full.file_degree, "source": full.source}
        atomic_write(meta_path, lambda h: h.write(json.dumps(meta).encode()))
    meta = json.loads(meta_path.read_text())
    stacked = np.load(array_path, mmap_mode="r")
    file_degree = meta["file_degree"]
    n = check_degree(degree, file_degree, source)
    c = np.array(stacked[0, :n + 1, :n + 1])
    s = np.array(stacked[1, :n + 1, :n + 1])
    return GravityCoefficients(c, s, meta["gm_m3_s2"], meta["radius_m"], meta["frame"], file_degree, meta["source"])
