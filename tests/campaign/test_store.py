"""The results folder: a folder holding another campaign, or results without --resume, is refused
before anything flies."""
from pathlib import Path

import pytest

from farside.campaign import store
from farside.campaign.spec import load_campaign
from farside.errors import ScenarioError

DATA = Path(__file__).parent / "data"


def test_a_folder_of_another_campaign_is_refused_before_any_flight(tmp_path):
    campaign = load_campaign(DATA / "lunar_orbit_campaign.yaml")
    store.open_folder(tmp_path, campaign, {}, resume=False)
    with pytest.raises(ScenarioError, match="without a campaign in it"):
        store.check_folder(tmp_path, campaign, resume=False)
    other = campaign.model_copy(update={"seed": campaign.seed + 1})
    with pytest.raises(ScenarioError, match="this same campaign"):
        store.check_folder(tmp_path, other, resume=True)
    store.check_folder(tmp_path, campaign, resume=True)


def _records(indices):
    return [{"sample": i, "status": "ok", "reason": "", "x": float(i)} for i in indices]


def _campaign(samples):
    return load_campaign(DATA / "lunar_orbit_campaign.yaml").model_copy(update={"samples": samples, "chunk_size": 50})


def _fill(folder, campaign, resume=False):
    manifest = store.open_folder(folder, campaign, {}, resume=resume)
    for k in range(-(-campaign.samples // 50)):
        if k not in store.done_chunks(folder, manifest):
            store.write_chunk(folder, k, _records(range(50 * k, min(campaign.samples, 50 * k + 50))), manifest)
    return manifest


def test_resuming_with_a_larger_count_runs_the_samples_added_to_the_last_chunk(tmp_path):
    _fill(tmp_path, _campaign(120))
    manifest = store.open_folder(tmp_path, _campaign(150), {}, resume=True)
    assert store.done_chunks(tmp_path, manifest) == {0, 1}   # chunk 2 held 100-119, it must hold 100-149
    _fill(tmp_path, _campaign(150), resume=True)
    columns, manifest = store.read_results(tmp_path)
    assert list(columns["sample"]) == list(range(150)) and manifest["samples"] == 150


def test_resuming_with_a_smaller_count_reads_only_its_samples(tmp_path):
    _fill(tmp_path, _campaign(200))
    _fill(tmp_path, _campaign(100), resume=True)
    columns, manifest = store.read_results(tmp_path)
    assert list(columns["sample"]) == list(range(100)) and manifest["samples"] == 100


def test_foreign_truncated_or_directory_chunks_are_not_done(tmp_path):
    manifest = _fill(tmp_path, _campaign(150))
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    store.write_chunk(foreign, 1, _records(range(7)), {"chunk_size": 50, "samples": 150, "chunks": {}})
    (foreign / "manifest.json").unlink()
    store.chunk_path(tmp_path, 1).write_bytes(store.chunk_path(foreign, 1).read_bytes())
    data = store.chunk_path(tmp_path, 2).read_bytes()
    store.chunk_path(tmp_path, 2).write_bytes(data[:len(data) // 2])
    assert store.done_chunks(tmp_path, manifest) == {0}
    with pytest.raises(ScenarioError, match="missing, truncated or changed"):
        store.read_results(tmp_path)
    store.chunk_path(tmp_path, 0).unlink()
    store.chunk_path(tmp_path, 0).mkdir()
    assert store.done_chunks(tmp_path, manifest) == set()


def test_chunks_without_a_manifest_are_not_adopted(tmp_path):
    _fill(tmp_path, _campaign(100))
    (tmp_path / store.MANIFEST).unlink()
    for resume in (False, True):
        with pytest.raises(ScenarioError, match="unknown origin"):
            store.check_folder(tmp_path, _campaign(100), resume=resume)


def test_a_damaged_manifest_is_named(tmp_path):
    _fill(tmp_path, _campaign(50))
    (tmp_path / store.MANIFEST).write_text('{"name": "x", "chunks": [')
    with pytest.raises(ScenarioError, match="damaged"):
        store.check_folder(tmp_path, _campaign(50), resume=True)
    with pytest.raises(ScenarioError, match="damaged"):
        store.read_results(tmp_path)


def test_the_manifest_and_each_chunk_name_the_run_that_wrote_them(tmp_path):
    import pyarrow.parquet as pq

    import farside
    from farside.io.run_stamp import new_run
    first, second = new_run(), new_run()
    assert first.run_id != second.run_id
    manifest = store.open_folder(tmp_path, _campaign(100), {}, resume=False, stamp=first)
    for k in (0, 1):
        store.write_chunk(tmp_path, k, _records(range(50 * k, 50 * k + 50)), manifest)
    store.chunk_path(tmp_path, 1).unlink()
    manifest = store.open_folder(tmp_path, _campaign(100), {}, resume=True, stamp=second)
    store.write_chunk(tmp_path, 1, _records(range(50, 100)), manifest)
    _, manifest = store.read_results(tmp_path)
    assert manifest["run"] == second.record() and manifest["run"]["farside_version"] == farside.__version__
    assert [manifest["chunks"][k]["run_id"] for k in ("0", "1")] == [first.run_id, second.run_id]
    for k, stamp in ((0, first), (1, second)):
        metadata = pq.read_schema(store.chunk_path(tmp_path, k)).metadata
        assert metadata[b"farside_run_id"].decode() == stamp.run_id
        assert metadata[b"farside_version"].decode() == farside.__version__
