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
from numba.core.imputils import impl_ret_borrowed
from numba.extending import intrinsic
from numba.np.arrayobj import make_array, np_cfarray

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
def call_term_hf(typingctx, address, ints, reals, field, i0, r0, p, trig, buf, t1, t2, y, dy):
    """Call the term kernel at ``address`` (an integer) with the arguments of `TERM_SIGNATURE`:
    the arrays' data addresses and sizes taken in the generated code (one numba operation, not
    an attribute chain per array)."""
    sig = types.void(types.int64, ints, reals, field, types.int64, types.int64, p, trig, buf, types.float64,
                     types.float64, y, dy)

    def codegen(context, builder, signature, args):
        word = ir.IntType(64)
        real = ir.DoubleType()
        arrays = {k: make_array(signature.args[k])(context, builder, args[k]) for k in (1, 2, 3, 6, 7, 8, 11, 12)}

        def data(k):
            return builder.ptrtoint(arrays[k].data, word)

        def size(k, axis):
            return builder.extract_value(arrays[k].shape, axis)

        values = [data(1), size(1, 0), data(2), size(2, 0), data(3), size(3, 0), args[4], args[5], data(6),
                  size(6, 0), size(6, 1), data(7), size(7, 1), data(8), args[9], args[10], data(11), data(12)]
        routine = ir.FunctionType(ir.VoidType(), [word] * 14 + [real, real, word, word])
        builder.call(builder.inttoptr(args[0], routine.as_pointer()), values)
        return context.get_dummy_value()

    return sig, codegen


def _array_at(dtype, shape):
    """The signature and code of an intrinsic ``(address, shape) -> array``: the C-contiguous
    array of ``dtype`` and ``shape`` (an integer or a tuple) at the integer ``address``."""
    ndim = len(shape) if isinstance(shape, types.BaseTuple) else 1
    array_type = types.Array(dtype, ndim, "C")
    pointer_type = types.CPointer(dtype)

    def codegen(context, builder, signature, args):
        pointer = builder.inttoptr(args[0], context.get_data_type(dtype).as_pointer())
        return np_cfarray(context, builder, array_type(pointer_type, shape), (pointer, args[1]))

    return array_type(types.int64, shape), codegen


@intrinsic
def float_array_hf(typingctx, address, shape):
    """The float64 array of ``shape`` (an integer or a tuple, C order) in the memory at the integer
    ``address``, which the caller keeps alive: no reference is counted (as ``numba.carray`` of a
    pointer, which needs numba's reference counting)."""
    return _array_at(types.float64, shape)


@intrinsic
def int_array_hf(typingctx, address, shape):
    """The int64 array of ``shape`` at the integer ``address`` (as :func:`float_array_hf`)."""
    return _array_at(types.int64, shape)


@intrinsic
def view_hf(typingctx, array, start, shape):
    """The elements of the C-contiguous ``array`` from ``start`` as a C-contiguous array of
    ``shape`` (an integer or a tuple), sharing its memory: ``array[start:start + size]`` reshaped,
    without the code of numba's slicing and reshaping (no bounds check: fixed scratch slots)."""
    ndim = len(shape) if isinstance(shape, types.BaseTuple) else 1
    view_type = types.Array(array.dtype, ndim, "C")

    def codegen(context, builder, signature, args):
        source = make_array(signature.args[0])(context, builder, args[0])
        pointer_type = types.CPointer(signature.args[0].dtype)
        pointer = builder.gep(source.data, [args[1]])
        view = make_array(view_type)(context, builder,
                                     np_cfarray(context, builder, view_type(pointer_type, signature.args[2]),
                                                (pointer, args[2])))
        view.meminfo = source.meminfo
        view.parent = source.parent
        return impl_ret_borrowed(context, builder, view_type, view._getvalue())

    return view_type(array, types.intp, shape), codegen


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


def scratch(fa):
    """:func:`scratch_hf`'s arrays, made from Python (for a kernel that allocates none)."""
    rows = max(int(fa.ints[I_FIELD_DEGREE]) + 1, 1)
    return np.empty((rows + 2, rows + 2)), np.empty((2, rows + 1)), np.empty(BUF_SIZE)


@jit(_nrt=False)
def derivatives_hf(fa, p, trig, buf, t1, t2, y, dy):
    """``dy = f(t, y)``. Scratch (C order): ``p`` (degree+3, degree+3), ``trig`` (2, degree+1),
    ``buf`` (BUF_SIZE,); none of them is read before it is written (the shared body positions
    are emptied here). The terms in ``fa.terms``'
    order, each adding to ``dy[3:6]`` (thrust also sets ``dy[6]``)."""
    for i in range(3):
        dy[i] = y[3 + i]
        dy[3 + i] = 0.0
    dy[6] = 0.0
    buf[BUF_EPH + 2] = 0.0
    if fa.ints[I_POINT_MASS] == 1:
        point_mass_hf(fa.reals[R_GM], y, dy[3:6])  # y[0:3] is the position
    for j in range(fa.terms.shape[0]):
        address = fa.terms[j, 0]
        if address != 0:
            call_term_hf(address, fa.ints, fa.reals, fa.field, fa.terms[j, 1], fa.terms[j, 2], p, trig, buf, t1, t2,
                         y, dy)


def empty_header():
    """``(ints, reals)`` header of a model with no term: every address 0, every value 0."""
    return np.zeros(N_INTS, dtype=np.int64), np.zeros(N_REALS)
