"""Elementary frame rotations and 3-1-3 Euler-angle orientation with its time derivative.

Convention (SPICE, "Rotations Required Reading"): ``R_i(theta)`` rotates the *frame* by
``theta`` about axis i, so that components transform as ``v_new = R_i(theta) v_old``:

    R_3(t) = [[ c, s, 0], [-s, c, 0], [0, 0, 1]]
    R_1(t) = [[1, 0, 0], [0,  c, s], [0, -s, c]]
    R_2(t) = [[c, 0, -s], [0, 1, 0], [s, 0, c]]

A binary PCK gives Euler angles (phi, delta, w) with ``R_base->body = R_3(w) R_1(delta) R_3(phi)``
(PCK Required Reading, "Binary PCK type 2").
"""
import numpy as np

from farside.core.jit import jit


@jit(_nrt=False)
def axis_rotation_hf(axis, angle, out):
    """Write ``R_axis(angle)`` (axis 1, 2 or 3) into the 3x3 array ``out``."""
    c = np.cos(angle)
    s = np.sin(angle)
    for i in range(3):
        for j in range(3):
            out[i, j] = 0.0
    i = axis - 1
    j = axis % 3
    k = (axis + 1) % 3
    out[i, i] = 1.0
    out[j, j] = c
    out[k, k] = c
    out[j, k] = s
    out[k, j] = -s


@jit(_nrt=False)
def axis_rotation_rate_hf(axis, angle, rate, out):
    """Time derivative of ``R_axis(angle)`` for ``d(angle)/dt = rate``."""
    c = np.cos(angle)
    s = np.sin(angle)
    for i in range(3):
        for j in range(3):
            out[i, j] = 0.0
    j = axis % 3
    k = (axis + 1) % 3
    out[j, j] = -s * rate
    out[k, k] = -s * rate
    out[j, k] = c * rate
    out[k, j] = -c * rate


@jit(_nrt=False)
def matmul3_hf(a, b, out):
    """``out = a b`` for 3x3 arrays (``out`` must not alias ``a`` or ``b``)."""
    for i in range(3):
        for j in range(3):
            out[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j]


EULER_WORK = 81
"""Scratch size (floats) of :func:`euler313_hf`."""


@jit(_nrt=False)
def euler313_rotation_hf(phi, delta, w, rot, work):
    """``rot = R_3(w) R_1(delta) R_3(phi)``; ``work`` is scratch of EULER_WORK floats, left holding
    ``R_3(w)``, ``R_1(delta)``, ``R_3(phi)`` and ``R_3(w) R_1(delta)`` for :func:`euler313_hf`."""
    m = work[:EULER_WORK].reshape((9, 3, 3))
    a, b, c, ab = m[0], m[1], m[2], m[6]
    # the axes as int64 values, not literal constants: numba compiles a helper once for each
    # literal argument value, once for a typed one
    x_axis, z_axis = np.int64(1), np.int64(3)
    axis_rotation_hf(z_axis, w, a)
    axis_rotation_hf(x_axis, delta, b)
    axis_rotation_hf(z_axis, phi, c)
    matmul3_hf(a, b, ab)
    matmul3_hf(ab, c, rot)


@jit(_nrt=False)
def euler313_hf(phi, delta, w, phi_dot, delta_dot, w_dot, rot, rot_dot, work):
    """``rot = R_3(w) R_1(delta) R_3(phi)`` and its time derivative ``rot_dot``; ``work`` is
    scratch of EULER_WORK floats (nothing is allocated)."""
    euler313_rotation_hf(phi, delta, w, rot, work)
    m = work[:EULER_WORK].reshape((9, 3, 3))
    a, b, c, da, db, dc, ab, tmp, tmp2 = m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]
    x_axis, z_axis = np.int64(1), np.int64(3)
    axis_rotation_rate_hf(z_axis, w, w_dot, da)
    axis_rotation_rate_hf(x_axis, delta, delta_dot, db)
    axis_rotation_rate_hf(z_axis, phi, phi_dot, dc)
    matmul3_hf(ab, dc, rot_dot)
    matmul3_hf(da, b, tmp)
    matmul3_hf(tmp, c, tmp2)
    rot_dot += tmp2
    matmul3_hf(a, db, tmp)
    matmul3_hf(tmp, c, tmp2)
    rot_dot += tmp2
