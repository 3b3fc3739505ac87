"""U.S. Standard Atmosphere 1976 mass density (NOAA-S/T 76-1562; NASA-TM-X-74335), as numba.

Below 86 km geometric height: the standard's seven layers of linear molecular-scale temperature in
geopotential height (its eqs. 23 and 33a/b), ``rho = P M0 / (R* T_M)``. From 86 to 1000 km, where
the standard integrates the diffusion equations of each species, the density comes from a table
of ln(rho) every 100 m (``farside/data/ussa76_upper.npz``, computed from the standard's equations
with the ussa1976 package) by cubic Catmull-Rom interpolation; above 1000 km, the last scale
height extends it. Heights in metres, density in kg/m^3. The two parts meet at 86 km within
1e-5 (the standard's hydrostatic and diffusive densities there).
"""
from importlib.resources import files

import numpy as np

from farside.core.jit import jit

G0 = 9.80665
M0 = 28.9644          # kg/kmol, sea-level mean molecular weight
R_STAR = 8314.32      # J/(kmol K), the standard's gas constant
R0_M = 6356766.0      # m, radius for geopotential height
LAYER_BASE_H = np.array([0.0, 11000.0, 20000.0, 32000.0, 47000.0, 51000.0, 71000.0])
LAYER_LAPSE = np.array([-0.0065, 0.0, 0.001, 0.0028, 0.0, -0.0028, -0.002])
LOWER_TOP_M = 86000.0


def _layer_bases():
    t = [288.15]
    p = [101325.0]
    for k in range(len(LAYER_BASE_H) - 1):
        dh = LAYER_BASE_H[k + 1] - LAYER_BASE_H[k]
        tb, lapse = t[-1], LAYER_LAPSE[k]
        if lapse == 0.0:
            p.append(p[-1] * np.exp(-G0 * M0 * dh / (R_STAR * tb)))
        else:
            p.append(p[-1] * (tb / (tb + lapse * dh)) ** (G0 * M0 / (R_STAR * lapse)))
        t.append(tb + lapse * dh)
    return np.array(t), np.array(p)


LAYER_BASE_T, LAYER_BASE_P = _layer_bases()
_TABLE = np.load(str(files("farside").joinpath("data", "ussa76_upper.npz")))
UPPER_Z0_M = float(_TABLE["z0_m"])
UPPER_DZ_M = float(_TABLE["dz_m"])
UPPER_LOG_DENSITY = np.ascontiguousarray(_TABLE["log_density"])


@jit(_nrt=False)
def lower_temperature_pressure_hf(z_m):
    """USSA76 below 86 km: (temperature K, pressure Pa) at geometric height ``z_m`` (the
    standard's eqs. 23 and 33a/b on its seven layers)."""
    h = R0_M * z_m / (R0_M + z_m)
    k = 0
    while k < LAYER_BASE_H.shape[0] - 1 and h >= LAYER_BASE_H[k + 1]:
        k += 1
    dh = h - LAYER_BASE_H[k]
    tb = LAYER_BASE_T[k]
    lapse = LAYER_LAPSE[k]
    if lapse == 0.0:
        return tb, LAYER_BASE_P[k] * np.exp(-G0 * M0 * dh / (R_STAR * tb))
    t = tb + lapse * dh
    return t, LAYER_BASE_P[k] * (tb / t) ** (G0 * M0 / (R_STAR * lapse))


@jit(_nrt=False)
def lower_density_hf(z_m):
    """Density below 86 km (geometric height ``z_m``, down to -5 km): the ideal gas at the
    standard's temperature and pressure."""
    t, p = lower_temperature_pressure_hf(z_m)
    return p * M0 / (R_STAR * t)


@jit(_nrt=False)
def density_hf(z_m):
    """USSA76 mass density at geometric height ``z_m`` above mean sea level."""
    if z_m < LOWER_TOP_M:
        return lower_density_hf(z_m)
    n = UPPER_LOG_DENSITY.shape[0]
    u = (z_m - UPPER_Z0_M) / UPPER_DZ_M
    if u >= n - 1:
        slope = UPPER_LOG_DENSITY[n - 1] - UPPER_LOG_DENSITY[n - 2]
        return np.exp(UPPER_LOG_DENSITY[n - 1] + slope * (u - (n - 1)))
    i = min(max(int(u), 0), n - 2)
    x = u - i
    p1 = UPPER_LOG_DENSITY[i]
    p2 = UPPER_LOG_DENSITY[i + 1]
    p0 = UPPER_LOG_DENSITY[i - 1] if i >= 1 else 2.0 * p1 - p2
    p3 = UPPER_LOG_DENSITY[i + 2] if i + 2 < n else 2.0 * p2 - p1
    return np.exp(p1 + 0.5 * x * (p2 - p0 + x * (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3
                                                  + x * (3.0 * (p1 - p2) + p3 - p0))))
