"""Median wall and CPU seconds of repeated warm runs, as the benchmarks print them."""
import os
import statistics
import time


def warm_medians(run, runs):
    """Call ``run()`` ``runs`` times; the median wall and CPU seconds and the load average."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu), os.getloadavg()[0]
