"""Atmospheric density for drag: NRLMSIS 2.1 called from compiled code, with its space weather.

The model itself is pymsis's compiled Fortran (Emmert et al. 2021, "NRLMSIS 2.0: A whole-
atmosphere empirical model of temperature and neutral species densities", Earth Space Sci. 8,
e2020EA001321; version 2.1), reached through its raw entry point ``pymsiscalc(day, utsec, lon,
lat, z, sflux, sfluxavg, ap, output, n)`` (single precision, arguments by reference). Kernels
take its address as a plain integer and call it through :func:`call_msis_hf`, so the cached
machine code holds no address (it arrives with each call, :mod:`farside.dynamics.nrlmsis`) and
numba types the kernels' arguments as arrays and integers only: a first-class function among
them sends every call down numba's slow argument-typing path (about 0.2 ms a call).
"""
import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

from farside.core.jit import jit


@intrinsic
def call_msis_hf(typingctx, address, day, utsec, lon, lat, z, sflux, sfluxavg, ap, output, n):
    """Call the routine at ``address`` (an integer) with ten pointers: day, utsec, lon (deg),
    lat (deg), altitude (km), F10.7, F10.7a, ap(7), output(11) (mass density kg/m^3 first),
    n (int32); ``pymsiscalc``'s arguments, all by reference."""
    sig = types.void(types.int64, *([types.uintp] * 10))

    def codegen(context, builder, signature, args):
        word = ir.IntType(64)
        routine = ir.FunctionType(ir.VoidType(), [word] * 10)
        builder.call(builder.inttoptr(args[0], routine.as_pointer()), args[1:])
        return context.get_dummy_value()

    return sig, codegen


@jit(_nrt=False)
def msis_inputs_hf(first_day, day_of_year, f107, f107a, daily_ap, ap3, utc_days, inputs):
    """Fill ``inputs[0:2]`` (day of year, UT seconds) and ``inputs[5:14]`` (F10.7 of the previous
    day, F10.7a, ap(7)) for the UTC epoch ``utc_days`` (days since 2000-01-01 00:00)."""
    day = np.floor(utc_days)
    row = int(day) - first_day
    sod = (utc_days - day) * 86400.0
    k = row * 8 + int(sod // 10800.0)
    inputs[0] = day_of_year[row]
    inputs[1] = sod
    inputs[5] = f107[row]
    inputs[6] = f107a[row]
    inputs[7] = daily_ap[row]
    for j in range(4):
        inputs[8 + j] = ap3[k - j]
    mean_12_33 = 0.0
    mean_36_57 = 0.0
    for j in range(8):
        mean_12_33 += ap3[k - 4 - j]
        mean_36_57 += ap3[k - 12 - j]
    inputs[12] = mean_12_33 / 8.0
    inputs[13] = mean_36_57 / 8.0


@jit(_nrt=False)
def msis_density_hf(msis_address, inputs, lon_deg, lat_deg, alt_km, io32, count):
    """Total mass density (kg/m^3) from NRLMSIS (its entry point at ``msis_address``) at ``inputs``
    (see :func:`msis_inputs_hf`) and the geodetic point; ``io32`` is float32 scratch (25,),
    ``count`` an int32 array (1,)."""
    for i in range(14):
        io32[i] = inputs[i]
    io32[2] = lon_deg
    io32[3] = lat_deg
    io32[4] = alt_km
    count[0] = 1
    call_msis_hf(msis_address, io32[0:].ctypes.data, io32[1:].ctypes.data, io32[2:].ctypes.data,
                 io32[3:].ctypes.data, io32[4:].ctypes.data, io32[5:].ctypes.data, io32[6:].ctypes.data,
                 io32[7:].ctypes.data, io32[14:].ctypes.data, count.ctypes.data)
    return float(io32[14])
