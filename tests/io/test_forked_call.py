"""`ForkedCall`: the child's value and exceptions come back as the caller's own would."""
import os
import time

import numpy as np
import pytest

from farside.errors import ScenarioError
from farside.io import forked_call
from farside.io.forked_call import ForkedCall, forked_map

needs_fork = pytest.mark.skipif(not forked_call.forking(), reason="fork or a second CPU missing")


def _work(seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(200, 200))
    return os.getpid(), np.linalg.inv(a) @ a.sum(axis=1)


def _bad_path(value):
    raise ScenarioError("payloads[0].schedule[0].end", value, "an epoch inside the mission")


@needs_fork
def test_value_comes_from_another_process_with_the_same_bits():
    pid, value = ForkedCall(_work, 7).result()
    _, here = _work(7)
    assert pid != os.getpid()
    assert value.tobytes() == here.tobytes()


@needs_fork
def test_scenario_error_keeps_its_class_path_and_message():
    with pytest.raises(ScenarioError) as caught:
        ForkedCall(_bad_path, "2099-01-01").result()
    with pytest.raises(ScenarioError) as local:
        _bad_path("2099-01-01")
    assert (caught.value.argument, caught.value.value, caught.value.allowed) == \
        ("payloads[0].schedule[0].end", "2099-01-01", "an epoch inside the mission")
    assert str(caught.value) == str(local.value)
    assert "_bad_path" in caught.value.__notes__[0]       # the child's traceback


@needs_fork
def test_a_value_that_does_not_pickle_raises_in_the_parent():
    with pytest.raises(Exception, match="pickle"):
        ForkedCall(lambda: (lambda: 0)).result()


@needs_fork
def test_a_child_that_dies_is_an_error_not_a_hang():
    with pytest.raises(ChildProcessError, match="without an answer"):
        ForkedCall(os._exit, 3).result()


@needs_fork
def test_cancel_stops_the_child_at_once():
    call = ForkedCall(time.sleep, 30)
    pid, tic = call._pid, time.perf_counter()
    call.cancel()
    assert time.perf_counter() - tic < 5.0            # not the child's 30 s
    with pytest.raises(ProcessLookupError):           # killed and reaped
        os.kill(pid, 0)


def test_switched_off_the_call_runs_here(monkeypatch):
    monkeypatch.setenv(forked_call.ENV_SWITCH, "0")
    assert not forked_call.forking()
    pid, value = ForkedCall(_work, 7).result()
    assert pid == os.getpid()
    assert value.tobytes() == _work(7)[1].tobytes()
    with pytest.raises(ScenarioError, match="schedule"):
        ForkedCall(_bad_path, "2099-01-01").result()


def _square_or_fail(x):
    if x < 0:
        raise ScenarioError(f"x[{x}]", x, "a number >= 0")
    return os.getpid(), x * x


@needs_fork
def test_forked_map_is_the_plain_map_in_several_processes():
    out = forked_map(_square_or_fail, [1.5, 2.5, 3.5])
    assert [v for _, v in out] == [2.25, 6.25, 12.25]
    assert len({pid for pid, _ in out}) == 3 and out[-1][0] == os.getpid()   # the last one here


@needs_fork
def test_forked_map_raises_the_first_failure_in_order():
    with pytest.raises(ScenarioError, match=r"x\[-1\]"):
        forked_map(_square_or_fail, [1, -1, -2])
    with pytest.raises(ScenarioError, match=r"x\[-3\]"):
        forked_map(_square_or_fail, [1, 2, -3])


@needs_fork
def test_forked_map_silences_the_children_only():
    heard = []
    out = forked_map(lambda x: (len(heard), x), [1, 2], in_child=lambda: heard.append("child"))
    assert out == [(1, 1), (0, 2)] and heard == []
