"""The acceleration of :func:`farside.core.spherical_harmonics.potential_and_acceleration_hf` at
`LANES` points at once, one point per lane of the vectors of :mod:`farside.core.lane_vectors`.

Each lane does exactly the arithmetic of the single-point kernel, in the same order (the same
recursion of Holmes & Featherstone 2002 degree by degree, the same sums over the order m taken in
the same order, no reassociation), so its acceleration is the single-point kernel's bit for bit
and the lanes never mix. The potential is not formed (the propagation kernels do not use it).
Units, frames and the polar-axis restriction as in :mod:`farside.core.spherical_harmonics`.
"""
import numpy as np

from farside.core import lane_vectors as lv
from farside.core.jit import jit
from farside.core.lane_vectors import LANES


def lane_scratch(degree: int):
    """``(p, trig)``: the uninitialised scratch of :func:`acceleration_lanes_hf` for ``degree``."""
    return np.empty((3, degree + 2, LANES)), np.empty((2, degree + 1, LANES))


@jit(_nrt=False, inline="always")
def _longitude_terms_hf(cos_lon, sin_lon, degree, cm, sm):
    """cos(m lon), sin(m lon) for m = 0..degree into the rows of ``cm``, ``sm``."""
    c_prev = lv.splat(1.0)
    s_prev = lv.splat(0.0)
    lv.store(cm, 0, c_prev)
    lv.store(sm, 0, s_prev)
    for m in range(1, degree + 1):
        c_m = lv.sub(lv.mul(c_prev, cos_lon), lv.mul(s_prev, sin_lon))
        s_m = lv.add(lv.mul(s_prev, cos_lon), lv.mul(c_prev, sin_lon))
        lv.store(cm, m, c_m)
        lv.store(sm, m, s_m)
        c_prev = c_m
        s_prev = s_m


@jit(_nrt=False, inline="always")
def _row_hf(n, a, b, sin_phi, cos_phi, sectoral, p):
    """Row n of P into ``p[n % 3]`` (rows 0..n, a zero at n+1) from rows n-1 and n-2; returns the
    row and the sectoral term P_nn."""
    cur = p[n % 3]
    if n == 0:
        lv.store(cur, 0, lv.splat(1.0))
    else:
        prev1 = p[(n + 2) % 3]
        prev2 = p[(n + 1) % 3]
        an = a[n]
        bn = b[n]
        for m in range(n):
            lv.store(cur, m, lv.sub(lv.mul(lv.mul(lv.splat(an[m]), sin_phi), lv.load(prev1, m)),
                                    lv.mul(lv.splat(bn[m]), lv.load(prev2, m))))
        if n == 1:
            sectoral = lv.mul(lv.splat(np.sqrt(3.0)), cos_phi)
        else:
            sectoral = lv.mul(sectoral, lv.mul(lv.splat(np.sqrt((2.0 * n + 1.0) / (2.0 * n))), cos_phi))
        lv.store(cur, n, sectoral)
    lv.store(cur, n + 1, lv.splat(0.0))
    return cur, sectoral


@jit(_nrt=False, inline="always")
def acceleration_lanes_hf(gm, radius, c, s, degree, a, b, k, p, trig, r_fixed, acc):
    """Accelerations (m/s^2) into ``acc`` (3, LANES) at the body-fixed positions ``r_fixed``
    (3, LANES), each lane that of ``potential_and_acceleration_hf`` at its point bit for bit;
    ``p``, ``trig`` as :func:`lane_scratch` makes them (any content)."""
    x = lv.load(r_fixed, 0)
    y = lv.load(r_fixed, 1)
    z = lv.load(r_fixed, 2)
    rho2 = lv.add(lv.mul(x, x), lv.mul(y, y))
    r = lv.sqrt(lv.add(rho2, lv.mul(z, z)))
    rho = lv.sqrt(rho2)
    sin_phi = lv.div(z, r)
    cos_phi = lv.div(rho, r)
    cos_lon = lv.div(x, rho)
    sin_lon = lv.div(y, rho)
    cm = trig[0]
    sm = trig[1]
    _longitude_terms_hf(cos_lon, sin_lon, degree, cm, sm)
    zero = lv.splat(0.0)
    for j in range(3):
        for m in range(degree + 2):
            lv.store(p[j], m, zero)
    tan_phi = lv.div(sin_phi, cos_phi)
    ratio = lv.div(lv.splat(radius), r)
    du_dr = zero
    du_dphi = zero
    du_dlon = zero
    scale = lv.splat(1.0)
    sectoral = scale
    for n in range(degree + 1):
        cur, sectoral = _row_hf(n, a, b, sin_phi, cos_phi, sectoral, p)
        cn = c[n]
        sn = s[n]
        kn = k[n]
        sum_v = zero
        sum_k = zero
        sum_mt = zero
        sum_lon = zero
        for m in range(n + 1):
            c_nm = lv.splat(cn[m])
            s_nm = lv.splat(sn[m])
            cos_m = lv.load(cm, m)
            sin_m = lv.load(sm, m)
            term = lv.add(lv.mul(c_nm, cos_m), lv.mul(s_nm, sin_m))
            pm = lv.load(cur, m)
            mp = lv.mul(lv.splat(float(m)), pm)
            sum_v = lv.add(sum_v, lv.mul(pm, term))
            sum_k = lv.add(sum_k, lv.mul(lv.mul(lv.splat(kn[m]), lv.load(cur, m + 1)), term))
            sum_mt = lv.add(sum_mt, lv.mul(mp, term))
            sum_lon = lv.add(sum_lon, lv.mul(mp, lv.sub(lv.mul(s_nm, cos_m), lv.mul(c_nm, sin_m))))
        du_dr = lv.sub(du_dr, lv.mul(lv.mul(lv.splat(float(n + 1)), scale), sum_v))
        du_dphi = lv.add(du_dphi, lv.mul(scale, lv.sub(sum_k, lv.mul(tan_phi, sum_mt))))
        du_dlon = lv.add(du_dlon, lv.mul(scale, sum_lon))
        scale = lv.mul(scale, ratio)
    mu_r = lv.div(lv.splat(gm), r)
    g_r = lv.div(lv.mul(du_dr, mu_r), r)
    g_phi = lv.div(lv.mul(du_dphi, mu_r), r)
    g_lon = lv.div(lv.mul(du_dlon, mu_r), lv.mul(r, cos_phi))
    lv.store(acc, 0, lv.sub(lv.sub(lv.mul(lv.mul(cos_phi, cos_lon), g_r), lv.mul(lv.mul(sin_phi, cos_lon), g_phi)),
                            lv.mul(sin_lon, g_lon)))
    lv.store(acc, 1, lv.add(lv.sub(lv.mul(lv.mul(cos_phi, sin_lon), g_r), lv.mul(lv.mul(sin_phi, sin_lon), g_phi)),
                            lv.mul(cos_lon, g_lon)))
    lv.store(acc, 2, lv.add(lv.mul(sin_phi, g_r), lv.mul(cos_phi, g_phi)))
