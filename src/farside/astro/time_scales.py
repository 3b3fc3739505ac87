"""Conversions between time scales on two-part seconds past J2000 (vectorised).

An epoch in a scale is ``(s1, s2)``: ``s1`` whole seconds (an integer-valued float64) and
``s2`` the fraction in [0, 1), counted from 2000-01-01T12:00:00 of that scale with 86400 s
days ("naive" seconds; for UTC the leap second is handled by the calendar functions).

- TT = TAI + 32.184 s (LSK ``DELTA_T_A``); GPS = TAI - 19 s (IS-GPS-200, GPS epoch 1980-01-06).
- TDB - TT = K sin(M + EB sin M) from the LSK (see :mod:`farside.astro.leapseconds`).
- UTC <-> TAI from the LSK's leap seconds from 1972 on; before 1972, when UTC ran at a rate
  offset from TAI with steps of a fraction of a second, the IERS table of TAI-UTC (USNO
  ``tai-utc.dat``, as ``erfa.dat`` holds it: 7.054 s on 1969-01-01, 9.890 s at the end of 1971);
  before 1960, when UTC did not exist, its 1960-01-01 value. SPICE differs there: its LSK starts
  in 1972 and it holds 9 s before 1972 (1.95 s from the IERS value on 1969-01-01, 0.89 s at the end of 1971).
- UT1 = UTC + (UT1-UTC) from IERS EOP.
"""
import math
import warnings

import numpy as np

from farside.astro.calendar import J2000_NOON_OFFSET_S, SECONDS_PER_DAY, civil_from_days, days_from_civil
from farside.astro.eop import MJD_OF_2000_01_01, default_eop
from farside.astro.leapseconds import default_table

GPS_MINUS_TAI_S = -19.0


SCALARS = (float, np.float64)
"""The types of one number that :func:`normalise` adds as Python floats."""


def _floor(x: float) -> float:
    """``np.floor`` of a finite float, signed zeros kept."""
    return x if x == 0.0 else float(math.floor(x))


def normalise(a, b):
    """Two-part sum ``a + b`` as (whole seconds, fraction in [0, 1)); two finite floats are added
    as Python floats (the same operations, the same bits, numpy scalars out)."""
    if type(a) in SCALARS and type(b) in SCALARS and math.isfinite(a) and math.isfinite(b):
        a, b = float(a), float(b)
        fa, fb = _floor(a), _floor(b)
        frac = (a - fa) + (b - fb)
        carry = _floor(frac)
        return np.float64(fa + fb + carry), np.float64(frac - carry)
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    fa = np.floor(a)
    fb = np.floor(b)
    frac = (a - fa) + (b - fb)
    carry = np.floor(frac)
    return fa + fb + carry, frac - carry


def add_seconds(s1, s2, seconds):
    """Add ``seconds`` (float or array) to a two-part epoch."""
    whole = np.floor(seconds)
    return normalise(s1 + whole, s2 + (np.asarray(seconds) - whole))


def _tdb_minus_tt(seconds):
    table = default_table()
    m = table.m0_rad + table.m1_rad_per_s * seconds
    return table.k_s * np.sin(m + table.eb * np.sin(m))


def tt_to_tdb(s1, s2):
    return add_seconds(s1, s2, _tdb_minus_tt(s1 + s2))


def tdb_to_tt(s1, s2):
    tt_approx = (s1 + s2) - _tdb_minus_tt(s1 + s2)
    return add_seconds(s1, s2, -_tdb_minus_tt(tt_approx))


def tai_to_tt(s1, s2):
    return add_seconds(s1, s2, default_table().tt_minus_tai_s)


def tt_to_tai(s1, s2):
    return add_seconds(s1, s2, -default_table().tt_minus_tai_s)


DAY_1972 = int(days_from_civil(1972, 1, 1))
DAY_1960 = int(days_from_civil(1960, 1, 1))


