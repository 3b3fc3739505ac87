"""The differential corrector against problems with known answers: a Hohmann-transfer burn
(vis-viva), a nonlinear system with a known root and the Rosenbrock residuals (Dennis & Schnabel
1996, appendix B, root (1, 1)), by Newton's method and by Broyden's. The runs counted are the
corrector's own arithmetic: the same every time, so they are pinned exactly."""
import numpy as np
import pytest

from farside.errors import FarsideValueError
from farside.gnc.differential_corrector import TargetingError, solve

MU = 3.986004418e14


def test_finds_the_hohmann_burn_from_vis_viva():
    r1, r2 = 7000e3, 42164e3
    exact = np.sqrt(MU / r1) * (np.sqrt(2 * r2 / (r1 + r2)) - 1)

    def apoapsis(x):
        v = np.sqrt(MU / r1) + x[0]
        a = 1.0 / (2.0 / r1 - v * v / MU)
        return [2 * a - r1]
    lines = []
    solution = solve(apoapsis, [1000.0], [1.0], [r2], [1.0], log=lines.append, names=["dv"], goal_names=["r_a"])
    assert abs(solution.variables[0] - exact) < 1e-3
    assert len(lines) == len(solution.iterations) and lines[0].startswith("iteration 0: dv=1000")


def test_two_goals_two_variables_within_bounds():
    def f(x):
        return [x[0] ** 2 + x[1] ** 2, x[0] - x[1] ** 3]
    solution = solve(f, [2.0, 0.5], [1e-6, 1e-6], [2.0, 0.0], [1e-10, 1e-10], lower=np.array([0.0, 0.0]),
                     upper=np.array([5.0, 5.0]))
    assert np.allclose(solution.variables, [1.0, 1.0], atol=1e-9)


def test_an_unreachable_goal_is_reported():
    with pytest.raises(TargetingError, match="did not converge"):
        solve(lambda x: [x[0] ** 2], [1.0], [1e-3], [-1.0], [1e-6], max_iterations=5)


def _two_by_two(x):
    """x0² + x1² = 2 and x0 = x1³: the root (1, 1) (x1⁶ + x1² = 2)."""
    return [x[0] ** 2 + x[1] ** 2, x[0] - x[1] ** 3]


def _counted(f, trace):
    def evaluate(x):
        trace.append(np.array(x, dtype=float))
        return f(x)
    return evaluate


def test_broyden_finds_the_known_root_in_fewer_runs_than_newton():
    runs = {}
    for method in ("newton", "broyden"):
        solution = solve(_two_by_two, [2.0, 0.5], [1e-6, 1e-6], [2.0, 0.0], [1e-10, 1e-10],
                         lower=np.array([0.0, 0.0]), upper=np.array([5.0, 5.0]), method=method)
        assert np.allclose(solution.variables, [1.0, 1.0], atol=1e-9)   # residuals within 1e-10
        runs[method] = (solution.evaluations, solution.jacobians, len(solution.iterations) - 1)
    # Newton: 5 iterations of 2 differences and 1 trial, and the first guess, and one halving;
    # Broyden: one Jacobian, then 9 iterations of one run each (superlinear, not quadratic)
    assert runs == {"newton": (17, 5, 5), "broyden": (13, 1, 9)}


def test_broyden_finds_the_hohmann_burn_in_fewer_runs():
    r1, r2 = 7000e3, 42164e3
    exact = np.sqrt(MU / r1) * (np.sqrt(2 * r2 / (r1 + r2)) - 1)

    def apoapsis(x):
        v = np.sqrt(MU / r1) + x[0]
        return [2.0 / (2.0 / r1 - v * v / MU) - r1]
    newton = solve(apoapsis, [1000.0], [1.0], [r2], [1.0])
    broyden = solve(apoapsis, [1000.0], [1.0], [r2], [1.0], method="broyden")
    # 1 m of apoapsis is ~1e-4 m/s of burn here: both well inside 1e-3 m/s
    assert abs(broyden.variables[0] - exact) < 1e-3 and abs(newton.variables[0] - exact) < 1e-3
    assert (newton.evaluations, broyden.evaluations, broyden.jacobians) == (16, 14, 2)


def test_broyden_keeps_to_the_bounds():
    trace = []
    lower, upper = np.array([0.0, 0.0]), np.array([5.0, 1.02])
    solution = solve(_counted(_two_by_two, trace), [2.0, 0.5], [1e-6, 1e-6], [2.0, 0.0], [1e-10, 1e-10],
                     lower=lower, upper=upper, method="broyden")
    assert np.allclose(solution.variables, [1.0, 1.0], atol=1e-9)
    points = np.array(trace)
    assert np.all(points >= lower) and np.all(points <= upper)
    # runs 0-2: the first guess and the Jacobian; 3: its step; 4 on: steps of updated Jacobians,
    # the second of which the bound stops
    assert solution.jacobians == 1 and points[5][1] == 1.02


def test_a_broyden_step_that_does_not_lower_the_residual_forms_the_jacobian_again():
    events = []
    steps = np.array([1e-7, 1e-7])

    def rosenbrock(x):
        return [10.0 * (x[1] - x[0] ** 2), 1.0 - x[0]]
    solution = solve(_counted(rosenbrock, events), [-1.2, 1.0], steps, [0.0, 0.0], [1e-10, 1e-10],
                     log=events.append, method="broyden")
    assert np.allclose(solution.variables, [1.0, 1.0], atol=1e-10)
    again = [i for i, e in enumerate(events) if isinstance(e, str) and "again" in e]
    assert len(again) == 7 and solution.jacobians == 8 and solution.evaluations == 57   # Newton: 56
    for i in again:
        iteration = solution.iterations[int(events[i].split()[1].rstrip(":"))]
        failed = events[i - 1]   # the updated Jacobian's step, flown and dropped ...
        assert np.linalg.norm(rosenbrock(failed)) / 1e-10 >= iteration.residual_norm
        for j in range(2):       # ... then forward differences about the same iterate
            expected = iteration.variables.copy()
            expected[j] += steps[j]
            assert np.array_equal(events[i + 1 + j], expected)


def test_an_unknown_method_is_refused():
    with pytest.raises(FarsideValueError, match="newton, broyden"):
        solve(lambda x: [x[0]], [1.0], [1e-3], [0.0], [1e-6], method="secant")
