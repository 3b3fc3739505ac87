"""Stagnation-point convective heating and aerodynamic load of an entry.

Sutton & Graves (1971), "A general stagnation-point convective-heating equation for arbitrary
gas mixtures", NASA TR R-376: ``q = K sqrt(rho / R_n) V^3`` with, for air, ``K = 1.7415e-4
kg^0.5 / m``, the report's air constant in SI units (W/m^2 from kg/m^3, m and m/s). ``V`` is
the Earth-relative speed and ``R_n``
the effective nose radius of the heat shield. Heat load: the time integral of ``q`` (trapezoid
rule on the flown steps).
"""
import numpy as np

from farside.errors import FarsideValueError

SUTTON_GRAVES_AIR = 1.7415e-4
"""kg^0.5 / m: Sutton-Graves constant for air (NASA TR R-376) in SI units."""
STANDARD_GRAVITY_M_S2 = 9.80665


def sutton_graves_w_m2(density_kg_m3, speed_m_s, nose_radius_m):
    """Stagnation-point convective heat flux (W/m^2); arrays broadcast."""
    if not (np.isfinite(nose_radius_m) and nose_radius_m > 0.0):
        raise FarsideValueError("nose_radius_m", nose_radius_m, "a finite radius > 0 m")
    rho = np.maximum(np.asarray(density_kg_m3, dtype=float), 0.0)
    return SUTTON_GRAVES_AIR * np.sqrt(rho / nose_radius_m) * np.asarray(speed_m_s, dtype=float) ** 3


def heat_load_j_m2(time_s, flux_w_m2):
    """Integrated heat load (J/m^2) of a flux history by the trapezoid rule."""
    t = np.asarray(time_s, dtype=float)
    q = np.asarray(flux_w_m2, dtype=float)
    return float(np.sum(0.5 * (q[1:] + q[:-1]) * np.diff(t)))
