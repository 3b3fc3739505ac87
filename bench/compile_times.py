"""Where a cold start's time goes: import farside and fly case A in this process with an empty
kernel cache, recording every numba compilation (numba's event API, ``numba:compile``).

    .venv/bin/python bench/compile_times.py            (a fresh cache folder of its own)

Prints the process's CPU and wall time, the number of compilations, and per kernel the count and
the CPU seconds of its compilation, inclusive of the kernels it compiles on the way (a kernel's
callees are compiled inside its own compilation), largest first; and the load average, since the
machine is shared. The force terms' C functions (``numba.cfunc``, which numba's event API does not
report) are counted by timing their compilation, named ``cfunc.<term>``.
"""
import collections
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _CompileTimes:
    """numba:compile listener: (count, inclusive CPU s) per kernel."""

    def __init__(self):
        self.started = {}
        self.totals = collections.defaultdict(lambda: [0, 0.0])

    def on_start(self, event):
        self.started[id(event.data["dispatcher"]), str(event.data["args"])] = time.process_time()

    def on_end(self, event):
        dispatcher = event.data["dispatcher"]
        tic = self.started.pop((id(dispatcher), str(event.data["args"])))
        name = f"{dispatcher.py_func.__module__.split('.')[-1]}.{dispatcher.__name__}"
        entry = self.totals[name]
        entry[0] += 1
        entry[1] += time.process_time() - tic


def _time_cfuncs(listener):
    """Record each ``numba.cfunc`` compilation (a force term's kernel) as ``cfunc.<name>``."""
    from numba.core import ccallback
    compile_cfunc = ccallback.CFunc.compile

    def timed(self):
        tic = time.process_time()
        compile_cfunc(self)
        entry = listener.totals[f"cfunc.{self.__name__}"]
        entry[0] += 1
        entry[1] += time.process_time() - tic
    ccallback.CFunc.compile = timed


def main(rows=25):
    wall, cpu = time.perf_counter(), time.process_time()
    os.environ["NUMBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="farside-cold-")
    from numba.core import event

    listener = _CompileTimes()
    event.register("numba:compile", type("Listener", (event.Listener,), {
        "on_start": lambda self, ev: listener.on_start(ev), "on_end": lambda self, ev: listener.on_end(ev)})())
    _time_cfuncs(listener)
    sys.path.insert(0, str(ROOT))
    from bench import cases
    from bench.peers import farside_peer
    imported = time.process_time() - cpu
    farside_peer.prepare_lunar(cases.CASES["A"])()
    load = os.getloadavg()
    print(f"import + case A, empty kernel cache: {time.process_time() - cpu:.1f} s CPU (import {imported:.1f} s), "
          f"{time.perf_counter() - wall:.1f} s wall; load average {load[0]:.1f}")
    print(f"{sum(v[0] for v in listener.totals.values())} compilations")
    print(f"  {'kernel':<48} {'count':>5} {'CPU s (inclusive)':>18}")
    for name, (count, seconds) in sorted(listener.totals.items(), key=lambda kv: -kv[1][1])[:rows]:
        print(f"  {name:<48} {count:5d} {seconds:18.2f}")


if __name__ == "__main__":
    main()
