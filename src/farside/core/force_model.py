"""The compiled force sum: state derivative of a spacecraft under a composed force model.

State ``y = (x, y, z, vx, vy, vz, mass)`` in m, m/s, kg, relative to a central body, in the ICRF
(= GCRF) axes; epoch TDB ``t1 + t2`` seconds past J2000 (``t1`` the segment start, ``t2`` the time
since). The force model reaches the propagation kernels as one :class:`ForceArrays`, four flat
arrays, so a changed value (a dispersed thrust, another degree) reuses the same compiled code:

- ``terms`` (n, 3) int64: one row per force term in the order the sum adds them: the address of
  the term's compiled kernel (0: the term is off for now), and the first slots of its integers in
  ``ints`` and of its reals in ``reals``;
- ``ints``: the model's header (slots ``I_*``: central body and Sun rows, the addresses and sizes
  of the process's ephemeris and orientation tables), then each term's integers;
- ``reals``: the flat parameter vector: the header (slots ``R_*``), then each term's reals, which
  guidance writes into (a thrust, its direction) without rebuilding anything;
- ``field``: the spherical-harmonic field's coefficients and its recursion's, one per field,
  degree and order (length 1 without a field).

The central body's point mass (without a field) is added here; every other term is a kernel of
:mod:`farside.core.force_terms` compiled on its own (``cfunc``) the first time a model uses it and
called through its address: the propagation kernels hold no term's code, so a term is compiled
once and only when used, and adding a term touches no kernel.
"""
from collections import namedtuple

import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

from farside.core.forces import point_mass_hf
from farside.core.jit import jit
from farside.core.orientation import PCK_WORK

ForceArrays = namedtuple("ForceArrays", ["terms", "ints", "reals", "field"])

# slots of ForceArrays.ints (the header; each term's integers follow)
I_CENTER_ROW = 0      # ephemeris row of the central body
I_SUN_ROW = 1         # ephemeris row of the Sun
I_FIELD_DEGREE = 2    # -1: no field; else the degree of the field (the kernels' scratch size)
I_POINT_MASS = 3      # 1: the sum adds the central body's point mass (no field)
I_EPH = 4             # ephemeris tables: coef address, length; seg_f, seg_i addresses, segment count;
N_EPH = 10            # links address, count; chains address, rows, columns
I_PCK = I_EPH + N_EPH  # the central body's binary-PCK table: coef address, length, seg_f, seg_i
N_PCK = 7              # addresses, segment count, first segment and count of its link (0: none)
I_ORIENTATION_ADDRESS = I_PCK + N_PCK  # compiled body-frame rotation for events (0: not prepared)
I_STATE_ADDRESS = I_ORIENTATION_ADDRESS + 1  # compiled ephemeris state for events (0: not prepared)
N_INTS = I_STATE_ADDRESS + 1

# slots of ForceArrays.reals (the header; each term's reals follow)
R_GM = 0              # central body GM, m^3/s^2 (point mass and Schwarzschild)
R_AU = 1              # m
R_SUN_RADIUS = 2      # m
R_C_LIGHT = 3         # m/s
R_PCK_BASE = 4        # 3x3 rotation from the PCK's base frame (row-major)
N_REALS = R_PCK_BASE + 9

BUF_MSIS = 80 + PCK_WORK
BUF_EPH = BUF_MSIS + 14
EPH_ENTRIES = 4
"""Body positions one force evaluation keeps for its terms (:func:`derivatives_hf` empties them)."""
EPH_ENTRY = 4
"""Floats a kept position takes: the body's ephemeris row, then its position (m)."""
BUF_SIZE = BUF_EPH + 3 + EPH_ENTRY * EPH_ENTRIES
"""Scratch layout: [0:9] rotation, [9:15] body-fixed vectors, [15:21] occulting body, [21:27] third
body, [27:33] Sun, [36:45] rotation rate, [45:54] PCK rotation, [64:78] atmosphere inputs, [80:]
PCK rotation scratch, [BUF_MSIS:] NRLMSIS's single-precision arguments (13 floats) and count,
[BUF_EPH:] the evaluation's body positions: t1, t2, count, then per body its row and position."""

TERM_SIGNATURE = types.void(*([types.int64] * 14), types.float64, types.float64, types.int64, types.int64)
"""A term kernel's C signature: ``(ints, n_ints, reals, n_reals, field, n_field, i0, r0, p, p_rows,
p_cols, trig, trig_cols, buf, t1, t2, y, dy)``, arrays as their data addresses and sizes, ``i0``
and ``r0`` its first slots in ``ints`` and ``reals``; it adds its acceleration to ``dy[3:6]``."""


@intrinsic
def call_term_hf(typingctx, address, ints, n_ints, reals, n_reals, field, n_field, i0, r0, p, p_rows,
                 p_cols, trig, trig_cols, buf, t1, t2, y, dy):
    """Call the term kernel at ``address`` (an integer) with the arguments of `TERM_SIGNATURE`."""
    sig = types.void(types.int64, types.uintp, types.int64, types.uintp, types.int64, types.uintp,
                     types.int64, types.int64, types.int64, types.uintp, types.int64, types.int64,
                     types.uintp, types.int64, types.uintp, types.float64, types.float64, types.uintp,
                     types.uintp)

    def codegen(context, builder, signature, args):
        word = ir.IntType(64)
        real = ir.DoubleType()
        routine = ir.FunctionType(ir.VoidType(), [word] * 14 + [real, real, word, word])
        builder.call(builder.inttoptr(args[0], routine.as_pointer()), args[1:])
        return context.get_dummy_value()

    return sig, codegen


