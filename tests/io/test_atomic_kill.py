"""A process killed (SIGKILL) while writing leaves no partial file under the destination's name,
and the next command into the same folder removes the temporary it left."""
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from farside.io.atomic import atomic_write, prepare_output_folder, remove_stale_temporaries

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

WRITER = textwrap.dedent("""
    import sys, time
    from farside.io.atomic import atomic_write

    def write(handle):
        handle.write("CCSDS_OEM_VERS = 2.0\\n" * 1000)
        handle.flush()
        print("half-way", flush=True)
        time.sleep(600)

    atomic_write(sys.argv[1], write, binary=False)
""")


def _writer_killed_half_way(path):
    """Start a process writing ``path``, wait until it has written half a file, SIGKILL it."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout.readline().strip() == "half-way"
        temporaries = list(path.parent.glob(f".{path.name}.{process.pid}-*.tmp"))
        assert len(temporaries) == 1 and temporaries[0].stat().st_size > 0
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL
    return process


def test_a_killed_writer_leaves_no_file_and_its_temporary_goes_on_the_next_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _writer_killed_half_way(out / "orbiter.oem")
    assert not (out / "orbiter.oem").exists()
    assert len(list(out.glob(".*.tmp"))) == 1
    prepare_output_folder(out)          # what `run`, `relay` and `frozen-orbit` do first
    assert sorted(p.name for p in out.iterdir()) == []


def test_a_killed_writer_keeps_the_previous_file_whole(tmp_path):
    path = tmp_path / "summary.json"
    atomic_write(path, lambda h: h.write('{"run": 1}'), binary=False)
    _writer_killed_half_way(path)
    assert path.read_text() == '{"run": 1}'


def test_a_live_writers_temporary_is_left_alone(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        live = tmp_path / f".chunk-00001.parquet.{sleeper.pid}-abcd1234.tmp"
        live.write_bytes(b"PAR1")
        unrelated = tmp_path / ".notes.tmp"
        unrelated.write_text("a user's file")
        assert remove_stale_temporaries(tmp_path) == []
        assert live.exists() and unrelated.exists()
    finally:
        sleeper.kill()
        sleeper.wait(timeout=30)
    assert remove_stale_temporaries(tmp_path) == [live]
    assert unrelated.exists()
