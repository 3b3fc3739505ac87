"""`Epoch`: an instant (or an array of instants) held as TDB seconds past J2000 in two parts.

Scales: UTC, TAI, TT, TDB, GPS and UT1 (UT1 within the span of the IERS EOP table).
Strings in and out are ISO 8601: calendar ``2024-06-01T22:23:16.5`` or day-of-year
``2024-153T22:23:16.5``; a UTC leap second is written ``23:59:60``.

TDB here is SPICE's: TT plus the LSK's periodic term (see :mod:`farside.astro.leapseconds`),
so `Epoch.tdb_seconds` is the ``et`` SPICE would give for the same string, and states from the
DE kernels agree with SPICE. Conversions to and from astropy go through TT, which both define
identically; astropy's own TDB uses the Fairhead-Bretagnon series and differs by up to ~30 us.
"""
import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, Union, cast

import numpy as np
import numpy.typing as npt

from farside.astro import time_scales as ts
from farside.astro.calendar import (J2000_NOON_OFFSET_S, SECONDS_PER_DAY, civil_from_days,
                                    days_from_civil, days_in_month)
from farside.astro.leapseconds import default_table
from farside.astro.quantities import to_si
from farside.errors import EpochFormatError, FarsideValueError, UnknownNameError

if TYPE_CHECKING:
    from astropy.time import Time
    from astropy.units import Quantity

EpochLike: TypeAlias = Union["Epoch", "Time", dt.datetime, dt.date, str, Sequence[str]]
"""What every function taking an epoch accepts (`Epoch` converts the others)."""
Seconds: TypeAlias = Union[float, npt.ArrayLike, "Quantity", dt.timedelta]
"""A duration: seconds (a number or an array), an astropy time Quantity, a `datetime.timedelta`."""
TimeArgument: TypeAlias = Union[EpochLike, float, npt.NDArray[np.floating]]
"""An epoch, or TDB seconds past J2000 (a number or an array), as the astro functions take it."""

SCALES = ("utc", "tai", "tt", "tdb", "gps", "ut1")
ASTROPY_RESOLUTION_S = 1e-9
"""An astropy ``Time`` equals an `Epoch` within this: its two Julian-day doubles, through TT, carry
the instant to ~0.3 ns (measured: 2.8e-10 s for a UTC time of 2024)."""

_ISO = re.compile(
    r"^\s*(?P<year>[+-]?\d{4})-(?:(?P<month>\d{2})-(?P<day>\d{2})|(?P<doy>\d{3}))"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<frac>\.\d*)?)?)?"
    r"\s*(?:Z|(?P<sign>[+-])(?P<tzh>\d{2}):?(?P<tzm>\d{2}))?\s*$")


def _check_scale(scale: str) -> str:
    key = str(scale).lower()
    if key not in SCALES:
        raise UnknownNameError("scale", scale, SCALES)
    return key


def _parse_one(text: str, scale: str, argument: str):
    match = _ISO.match(str(text))
    if not match:
        raise EpochFormatError(argument, text)
    g = match.groupdict()
    year = int(g["year"])
    if g["doy"] is not None:
        doy = int(g["doy"])
        if not 1 <= doy <= 365 + int(days_in_month(year, 2) == 29):
            raise EpochFormatError(argument, text)
        day = int(days_from_civil(year, 1, 1)) + doy - 1
    else:
        month, dom = int(g["month"]), int(g["day"])
        if not (1 <= month <= 12 and 1 <= dom <= days_in_month(year, month)):
            raise EpochFormatError(argument, text)
        day = int(days_from_civil(year, month, dom))
    hour = int(g["hour"] or 0)
    minute = int(g["minute"] or 0)
    second = int(g["second"] or 0)
    frac = float("0" + g["frac"]) if g["frac"] and g["frac"] != "." else 0.0
    leap_ok = scale == "utc" and hour == 23 and minute == 59 and second == 60 and _is_leap_day(day)
    if hour > 23 or minute > 59 or (second > 59 and not leap_ok):
        raise EpochFormatError(argument, text)
    sod = hour * 3600 + minute * 60 + second
    if g["sign"] is not None:
        offset = (int(g["tzh"]) * 3600 + int(g["tzm"]) * 60) * (1 if g["sign"] == "+" else -1)
        if int(g["tzh"]) > 23 or int(g["tzm"]) > 59 or (offset and second == 60):
            raise EpochFormatError(argument, text)
        day, sod = day + (sod - offset) // 86400, (sod - offset) % 86400
    return day, sod, frac


