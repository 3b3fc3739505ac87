"""One place that decides how farside's kernels are compiled.

Every kernel is cached on disk (``cache=True``) so a second run starts without compiling.
``fastmath`` stays off: the kernels are checked against SPICE at the 1e-12 level, and
re-association of floating-point sums would make results depend on the compiler.
"""
import numba

JIT_OPTIONS = {"cache": True, "nogil": True, "error_model": "numpy"}


def jit(*args, **kwargs):
    """``numba.njit`` with farside's options (cache on disk, no GIL, numpy error model)."""
    options = {**JIT_OPTIONS, **kwargs}
    if args and callable(args[0]):
        return numba.njit(**options)(args[0])
    return numba.njit(*args, **options)
