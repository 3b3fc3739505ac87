"""A differential corrector in GMAT's sense: named control variables, named goals with
tolerances, Newton (or Broyden) iterations with a backtracking line search, every iteration
logged.

The residual of goal k is ``(achieved_k - desired_k) / tolerance_k``: the corrector converges
when every residual is within [-1, 1]. The step solves ``J dx = -f`` in the least-squares sense
(more variables than goals: the smallest step; fewer: the best fit), each variable kept in its
bounds; the step is halved until the residual norm decreases (Dennis & Schnabel 1996, §6.3).

``method="newton"`` forms the Jacobian by forward differences with each variable's ``step`` at
every iteration (one run of ``evaluate`` per variable). ``method="broyden"`` (GMAT's ``Algorithm =
Broyden``) forms it so once, then corrects it from each accepted step with Broyden's rank-one
update (Dennis & Schnabel 1996, §8.1): no run beyond the step's own. A step from an updated
Jacobian that does not lower the residual norm (after ``BROYDEN_HALVINGS`` halvings) is dropped,
and the Jacobian is formed again by finite differences at the same point for a Newton step with
the full line search: each Broyden iteration that fails falls back on Newton's.
"""
import time
from dataclasses import dataclass, field

import numpy as np

from farside.dynamics.propagator import through_surfaces
from farside.errors import FarsideError, FarsideValueError
from farside.gnc.forked_trials import map_trials

MAX_HALVINGS = 6
BROYDEN_HALVINGS = 0
"""Halvings of a step from an updated (Broyden) Jacobian before that Jacobian is formed again by
finite differences. None: a secant Jacobian far from the truth gives a step that is no descent
direction, which halving seldom mends; on the Chang'e-6 demo's trans-lunar coast and LOI
targets 0, 1, 2 and 6 halvings cost 18, 19, 20 and 24 and 14, 15, 16 and 20 runs of the span."""
METHODS = ("newton", "broyden")


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
    """The variables that meet the goals, the goals achieved there, the iterations and how many
    times ``evaluate`` ran (``jacobians`` of them in finite-difference Jacobians, one run per
    variable each)."""
    variables: np.ndarray
    achieved: np.ndarray
    iterations: list = field(default_factory=list)
    evaluations: int = 0
    jacobians: int = 0


def solve(evaluate, x0, steps, desired, tolerances, lower=None, upper=None, max_iterations=25,
          names=(), goal_names=(), log=None, method="newton", first_trial_s=0.0) -> Solution:
    """Find ``x`` with ``|evaluate(x) - desired| <= tolerances``. ``evaluate(x)`` returns the
    achieved goal values (array); ``log(text)`` receives one line per iteration (and one per
    Jacobian Broyden's method forms again). ``method`` is ``"newton"`` (a finite-difference
    Jacobian at every iteration) or ``"broyden"`` (one finite-difference Jacobian, then Broyden's
    "good" rank-one update from each accepted step ``s`` with residual change ``y``:
    ``J += (y - J s) s^T / (s^T s)``, Dennis & Schnabel 1996, §8.1). ``first_trial_s`` is how long
    an evaluation at ``x0`` takes when ``evaluate`` answers the first one from a cache (wall
    seconds): it decides, as a trial's measured time does later, whether the first Jacobian's
    trials are flown side by side (`farside.gnc.forked_trials`; the same bits either way)."""
    if method not in METHODS:
        raise FarsideValueError("method", method, "one of " + ", ".join(METHODS))
    x = np.array(x0, dtype=float)
    steps = np.asarray(steps, dtype=float)
    desired = np.asarray(desired, dtype=float)
    tolerances = np.asarray(tolerances, dtype=float)
    lower = np.full(x.shape, -np.inf) if lower is None else np.where(np.isnan(lower), -np.inf, lower)
    upper = np.full(x.shape, np.inf) if upper is None else np.where(np.isnan(upper), np.inf, upper)
    x = np.clip(x, lower, upper)
    log = log or (lambda text: None)
    count = 0
    formed = 0
    last_s = 0.0
    achieved_at = _trial(evaluate)

    def residual(point):
        nonlocal count, last_s
        count += 1
        tic = time.perf_counter()
        achieved = achieved_at(point)
        last_s = time.perf_counter() - tic
        return achieved, (achieved - desired) / tolerances

    def residuals(points):
        """The residuals at ``points``, flown side by side where `map_trials` forks (same bits)."""
        nonlocal count
        if len(points) < 2:
            return [residual(p)[1] for p in points]
        count += len(points)
        return [(achieved - desired) / tolerances for achieved in map_trials(achieved_at, points, last_s)]

    def jacobian(point, f):
        nonlocal formed
        formed += 1
        return _jacobian(residuals, point, steps, upper, f)

    achieved, f = residual(x)
    last_s = max(last_s, first_trial_s)
    if not np.all(np.isfinite(f)):
        raise TargetingError(f"the goals are not defined at the first guess ({_goals(goal_names, achieved)}); "
                             "start from a guess where they are (an apoapsis needs a closed orbit)")
    history = []
    jac = None   # Broyden's Jacobian carried to the next iteration (None: form one by differences)
    for number in range(max_iterations + 1):
        norm = float(np.linalg.norm(f)) if np.all(np.isfinite(f)) else np.inf
        history.append(Iteration(number, x.copy(), achieved.copy(), norm))
        log(_line(number, x, achieved, norm, names, goal_names))
        if np.all(np.abs(f) <= 1.0):
            return Solution(x, achieved, history, count, formed)
        if number == max_iterations:
            break
        updated = jac is not None
        if not updated:
            jac = jacobian(x, f)
        trial, achieved_t, f_t, lowered = _line_search(residual, x, jac, f, norm, lower, upper,
                                                       BROYDEN_HALVINGS if updated else MAX_HALVINGS)
        if updated and not lowered:
            log(f"iteration {number}: the updated Jacobian gave no step that lowers |residual|; "
                "forming it again by finite differences")
            jac = jacobian(x, f)
            trial, achieved_t, f_t, lowered = _line_search(residual, x, jac, f, norm, lower, upper)
        jac = _broyden_update(jac, trial - x, f_t - f) if method == "broyden" else None
        x, achieved, f = trial, achieved_t, f_t
    raise TargetingError(f"the differential corrector did not converge in {max_iterations} iterations; "
                         f"last: {_goals(goal_names, achieved)} (wanted {', '.join(f'{d:.6g}±{t:g}' for d, t in zip(desired, tolerances))})")


