"""Propagation speed at matched accuracy: farside against Orekit, heyoka, nyx-space and scipy on the
cases of shared/reference/bench-cases.md (A, B, B+, C, D), side by side in one run.

    make bench                                    (or .venv/bin/python bench/propagation.py)
    .venv/bin/python bench/propagation.py --cases A,C --peers farside,orekit

For each case and peer: setup time (building the model, compiling), the median wall time of the
propagation (after one warm-up run) and its median CPU time (the whole process, every thread: on
a shared machine the steadier figure), force evaluations (heyoka: Taylor steps), the final-position
difference from a tight reference, and the peer's time over farside's. References: A, B, B+ and D
farside's DOP853 at rtol 1e-14, atol 1e-12; C Kepler's equation. A peer that fails to start or to
run is printed with its error. Then where farside's time goes (force model against integrator),
and the cold start (first import and case A with an empty kernel cache, then with it warm).
"""
import argparse
import importlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import cases  # noqa: E402
from bench.profile import force_share  # noqa: E402

PEERS = ("farside", "orekit", "heyoka", "nyx", "scipy")
CASE_NAMES = ("A", "B", "B+", "C", "D")
MIN_RUNS = 3
MAX_RUNS = 9
TIME_BUDGET_S = 3.0


def _prepare(module, name):
    if name == "C":
        return module.prepare_leo() if hasattr(module, "prepare_leo") else None
    if name == "D":
        return module.prepare_dispersed() if hasattr(module, "prepare_dispersed") else None
    return module.prepare_lunar(cases.CASES[name])


def _time_runs(run):
    """(median wall time, median CPU time of this process, all its threads, last result)."""
    run()
    times, cpu, out = [], [], None
    while len(times) < MIN_RUNS or (len(times) < MAX_RUNS and sum(times) < TIME_BUDGET_S):
        tic, tic_cpu = time.perf_counter(), time.process_time()
        out = run()
        times.append(time.perf_counter() - tic)
        cpu.append(time.process_time() - tic_cpu)
    return statistics.median(times), statistics.median(cpu), out


def reference(name):
    """Final position(s) (m) of the tight reference of case ``name``."""
    from bench.peers import farside_peer
    if name == "C":
        from farside.core.kepler import propagate_kepler_hf
        y0 = cases.leo_start()
        out = np.empty(6)
        propagate_kepler_hf(cases.MU_EARTH_OREKIT, y0[:3], y0[3:], cases.C_DURATION, out)
        return out[:3]
    if name == "D":
        return farside_peer.prepare_dispersed(rtol=1e-14, atol=1e-12)()[0]
    return farside_peer.prepare_lunar(cases.CASES[name], rtol=1e-14, atol=1e-12)()[0]


def measure(peer, name, ref):
    """One row: dict with setup, run, evals, error (m), or ``failed``/``absent`` with a reason."""
    row = {"peer": peer, "case": name}
    try:
        module = importlib.import_module(f"bench.peers.{peer}_peer")
        row["label"] = module.NAME
        tic = time.perf_counter()
        run = _prepare(module, name)
        row["setup"] = time.perf_counter() - tic
        if run is None:
            row["absent"] = "not run: the peer cannot fly this case (see its module)"
            return row
        row["run"], row["cpu"], (final, evals) = _time_runs(run)
    except Exception as exc:  # a peer that fails is reported, never dropped
        row["failed"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:90]}"
        return row
    row["evals"] = evals
    row["error"] = float(np.max(np.linalg.norm(np.atleast_2d(final - ref), axis=1)))
    return row


def _print_table(rows):
    print(f"{'case':<4} {'peer':<26} {'setup s':>8} {'run s':>9} {'cpu s':>9} {'evals':>10} {'|dr| m':>10} "
          f"{'x farside':>9}  note")
    base = {r["case"]: r.get("run") for r in rows if r["peer"] == "farside"}
    for r in rows:
        label = r.get("label", r["peer"])
        if "failed" in r or "absent" in r:
            print(f"{r['case']:<4} {label:<26} {'':>8} {'':>9} {'':>9} {'':>10} {'':>10} {'':>9}  "
                  f"{r.get('failed') or r.get('absent')}")
            continue
        ratio = r["run"] / base[r["case"]] if base.get(r["case"]) else float("nan")
        evals = "" if r["evals"] is None else f"{r['evals']:,}"
        note = f"{cases.D_SAMPLES / r['run']:,.0f} samples/s" if r["case"] == "D" else ""
        print(f"{r['case']:<4} {label:<26} {r['setup']:8.2f} {r['run']:9.4f} {r['cpu']:9.4f} {evals:>10} {r['error']:10.2e} "
              f"{ratio:9.2f}  {note}")


def cold_start():
    """Wall and CPU seconds to import farside and run case A in a fresh process: kernel cache
    empty, then warm."""
    code = ("import time; t = time.perf_counter(); import sys; sys.path.insert(0, %r); "
            "from bench import cases; from bench.peers import farside_peer; "
            "farside_peer.prepare_lunar(cases.CASES['A'])(); print(time.perf_counter() - t)" % str(ROOT))
    env = dict(os.environ, FARSIDE_CACHE_DIR=tempfile.mkdtemp(prefix="farside-cold-"))
    env.pop("NUMBA_CACHE_DIR", None)
    out = []
    for _ in range(2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out.append((float(run.stdout.split()[-1]), cpu))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASE_NAMES))
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--no-cold-start", action="store_true")
    args = parser.parse_args(argv)
    names = [c for c in args.cases.split(",") if c]
    peers = ["farside"] + [p for p in args.peers.split(",") if p and p != "farside"]
    rows = []
    for name in names:
        ref = reference(name)
        for peer in peers:
            rows.append(measure(peer, name, ref))
            print(f"  measured {name} {peer}", file=sys.stderr, flush=True)
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    _print_table(rows)
    print()
    print("Where farside's time goes (force evaluations x time of one compiled evaluation / run time)")
    for r in rows:
        if r["peer"] == "farside" and "run" in r:
            per_eval, share = force_share(r["case"], r["evals"], r["run"])
            print(f"  {r['case']:<3} {r['evals']:>10,} evaluations  {per_eval * 1e6:7.3f} us each  "
                  f"force model {share:5.1%} of the run, integrator and bookkeeping {1 - share:5.1%}")
    if not args.no_cold_start:
        cold, warm = cold_start()
        print(f"\nCold start (import farside + case A, new process): kernel cache empty {cold[0]:.1f} s "
              f"({cold[1]:.1f} s CPU), warm {warm[0]:.2f} s ({warm[1]:.2f} s CPU); load average "
              f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
