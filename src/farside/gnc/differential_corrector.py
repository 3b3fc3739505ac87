"""A differential corrector in GMAT's sense: named control variables, named goals with
tolerances, Newton iterations on a finite-difference Jacobian with a backtracking line search,
every iteration logged.

The residual of goal k is ``(achieved_k - desired_k) / tolerance_k``: the corrector converges
when every residual is within [-1, 1]. The Newton step solves ``J dx = -f`` in the least-squares
sense (more variables than goals: the smallest step; fewer: the best fit), each variable kept in
its bounds; the step is halved until the residual norm decreases (Dennis & Schnabel 1996, §6.3).
The Jacobian is formed by forward differences with each variable's ``step``.
"""
from dataclasses import dataclass, field

import numpy as np

from farside.dynamics.propagator import through_surfaces
from farside.errors import FarsideError

MAX_HALVINGS = 6


class TargetingError(FarsideError):
    """The corrector did not converge; the message gives the last residuals."""


@dataclass
class Iteration:
    """One corrector iteration: the variables, the achieved goal values and the residual norm."""
    number: int
    variables: np.ndarray
    achieved: np.ndarray
    residual_norm: float


@dataclass
class Solution:
    variables: np.ndarray
    achieved: np.ndarray
    iterations: list = field(default_factory=list)
    evaluations: int = 0


def solve(evaluate, x0, steps, desired, tolerances, lower=None, upper=None, max_iterations=25,
          names=(), goal_names=(), log=None) -> Solution:
    """Find ``x`` with ``|evaluate(x) - desired| <= tolerances``. ``evaluate(x)`` returns the
    achieved goal values (array); ``log(text)`` receives one line per iteration."""
    x = np.array(x0, dtype=float)
    steps = np.asarray(steps, dtype=float)
    desired = np.asarray(desired, dtype=float)
    tolerances = np.asarray(tolerances, dtype=float)
    lower = np.full(x.shape, -np.inf) if lower is None else np.where(np.isnan(lower), -np.inf, lower)
    upper = np.full(x.shape, np.inf) if upper is None else np.where(np.isnan(upper), np.inf, upper)
    x = np.clip(x, lower, upper)
    log = log or (lambda text: None)
    count = 0

    def residual(point):
        nonlocal count
        count += 1
        with through_surfaces():   # a trial may cross the body on the way to a solution that does not
            achieved = np.asarray(evaluate(point), dtype=float)
        return achieved, (achieved - desired) / tolerances

    achieved, f = residual(x)
    if not np.all(np.isfinite(f)):
        raise TargetingError(f"the goals are not defined at the first guess ({_goals(goal_names, achieved)}); "
                             "start from a guess where they are (an apoapsis needs a closed orbit)")
    history = []
    for number in range(max_iterations + 1):
        norm = float(np.linalg.norm(f)) if np.all(np.isfinite(f)) else np.inf
        history.append(Iteration(number, x.copy(), achieved.copy(), norm))
        log(_line(number, x, achieved, norm, names, goal_names))
        if np.all(np.abs(f) <= 1.0):
            return Solution(x, achieved, history, count)
        if number == max_iterations:
            break
        jac = np.empty((f.size, x.size))
        for j in range(x.size):
            jac[:, j] = _column(residual, x, j, steps[j], upper[j], f)
        dx = np.linalg.lstsq(jac, -f, rcond=None)[0]
        scale = 1.0
        for _ in range(MAX_HALVINGS + 1):
            trial = np.clip(x + scale * dx, lower, upper)
            achieved_t, f_t = residual(trial)
            if np.all(np.isfinite(f_t)) and np.linalg.norm(f_t) < norm:
                break
            scale *= 0.5
        x, achieved, f = trial, achieved_t, f_t
    raise TargetingError(f"the differential corrector did not converge in {max_iterations} iterations; "
                         f"last: {_goals(goal_names, achieved)} (wanted {', '.join(f'{d:.6g}±{t:g}' for d, t in zip(desired, tolerances))})")


def _column(residual, x, j, step, upper, f):
    """Forward difference of the residuals in variable ``j`` (backward at the upper bound, or
    where the forward point leaves the goals' domain)."""
    for h in ((step, -step) if x[j] + step <= upper else (-step,)):
        xp = x.copy()
        xp[j] += h
        column = (residual(xp)[1] - f) / h
        if np.all(np.isfinite(column)):
            return column
    raise TargetingError(f"the goals are not defined next to variable {j} = {x[j]:.9g} (step {step:g})")


def _goals(goal_names, achieved):
    return ", ".join(f"{n}={a:.6g}" for n, a in zip(goal_names or range(achieved.size), achieved))


def _line(number, x, achieved, norm, names, goal_names):
    variables = ", ".join(f"{n}={v:.9g}" for n, v in zip(names or range(x.size), x))
    goals = _goals(goal_names, achieved)
    return f"iteration {number}: {variables} -> {goals} (|residual| {norm:.3g})"
