"""Ephemeris and frame evaluation speed: farside against spiceypy and jplephem, in one run.

Prints time per state (Moon relative to Earth, DE440s) for a batch of 10,000 epochs and for
single calls, and the ratio of each peer to farside. Run: ``make bench`` or
``.venv/bin/python bench/ephemeris.py``.
"""
import time

import numpy as np
import spiceypy
from jplephem.spk import SPK

import farside as fs
from farside.astro import data_files

N = 10_000


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    ets = np.random.default_rng(20261125).uniform(-3.0e9, 3.0e9, N)
    spiceypy.furnsh(str(data_files.de440s()))
    kernel = SPK.open(str(data_files.de440s()))
    jd = 2451545.0 + ets / 86400.0

    fs.ephemeris.state("moon", ets[:10], center="earth")
    batch = {
        "farside": best_of(lambda: fs.ephemeris.state("moon", ets, center="earth")),
        "spiceypy (spkgeo loop)": best_of(lambda: [spiceypy.spkgeo(301, e, "J2000", 399) for e in ets], 2),
        "jplephem (vectorised)": best_of(lambda: (kernel[3, 301].compute_and_differentiate(jd),
                                                  kernel[3, 399].compute_and_differentiate(jd))),
    }
    single = {
        "farside": best_of(lambda: [fs.ephemeris.state("moon", e, center="earth") for e in ets[:1000]]) / 1000,
        "spiceypy": best_of(lambda: [spiceypy.spkgeo(301, e, "J2000", 399) for e in ets[:1000]]) / 1000,
    }
    rot = best_of(lambda: fs.frames.transform("GCRF", "MOON_PA", ets))

    print(f"Moon wrt Earth, batch of {N} epochs (time per state, ratio to farside)")
    base = batch["farside"] / N
    for name, total in batch.items():
        print(f"  {name:28s} {total / N * 1e9:10.1f} ns   x{total / N / base:7.1f}")
    print("Single calls (time per call, ratio to farside)")
    for name, per in single.items():
        print(f"  {name:28s} {per * 1e6:10.2f} us   x{per / single['farside']:7.1f}")
    print(f"GCRF->MOON_PA 6x6 transform, batch of {N}: {rot / N * 1e9:.1f} ns per epoch")


if __name__ == "__main__":
    main()
