"""Case B of shared/reference/bench-cases.md against heyoka's Taylor integrator at tol 1e-15.

GRGM1200A to degree and order 100 in a Moon-fixed frame turning uniformly about z, a 100 km
circular polar orbit, one day. heyoka's field is written independently here: the Cunningham
recursion of V_nm, W_nm in Cartesian coordinates (Montenbruck & Gill 2000, eqs. 3.29-3.33) with
un-normalised coefficients, where farside uses the normalised Holmes-Featherstone recursion.
"""
import math

import heyoka as hy
import numpy as np
import pytest

import farside as fs
from tests.units import MILLIMETRE

OMEGA = 2 * np.pi / (27.321661 * 86400.0)
DEGREE = 100
DAY = 86400.0


def _unnormalised(field, n, m):
    """Cbar, Sbar times sqrt((2 - delta_m0)(2n+1)(n-m)!/(n+m)!); the factorial ratio is taken
    as a square root of logarithms, since (n-m)!/(n+m)! itself underflows beyond degree 85."""
    log_ratio = math.lgamma(n - m + 1) - math.lgamma(n + m + 1)
    factor = math.sqrt((2.0 - (m == 0)) * (2 * n + 1)) * math.exp(0.5 * log_ratio)
    return field.c[n, m] * factor, field.s[n, m] * factor


def _cunningham_acceleration(field, xf, yf, zf):
    """Body-fixed acceleration expressions (M&G eq. 3.33) of the field at (xf, yf, zf)."""
    R, gm = field.radius_m, field.gm_m3_s2
    r2 = xf * xf + yf * yf + zf * zf
    rho = R * R / r2
    x0, y0, z0 = xf * R / r2, yf * R / r2, zf * R / r2
    top = DEGREE + 1
    V = [[None] * (top + 2) for _ in range(top + 2)]
    W = [[None] * (top + 2) for _ in range(top + 2)]
    V[0][0] = R / hy.sqrt(r2)
    W[0][0] = hy.expression(0.0)
    for m in range(0, top + 1):
        if m > 0:
            V[m][m] = (2 * m - 1) * (x0 * V[m - 1][m - 1] - y0 * W[m - 1][m - 1])
            W[m][m] = (2 * m - 1) * (x0 * W[m - 1][m - 1] + y0 * V[m - 1][m - 1])
        if m + 1 <= top:
            V[m + 1][m] = (2 * m + 1) * z0 * V[m][m]
            W[m + 1][m] = (2 * m + 1) * z0 * W[m][m]
        for n in range(m + 2, top + 1):
            V[n][m] = ((2 * n - 1) * z0 * V[n - 1][m] - (n + m - 1) * rho * V[n - 2][m]) / (n - m)
            W[n][m] = ((2 * n - 1) * z0 * W[n - 1][m] - (n + m - 1) * rho * W[n - 2][m]) / (n - m)
    ax, ay, az = [], [], []
    for n in range(0, DEGREE + 1):
        for m in range(0, n + 1):
            c, s = _unnormalised(field, n, m)
            if c == 0.0 and s == 0.0:
                continue
            if m == 0:
                ax.append(-c * V[n + 1][1])
                ay.append(-c * W[n + 1][1])
            else:
                f = math.exp(math.lgamma(n - m + 3) - math.lgamma(n - m + 1))
                ax.append(0.5 * ((-c * V[n + 1][m + 1] - s * W[n + 1][m + 1])
                                 + f * (c * V[n + 1][m - 1] + s * W[n + 1][m - 1])))
                ay.append(0.5 * ((-c * W[n + 1][m + 1] + s * V[n + 1][m + 1])
                                 + f * (-c * W[n + 1][m - 1] + s * V[n + 1][m - 1])))
            az.append((n - m + 1) * (-c * V[n + 1][m] - s * W[n + 1][m]))
    k = gm / (R * R)
    return k * hy.sum(ax), k * hy.sum(ay), k * hy.sum(az)


def _heyoka_final(field, y0, duration):
    x, y, z, vx, vy, vz = hy.make_vars("x", "y", "z", "vx", "vy", "vz")
    c, s = hy.cos(OMEGA * hy.time), hy.sin(OMEGA * hy.time)
    xf, yf = c * x + s * y, -s * x + c * y
    afx, afy, afz = _cunningham_acceleration(field, xf, yf, z)
    ax, ay = c * afx - s * afy, s * afx + c * afy
    sys = [(x, vx), (y, vy), (z, vz), (vx, ax), (vy, ay), (vz, afz)]
    ta = hy.taylor_adaptive(sys, list(y0), tol=1e-15, compact_mode=True)
    ta.propagate_until(duration)
    return np.array(ta.state[:3])


@pytest.mark.slow
def test_case_b_agrees_with_heyoka_to_a_millimetre():
    field = fs.gravity.load("GRGM1200A", DEGREE)
    r0 = 1837.4e3
    y0 = np.array([r0, 0.0, 0.0, 0.0, 0.0, np.sqrt(field.gm_m3_s2 / r0)])
    reference = _heyoka_final(field, y0, DAY)
    t0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, fs.UniformRotation(OMEGA, t0.tdb_seconds))])
    start = fs.State(t0, y0[:3], y0[3:], 1000.0, "moon")
    seg = fs.propagate(start, duration_s=DAY, forces=model, rtol=1e-13, atol=1e-10, dense=False)
    assert np.linalg.norm(seg.final_state().r_m - reference) < 1 * MILLIMETRE
