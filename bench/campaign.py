"""Campaign throughput: the 1,000-sample Chang'e-6 trans-lunar coast campaign
(scenarios/change6_tlc_campaign.yaml: the injection state dispersed, each sample flown to the lunar
orbit insertion) as a plain single-process loop over the samples, as batched chunks in one process
(on one thread and on one per core, each record checked against the loop's), and on a local Dask
cluster of 1 and 2 single-threaded worker processes, in one run.

    .venv/bin/python bench/campaign.py [--samples 1000] [--workers 1,2]

Printed: samples per second, the speed-up over the loop, and Dask's overhead per sample: (workers x
wall time of the samples - the samples' own compute time) / samples, against the mean compute time
of a sample. The cluster's start (process spawn, imports, the context sent to each worker) is given
apart. Model of the samples' wall time on w workers: T(w) = N (c / w + o), c the compute per sample,
o the overhead per sample (client and scheduler, serial), fitted on the one-worker run (the only
one that does not share its cores with other workers: on a two-core machine the client, the
scheduler and two workers contend, which inflates both c and o), and printed beside every measured
worker count. It is not projected to larger clusters: on a shared two-core machine no count above
one is uncontended, so nothing here checks such a projection (measured on two workers, with the
machine shared: model 59 s, measured 95 s).
"""
import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from farside.campaign import batched, runner, sample  # noqa: E402
from farside.campaign.spec import load_campaign  # noqa: E402

CAMPAIGN = ROOT / "scenarios" / "change6_tlc_campaign.yaml"


def _same(a, b) -> bool:
    """Two records equal in every field but the compute time (NaN equal to NaN)."""
    return a.keys() == b.keys() and all(
        a[k] == b[k] or (isinstance(a[k], float) and math.isnan(a[k]) and math.isnan(b[k])) for k in a if k != "compute_s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--chunk-size", type=int, default=None, help="samples per Dask task (default: the file's)")
    args = parser.parse_args()
    campaign = load_campaign(CAMPAIGN, args.samples)
    if args.chunk_size:
        campaign = campaign.model_copy(update={"chunk_size": args.chunk_size})
    n = campaign.samples
    context = sample.prepare(campaign)
    sample.run_sample(context, 0)
    tic = time.perf_counter()
    records = [sample.run_sample(context, i) for i in range(n)]
    loop_s = time.perf_counter() - tic
    compute = sum(r["compute_s"] for r in records) / n
    failed = [r for r in records if r["status"] != "ok"]
    print(f"{campaign.name}: {n} samples in chunks of {campaign.chunk_size}, {len(failed)} failed"
          + (f" ({failed[0]['reason'][:100]} ...)" if failed else ""))
    print(f"plain loop: {loop_s:.1f} s, {n / loop_s:.2f} samples/s, compute {1e3 * compute:.1f} ms per sample")
    if context.batched:
        for threads in sorted({1, os.cpu_count() or 1}):
            tic = time.perf_counter()
            together = [r for _, idx in runner.chunks(campaign) for r in batched.run_chunk(context, idx, threads)]
            batch_s = time.perf_counter() - tic
            same = all(_same(a, b) for a, b in zip(records, together))
            print(f"batched chunks on {threads} thread(s): {batch_s:.1f} s, {n / batch_s:.2f} samples/s, "
                  f"x{loop_s / batch_s:.2f} the loop; every record the loop's bit for bit: {same}")
    rows = []
    for w in [int(x) for x in args.workers.split(",")]:
        with tempfile.TemporaryDirectory() as folder:
            s = runner.run(campaign, Path(folder), workers=w)
        overhead = (w * s.samples_wall_s - s.compute_s) / n
        rows.append((w, s, overhead))
        print(f"dask {w} worker(s): samples {s.samples_wall_s:.1f} s ({n / s.samples_wall_s:.2f} samples/s, "
              f"x{loop_s / s.samples_wall_s:.2f} the loop), cluster start {s.startup_s:.1f} s, "
              f"overhead {1e3 * overhead:.2f} ms per sample = {100 * overhead / (s.compute_s / n):.1f} % of a "
              f"sample's compute; with the start: x{loop_s / (s.samples_wall_s + s.startup_s):.2f}")
    fit = next((r for r in rows if r[0] == 1), None)
    if fit is None:
        return
    _, s, overhead = fit
    c, o = s.compute_s / n, max(overhead, 0.0)
    print(f"model T(w) = N ({1e3 * c:.1f} ms / w + {1e3 * o:.2f} ms), fitted on the one-worker run:")
    for w, measured, _ in rows:
        t = n * (c / w + o)
        print(f"  {w:4d} worker(s): model {t:7.1f} s, measured {measured.samples_wall_s:7.1f} s "
              f"({100 * (t / measured.samples_wall_s - 1):+.0f} %)")


if __name__ == "__main__":
    main()
