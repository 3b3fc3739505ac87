"""One place that decides how farside's kernels are compiled.

Every kernel is cached on disk (``cache=True``) so a second run starts without compiling.
``fastmath`` stays off: the kernels are checked against SPICE at the 1e-12 level, and
re-association of floating-point sums would make results depend on the compiler.

numba checks a cached kernel against its own source file only, not against the kernels it
calls: after a change to ``forces.py`` a cached ``dop853.propagate_hf`` would still run the old
forces. So the cache lives in a folder named by a digest of every source of this package,
``$FARSIDE_CACHE_DIR/numba/<digest>`` (default ``~/.cache/farside``), unless ``NUMBA_CACHE_DIR``
is set.
"""
import hashlib
import os
import threading
from pathlib import Path

import numba

JIT_OPTIONS = {"cache": True, "nogil": True, "error_model": "numpy"}


def _kernel_cache_dir() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    root = Path(os.environ.get("FARSIDE_CACHE_DIR", Path.home() / ".cache" / "farside"))
    return str(root / "numba" / digest.hexdigest()[:16])


if not os.environ.get("NUMBA_CACHE_DIR"):
    numba.config.CACHE_DIR = _kernel_cache_dir()


def jit(*args, **kwargs):
    """``numba.njit`` with farside's options (cache on disk, no GIL, numpy error model)."""
    options = {**JIT_OPTIONS, **kwargs}
    if args and callable(args[0]):
        return numba.njit(**options)(args[0])
    return numba.njit(*args, **options)


_COMPILED = {}
"""The compiled C functions by Python function, kept alive for the process (their addresses are
in packed models)."""
_COMPILING = threading.Lock()


def compiled_address(py_func, signature) -> int:
    """The address of ``py_func`` compiled as a C function of ``signature`` (``numba.cfunc``, cached
    on disk like the kernels), compiled the first time it is asked for: the force sum's terms are
    called by address, so a term's code is compiled only when a model uses it, once per process
    (threads that ask together wait for the one compilation), and never again inside the kernels
    that call it."""
    with _COMPILING:
        compiled = _COMPILED.get(py_func)
        if compiled is None:
            compiled = numba.cfunc(signature, cache=True, error_model=JIT_OPTIONS["error_model"])(py_func)
            _COMPILED[py_func] = compiled
    return compiled.address


def address_if_compiled(py_func) -> int | None:
    """The address :func:`compiled_address` gave ``py_func`` in this process, or None when it has
    not been compiled (nothing is compiled here)."""
    with _COMPILING:
        compiled = _COMPILED.get(py_func)
    return None if compiled is None else compiled.address
