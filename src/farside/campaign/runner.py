"""Running a campaign on Dask: a local ``dask.distributed`` cluster on the machine's cores (one
single-threaded worker process per core) or, given a scheduler address, a user's cluster.

The client flies the nominal scenario, scatters the samples' context to the workers once, warms
each worker up (imports, data files, compiled kernels: one sample flown and dropped), and
submits one task per chunk of ``chunk_size`` samples; each finished chunk is written as a
Parquet file by the client as it arrives (atomically, see :mod:`farside.campaign.store`). A
worker that dies has its chunks run again elsewhere by the scheduler; a client that dies leaves
whole chunk files only, and ``resume`` runs the chunks still missing. Sample ``i`` draws from
its own random stream, so the results do not depend on the chunking, the workers or the order.
"""
import os
import time
from concurrent.futures import CancelledError
from dataclasses import dataclass

from farside.campaign import sample, store
from farside.errors import FarsideError, FarsideValueError, import_optional

SCHEDULER_TIMEOUT_S = 10
"""Seconds to wait for a user's scheduler before giving up (nothing is written meanwhile)."""

RESUBMITS = 3
"""How many times a chunk is submitted again when the cluster cancels its task instead of
returning it. A worker killed while it holds a finished chunk can leave the client's gather
and the scheduler's forgetting of that task in a race, whose loser is told "cancelled: already
forgotten" (distributed 2026.8); the chunk is then run again under a new key, and its samples
are the same bits wherever they run."""


@dataclass
class RunSummary:
    samples: int
    chunks_run: int
    chunks_skipped: int
    failed: int
    wall_s: float
    """From the cluster's start to the last chunk written (its shutdown is not counted)."""
    compute_s: float
    workers: int
    startup_s: float
    prepare_s: float
    run_id: str
    """The stamp of this run in the manifest and in the chunks it wrote."""

    @property
    def samples_wall_s(self) -> float:
        """Seconds from the cluster being up to the last chunk written."""
        return self.wall_s - self.startup_s


def chunks(campaign):
    """``(k, [sample indices])`` of the campaign's chunks in order, one at a time (a campaign of
    millions of samples is not listed up front)."""
    size, n = campaign.chunk_size, campaign.samples
    for k in range((n + size - 1) // size):
        yield k, list(range(k * size, min(n, (k + 1) * size)))


LOCAL_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.system-monitor.gil.enabled": False,
                "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 128 * 1024 * 1024,
                "distributed.admin.tick.interval": "1s", "distributed.admin.system-monitor.interval": "5s",
                "distributed.worker.memory.monitor-interval": "1s"}
"""The local cluster's workers do not sample their threads' stacks (every 10 ms) or the GIL (every
1 ms), keep glibc's usual heap trimming (Dask's nannies set a 64 KiB threshold, which returns
memory to the system at every large free), and wake their event loops for housekeeping once a
second rather than every 20-100 ms: for samples of milliseconds on as many workers as cores, each
costs per cents of the compute (measured by bench/campaign.py: x1.75 -> x1.85 on 2 cores)."""


def dask_modules():
    """``(dask, dask.distributed)``, or a `farside.errors.MissingExtraError` naming the extra
    ``campaign`` when Dask is not installed (checked before any work)."""
    return (import_optional("dask", "campaign", "a campaign (Dask)"),
            import_optional("dask.distributed", "campaign", "a campaign (Dask)"))


def _client(scheduler, workers):
    dask, distributed = dask_modules()
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout=f"{SCHEDULER_TIMEOUT_S}s"), None
        except (OSError, TimeoutError, ValueError) as error:
            raise FarsideValueError("--scheduler", scheduler, f"the address of a Dask scheduler that answers within "
                                                              f"{SCHEDULER_TIMEOUT_S} s, tcp://HOST:PORT "
                                                              f"({type(error).__name__})") from None
    with dask.config.set(LOCAL_CONFIG):
        cluster = distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
    return distributed.Client(cluster), cluster


def run(campaign, folder, scheduler=None, resume=False, workers=None, progress=None, stamp=None) -> RunSummary:
    """Run ``campaign`` into ``folder``, its manifest and chunks stamped with ``stamp`` (a
    `farside.io.run_stamp.RunStamp`, default a new run's); ``progress(done, total, failed)`` hears
    of every chunk."""
    as_completed = dask_modules()[1].as_completed
    progress = progress or (lambda done, total, failed: None)
    store.check_folder(folder, campaign, resume)
    tic = time.perf_counter()
    client, cluster = _client(scheduler, workers)
    startup = time.perf_counter() - tic
    try:
        tic_prepare = time.perf_counter()
        context = sample.prepare(campaign)
        prepare_s = time.perf_counter() - tic_prepare
        manifest = store.open_folder(folder, campaign, context.nominal_outputs, resume, context.basis, stamp)
        done = store.done_chunks(folder, manifest)
        todo = [(k, idx) for k, idx in chunks(campaign) if k not in done]
        total = campaign.samples
        finished = total - sum(len(idx) for _, idx in todo)
        failed = compute = 0.0
        tic = time.perf_counter() - startup  # the cluster's start counts in the wall time, the nominal run not
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"])
        shared = client.scatter(context, broadcast=True)
        client.run(sample.warm_up, context)
        startup = time.perf_counter() - tic
        prefix = f"farside-chunk-{store.fingerprint(campaign)}"
        progress(finished, total, 0)
        for k, records in _chunk_results(client, as_completed, shared, todo, prefix):
            store.write_chunk(folder, k, records, manifest)
            finished += len(records)
            failed += sum(r["status"] != "ok" for r in records)
            compute += sum(r["compute_s"] for r in records)
            progress(finished, total, int(failed))
        wall = time.perf_counter() - tic
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return RunSummary(total, len(todo), len(done), int(failed), wall, compute, n_workers, startup,
                      prepare_s, manifest["run"]["run_id"])


def _chunk_results(client, as_completed, shared, todo, prefix):
    """``(k, records)`` of every chunk of ``todo`` as it finishes, a cancelled chunk submitted
    again (at most `RESUBMITS` times, then a `farside.errors.FarsideError`)."""
    def submit(k, idx, attempt):
        key = f"{prefix}-{k}" if attempt == 0 else f"{prefix}-{k}-again{attempt}"
        return client.submit(sample.run_chunk, shared, idx, key=key, pure=False)

    pending = {submit(k, idx, 0): (k, idx, 0) for k, idx in todo}
    queue = as_completed(list(pending))
    for future in queue:
        k, idx, attempt = pending.pop(future)
        try:
            records = future.result()
        except CancelledError as error:
            if attempt >= RESUBMITS:
                raise FarsideError(f"chunk {k} (samples {idx[0]}-{idx[-1]}) was cancelled by the cluster "
                                   f"{attempt + 1} times: {error}") from None
            again = submit(k, idx, attempt + 1)
            pending[again] = (k, idx, attempt + 1)
            queue.add(again)
            continue
        yield k, records
