"""Vectors of `LANES` float64 for compiled code: one value per lane in one machine vector.

numba leaves the compiler's straight-line (SLP) vectoriser off and unrolls short constant loops
before its loop vectoriser runs, so a loop over eight lanes stays scalar code; these intrinsics
write LLVM's vector instructions directly. Each is the IEEE-754 operation of the scalar kernels
lane by lane (``fadd``, ``fsub``, ``fmul``, ``fdiv``, ``llvm.sqrt``, correctly rounded, no
fast-math flags, no fused multiply-add), so a computation written with them gives in each lane the
bits of the same computation on scalars in the same order.

Lane arrays are C-contiguous float64 arrays whose last axis has `LANES` entries; :func:`load` and
:func:`store` take such an array of two axes and a row.
"""
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic, models, register_model

LANES = 8
"""Lanes of a vector: eight float64 fill one 512-bit vector register (two 256-bit ones)."""


class LaneVector(types.Type):
    """numba type of a vector of `LANES` float64."""

    def __init__(self):
        super().__init__(name=f"LaneVector{LANES}")


lane_vector = LaneVector()
_VECTOR = ir.VectorType(ir.DoubleType(), LANES)


@register_model(LaneVector)
class _LaneVectorModel(models.PrimitiveModel):
    def __init__(self, dmm, fe_type):
        super().__init__(dmm, fe_type, _VECTOR)


def _row_pointer(context, builder, array_type, array, row):
    data = context.make_array(array_type)(context, builder, array).data
    offset = builder.mul(row, ir.Constant(row.type, LANES))
    return builder.bitcast(builder.gep(data, [offset]), _VECTOR.as_pointer())


def _lane_array(array):
    return isinstance(array, types.Array) and array.ndim == 2 and array.layout == "C" and array.dtype == types.float64


@intrinsic
def load(typingctx, array, row):
    """The vector ``array[row, :]``."""
    if not (_lane_array(array) and isinstance(row, types.Integer)):
        return None

    def codegen(context, builder, signature, args):
        row_value = context.cast(builder, args[1], signature.args[1], types.intp)
        return builder.load(_row_pointer(context, builder, signature.args[0], args[0], row_value), align=8)

    return lane_vector(array, row), codegen


@intrinsic
def store(typingctx, array, row, vector):
    """``array[row, :] = vector``."""
    if not (_lane_array(array) and isinstance(row, types.Integer) and vector == lane_vector):
        return None

    def codegen(context, builder, signature, args):
        row_value = context.cast(builder, args[1], signature.args[1], types.intp)
        builder.store(args[2], _row_pointer(context, builder, signature.args[0], args[0], row_value), align=8)
        return context.get_dummy_value()

    return types.void(array, row, vector), codegen


@intrinsic
def splat(typingctx, value):
    """The vector with ``value`` (a float) in every lane."""
    if not isinstance(value, types.Float):
        return None

    def codegen(context, builder, signature, args):
        x = context.cast(builder, args[0], signature.args[0], types.float64)
        vector = cgutils.get_null_value(_VECTOR)
        for lane in range(LANES):
            vector = builder.insert_element(vector, x, ir.Constant(ir.IntType(32), lane))
        return vector

    return lane_vector(value), codegen


def _binary(operation):
    @intrinsic
    def binary(typingctx, a, b):
        if not (a == lane_vector and b == lane_vector):
            return None

        def codegen(context, builder, signature, args):
            return getattr(builder, operation)(args[0], args[1])

        return lane_vector(a, b), codegen

    return binary


add = _binary("fadd")
"""``a + b`` lane by lane."""
sub = _binary("fsub")
"""``a - b`` lane by lane."""
mul = _binary("fmul")
"""``a * b`` lane by lane."""
div = _binary("fdiv")
"""``a / b`` lane by lane."""


@intrinsic
def sqrt(typingctx, a):
    """The correctly rounded square root, lane by lane."""
    if a != lane_vector:
        return None

    def codegen(context, builder, signature, args):
        function = cgutils.get_or_insert_function(builder.module, ir.FunctionType(_VECTOR, [_VECTOR]),
                                                  f"llvm.sqrt.v{LANES}f64")
        return builder.call(function, [args[0]])

    return lane_vector(a), codegen
