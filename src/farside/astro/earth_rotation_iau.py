"""GCRF -> ITRF by the IAU 2006/2000A CIO-based model (pyerfa), with IERS EOP.

Used outside the span of the NAIF high-precision Earth PCK. Following IERS Conventions (2010),
chapter 5: ``R = W(xp, yp, s') . R_3(ERA) . Q(X + dX, Y + dY, s)``, with X, Y, s from
IAU 2006/2000A (``erfa.xys06a``), celestial-pole offsets dX, dY, UT1-UTC and polar motion from
the IERS ``finals2000A.all`` table of ssa-data-core. The rate keeps the dominant term,
``W . dR_3(ERA)/dt . Q`` with dERA/dt = 2 pi 1.00273781191135448 / 86400 s.
"""
import erfa
import numpy as np

from farside.astro.eop import default_eop
from farside.astro.time_scales import from_tdb, utc_naive_mjd

ERA_RATE_RAD_S = 2.0 * np.pi * 1.00273781191135448 / 86400.0
MAS = np.pi / (180.0 * 3600.0 * 1000.0)
_JD_J2000 = 2451545.0


def gcrf_to_itrf(t1, t2):
    """(R, dR/dt) GCRF -> ITRF at TDB epochs ``t1 + t2`` (arrays); each (n, 3, 3)."""
    eop = default_eop()
    utc = from_tdb("utc", t1, t2)
    mjd = utc_naive_mjd(*utc)
    dut1 = eop.ut1_minus_utc(mjd)
    xp, yp = eop.polar_motion_rad(mjd)
    dx = np.interp(mjd, eop.mjd, eop.dx_mas) * MAS
    dy = np.interp(mjd, eop.mjd, eop.dy_mas) * MAS
    tt1, tt2 = from_tdb("tt", t1, t2)
    tt_jd2 = (tt1 + tt2) / 86400.0
    ut_jd2 = (utc[0] + utc[1] + dut1) / 86400.0
    x, y, s = erfa.xys06a(_JD_J2000, tt_jd2)
    q = erfa.c2ixys(x + dx, y + dy, s)
    era = erfa.era00(_JD_J2000, ut_jd2)
    w = erfa.pom00(xp, yp, erfa.sp00(_JD_J2000, tt_jd2))
    c, s_ = np.cos(era), np.sin(era)
    zero, one = np.zeros_like(era), np.ones_like(era)
    r3 = np.stack([np.stack([c, s_, zero], -1), np.stack([-s_, c, zero], -1),
                   np.stack([zero, zero, one], -1)], -2)
    dr3 = ERA_RATE_RAD_S * np.stack([np.stack([-s_, c, zero], -1), np.stack([-c, -s_, zero], -1),
                                     np.stack([zero, zero, zero], -1)], -2)
    return w @ r3 @ q, w @ dr3 @ q
