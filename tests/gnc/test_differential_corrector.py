"""The differential corrector against problems with known answers: a Hohmann-transfer burn
(vis-viva) and a nonlinear system with a known root."""
import numpy as np
import pytest

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
