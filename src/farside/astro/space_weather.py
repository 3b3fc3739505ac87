"""Space weather for NRLMSIS: F10.7 and Ap from CelesTrak's SW-All.csv (ssa-data-core).

The model's inputs (Emmert et al. 2021, Earth Space Sci. 8; the NRLMSIS 2.1 interface), with the
conventions pymsis uses, so both give the same density for the same epoch:

- F10.7: observed daily flux of the previous day (column F10.7_OBS), sfu;
- F10.7a: observed 81-day average centred on the day (F10.7_OBS_CENTER81), sfu;
- ap(7): daily Ap; the 3-hour ap of the current interval and of the 3, 6 and 9 hours before;
  the means of the eight 3-hour values 12-33 h and 36-57 h before.

Observed (OBS), interpolated (INT) and daily-predicted (PRD) rows are kept; monthly predictions
(PRM) carry no Ap and end the table. ``last_observed_day`` tells where predictions begin.
"""
from dataclasses import dataclass
from functools import cache

import numpy as np

from farside.astro import data_files
from farside.astro.calendar import civil_from_days, days_from_civil
from farside.errors import OutOfCoverageError


@dataclass(frozen=True)
class SpaceWeather:
    """Daily tables from ``first_day`` (UTC days since 2000-01-01 00:00): ``f107`` (previous day's
    observed flux), ``f107a``, ``daily_ap``, ``ap3`` (eight 3-hour values a day) and ``day_of_year``."""
    first_day: int
    day_of_year: np.ndarray
    f107: np.ndarray
    f107a: np.ndarray
    daily_ap: np.ndarray
    ap3: np.ndarray
    last_observed_day: int

    @property
    def n_days(self) -> int:
        return self.f107.shape[0]

    def check(self, utc_days_since_2000, argument="epoch"):
        """Refuse epochs whose inputs (57 h of history, the previous day's flux) are missing."""
        d = np.atleast_1d(np.asarray(utc_days_since_2000, dtype=float))
        lo, hi = self.first_day + 3, self.first_day + self.n_days
        if np.any(d < lo) or np.any(d >= hi) or not np.all(np.isfinite(d)):
            raise OutOfCoverageError(argument, float(d[(d < lo) | (d >= hi) | ~np.isfinite(d)][0]),
                                     f"UTC days {lo} to {hi} since 2000-01-01 (CelesTrak SW-All.csv of ssa-data-core)")


@cache
def load() -> SpaceWeather:
    """The ssa-data-core snapshot, parsed once."""
    dates, f107, f107a, daily, ap3, kinds = [], [], [], [], [], []
    with open(data_files.space_weather()) as fh:
        header = fh.readline().strip().split(",")
        col = {name: i for i, name in enumerate(header)}
        for line in fh:
            f = line.rstrip("\n").split(",")
            if f[col["F10.7_DATA_TYPE"]] == "PRM" or f[col["AP1"]] == "":
                break
            dates.append([int(x) for x in f[col["DATE"]].split("-")])
            f107.append(float(f[col["F10.7_OBS"]]))
            f107a.append(float(f[col["F10.7_OBS_CENTER81"]]))
            daily.append(float(f[col["AP_AVG"]]))
            ap3.append([float(f[col[f"AP{k}"]]) for k in range(1, 9)])
            kinds.append(f[col["F10.7_DATA_TYPE"]])
    days = days_from_civil(*np.array(dates, dtype=np.int64).reshape(-1, 3).T)
    if np.any(np.diff(days) != 1):
        raise ValueError(f"{data_files.space_weather()}: dates are not consecutive")
    f107 = np.array(f107)
    f107a = np.array(f107a)
    burst = (f107 <= 0) | (f107 > 400)  # solar radio bursts: use the 81-day mean, as pymsis does
    f107[burst] = f107a[burst]
    previous = np.concatenate([[np.nan], f107[:-1]])
    observed = [i for i, k in enumerate(kinds) if k == "OBS"]
    year, _, _ = civil_from_days(days)
    day_of_year = (days - days_from_civil(year, 1, 1) + 1).astype(float)
    return SpaceWeather(int(days[0]), day_of_year, previous, f107a, np.array(daily), np.array(ap3).ravel(),
                        int(days[observed[-1]]) if observed else int(days[0]))
