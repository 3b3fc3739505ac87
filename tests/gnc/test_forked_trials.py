"""The corrector's Jacobian trials flown in forked processes (`forked_trials`): the same solution
bit for bit and the same number of evaluations as flown one after the other, the trials in other
processes, and no child forking again."""
import os

import numpy as np
import pytest

from farside.gnc import forked_trials as ft
from farside.gnc.differential_corrector import solve
from farside.io.forked_call import forking

pytestmark = pytest.mark.skipif(not forking(), reason="fork or a second CPU missing")


def _rosenbrock_like(log):
    """Two goals in two variables with the root (1, 1) (Dennis & Schnabel 1996's extended
    Rosenbrock residuals ``10 (x2 - x1^2), 1 - x1``); each evaluation notes its process and
    whether it may fork again in ``log`` (a file, since a child's memory is its own)."""
    def evaluate(x):
        with open(log, "a") as out:
            out.write(f"{os.getpid()} {ft._SETTING.get() is None}\n")
        return np.array([10.0 * (x[1] - x[0] ** 2), 1.0 - x[0]])
    return evaluate


def _solve(evaluate):
    return solve(evaluate, [-1.2, 1.0], [1e-6, 1e-6], [0.0, 0.0], [1e-9, 1e-9], max_iterations=40)


def test_forked_trials_keep_every_bit_and_the_evaluation_count(tmp_path):
    plain = _solve(_rosenbrock_like(tmp_path / "plain.log"))
    with ft.forked_trials(min_trial_s=0.0):
        forked = _solve(_rosenbrock_like(tmp_path / "forked.log"))
    assert forked.variables.tobytes() == plain.variables.tobytes()
    assert forked.achieved.tobytes() == plain.achieved.tobytes()
    assert [i.residual_norm for i in forked.iterations] == [i.residual_norm for i in plain.iterations]
    assert forked.evaluations == plain.evaluations
    np.testing.assert_allclose(forked.variables, [1.0, 1.0], atol=1e-9)
    rows = [line.split() for line in (tmp_path / "forked.log").read_text().splitlines()]
    assert len(rows) == plain.evaluations
    children = [r for r in rows if int(r[0]) != os.getpid()]
    assert len(children) == len(forked.iterations) - 1        # one column a Jacobian in a child
    assert all(r[1] == "True" for r in children)              # which would not fork again
    assert all(r[1] == "False" for r in rows if int(r[0]) == os.getpid())


def test_short_trials_stay_in_the_caller(tmp_path):
    with ft.forked_trials(min_trial_s=60.0):
        _solve(_rosenbrock_like(tmp_path / "short.log"))
    assert {int(line.split()[0]) for line in (tmp_path / "short.log").read_text().splitlines()} == {os.getpid()}


def test_a_first_guess_answered_from_a_cache_uses_the_hint_of_its_flight_time(tmp_path):
    """The first evaluation is the span as just flown (taken back, so measured as nothing); the
    hint of how long its flight took sends the first Jacobian's trials to other processes, and the
    later ones, measured short, stay in the caller."""
    with ft.forked_trials(min_trial_s=60.0):
        hinted = solve(_rosenbrock_like(tmp_path / "hinted.log"), [-1.2, 1.0], [1e-6, 1e-6], [0.0, 0.0],
                       [1e-9, 1e-9], max_iterations=40, first_trial_s=120.0)
    plain = _solve(_rosenbrock_like(tmp_path / "plain.log"))
    assert hinted.variables.tobytes() == plain.variables.tobytes()
    pids = [int(line.split()[0]) for line in (tmp_path / "hinted.log").read_text().splitlines()]
    assert len([p for p in pids if p != os.getpid()]) == 1     # the first Jacobian's column in a child
