"""Chebyshev-series evaluation for SPICE type-2 segments (SPK positions, binary-PCK Euler angles).

A segment is a run of records ``[MID, RADIUS, c_x[0..n), c_y[0..n), c_z[0..n)]`` of equal
length; each covers ``[init + i*intlen, init + (i+1)*intlen]`` and its series is in the
normalised time ``x = (t - MID) / RADIUS``. Values by Clenshaw's recurrence, first derivatives
by the same recurrence differentiated term by term, divided by RADIUS (rates per second).
The small terms are summed before the leading coefficient is added, as SPICE's CHBINT does: a
Moon rotation angle reaches 1e4 rad, so the order of the last addition shows at 1e-12 rad.

Segments of one file are packed for numba into three arrays:

- ``coef``  float64[:]  every record of every segment, back to back;
- ``seg_f`` float64[n_seg, 4]: ``init, intlen, start, end`` (seconds past J2000 TDB);
- ``seg_i`` int64[n_seg, 4]: ``offset`` into ``coef``, ``rsize``, ``n_records``, ``n_coef``.

A *link* (an SPK centre->target pair, or a PCK body) is a run of consecutive segments sorted
by start time: ``first, count``.

References: NAIF SPK Required Reading ("Type 2: Chebyshev, position only") and PCK Required
Reading ("Binary PCK type 2"); Press et al., Numerical Recipes, 3rd ed., §5.8.
"""
import numpy as np

from farside.core.jit import jit


@jit(_nrt=False)
def find_segment_hf(seg_f, first, count, t):
    """Index of the segment of a link covering ``t``; the last one whose start <= t, else first."""
    best = first
    for k in range(first, first + count):
        if seg_f[k, 2] <= t:
            best = k
    return best


@jit(_nrt=False, inline="always")
def _record_hf(coef, seg_f, seg_i, seg, t1, t2):
    """``(index of the record's first coefficient, normalised time x, RADIUS s, n_coef)`` of the
    record of segment ``seg`` covering ``t1 + t2`` (the first or last one beyond the segment)."""
    init = seg_f[seg, 0]
    intlen = seg_f[seg, 1]
    n_records = seg_i[seg, 2]
    idx = int(np.floor(((t1 - init) + t2) / intlen))
    if idx >= n_records:
        idx = n_records - 1
    if idx < 0:
        idx = 0
    rec = seg_i[seg, 0] + idx * seg_i[seg, 1]
    radius = coef[rec + 1]
    return rec + 2, ((t1 - coef[rec]) + t2) / radius, radius, seg_i[seg, 3]


@jit(_nrt=False)
def type2_eval_hf(coef, seg_f, seg_i, seg, t1, t2, out, offset, scale):
    """Three components and their rates of segment ``seg`` at epoch ``t1 + t2`` (TDB s).

    Adds ``scale * (value[3], rate[3])`` to ``out[offset:offset+6]``, in the file's units (km,
    km/s for SPK; rad, rad/s for PCK); callers zero ``out`` first. Accumulating lets a chain of
    segments be summed with no temporary array.
    """
    first, x, radius, n_coef = _record_hf(coef, seg_f, seg_i, seg, t1, t2)
    x2 = 2.0 * x
    for c in range(3):
        base = first + c * n_coef
        b1 = 0.0
        b2 = 0.0
        d1 = 0.0
        d2 = 0.0
        for k in range(n_coef - 1, 0, -1):
            b0 = coef[base + k] + (x2 * b1 - b2)
            d0 = 2.0 * b1 + x2 * d1 - d2
            b2 = b1
            b1 = b0
            d2 = d1
            d1 = d0
        out[offset + c] += scale * (coef[base] + (x * b1 - b2))
        out[offset + 3 + c] += scale * ((b1 + x * d1 - d2) / radius)


@jit(_nrt=False)
def type2_values_hf(coef, seg_f, seg_i, seg, t1, t2, out, offset, scale):
    """:func:`type2_eval_hf`'s three components without their rates: adds ``scale * value[3]``
    to ``out[offset:offset+3]`` (the same recurrence, so the same bits)."""
    first, x, radius, n_coef = _record_hf(coef, seg_f, seg_i, seg, t1, t2)
    x2 = 2.0 * x
    for c in range(3):
        base = first + c * n_coef
        b1 = 0.0
        b2 = 0.0
        for k in range(n_coef - 1, 0, -1):
            b0 = coef[base + k] + (x2 * b1 - b2)
            b2 = b1
            b1 = b0
        out[offset + c] += scale * (coef[base] + (x * b1 - b2))
