"""The Long March 5 ascent of the Chang'e-6 launch against issue 16's budget (< 2 s warm): the
whole launch phase from the pad to spacecraft separation, its set-up (vehicle, pad state, the
flight arrays), the closed-loop guidance re-solved every cycle and the products (segment, loads),
as ``farside run scenarios/change6_launch.yaml`` flies it.

    .venv/bin/python bench/launch.py [--runs 5]

The first run in the process (loading the compiled kernels from numba's cache, or compiling them)
is printed apart; then the median wall and CPU time of ``--runs`` runs, with the load average.
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.warm_timing import warm_medians  # noqa: E402
from farside.mission import force_models  # noqa: E402
from farside.mission.phases.flight import Flight  # noqa: E402
from farside.mission.scenario import load_scenario  # noqa: E402
from farside.mission.sequencer import initial_state  # noqa: E402
from farside.mission.vehicles import Vehicles  # noqa: E402

SCENARIO = ROOT / "scenarios" / "change6_launch.yaml"


def _fly_launch(scenario, models):
    vehicles = Vehicles.of(scenario.spacecraft)
    name = scenario.spacecraft.name
    vehicles = vehicles.with_state(name, initial_state(scenario.initial_state, vehicles.mass_kg(name)))
    phase = scenario.phases[0]
    return phase.action.run(Flight(scenario, models, vehicles), vehicles.stacks[name], phase, "phases[0].launch")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    scenario = load_scenario(SCENARIO)
    models = force_models.build(scenario)
    start = time.perf_counter()
    outcome = _fly_launch(scenario, models)
    print(f"first run in the process: {time.perf_counter() - start:.2f} s "
          f"({outcome.report['separation_s']:.1f} s of flight to separation)")
    wall, cpu, load = warm_medians(lambda: _fly_launch(scenario, models), runs)
    print(f"launch to separation, warm: {wall:.3f} s wall, {cpu:.3f} s CPU "
          f"(median of {runs}; budget 2 s) at load average {load:.1f}")


if __name__ == "__main__":
    main()