@intrinsic
def float_pointer_hf(typingctx, address):
    """The integer ``address`` as a pointer to float64 (for ``numba.carray``)."""
    sig = types.CPointer(types.float64)(types.int64)

    def codegen(context, builder, signature, args):
        return builder.inttoptr(args[0], ir.DoubleType().as_pointer())

    return sig, codegen


@intrinsic
def int_pointer_hf(typingctx, address):
    """The integer ``address`` as a pointer to int64 (for ``numba.carray``)."""
    sig = types.CPointer(types.int64)(types.int64)

    def codegen(context, builder, signature, args):
        return builder.inttoptr(args[0], ir.IntType(64).as_pointer())

    return sig, codegen


@intrinsic
def call_rotation_hf(typingctx, address, ints, n_ints, reals, n_reals, t1, t2, rot, buf):
    """Call the body-frame rotation kernel at ``address`` (`ROTATION_SIGNATURE`)."""
    sig = types.void(types.int64, types.uintp, types.int64, types.uintp, types.int64, types.float64,
                     types.float64, types.uintp, types.uintp)

    def codegen(context, builder, signature, args):
        word = ir.IntType(64)
        real = ir.DoubleType()
        routine = ir.FunctionType(ir.VoidType(), [word] * 4 + [real, real, word, word])
        builder.call(builder.inttoptr(args[0], routine.as_pointer()), args[1:])
        return context.get_dummy_value()

    return sig, codegen


ROTATION_SIGNATURE = types.void(*([types.int64] * 4), types.float64, types.float64, types.int64, types.int64)
"""The body-frame rotation kernel's C signature: ``(ints, n_ints, reals, n_reals, t1, t2, rot, buf)``."""


@intrinsic
def call_state_hf(typingctx, address, ints, n_ints, row, t1, t2, out):
    """Call the ephemeris state kernel at ``address`` (`STATE_SIGNATURE`)."""
    sig = types.void(types.int64, types.uintp, types.int64, types.int64, types.float64, types.float64, types.uintp)

    def codegen(context, builder, signature, args):
        word = ir.IntType(64)
        real = ir.DoubleType()
        routine = ir.FunctionType(ir.VoidType(), [word] * 3 + [real, real, word])
        builder.call(builder.inttoptr(args[0], routine.as_pointer()), args[1:])
        return context.get_dummy_value()

    return sig, codegen


STATE_SIGNATURE = types.void(*([types.int64] * 3), types.float64, types.float64, types.int64)
"""The ephemeris state kernel's C signature: ``(ints, n_ints, row, t1, t2, out)``."""


@jit(_nrt=False, inline="always")
def body_state_hf(fa, row, t1, t2, out):
    """State (m, m/s) of ephemeris body ``row`` relative to the central body into ``out`` (6,),
    through the compiled ephemeris the model was prepared with for events."""
    call_state_hf(fa.ints[I_STATE_ADDRESS], fa.ints.ctypes.data, fa.ints.shape[0], row, t1, t2, out.ctypes.data)


@jit(_nrt=False, inline="always")
def pck_frame_rotation_hf(fa, t1, t2, rot, buf):
    """Rotation inertial -> the central body's binary-PCK frame (MOON_PA, ITRF93) into ``rot``
    (3x3, C order), through the compiled rotation the model was prepared with for events."""
    call_rotation_hf(fa.ints[I_ORIENTATION_ADDRESS], fa.ints.ctypes.data, fa.ints.shape[0], fa.reals.ctypes.data,
                     fa.reals.shape[0], t1, t2, rot.ctypes.data, buf.ctypes.data)


@jit(_nrt=False, inline="always")
def scratch_rows_hf(fa):
    """Rows of the field scratch the kernels allocate: the field's degree + 1 (at least 1)."""
    return max(fa.ints[I_FIELD_DEGREE] + 1, 1)


@jit(inline="always")
def scratch_hf(fa):
    """``(p, trig, buf)``: the scratch of :func:`derivatives_hf` for the model's field (uninitialised)."""
    degree = scratch_rows_hf(fa)
    return np.empty((degree + 2, degree + 2)), np.empty((2, degree + 1)), np.empty(BUF_SIZE)


@jit(_nrt=False)
def derivatives_hf(fa, p, trig, buf, t1, t2, y, dy):
    """``dy = f(t, y)``. Scratch (C order): ``p`` (degree+3, degree+3), ``trig`` (2, degree+1),
    ``buf`` (BUF_SIZE,); none of them is read before it is written (the shared body positions
    are emptied here). The terms in ``fa.terms``'
    order, each adding to ``dy[3:6]`` (thrust also sets ``dy[6]``)."""
    r = y[0:3]
    v = y[3:6]
    acc = dy[3:6]
    for i in range(3):
        dy[i] = v[i]
        acc[i] = 0.0
    dy[6] = 0.0
    buf[BUF_EPH + 2] = 0.0
    if fa.ints[I_POINT_MASS] == 1:
        point_mass_hf(fa.reals[R_GM], r, acc)
    for j in range(fa.terms.shape[0]):
        address = fa.terms[j, 0]
        if address != 0:
            call_term_hf(address, fa.ints.ctypes.data, fa.ints.shape[0], fa.reals.ctypes.data, fa.reals.shape[0],
                         fa.field.ctypes.data, fa.field.shape[0], fa.terms[j, 1], fa.terms[j, 2], p.ctypes.data,
                         p.shape[0], p.shape[1], trig.ctypes.data, trig.shape[1], buf.ctypes.data, t1, t2,
                         y.ctypes.data, dy.ctypes.data)


def empty_header():
    """``(ints, reals)`` header of a model with no term: every address 0, every value 0."""
    return np.zeros(N_INTS, dtype=np.int64), np.zeros(N_REALS)
