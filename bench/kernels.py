"""Time per kernel call: spherical-harmonic acceleration (GRGM1200A) at degrees 20 to 1200, and one
ephemeris state (Moon wrt Earth, DE440s), each called from compiled code in a loop.

    .venv/bin/python bench/kernels.py
"""
import time

import numpy as np

from farside.astro import ephemeris
from farside.core.ephemeris import relative_state_hf
from farside.core.jit import jit
from farside.core.spherical_harmonics import potential_and_acceleration_hf
from farside.dynamics import gravity_field
from farside.dynamics.spherical_harmonic_gravity import SphericalHarmonicGravity


@jit
def _sh_loop(gm, radius, c, s, degree, a, b, k, points, repeats):
    p = np.empty((degree + 3, degree + 3))
    trig = np.empty((2, degree + 1))
    acc = np.empty(3)
    total = 0.0
    for i in range(repeats):
        total += potential_and_acceleration_hf(gm, radius, c, s, degree, a, b, k, p, trig,
                                               points[i % points.shape[0]], acc)
    return total


@jit
def _ephemeris_loop(coef, seg_f, seg_i, links, chains, target, center, epochs, repeats):
    out = np.empty(6)
    total = 0.0
    for i in range(repeats):
        relative_state_hf(coef, seg_f, seg_i, links, chains, target, center, epochs[i % epochs.shape[0]], 0.0, out)
        total += out[0]
    return total


def _best_of(fn, repeats, rounds=5):
    fn(10)
    best = np.inf
    for _ in range(rounds):
        tic = time.perf_counter()
        fn(repeats)
        best = min(best, time.perf_counter() - tic)
    return best / repeats


def main():
    rng = np.random.default_rng(1)
    d = rng.normal(size=(256, 3))
    points = d / np.linalg.norm(d, axis=1, keepdims=True) * 1837.4e3
    print(f"{'kernel':<44} {'time per call':>14}")
    for degree in (20, 50, 100, 300, 1200):
        args = SphericalHarmonicGravity(gravity_field.load("GRGM1200A", degree)).kernel_args()
        repeats = max(200, 2_000_000 // (degree * degree))
        t = _best_of(lambda n: _sh_loop(*args, points, n), repeats)
        print(f"{'SH acceleration + potential, degree ' + str(degree):<44} {t * 1e6:>11.2f} us")
    eph = ephemeris.default()
    epochs = rng.uniform(0.0, 1e9, 4096)
    t = _best_of(lambda n: _ephemeris_loop(*eph.kernel_args(), eph.index("moon"), eph.index("earth"), epochs, n), 200_000)
    print(f"{'ephemeris state, Moon wrt Earth (DE440s)':<44} {t * 1e6:>11.2f} us")


if __name__ == "__main__":
    main()
