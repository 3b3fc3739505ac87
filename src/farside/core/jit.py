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
import contextlib
import gc
import hashlib
import os
import threading
from pathlib import Path

import numba
from numba.core import event
from numba.core.compiler_lock import global_compiler_lock

JIT_OPTIONS = {"cache": True, "nogil": True, "error_model": "numpy"}
CALLEE = {"no_cpython_wrapper": True, "no_cfunc_wrapper": True}
"""Options of a kernel called only from other kernels: compiled without the wrappers that make it
callable from Python (the unboxing of every argument) and as a C callback, which cost a small
kernel with many array arguments half of its compile time."""


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


class _YoungCollections(event.Listener):
    """While numba compiles (its ``numba:compile`` events, and :func:`compiled_address`), Python's
    cyclic garbage collector makes only its young passes: the thresholds of its older generations
    are raised, then restored. A compilation makes hundreds of thousands of objects that live
    until it ends; promoted, they set off full passes over every object of the process, a sixth
    of a cold start's time. Compilations hold numba's compiler lock, so one thread at a time
    changes the nesting count."""

    def __init__(self):
        self.depth = 0
        self.thresholds = gc.get_threshold()

    def on_start(self, ev):
        if self.depth == 0:
            self.thresholds = gc.get_threshold()
            gc.set_threshold(self.thresholds[0], 1000, 1000)
        self.depth += 1

    def on_end(self, ev):
        self.depth -= 1
        if self.depth == 0:
            gc.set_threshold(*self.thresholds)

    @contextlib.contextmanager
    def compiling(self):
        """The same around a compilation that numba reports no event for (a ``numba.cfunc``)."""
        with global_compiler_lock:
            self.on_start(None)
            try:
                yield
            finally:
                self.on_end(None)


_YOUNG_COLLECTIONS = _YoungCollections()
event.register("numba:compile", _YOUNG_COLLECTIONS)


def views_only(py_func):
    """Declare that the C function ``py_func`` makes no array of its own, only views of the memory
    it is handed (`farside.core.force_model.float_array_hf`): :func:`compiled_address` compiles
    it without numba's reference counting, which is half of such a function's code. A function
    not declared so (one that calls ``numba.carray``) is compiled with it."""
    py_func.views_only = True
    return py_func


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
            with _YOUNG_COLLECTIONS.compiling():
                compiled = numba.cfunc(signature, cache=True, error_model=JIT_OPTIONS["error_model"],
                                       _nrt=not getattr(py_func, "views_only", False))(py_func)
            _COMPILED[py_func] = compiled
    return compiled.address


def address_if_compiled(py_func) -> int | None:
    """The address :func:`compiled_address` gave ``py_func`` in this process, or None when it has
    not been compiled (nothing is compiled here)."""
    with _COMPILING:
        compiled = _COMPILED.get(py_func)
    return None if compiled is None else compiled.address
