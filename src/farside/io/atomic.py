"""Files that appear whole or not at all: written beside their destination under a temporary
name, then renamed over it (``os.replace`` is atomic within a file system). A run killed or failing
half-way leaves the previous file, or none, and no partial one. The temporary name carries the
writing process's id (``.summary.json.4711-k3j9x2ab.tmp``): a process killed before its rename
leaves that file behind, and the next command into the folder removes every temporary whose
process is gone (:func:`remove_stale_temporaries`, called by :func:`prepare_output_folder`).

Every file a command writes is named through :func:`output_path`: a name from a scenario
(``spacecraft.name``, a module's) must be a plain file name of a safe character set, and the
path must resolve inside the output folder - ``name: ../x`` or ``/etc/x`` never escapes it. The
output folder itself is checked before any work by :func:`prepare_output_folder`.
"""
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from farside.errors import FarsideValueError

_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}")
SAFE_NAME_RULE = ("a plain file name: letters, digits and _ . + - (at most 100, not starting with '.', "
                  "no '..', no '/')")

_TEMPORARY = re.compile(r"\..+\.(?P<pid>\d+)-[a-z0-9_]{8}\.tmp")
"""A temporary of :func:`atomic_path` (``mkstemp``'s eight random characters after the pid)."""

_UMASK = os.umask(0)
os.umask(_UMASK)
"""The process's file-creation mask, read once: a finished file gets the usual permissions."""


@contextmanager
def atomic_path(path):
    """Yield a temporary path in ``path``'s folder (which is created); on a clean exit it is
    renamed to ``path``, on an error it is removed. For writers that want a file name (SPICE)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp")
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


def _process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (signal 0 tests without sending anything)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True   # another user's process
    except OverflowError:
        return False   # a number too large to be a process id
    return True


def remove_stale_temporaries(folder) -> list:
    """Remove the temporaries of :func:`atomic_path` in ``folder`` whose writing process no longer
    runs (it was killed before its rename); a live process's are left to it. Returns the removed
    paths."""
    removed = []
    for entry in os.scandir(folder):
        match = _TEMPORARY.fullmatch(entry.name)
        if match and entry.is_file(follow_symlinks=False) and not _process_alive(int(match["pid"])):
            Path(entry.path).unlink(missing_ok=True)
            removed.append(Path(entry.path))
    return removed


def check_file_name(name, field: str) -> str:
    """``name`` if it is a safe plain file name (:data:`SAFE_NAME_RULE`), else a
    `FarsideValueError` naming ``field`` (the scenario field the name came from)."""
    if not isinstance(name, str) or not _SAFE_NAME.fullmatch(name) or ".." in name:
        raise FarsideValueError(field, name, SAFE_NAME_RULE)
    return name


def output_path(folder, name, field: str) -> Path:
    """``folder / name`` for a file about to be written: ``name`` checked by :func:`check_file_name`
    and the path, symbolic links resolved, inside ``folder``."""
    folder = Path(folder)
    path = folder / check_file_name(name, field)
    if path.resolve().parent != folder.resolve():
        raise FarsideValueError(field, name, f"a file that stays inside the output folder {folder}")
    return path


def prepare_output_folder(folder, argument: str = "--output") -> Path:
    """Create ``folder`` (and its parents) and check that files can be written in it, before any
    work: a path through a file, an existing file or a folder without write permission is a
    `FarsideValueError` naming ``argument``. The temporaries a killed run left in it are removed
    (:func:`remove_stale_temporaries`)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FarsideValueError(argument, str(folder), "a folder (this is an existing file)")
    for parent in folder.parents:
        if parent.exists() and not parent.is_dir():
            raise FarsideValueError(argument, str(folder), f"a folder path ({parent} is a file)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FarsideValueError(argument, str(folder), f"a folder that can be created ({error.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FarsideValueError(argument, str(folder), "a folder with write permission")
    remove_stale_temporaries(folder)
    return folder
