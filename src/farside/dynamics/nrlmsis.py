"""NRLMSIS 2.1 for the compiled force sum: the address of pymsis's Fortran entry point.

pymsis is initialised once (version 2.1, default switches) through its own API with explicit
space weather, so it never looks for a file of its own; farside then calls ``pymsiscalc``
directly from numba (by its address, :func:`farside.core.atmosphere.call_msis_hf`) with the
space weather of :mod:`farside.astro.space_weather`. The Fortran model keeps state between
calls: one propagation at a time per process.
"""
from functools import cache

import ctypes

import numpy as np

from farside.astro import space_weather
from farside.astro.time import Epoch
from farside.core.atmosphere import msis_density_hf, msis_inputs_hf
from farside.core.jit import jit


@cache
def model() -> int:
    """The address of NRLMSIS 2.1's entry point ``pymsiscalc`` (pymsis), initialised."""
    from pymsis import msis
    msis.calculate(np.datetime64("2024-06-01T00:00"), 0.0, 0.0, 400.0, f107s=150.0, f107as=150.0,
                   aps=[[4.0] * 7], version=2.1)
    get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
    get_pointer.restype = ctypes.c_void_p
    get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    return int(get_pointer(msis.msis21f.pymsiscalc._cpointer, None))


@jit
def _densities_vf(msis, first_day, day_of_year, f107, f107a, daily_ap, ap3, utc_days, lon, lat, alt_km, out):
    inputs = np.empty(14)
    io32 = np.zeros(25, dtype=np.float32)
    count = np.zeros(1, dtype=np.int32)
    for i in range(utc_days.shape[0]):
        msis_inputs_hf(first_day, day_of_year, f107, f107a, daily_ap, ap3, utc_days[i], inputs)
        out[i] = msis_density_hf(msis, inputs, lon[i], lat[i], alt_km[i], io32, count)


def density(epoch, lon_deg, lat_deg, altitude_km):
    """Total mass density (kg/m^3) at geodetic points and epochs (`Epoch`, arrays broadcast), by
    the same compiled path the force model takes."""
    utc = np.atleast_1d((np.asarray(Epoch(epoch).seconds("utc")) + 43200.0) / 86400.0)
    weather = space_weather.load()
    weather.check(utc)
    utc, lon, lat, alt = (np.ascontiguousarray(x, dtype=float) for x in
                          np.broadcast_arrays(utc, lon_deg, lat_deg, altitude_km))
    out = np.empty(utc.shape[0])
    _densities_vf(model(), weather.first_day, weather.day_of_year, weather.f107, weather.f107a,
                  weather.daily_ap, weather.ap3, utc, lon, lat, alt, out)
    return out