def _iers_before_1972(day, s1, s2):
    """TAI-UTC (s) of the IERS table at UTC naive seconds ``s1 + s2`` of UTC day ``day``
    (days before 1960 take the value of 1960-01-01)."""
    import erfa
    day = np.asarray(day)
    held = np.maximum(day, DAY_1960)
    year, month, dom = civil_from_days(held)
    fd = np.where(day < DAY_1960, 0.0, (np.asarray(s1) + J2000_NOON_OFFSET_S - day * SECONDS_PER_DAY
                                         + np.asarray(s2)) / SECONDS_PER_DAY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", erfa.ErfaWarning)
        return erfa.dat(year, month, dom, np.clip(fd, 0.0, 1.0))


def tai_minus_utc(day, s1, s2):
    """TAI-UTC (s) at UTC naive seconds ``(s1, s2)`` of UTC day ``day``: the LSK from 1972,
    the IERS table before."""
    dat = default_table().tai_minus_utc_for_day(day)
    early = np.asarray(day) < DAY_1972
    if np.any(early):
        dat = np.where(early, _iers_before_1972(day, s1, s2), dat)
    return dat


def utc_day_to_tai(day, s1, s2):
    """UTC naive seconds to TAI, with the leap-second count of the UTC calendar day ``day``
    (given separately so that 23:59:60 gets the count of the day it belongs to)."""
    return add_seconds(s1, s2, tai_minus_utc(day, s1, s2))


def _tai_to_utc_before_1972(s1, s2):
    """(day, seconds of day, fraction) of UTC for TAI before 1972: TAI-UTC depends on the UTC
    date, found by fixed-point iteration (its rate is 1.3e-8 s/s: three rounds reach 1e-16 s)."""
    utc1, utc2 = normalise(s1 - 10.0, s2)
    for _ in range(3):
        day = np.floor_divide(utc1 + utc2 + J2000_NOON_OFFSET_S, SECONDS_PER_DAY).astype(np.int64)
        utc1, utc2 = add_seconds(s1, s2, -_iers_before_1972(day, utc1, utc2))
    day = np.floor_divide(utc1 + J2000_NOON_OFFSET_S, SECONDS_PER_DAY).astype(np.int64)
    return day, utc1 + J2000_NOON_OFFSET_S - day * SECONDS_PER_DAY, utc2


def tai_to_utc_parts(s1, s2):
    """TAI to UTC as (day number, whole seconds of day, fraction); seconds of day reach 86400
    only inside a leap second (displayed 23:59:60)."""
    table = default_table()
    starts = (table.day * SECONDS_PER_DAY - J2000_NOON_OFFSET_S) + table.tai_minus_utc_s
    idx = np.clip(np.searchsorted(starts, s1, side="right") - 1, 0, None)
    dat = table.tai_minus_utc_s[idx]
    naive = s1 - dat
    day = np.floor_divide(naive + J2000_NOON_OFFSET_S, SECONDS_PER_DAY).astype(np.int64)
    sod = naive + J2000_NOON_OFFSET_S - day * SECONDS_PER_DAY
    nxt = np.minimum(idx + 1, len(starts) - 1)
    step = table.tai_minus_utc_s[nxt] - dat
    in_leap = (idx + 1 < len(starts)) & (step > 0) & (s1 >= starts[nxt] - step)
    day = np.where(in_leap, day - 1, day)
    sod = np.where(in_leap, sod + SECONDS_PER_DAY, sod)
    early = s1 < starts[0]
    if np.any(early):
        e_day, e_sod, e_frac = _tai_to_utc_before_1972(s1, s2)
        return np.where(early, e_day, day), np.where(early, e_sod, sod), np.where(early, e_frac, s2)
    return day, sod, s2


def tai_to_utc_naive(s1, s2):
    """UTC as naive seconds (a leap second folds onto the next second, as POSIX does)."""
    day, sod, frac = tai_to_utc_parts(s1, s2)
    return normalise(day * SECONDS_PER_DAY - J2000_NOON_OFFSET_S + sod, frac)


def utc_naive_mjd(s1, s2):
    return MJD_OF_2000_01_01 + (s1 + J2000_NOON_OFFSET_S + s2) / SECONDS_PER_DAY


def tai_to_ut1(s1, s2):
    u1, u2 = tai_to_utc_naive(s1, s2)
    return add_seconds(u1, u2, default_eop().ut1_minus_utc(utc_naive_mjd(u1, u2)))


def ut1_to_tai(s1, s2):
    """UT1 naive seconds to TAI, by fixed-point iteration on UTC = UT1 - (UT1-UTC)(UTC)."""
    eop = default_eop()
    u1, u2 = s1, s2
    for _ in range(3):
        dut1 = eop.ut1_minus_utc(utc_naive_mjd(u1, u2))
        u1, u2 = add_seconds(s1, s2, -dut1)
    day = np.floor_divide(u1 + J2000_NOON_OFFSET_S, SECONDS_PER_DAY).astype(np.int64)
    return utc_day_to_tai(day, u1, u2)


def to_tdb(scale, s1, s2, day=None):
    """Two-part seconds in ``scale`` to TDB; ``day`` is the UTC calendar day for ``utc``."""
    if scale == "tdb":
        return s1, s2
    if scale == "tt":
        return tt_to_tdb(s1, s2)
    if scale == "utc":
        if day is None:
            day = np.floor_divide(s1 + J2000_NOON_OFFSET_S, SECONDS_PER_DAY).astype(np.int64)
        tai = utc_day_to_tai(day, s1, s2)
    elif scale == "tai":
        tai = (s1, s2)
    elif scale == "gps":
        tai = add_seconds(s1, s2, -GPS_MINUS_TAI_S)
    elif scale == "ut1":
        tai = ut1_to_tai(s1, s2)
    else:
        raise KeyError(scale)
    return tt_to_tdb(*tai_to_tt(*tai))


def from_tdb(scale, s1, s2):
    """TDB two-part seconds to ``scale`` (UTC as naive seconds: use the calendar functions to
    display a leap second)."""
    if scale == "tdb":
        return s1, s2
    tt = tdb_to_tt(s1, s2)
    if scale == "tt":
        return tt
    tai = tt_to_tai(*tt)
    if scale == "tai":
        return tai
    if scale == "gps":
        return add_seconds(*tai, GPS_MINUS_TAI_S)
    if scale == "utc":
        return tai_to_utc_naive(*tai)
    if scale == "ut1":
        return tai_to_ut1(*tai)
    raise KeyError(scale)
