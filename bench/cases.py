"""The propagation benchmark cases of shared/reference/bench-cases.md, defined once for every peer.

A, B, D: GRGM1200A (R = 1738 km, GM from the file header) in a Moon-fixed frame turning uniformly
about inertial z, aligned with the inertial axes at t = 0; 100 km circular polar orbit.
B+: as B in the DE440 Moon PA frame with Earth and Sun point masses from DE440s.
C: Earth two-body LEO, first row of ssa-data-benchmarks long_term/leo_orekit_states.csv, 7 days,
output every 300 s, mu = 398600.4418 km^3/s^2 (the Orekit file's).
"""
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

RTOL = 1e-12
ATOL = 1e-9
OMEGA = 2 * np.pi / (27.321661 * 86400.0)
R0 = 1837.4e3
DAY = 86400.0
EPOCH_TDB = "2024-06-01T00:00:00"
MU_EARTH_OREKIT = 398600.4418e9
C_DURATION = 7 * DAY
C_STEP = 300.0
D_SAMPLES = 1000
D_SEED = 20261125
D_DURATION = 3600.0


@dataclass(frozen=True)
class Case:
    name: str
    degree: int
    duration_s: float
    real_frame: bool = False


CASES = {"A": Case("A", 50, DAY), "B": Case("B", 100, DAY), "B+": Case("B+", 100, DAY, real_frame=True)}


def field(degree):
    """GRGM1200A truncated to ``degree`` (farside's reader; every peer takes its numbers)."""
    import farside as fs
    return fs.gravity.load("GRGM1200A", degree)


def lunar_start(gm):
    """(x, y, z, vx, vy, vz): the 100 km circular polar orbit of cases A, B, B+ and D."""
    return np.array([R0, 0.0, 0.0, 0.0, 0.0, np.sqrt(gm / R0)])


def dispersed_starts(gm):
    """(D_SAMPLES, 6): case A's start dispersed by N(0, 1 km) per position axis, then
    N(0, 1 m/s) per velocity axis, from default_rng(D_SEED)."""
    rng = np.random.default_rng(D_SEED)
    dr = rng.normal(0.0, 1e3, (D_SAMPLES, 3))
    dv = rng.normal(0.0, 1.0, (D_SAMPLES, 3))
    return lunar_start(gm) + np.hstack([dr, dv])


def leo_start():
    """(x, y, z, vx, vy, vz) of case C."""
    path = files("ssa_data_benchmarks").joinpath("data", "benchmarks", "long_term", "leo_orekit_states.csv")
    row = np.loadtxt(path, delimiter=",", max_rows=1)
    return row[1:7]


def leo_grid():
    """Output times of case C (s from the start): every 300 s over 7 days, 2,017 epochs."""
    return np.arange(0.0, C_DURATION + 0.5 * C_STEP, C_STEP)
