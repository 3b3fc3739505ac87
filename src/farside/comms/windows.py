"""Windows: the intervals where a visibility function is positive, and their intersections.

The function is sampled every ``step_s`` (a window or gap shorter than the step can be missed:
choose it below the shortest pass), each sign change is refined by bisection to ``tol_s``, and
the result is a list of (start, end) TDB seconds. Intersections of window lists give end-to-end
relay windows.
"""
import numpy as np

from farside.errors import FarsideValueError


def windows(g, t_start, t_end, step_s=60.0, tol_s=1e-3):
    """Intervals (TDB s) of [t_start, t_end] where ``g(times) > 0`` (``g`` is vectorised)."""
    if not (np.isfinite(t_start) and np.isfinite(t_end) and t_end > t_start):
        raise FarsideValueError("t_end", t_end, f"an epoch after t_start = {t_start}")
    if not step_s > 0.0:
        raise FarsideValueError("step_s", step_s, "a sampling step > 0 s")
    t = np.append(np.arange(t_start, t_end, step_s), t_end)
    positive = np.asarray(g(t)) > 0.0
    edges = np.flatnonzero(positive[1:] != positive[:-1])
    out, opened = [], t_start if positive[0] else None
    for k in edges:
        lo, hi = t[k], t[k + 1]
        rising = not positive[k]
        while hi - lo > tol_s:
            mid = 0.5 * (lo + hi)
            if (np.asarray(g(np.array([mid])))[0] > 0.0) == rising:
                hi = mid
            else:
                lo = mid
        edge = 0.5 * (lo + hi)
        if rising:
            opened = edge
        else:
            out.append((opened, edge))
            opened = None
    if opened is not None:
        out.append((opened, t_end))
    return out


def intersect(a, b):
    """The intervals common to two sorted window lists."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def union(a, b):
    """The sorted, merged union of two window lists."""
    out = []
    for lo, hi in sorted(list(a) + list(b)):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def total_s(w) -> float:
    return float(sum(hi - lo for lo, hi in w))
