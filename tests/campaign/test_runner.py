"""Campaigns on Dask, end to end: the results of a local cluster are those of a plain loop over
the samples (bit for bit: each sample draws from its own stream); a client killed mid-run leaves
whole chunk files and ``--resume`` finishes with no sample lost or repeated; a real scheduler and
two workers started as separate processes on loopback run a campaign through ``--scheduler``, and
when one worker is killed mid-run the other finishes its chunks; a chunk whose task the cluster
cancels is run again."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from farside.campaign import runner, sample, store
from farside.campaign.spec import load_campaign

DATA = Path(__file__).parent / "data"
CAMPAIGN = DATA / "lunar_orbit_campaign.yaml"
BIN = Path(sys.executable).parent


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout_s, what):
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _check_complete(folder, n):
    columns, _manifest = store.read_results(folder)
    assert list(columns["sample"]) == list(range(n))
    assert (columns["status"] == "ok").all(), columns["reason"]
    return columns


@pytest.mark.slow
def test_local_cluster_equals_a_plain_loop(tmp_path):
    campaign = load_campaign(CAMPAIGN)
    summary = runner.run(campaign, tmp_path, workers=2)
    assert summary.workers == 2 and summary.chunks_run == 3 and summary.failed == 0
    columns = _check_complete(tmp_path, campaign.samples)
    context = sample.prepare(campaign)
    loop = [sample.run_sample(context, i) for i in range(campaign.samples)]
    for name in [o.name for o in campaign.outputs] + [c for c in loop[0] if c.startswith("in.")]:
        assert np.array_equal(columns[name], [r[name] for r in loop]), name
    store.chunk_path(tmp_path, 1).unlink()
    again = runner.run(campaign, tmp_path, workers=1, resume=True)
    assert again.chunks_run == 1 and again.chunks_skipped == 2
    resumed = _check_complete(tmp_path, campaign.samples)
    assert np.array_equal(resumed["apoapsis_km"], columns["apoapsis_km"])


@pytest.mark.slow
def test_a_chunk_the_cluster_cancels_is_run_again(tmp_path):
    """What a worker killed while holding a finished chunk can do (the client told "cancelled:
    already forgotten"), made certain: the last chunk's task is cancelled as soon as it is submitted."""
    from distributed import Future, default_client
    campaign = load_campaign(CAMPAIGN)
    last = (campaign.samples - 1) // campaign.chunk_size
    key = f"farside-chunk-{store.fingerprint(campaign)}-{last}"
    cancelled = []

    def progress(done, total, failed):
        if not cancelled:
            client = default_client()
            client.cancel([Future(key, client)])
            cancelled.append(key)

    summary = runner.run(campaign, tmp_path, workers=1, progress=progress)
    assert cancelled and summary.chunks_run == last + 1 and summary.failed == 0
    _check_complete(tmp_path, campaign.samples)


def _cli(args, **kw):
    return subprocess.Popen([str(BIN / "farside"), "campaign", str(CAMPAIGN), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True, **kw)


@pytest.mark.slow
def test_a_killed_client_resumes_without_loss_or_repeat(tmp_path):
    n = 200
    client = _cli(["-n", str(n), "-o", str(tmp_path), "--workers", "1"])
    try:
        _wait_for(lambda: len(store.done_chunks(tmp_path)) >= 2, 180, "two finished chunks")
    finally:
        os.killpg(client.pid, signal.SIGKILL)
        client.wait()
    done = store.done_chunks(tmp_path)
    assert 2 <= len(done) < 40
    campaign = load_campaign(CAMPAIGN, n)
    summary = runner.run(campaign, tmp_path, workers=2, resume=True)
    assert summary.chunks_skipped == len(done) and summary.chunks_skipped + summary.chunks_run == 40
    _check_complete(tmp_path, n)


@pytest.mark.slow
def test_scheduler_and_two_workers_on_loopback_one_killed(tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)]
    try:
        time.sleep(1.0)
        for _ in range(2):
            procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "1",
                                           "--no-dashboard", "--no-nanny"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, start_new_session=True))
        n = 150
        client = _cli(["-n", str(n), "-o", str(tmp_path), "--scheduler", address])
        _wait_for(lambda: len(store.done_chunks(tmp_path)) >= 1, 180, "a finished chunk")
        os.killpg(procs[1].pid, signal.SIGKILL)
        assert len(store.done_chunks(tmp_path)) < 30, "the campaign ended before a worker could be killed"
        output = client.communicate(timeout=300)[0].decode()
        assert client.returncode == 0, output
        assert "on 2 workers" in output
        _check_complete(tmp_path, n)
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
