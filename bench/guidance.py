"""A guidance loop's cost: one cycle of thrust flown by ``propagate`` with a finite burn (the
force model packed again every call) against a prepared `Propagator` whose thrust is written
into its parameter vector, and the compiled flight alone; set-up = cycle time - flight time.

    .venv/bin/python bench/guidance.py

The force model of the Chang'e-6 lunar phases (GRGM1200A degree 30 in MOON_ME, Earth and Sun
from DE440s, radiation pressure with shadows), 1 s cycles of 7,500 N from a 100 km orbit, 200 cycles per measure, medians of 7.
"""
import statistics
import time
import warnings

import numpy as np

import farside as fs
from farside.core import dop853
from farside.dynamics import events
from farside.dynamics.maneuvers import FiniteBurn
from farside.dynamics.propagator import Propagator

CYCLES = 200
CYCLE_S = 1.0
ROUNDS = 7


def _setting():
    field = fs.gravity.load("GRGM1200A", 30)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the field flown in MOON_ME, as the demo does
        model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, "MOON_ME"), fs.ThirdBodies(("earth", "sun")),
                                       fs.SolarRadiationPressure(1.3, 20.0)])
    r = 1837.4e3
    start = fs.State(fs.Epoch("2024-06-01T00:00:00", "tdb"), [r, 0.0, 0.0], [0.0, 0.0, np.sqrt(field.gm_m3_s2 / r)],
                     3000.0, "moon")
    return model, start, fs.Thrust(7500.0, 310.0, (-1.0, 0.0, 0.0), "VNC")


def _median_per_cycle(loop):
    loop()
    times = []
    for _ in range(ROUNDS):
        tic = time.perf_counter()
        loop()
        times.append((time.perf_counter() - tic) / CYCLES)
    return statistics.median(times)


def main():
    model, start, thrust = _setting()

    def with_propagate():
        s = start
        for _ in range(CYCLES):
            s = fs.propagate(s, duration_s=CYCLE_S, forces=model,
                             maneuvers=[FiniteBurn(s.epoch, CYCLE_S, thrust)]).final_state()

    prop = Propagator(model)
    prop.set_thrust(thrust)

    def with_propagator():
        s = start
        for _ in range(CYCLES):
            s = prop.advance(s, CYCLE_S).final_state()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fa = model.with_term(thrust).arrays(start.epoch.tdb_seconds)
    rtol, atol, packed = np.full(7, 1e-12), np.full(7, 1e-9), events.pack([])

    def flight_only():
        y, t = start.vector(), start.epoch.tdb_seconds
        for _ in range(CYCLES):
            out = dop853.propagate_hf(fa, t, y, CYCLE_S, rtol, atol, np.inf, True, np.empty(0), *packed, 10_000_000)
            y, t = out[4], t + CYCLE_S

    flight = _median_per_cycle(flight_only)
    print(f"{'one guidance cycle':<44} {'time':>9} {'set-up':>9} {'set-up share':>13}")
    for label, loop in (("propagate + FiniteBurn (packed every call)", with_propagate),
                        ("Propagator.advance (packed once)", with_propagator)):
        t = _median_per_cycle(loop)
        print(f"{label:<44} {t * 1e3:7.3f} ms {max(t - flight, 0.0) * 1e3:7.3f} ms {max(t - flight, 0.0) / t:12.0%}")
    print(f"{'compiled flight alone':<44} {flight * 1e3:7.3f} ms")


if __name__ == "__main__":
    main()