def _line_search(residual, x, jac, f, norm, lower, upper, halvings=MAX_HALVINGS):
    """The least-squares step of ``jac dx = -f`` from ``x`` (in the bounds), halved until the
    residual norm falls below ``norm``: ``(point, achieved, residuals, lowered)``, the last halving
    if none lowers it (``lowered`` False)."""
    dx = np.linalg.lstsq(jac, -f, rcond=None)[0]
    scale = 1.0
    for _ in range(halvings + 1):
        trial = np.clip(x + scale * dx, lower, upper)
        achieved_t, f_t = residual(trial)
        if np.all(np.isfinite(f_t)) and np.linalg.norm(f_t) < norm:
            return trial, achieved_t, f_t, True
        scale *= 0.5
    return trial, achieved_t, f_t, False


def _broyden_update(jac, s, y):
    """Broyden's rank-one update of ``jac`` by the step ``s`` and the residual change ``y`` it
    made (the least change in Frobenius norm with ``J s = y``; Dennis & Schnabel 1996, §8.1),
    or None (form the Jacobian again) when the step is nil or the residuals there undefined."""
    ss = float(s @ s)
    if ss == 0.0 or not np.all(np.isfinite(y)):
        return None
    return jac + np.outer(y - jac @ s, s) / ss


def _trial(evaluate):
    """``evaluate`` as a corrector's trial: the achieved goals as floats, the trajectory allowed
    through the body's surface (it may cross the body on the way to a solution that does not)."""
    def trial(point):
        with through_surfaces():
            return np.asarray(evaluate(point), dtype=float)
    return trial


def _jacobian(residuals, x, steps, upper, f):
    """Forward differences of the residuals in each variable (backward at the upper bound, or
    where the forward point leaves the goals' domain); the first points of every column are
    evaluated together by ``residuals(points)``."""
    forward = x + steps <= upper
    h = np.where(forward, steps, -steps)
    points = [_moved(x, j, h[j]) for j in range(x.size)]
    jac = np.empty((f.size, x.size))
    for j, value in enumerate(residuals(points)):
        jac[:, j] = (value - f) / h[j]
        if not np.all(np.isfinite(jac[:, j])) and forward[j]:
            jac[:, j] = (residuals([_moved(x, j, -steps[j])])[0] - f) / -steps[j]
        if not np.all(np.isfinite(jac[:, j])):
            raise TargetingError(f"the goals are not defined next to variable {j} = {x[j]:.9g} (step {steps[j]:g})")
    return jac


def _moved(x, j, h):
    xp = x.copy()
    xp[j] += h
    return xp


def _goals(goal_names, achieved):
    return ", ".join(f"{n}={a:.6g}" for n, a in zip(goal_names or range(achieved.size), achieved))


def _line(number, x, achieved, norm, names, goal_names):
    variables = ", ".join(f"{n}={v:.9g}" for n, v in zip(names or range(x.size), x))
    goals = _goals(goal_names, achieved)
    return f"iteration {number}: {variables} -> {goals} (|residual| {norm:.3g})"