def _text(value):
    """An ISO string of ``value``: a `datetime.datetime` (naive: UTC; aware: converted to UTC) or
    a `datetime.date` as ISO, anything else as it is."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _seconds(value, argument="seconds"):
    """Seconds from a number, an astropy time Quantity or a `datetime.timedelta`."""
    if isinstance(value, dt.timedelta):
        return (value.days * 86400 + value.seconds) + value.microseconds * 1e-6
    return to_si(value, "s", argument)


def _leap_days(day):
    """True where the UTC day (day numbers) ends with a leap second."""
    table = default_table()
    return table.tai_minus_utc_for_day(day + 1) > table.tai_minus_utc_for_day(day)


def _is_leap_day(day: int) -> bool:
    return bool(_leap_days(day))


def _format(day, sod, frac, precision: int, doy: bool) -> Any:
    """ISO strings from day numbers, whole seconds of day (86400 = leap second) and fraction,
    formatted as arrays (one string operation per instant)."""
    unit = 10 ** precision
    sub = np.rint(np.asarray(frac) * unit).astype(np.int64)
    sod = np.asarray(sod, dtype=np.int64) + (sub >= unit)
    sub = np.where(sub >= unit, sub - unit, sub)
    day = np.asarray(day, dtype=np.int64)
    d, s, f = day.ravel().copy(), sod.ravel().copy(), sub.ravel()
    over = s >= SECONDS_PER_DAY
    leap = np.zeros(d.shape, dtype=bool)
    if over.any():
        leap = over & (s < SECONDS_PER_DAY + 1) & _leap_days(d)
        roll = over & ~leap
        d[roll] += 1
        s[roll] -= SECONDS_PER_DAY
    hh, mm, ss = s // 3600, (s % 3600) // 60, s % 60
    hh[leap], mm[leap], ss[leap] = 23, 59, 60
    if d.size >= _TABLE_FORMAT_SIZE:
        return _format_by_tables(d, hh, mm, ss, f, precision, doy).reshape(day.shape)
    y, m, dd = civil_from_days(d)
    fields: tuple[list, ...]
    if doy:
        fields = (y.tolist(), (d - days_from_civil(y, 1, 1) + 1).tolist())
        text = "%04d-%03dT%02d:%02d:%02d"
    else:
        fields = (y.tolist(), m.tolist(), dd.tolist())
        text = "%04d-%02d-%02dT%02d:%02d:%02d"
    fields += (hh.tolist(), mm.tolist(), ss.tolist())
    if precision > 0:
        text += f".%0{precision}d"
        fields += (f.tolist(),)
    out = [text % row for row in zip(*fields)]
    return np.array(out).reshape(day.shape) if day.shape else out[0]


_TABLE_FORMAT_SIZE = 64
"""From this many instants on, :func:`_format` assembles the strings from tables of digits."""
_DIGITS: dict = {}


def _digits(width: int) -> np.ndarray:
    """``["00", "01", ... "99"]`` for width 2: the zero-padded numbers of ``width`` digits."""
    if width not in _DIGITS:
        _DIGITS[width] = np.array([f"{i:0{width}d}" for i in range(10 ** width)])
    return _DIGITS[width]


def _format_by_tables(d, hh, mm, ss, f, precision: int, doy: bool) -> np.ndarray:
    """The strings of :func:`_format` (the same characters) as whole-array string operations: each
    day's date formatted once, the clock fields looked up in tables of digits."""
    days, which = np.unique(d, return_inverse=True)
    y, m, dd = civil_from_days(days)
    if doy:
        dates = ["%04d-%03dT" % row for row in zip(y.tolist(), (days - days_from_civil(y, 1, 1) + 1).tolist())]
    else:
        dates = ["%04d-%02d-%02dT" % row for row in zip(y.tolist(), m.tolist(), dd.tolist())]
    two = _digits(2)
    parts = [np.array(dates)[which.ravel()], two[hh], ":", two[mm], ":", two[ss]]
    if precision > 0:
        fraction = _digits(precision)[f] if precision <= 3 else np.strings.zfill(f.astype(str), precision)
        parts += [".", fraction]
    out = parts[0]
    for part in parts[1:]:
        out = np.strings.add(out, part)
    return out.astype(f"U{int(np.strings.str_len(out).max())}")


