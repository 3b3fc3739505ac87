"""Gravitational potential and acceleration of a fully normalised spherical-harmonic field.

Fully normalised (geodesy 4-pi) associated Legendre functions by the standard forward column
recursion (Holmes & Featherstone 2002, J. Geodesy 76:279, eqs. 11-13, without their 1e-280
scaling): sectorals ``P_mm = sqrt((2m+1)/(2m)) cos(phi) P_m-1,m-1`` and, for each order m,
``P_nm = a_nm sin(phi) P_n-1,m - b_nm P_n-2,m`` with

    a_nm = sqrt((2n-1)(2n+1) / ((n-m)(n+m))),  b_nm = sqrt((2n+1)(n+m-1)(n-m-1) / ((n-m)(n+m)(2n-3))).

The recurrence is the same; it is evaluated degree by degree (rows n-1 and n-2 give row n), so
that the inner loops over m are contiguous. Stable to degree ~1900 at all latitudes; beyond that, or within about a degree of the poles at
degree > 1900, the sectoral terms underflow (H&F 2002 §3). The latitude derivative uses
``dP_nm/dphi = k_nm P_n,m+1 - m tan(phi) P_nm`` with ``k_nm = sqrt((n-m)(n+m+1) / (1 + delta_m0))``.

Gradient in spherical coordinates (r, geocentric latitude phi, longitude lambda), rotated to
Cartesian body-fixed axes. Units: m, m^3/s^2, m/s^2. The point must not lie on the polar axis
(cos(phi) = 0), where the longitude derivative is undefined in these coordinates.
"""
import numpy as np

from farside.core.jit import jit


def recursion_coefficients(degree: int):
    """``a[n, m]``, ``b[n, m]`` of the column recursion and ``k[n, m]`` of the derivative."""
    n = np.arange(degree + 1, dtype=float)[:, None]
    m = np.arange(degree + 1, dtype=float)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.sqrt((2 * n - 1) * (2 * n + 1) / ((n - m) * (n + m)))
        b = np.sqrt((2 * n + 1) * (n + m - 1) * (n - m - 1) / ((n - m) * (n + m) * (2 * n - 3)))
        k = np.sqrt((n - m) * (n + m + 1) / (1.0 + (m == 0)))
    valid = n > m
    a = np.where(valid, a, 0.0)
    b = np.where(n > m + 1, b, 0.0)
    k = np.where(valid, k, 0.0)
    return np.nan_to_num(a), np.nan_to_num(b), np.nan_to_num(k)


@jit(_nrt=False, inline="always")
def potential_and_acceleration_hf(gm, radius, c, s, degree, a, b, k, p, trig, r_fixed, acc):
    """Potential (m^2/s^2, returned) and acceleration (m/s^2, written to ``acc``) at the
    body-fixed position ``r_fixed``; ``p`` (degree+3, degree+3) and ``trig`` (2, degree+1) are
    scratch of any content.

    Degree by degree: the row ``P_n,0..n`` comes from rows n-1 and n-2 (H&F's recurrence taken
    row-wise, three rows kept in ``p[0:3]``), and the sums over m run on contiguous rows of
    ``P``, ``C``, ``S``, ``a``, ``b``, ``k`` and of cos(m lon), sin(m lon), so they vectorise."""
    x, y, z = r_fixed[0], r_fixed[1], r_fixed[2]
    rho2 = x * x + y * y
    r = np.sqrt(rho2 + z * z)
    rho = np.sqrt(rho2)
    sin_phi = z / r
    cos_phi = rho / r
    cos_lon = x / rho
    sin_lon = y / rho
    cm = trig[0]
    sm = trig[1]
    cm[0] = 1.0
    sm[0] = 0.0
    for m in range(1, degree + 1):
        cm[m] = cm[m - 1] * cos_lon - sm[m - 1] * sin_lon
        sm[m] = sm[m - 1] * cos_lon + cm[m - 1] * sin_lon
    width = degree + 3
    mf = p[3] if degree >= 1 else p[2]
    for j in range(width):
        p[0, j] = 0.0
        p[1, j] = 0.0
        p[2, j] = 0.0
    for j in range(width):
        mf[j] = j
    tan_phi = sin_phi / cos_phi
    ratio = radius / r
    du_dr = 0.0
    du_dphi = 0.0
    du_dlon = 0.0
    pot = 0.0
    scale = 1.0
    sectoral = 1.0
    for n in range(0, degree + 1):
        cur = p[n % 3]
        prev1 = p[(n + 2) % 3]
        prev2 = p[(n + 1) % 3]
        if n == 0:
            cur[0] = 1.0
        else:
            an = a[n]
            bn = b[n]
            for m in range(0, n):
                cur[m] = an[m] * sin_phi * prev1[m] - bn[m] * prev2[m]
            if n == 1:
                sectoral = np.sqrt(3.0) * cos_phi
            else:
                sectoral *= np.sqrt((2.0 * n + 1.0) / (2.0 * n)) * cos_phi
            cur[n] = sectoral
        cur[n + 1] = 0.0
        cn = c[n]
        sn = s[n]
        kn = k[n]
        sum_v = 0.0
        sum_k = 0.0
        sum_mt = 0.0
        sum_lon = 0.0
        for m in range(0, n + 1):
            term = cn[m] * cm[m] + sn[m] * sm[m]
            pm = cur[m]
            mp = mf[m] * pm
            sum_v += pm * term
            sum_k += kn[m] * cur[m + 1] * term
            sum_mt += mp * term
            sum_lon += mp * (sn[m] * cm[m] - cn[m] * sm[m])
        pot += scale * sum_v
        du_dr -= (n + 1) * scale * sum_v
        du_dphi += scale * (sum_k - tan_phi * sum_mt)
        du_dlon += scale * sum_lon
        scale *= ratio
    mu_r = gm / r
    pot *= mu_r
    g_r = du_dr * mu_r / r
    g_phi = du_dphi * mu_r / r
    g_lon = du_dlon * mu_r / (r * cos_phi)
    acc[0] = cos_phi * cos_lon * g_r - sin_phi * cos_lon * g_phi - sin_lon * g_lon
    acc[1] = cos_phi * sin_lon * g_r - sin_phi * sin_lon * g_phi + cos_lon * g_lon
    acc[2] = sin_phi * g_r + cos_phi * g_phi
    return pot
