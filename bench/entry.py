"""The Chang'e-6 returner's flight against issue 15's budget (< 1 s warm): the whole of
``scenarios/change6_entry.yaml`` as ``farside run`` flies it without writing files: the coast from
the separation to the interface, the guided skip entry (every prediction of the predictor-corrector
included), the parachute, the touchdown and the entry's report.

    .venv/bin/python bench/entry.py [--runs 5]

The first run in the process (loading the compiled kernels from numba's cache, or compiling them)
is printed apart; then the median wall and CPU time of ``--runs`` runs, with the load average
(on a shared machine the wall time is inflated; the CPU time is the figure to compare).
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.warm_timing import warm_medians  # noqa: E402
from farside.mission import sequencer  # noqa: E402
from farside.mission.scenario import load_scenario  # noqa: E402

SCENARIO = ROOT / "scenarios" / "change6_entry.yaml"
PHASE = "skip entry and landing"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    scenario = load_scenario(SCENARIO)
    start = time.perf_counter()
    result = sequencer.run(scenario)
    report = result.reports[PHASE]
    print(f"first run in the process: {time.perf_counter() - start:.2f} s (landing {report['miss_m']:.0f} m from "
          f"the target, {report['predictions']} predictions)")
    wall, cpu, load = warm_medians(lambda: sequencer.run(scenario), runs)
    print(f"separation to touchdown, warm: {wall:.3f} s wall, {cpu:.3f} s CPU "
          f"(median of {runs}; budget 1 s) at load average {load:.1f}")


if __name__ == "__main__":
    main()
