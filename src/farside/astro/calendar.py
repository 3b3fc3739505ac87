"""Proleptic Gregorian calendar arithmetic on integer day numbers (vectorised).

Day numbers count days from 2000-01-01 (day 0). Algorithm: H. Hinnant, "chrono-compatible
low-level date algorithms" (days_from_civil / civil_from_days), exact for all int64 dates.
"""
import numpy as np

SECONDS_PER_DAY = 86400
J2000_NOON_OFFSET_S = 43200
"""J2000 is 2000-01-01T12:00:00: seconds past J2000 = 86400 * day_number - 43200 + seconds of day."""

_DAYS_0000_03_01_TO_2000_01_01 = 730425


def days_from_civil(year, month, day):
    """Day number (days since 2000-01-01) of a Gregorian calendar date; arrays broadcast."""
    y = np.asarray(year, dtype=np.int64) - (np.asarray(month) <= 2)
    m = np.asarray(month, dtype=np.int64)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    mp = (m + 9) % 12
    doy = (153 * mp + 2) // 5 + np.asarray(day, dtype=np.int64) - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - _DAYS_0000_03_01_TO_2000_01_01


def civil_from_days(days):
    """(year, month, day) arrays of day numbers (days since 2000-01-01)."""
    z = np.asarray(days, dtype=np.int64) + _DAYS_0000_03_01_TO_2000_01_01
    era = np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = np.where(mp < 10, mp + 3, mp - 9)
    return y + (m <= 2), m, d


def is_leap_year(year):
    """True for Gregorian leap years."""
    year = np.asarray(year)
    return (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))


def days_in_month(year, month):
    """Number of days of a month (1..12) of a Gregorian year."""
    table = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    month = np.asarray(month)
    return table[month - 1] + ((month == 2) & is_leap_year(year))
