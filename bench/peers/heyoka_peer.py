"""heyoka (Taylor integrator, compact mode) on the benchmark cases.

The field is written independently of farside: the Cunningham recursion of V_nm, W_nm in
Cartesian coordinates (Montenbruck & Gill 2000, eqs. 3.29-3.33) with un-normalised coefficients,
where farside uses the normalised Holmes-Featherstone recursion. The body frame turns with
``hy.time`` at the benchmark's uniform rate. Case D runs heyoka's SIMD batch mode (one batch per
vector width) in its parallel ensemble. B+ is left out: heyoka has no Moon PA kernel reader.
"""
import math

import numpy as np

from bench import cases

NAME = "heyoka (Taylor)"


def _unnormalised(field, n, m):
    """Cbar, Sbar times sqrt((2 - delta_m0)(2n+1)(n-m)!/(n+m)!); the factorial ratio is taken
    as a square root of logarithms, since (n-m)!/(n+m)! itself underflows beyond degree 85."""
    log_ratio = math.lgamma(n - m + 1) - math.lgamma(n + m + 1)
    factor = math.sqrt((2.0 - (m == 0)) * (2 * n + 1)) * math.exp(0.5 * log_ratio)
    return field.c[n, m] * factor, field.s[n, m] * factor


def cunningham_acceleration(hy, field, degree, xf, yf, zf):
    """Body-fixed acceleration expressions (M&G eq. 3.33) of ``field`` to ``degree`` at (xf, yf, zf)."""
    R, gm = field.radius_m, field.gm_m3_s2
    r2 = xf * xf + yf * yf + zf * zf
    rho = R * R / r2
    x0, y0, z0 = xf * R / r2, yf * R / r2, zf * R / r2
    top = degree + 1
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
    for n in range(0, degree + 1):
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


def lunar_system(hy, field, degree):
    """The equations of motion of cases A, B, D: the field in the uniformly turning frame."""
    x, y, z, vx, vy, vz = hy.make_vars("x", "y", "z", "vx", "vy", "vz")
    c, s = hy.cos(cases.OMEGA * hy.time), hy.sin(cases.OMEGA * hy.time)
    xf, yf = c * x + s * y, -s * x + c * y
    afx, afy, afz = cunningham_acceleration(hy, field, degree, xf, yf, z)
    ax, ay = c * afx - s * afy, s * afx + c * afy
    return [(x, vx), (y, vy), (z, vz), (vx, ax), (vy, ay), (vz, afz)]


def final_position(field, degree, y0, duration, tol):
    """heyoka's final position (m) from ``y0`` after ``duration`` s at tolerance ``tol``."""
    import heyoka as hy
    ta = hy.taylor_adaptive(lunar_system(hy, field, degree), list(y0), tol=tol, compact_mode=True)
    ta.propagate_until(duration)
    return np.array(ta.state[:3])


def prepare_lunar(case, tol=cases.RTOL):
    if case.real_frame:
        return None
    import heyoka as hy
    field = cases.field(case.degree)
    y0 = cases.lunar_start(field.gm_m3_s2)
    ta = hy.taylor_adaptive(lunar_system(hy, field, case.degree), list(y0), tol=tol, compact_mode=True)

    def run():
        ta.time = 0.0
        ta.state[:] = y0
        steps = ta.propagate_until(case.duration_s)[3]
        return np.array(ta.state[:3]), int(steps)
    return run


def prepare_leo():
    import heyoka as hy
    x, y, z, vx, vy, vz = hy.make_vars("x", "y", "z", "vx", "vy", "vz")
    r3 = (x * x + y * y + z * z) ** 1.5
    mu = cases.MU_EARTH_OREKIT
    sys = [(x, vx), (y, vy), (z, vz), (vx, -mu * x / r3), (vy, -mu * y / r3), (vz, -mu * z / r3)]
    y0 = cases.leo_start()
    ta = hy.taylor_adaptive(sys, list(y0), tol=cases.RTOL)
    grid = cases.leo_grid()

    def run():
        ta.time = 0.0
        ta.state[:] = y0
        result = ta.propagate_grid(grid)
        return result[-1][-1, :3], int(result[3])
    return run


def prepare_dispersed():
    import heyoka as hy
    field = cases.field(20)
    starts = cases.dispersed_starts(field.gm_m3_s2)
    width = hy.recommended_simd_size()
    n_batches = -(-len(starts) // width)
    padded = np.vstack([starts, np.repeat(starts[-1:], n_batches * width - len(starts), axis=0)])
    ta = hy.taylor_adaptive_batch(lunar_system(hy, field, 20), padded[:width].T.copy(), tol=cases.RTOL,
                                  compact_mode=True)

    def generate(ta_copy, i):
        ta_copy.set_time(0.0)
        ta_copy.state[:] = padded[i * width:(i + 1) * width].T
        return ta_copy

    def run():
        results = hy.ensemble_propagate_until_batch(ta, cases.D_DURATION, n_batches, generate)
        finals = np.vstack([r[0].state[:3].T for r in results])[:len(starts)]
        return finals, sum(res[3] for r in results for res in r[0].propagate_res)
    return run