class Epoch:
    """One instant or an array of instants.

    Parameters
    ----------
    value : str, sequence of str, Epoch, astropy.time.Time or datetime.datetime
        ISO 8601 string(s), calendar or day-of-year form, optionally with a UTC offset
        (``Z``, ``+08:00``); a naive `datetime` is UTC, an aware one is converted.
    scale : str
        Time scale of the strings: ``utc`` (default), ``tai``, ``tt``, ``tdb``, ``gps``, ``ut1``.

    Examples
    --------
    >>> t = Epoch("2024-06-01T22:23:16", scale="utc")
    >>> round(t.tdb_seconds, 3)
    770552665.185
    """

    __slots__ = ("_s1", "_s2")
    _s1: Any
    _s2: Any

    def __init__(self, value: EpochLike, scale: str = "utc") -> None:
        if isinstance(value, Epoch):
            self._s1, self._s2 = value._s1, value._s2
            return
        if type(value).__name__ == "Time" and hasattr(value, "jd1"):
            other = Epoch.from_astropy(value)
            self._s1, self._s2 = other._s1, other._s2
            return
        scale = _check_scale(scale)
        if isinstance(value, dt.datetime) and scale != "utc":
            raise EpochFormatError("value", value)
        texts = np.asarray(_text(value) if isinstance(value, dt.date) else value, dtype=object)
        parsed = [_parse_one(_text(t), scale, "value") for t in texts.ravel()]
        if not parsed:
            raise EpochFormatError("value", value)
        day = np.array([p[0] for p in parsed], dtype=np.int64).reshape(texts.shape)
        sod = np.array([p[1] for p in parsed], dtype=np.int64).reshape(texts.shape)
        frac = np.array([p[2] for p in parsed], dtype=float).reshape(texts.shape)
        s1 = (day * SECONDS_PER_DAY - J2000_NOON_OFFSET_S + sod).astype(float)
        self._s1, self._s2 = ts.to_tdb(scale, s1, frac, day=day)

    @classmethod
    def _from_parts(cls, s1: npt.ArrayLike, s2: npt.ArrayLike) -> "Epoch":
        obj = cls.__new__(cls)
        obj._s1, obj._s2 = ts.normalise(s1, s2)
        return obj

    @classmethod
    def from_tdb_seconds(cls, seconds: npt.ArrayLike, seconds2: npt.ArrayLike = 0.0) -> "Epoch":
        """From TDB seconds past J2000 (float or array), optionally as two parts."""
        if isinstance(seconds, float) and isinstance(seconds2, float) and math.isfinite(seconds) \
                and math.isfinite(seconds2):
            return cls._from_parts(seconds, seconds2)
        seconds = np.asarray(seconds, dtype=float)
        if not np.all(np.isfinite(seconds)) or not np.all(np.isfinite(seconds2)):
            raise EpochFormatError("seconds", seconds)
        return cls._from_parts(seconds, seconds2)

    @classmethod
    def from_seconds(cls, seconds: npt.ArrayLike, scale: str, seconds2: npt.ArrayLike = 0.0) -> "Epoch":
        """From seconds past J2000 (12:00 of 2000-01-01) in ``scale``, 86400 s per day."""
        scale = _check_scale(scale)
        s1, s2 = ts.normalise(seconds, seconds2)
        obj = cls.__new__(cls)
        obj._s1, obj._s2 = ts.to_tdb(scale, s1, s2)
        return obj

    @classmethod
    def from_astropy(cls, time: "Time") -> "Epoch":
        """From an astropy ``Time`` (any scale), through its TT."""
        tt = time.tt
        d1 = np.asarray(tt.jd1) - 2451545.0
        s1, s2 = ts.normalise(d1 * SECONDS_PER_DAY, np.asarray(tt.jd2) * SECONDS_PER_DAY)
        obj = cls.__new__(cls)
        obj._s1, obj._s2 = ts.tt_to_tdb(s1, s2)
        return obj

    def to_astropy(self) -> "Time":
        """An astropy ``Time`` in scale TT (exactly TAI + 32.184 s, as here)."""
        from astropy.time import Time
        s1, s2 = ts.tdb_to_tt(self._s1, self._s2)
        days = np.floor_divide(s1, SECONDS_PER_DAY)
        rest = (s1 - days * SECONDS_PER_DAY + s2) / SECONDS_PER_DAY
        return Time(2451545.0 + days, rest, format="jd", scale="tt")

    @property
    def tdb_seconds(self) -> Any:
        """TDB seconds past J2000 (float, or array for an array epoch)."""
        total = self._s1 + self._s2
        return float(total) if np.ndim(total) == 0 else total

    @property
    def tdb_seconds_2part(self) -> tuple[Any, Any]:
        """(whole seconds, fraction) of TDB past J2000, for sub-microsecond work."""
        return self._s1, self._s2

    def seconds(self, scale: str) -> Any:
        """Seconds past J2000 in ``scale`` (86400 s per day; UTC folds a leap second)."""
        s1, s2 = ts.from_tdb(_check_scale(scale), self._s1, self._s2)
        total = s1 + s2
        return float(total) if np.ndim(total) == 0 else total

    def _calendar(self, scale: str) -> tuple[Any, Any, Any]:
        scale = _check_scale(scale)
        if scale == "utc":
            tai = ts.from_tdb("tai", self._s1, self._s2)
            return ts.tai_to_utc_parts(*tai)
        s1, s2 = ts.from_tdb(scale, self._s1, self._s2)
        day = np.floor_divide(s1 + J2000_NOON_OFFSET_S, SECONDS_PER_DAY).astype(np.int64)
        return day, s1 + J2000_NOON_OFFSET_S - day * SECONDS_PER_DAY, s2

    def iso(self, scale: str = "utc", precision: int = 3) -> Any:
        """ISO 8601 calendar string (a str), or an array of them for an array epoch, e.g.
        ``2024-06-01T22:23:16.000``."""
        return _format(*self._calendar(scale), precision, doy=False)

    def doy(self, scale: str = "utc", precision: int = 3) -> Any:
        """ISO 8601 day-of-year string (or array of them), e.g. ``2024-153T22:23:16.000``."""
        return _format(*self._calendar(scale), precision, doy=True)

    @property
    def shape(self) -> tuple[int, ...]:
        return np.shape(self._s1)

    def __len__(self) -> int:
        return len(self._s1)

    def __getitem__(self, item: Any) -> "Epoch":
        return Epoch._from_parts(self._s1[item], self._s2[item])

    def __add__(self, seconds: Seconds) -> "Epoch":
        """Seconds later (a number, an astropy time Quantity such as ``60 * u.s``, a `timedelta`)."""
        return Epoch._from_parts(*ts.add_seconds(self._s1, self._s2, _seconds(seconds)))

    def __sub__(self, other: Union[EpochLike, Seconds]) -> Any:
        """Seconds between two epochs (float or array), or an earlier `Epoch` for a duration."""
        if isinstance(other, Epoch) or type(other).__name__ == "Time" or isinstance(other, (str, dt.datetime)):
            other = Epoch(other)
            diff = (self._s1 - other._s1) + (self._s2 - other._s2)
            return float(diff) if np.ndim(diff) == 0 else diff
        return self + (-np.asarray(_seconds(other), dtype=float))

    def to_datetime(self) -> dt.datetime:
        """The UTC instant as an aware `datetime.datetime` (microseconds, rounded; a leap second
        23:59:60 becomes 23:59:59.999999, which datetime can hold)."""
        if self.shape:
            raise FarsideValueError("epoch", self, "one instant (index an array epoch first)")
        text = self.iso("utc", 6)
        if text[17:19] == "60":
            text = text[:17] + "59.999999"
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)

    def _cmp_key(self, other: EpochLike) -> Any:
        return (self - Epoch(other)) if not isinstance(other, Epoch) else (self - other)

    def __eq__(self, other: object) -> Any:
        if type(other).__name__ == "Time" and hasattr(other, "jd1"):
            return np.abs(np.asarray(self._cmp_key(other))) <= ASTROPY_RESOLUTION_S
        return np.asarray(self._cmp_key(other)) == 0.0

    def __lt__(self, other: EpochLike) -> Any:
        return np.asarray(self._cmp_key(other)) < 0.0

    def __le__(self, other: EpochLike) -> Any:
        return np.asarray(self._cmp_key(other)) <= 0.0

    def __gt__(self, other: EpochLike) -> Any:
        return np.asarray(self._cmp_key(other)) > 0.0

    def __ge__(self, other: EpochLike) -> Any:
        return np.asarray(self._cmp_key(other)) >= 0.0

    __hash__ = None   # type: ignore[assignment]  # equality is element-wise and, against astropy, within 1 ns: no hash

    def __repr__(self) -> str:
        return f"Epoch({self.iso('tdb', 6)!r} TDB)" if not self.shape else f"Epoch(shape={self.shape}, TDB)"


