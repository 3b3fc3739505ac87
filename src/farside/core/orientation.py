"""Body orientation from binary-PCK Euler angles, as numba kernels.

``R_gcrf->body(t) = R_313(phi, delta, w)(t) . M_gcrf->base`` where the Euler angles come from a
type-2 PCK link (:mod:`farside.core.chebyshev`) and ``M`` is the constant rotation from the
GCRF/ICRF to the PCK's base frame (identity for J2000, the obliquity rotation for ECLIPJ2000).
"""
import numpy as np

from farside.core.chebyshev import find_segment_hf, type2_eval_hf, type2_values_hf
from farside.core.jit import jit
from farside.core.rotation import EULER_WORK, euler313_hf, euler313_rotation_hf, matmul3_hf


PCK_WORK = 24 + EULER_WORK
"""Scratch size (floats) of :func:`pck_rotation_hf`."""


@jit(_nrt=False)
def pck_rotation_hf(coef, seg_f, seg_i, first, count, base, t1, t2, rot, rot_dot, work):
    """Rotation GCRF -> body frame and its time derivative (1/s) at TDB ``t1 + t2``; ``work``
    is scratch of PCK_WORK floats."""
    angles = work[0:6]
    for i in range(6):
        angles[i] = 0.0
    r = work[6:15].reshape((3, 3))
    dr = work[15:24].reshape((3, 3))
    seg = find_segment_hf(seg_f, first, count, t1 + t2)
    type2_eval_hf(coef, seg_f, seg_i, seg, t1, t2, angles, 0, 1.0)
    euler313_hf(angles[0], angles[1], angles[2], angles[3], angles[4], angles[5], r, dr, work[24:])
    matmul3_hf(r, base, rot)
    matmul3_hf(dr, base, rot_dot)


@jit(_nrt=False)
def pck_rotation_only_hf(coef, seg_f, seg_i, first, count, base, t1, t2, rot, work):
    """:func:`pck_rotation_hf`'s rotation alone, without its rate (the same bits); ``work`` is
    scratch of PCK_WORK floats."""
    angles = work[0:3]
    for i in range(3):
        angles[i] = 0.0
    r = work[6:15].reshape((3, 3))
    seg = find_segment_hf(seg_f, first, count, t1 + t2)
    type2_values_hf(coef, seg_f, seg_i, seg, t1, t2, angles, 0, 1.0)
    euler313_rotation_hf(angles[0], angles[1], angles[2], r, work[24:])
    matmul3_hf(r, base, rot)


@jit
def pck_rotations_vf(coef, seg_f, seg_i, first, count, base, t1, t2, rot, rot_dot):
    """Vectorised :func:`pck_rotation_hf`; ``rot`` and ``rot_dot`` are (n, 3, 3)."""
    work = np.empty(PCK_WORK)
    for i in range(t1.shape[0]):
        pck_rotation_hf(coef, seg_f, seg_i, first, count, base, t1[i], t2[i], rot[i], rot_dot[i], work)
