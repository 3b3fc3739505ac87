"""Files that appear whole or not at all: written beside their destination under a temporary
name, then renamed over it (``os.replace`` is atomic within a file system). A run killed or failing
half-way leaves the previous file, or none, and no partial one."""
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)
"""The process's file-creation mask, read once: a finished file gets the usual permissions."""


@contextmanager
def atomic_path(path):
    """Yield a temporary path in ``path``'s folder (which is created); on a clean exit it is
    renamed to ``path``, on an error it is removed. For writers that want a file name (SPICE)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp)
    tmp.chmod(0o666 & ~_UMASK)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path, write, binary=True):
    """Call ``write(handle)`` on a temporary file, then rename it to ``path``."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb" if binary else "w", encoding=None if binary else "utf-8", newline=None) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