def _names_an_epoch(t: object) -> bool:
    """Whether ``t`` is an epoch in another form than seconds: a string, a date or datetime, an
    astropy ``Time``, or a sequence of strings or datetimes."""
    if isinstance(t, (str, dt.date)) or (type(t).__name__ == "Time" and hasattr(t, "jd1")):
        return True
    return isinstance(t, (list, tuple)) and len(t) > 0 and isinstance(t[0], (str, dt.date))


def tdb_parts(t: TimeArgument) -> tuple[np.ndarray, np.ndarray, bool]:
    """``(s1, s2, scalar)``: TDB seconds past J2000 of ``t`` (an epoch in any `EpochLike` form, or
    TDB seconds) as 1-D whole and fractional parts, and whether ``t`` was a scalar."""
    if _names_an_epoch(t):
        t = Epoch(cast(EpochLike, t))
    if isinstance(t, Epoch):
        s1, s2 = t.tdb_seconds_2part
    else:
        s1, s2 = np.asarray(t, dtype=float), 0.0
    scalar = bool(np.ndim(s1) == 0)
    if scalar and np.ndim(s2) == 0:
        return np.array([s1], dtype=float), np.array([s2], dtype=float), True
    s1 = np.atleast_1d(np.asarray(s1, dtype=float))
    s2 = np.broadcast_to(np.asarray(s2, dtype=float), s1.shape).copy()
    return s1, s2, scalar
