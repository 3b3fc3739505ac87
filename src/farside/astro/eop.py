"""IERS Earth orientation parameters from ``finals2000A.all`` (ssa-data-core).

Columns (IERS Rapid Service/Prediction Center, "finals2000A" format, 187 bytes a line):
MJD (UTC) bytes 8-15, polar motion x, y bytes 19-27 and 38-46 (arcsec), UT1-UTC bytes 59-68 (s),
celestial pole offsets dX, dY bytes 98-106 and 117-125 (mas). Where a row has Bulletin B (final)
values of x, y and UT1-UTC (bytes 135-144, 145-154, 155-165) they are used, else the Bulletin A
values (rapid service, then predictions), as astropy's ``IERS_A`` does with the same file.

UT1-UTC is interpolated linearly in UT1-TAI, which is continuous across leap seconds, and the
leap-second count of the day is added back (as IERS recommends for interpolation).
"""
from dataclasses import dataclass
from functools import cache

import numpy as np

from farside.astro import data_files
from farside.astro.leapseconds import default_table
from farside.errors import OutOfCoverageError

MJD_OF_2000_01_01 = 51544


@dataclass(frozen=True)
class EopTable:
    """Daily EOP rows: ``mjd`` (UTC), ``ut1_minus_tai_s``, ``xp_arcsec``, ``yp_arcsec``,
    ``dx_mas``, ``dy_mas``; ``predicted`` flags rows whose UT1 is a prediction."""
    mjd: np.ndarray
    ut1_minus_tai_s: np.ndarray
    xp_arcsec: np.ndarray
    yp_arcsec: np.ndarray
    dx_mas: np.ndarray
    dy_mas: np.ndarray
    predicted: np.ndarray
    source: str

    def span(self) -> str:
        return f"MJD {self.mjd[0]:.0f} to {self.mjd[-1]:.0f} (UTC) of {self.source}"

    def _check(self, mjd_utc):
        mjd_utc = np.asarray(mjd_utc, dtype=float)
        if mjd_utc.size and (np.nanmin(mjd_utc) < self.mjd[0] or np.nanmax(mjd_utc) > self.mjd[-1]):
            bad = mjd_utc[(mjd_utc < self.mjd[0]) | (mjd_utc > self.mjd[-1])]
            raise OutOfCoverageError("mjd_utc", float(bad.flat[0]), f"the IERS EOP table, {self.span()}")
        return mjd_utc

    def ut1_minus_utc(self, mjd_utc):
        """UT1-UTC (s) at UTC epochs given as MJD."""
        mjd_utc = self._check(mjd_utc)
        leap = default_table().tai_minus_utc_for_day(np.floor(mjd_utc).astype(np.int64) - MJD_OF_2000_01_01)
        return np.interp(mjd_utc, self.mjd, self.ut1_minus_tai_s) + leap

    def polar_motion_rad(self, mjd_utc):
        """Polar motion (xp, yp) in radians at UTC epochs given as MJD."""
        mjd_utc = self._check(mjd_utc)
        arcsec = np.pi / (180.0 * 3600.0)
        return (np.interp(mjd_utc, self.mjd, self.xp_arcsec) * arcsec,
                np.interp(mjd_utc, self.mjd, self.yp_arcsec) * arcsec)


def _field(line: str, start: int, stop: int) -> float:
    text = line[start - 1:stop].strip()
    return float(text) if text else np.nan


def parse_finals2000a(text: str, source: str = "<text>") -> EopTable:
    """Parse the rows of a finals2000A file that carry UT1-UTC."""
    rows = []
    for line in text.splitlines():
        if len(line) < 68 or not line[58:68].strip():
            continue
        mjd = _field(line, 8, 15)
        if len(line) >= 165 and line[154:165].strip():
            ut1, xp, yp = _field(line, 155, 165), _field(line, 135, 144), _field(line, 145, 154)
        else:
            ut1, xp, yp = _field(line, 59, 68), _field(line, 19, 27), _field(line, 38, 46)
        rows.append((mjd, ut1, xp, yp, _field(line, 98, 106), _field(line, 117, 125), line[57] == "P"))
    arr = np.array([r[:6] for r in rows])
    leap = default_table().tai_minus_utc_for_day(arr[:, 0].astype(np.int64) - MJD_OF_2000_01_01)
    return EopTable(mjd=arr[:, 0], ut1_minus_tai_s=arr[:, 1] - leap, xp_arcsec=arr[:, 2],
                    yp_arcsec=arr[:, 3], dx_mas=np.nan_to_num(arr[:, 4]), dy_mas=np.nan_to_num(arr[:, 5]),
                    predicted=np.array([r[6] for r in rows]), source=source)


@cache
def default_eop() -> EopTable:
    """The EOP table shipped in ``ssa-data-core``."""
    path = data_files.iers_finals2000a()
    return parse_finals2000a(path.read_text(), str(path))
