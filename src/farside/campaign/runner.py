"""Running a campaign on Dask: a local ``dask.distributed`` cluster on the machine's cores (one
single-threaded worker process per core) or, given a scheduler address, a user's cluster.

The client flies the nominal scenario, scatters the samples' context to the workers once, and
submits one task per chunk of ``chunk_size`` samples; each finished chunk is written as a
Parquet file by the client as it arrives (atomically, see :mod:`farside.campaign.store`). A
worker that dies has its chunks run again elsewhere by the scheduler; a client that dies leaves
whole chunk files only, and ``resume`` runs the chunks still missing. Sample ``i`` draws from
its own random stream, so the results do not depend on the chunking, the workers or the order.
"""
import os
import time
from dataclasses import dataclass

from farside.campaign import sample, store


@dataclass
class RunSummary:
    samples: int
    chunks_run: int
    chunks_skipped: int
    failed: int
    wall_s: float
    compute_s: float
    workers: int
    startup_s: float


def chunks(campaign) -> list:
    """``[(k, [sample indices])]``: the campaign's chunks in order."""
    size, n = campaign.chunk_size, campaign.samples
    return [(k, list(range(k * size, min(n, (k + 1) * size)))) for k in range((n + size - 1) // size)]


def _client(scheduler, workers):
    from dask.distributed import Client, LocalCluster
    if scheduler:
        return Client(scheduler, timeout="30s"), None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def run(campaign, folder, scheduler=None, resume=False, workers=None, progress=None) -> RunSummary:
    """Run ``campaign`` into ``folder``; ``progress(done, total, failed)`` hears of every chunk."""
    from dask.distributed import as_completed
    progress = progress or (lambda done, total, failed: None)
    context = sample.prepare(campaign)
    store.open_folder(folder, campaign, context.nominal_outputs, resume)
    todo = chunks(campaign)
    done = store.done_chunks(folder)
    todo = [(k, idx) for k, idx in todo if k not in done]
    total = campaign.samples
    finished = total - sum(len(idx) for _, idx in todo)
    failed = compute = 0.0
    tic = time.perf_counter()
    client, cluster = _client(scheduler, workers)
    try:
        startup = time.perf_counter() - tic
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"])
        shared = client.scatter(context, broadcast=True)
        futures = {client.submit(sample.run_chunk, shared, idx, key=f"farside-chunk-{store.fingerprint(campaign)}-{k}",
                                 pure=False): k for k, idx in todo}
        progress(finished, total, 0)
        for future in as_completed(futures):
            records = future.result()
            store.write_chunk(folder, futures[future], records)
            finished += len(records)
            failed += sum(r["status"] != "ok" for r in records)
            compute += sum(r["compute_s"] for r in records)
            progress(finished, total, int(failed))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return RunSummary(total, len(todo), len(done), int(failed), time.perf_counter() - tic, compute, n_workers, startup)
