"""Linear-tangent steering for ascent to orbit: the thrust's pitch above the local horizontal
follows tan(theta(t)) = tan(theta0) - c t, the optimal law for a flat body with constant gravity
(Bryson & Ho 1975, *Applied Optimal Control*, §2.7; the basis of Apollo's ascent guidance and of
powered explicit guidance). Given the thrust, the mass flow and the targets at engine cut-off
(altitude, zero vertical speed, horizontal speed), the unknowns theta0, c and the burn time are
found by Newton iterations on the flat-body equations of motion integrated with RK4; in flight
the solution is renewed from the current state at each guidance cycle.

Frame: x downrange, y up; gravity ``g`` downwards (m/s^2). Units: m, m/s, s, kg, N.
"""
from dataclasses import dataclass

import numpy as np

from farside.errors import FarsideValueError
from farside.gnc import differential_corrector

STEPS = 400


@dataclass(frozen=True)
class AscentTarget:
    altitude_m: float
    horizontal_speed_m_s: float
    vertical_speed_m_s: float = 0.0


def _derivatives(state, t, thrust_n, mass_flow, g, tan0, c):
    x, y, vx, vy, m = state
    theta = np.arctan(tan0 - c * t)
    a = thrust_n / m
    return np.array([vx, vy, a * np.cos(theta), a * np.sin(theta) - g, -mass_flow])


def fly(state, thrust_n, mass_flow, g, tan0, c, t_burn, steps=STEPS):
    """(x, y, vx, vy, m) after ``t_burn`` seconds of linear-tangent steering (RK4)."""
    h = t_burn / steps
    s = np.array(state, dtype=float)
    for k in range(steps):
        t = k * h
        k1 = _derivatives(s, t, thrust_n, mass_flow, g, tan0, c)
        k2 = _derivatives(s + 0.5 * h * k1, t + 0.5 * h, thrust_n, mass_flow, g, tan0, c)
        k3 = _derivatives(s + 0.5 * h * k2, t + 0.5 * h, thrust_n, mass_flow, g, tan0, c)
        k4 = _derivatives(s + h * k3, t + h, thrust_n, mass_flow, g, tan0, c)
        s = s + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return s


def solve(state, target: AscentTarget, thrust_n, mass_flow, g, guess=(1.0, 0.005, 300.0)):
    """``(tan(theta0), c, t_burn)`` that reach ``target`` from ``state`` (x, y, vx, vy, m)."""
    if not thrust_n / state[4] > g:
        raise FarsideValueError("thrust_n", thrust_n, f"a thrust above the weight, {state[4] * g:.0f} N")

    def finals(p):
        s = fly(state, thrust_n, mass_flow, g, p[0], p[1], p[2])
        return [s[1], s[2], s[3]]

    solution = differential_corrector.solve(
        finals, list(guess), [1e-4, 1e-6, 0.01],
        [target.altitude_m, target.horizontal_speed_m_s, target.vertical_speed_m_s], [0.5, 0.01, 0.01],
        lower=np.array([-10.0, -1.0, 1.0]), upper=np.array([50.0, 1.0, 5000.0]), max_iterations=40)
    return tuple(solution.variables)


def pitch(tan0, c, t=0.0) -> float:
    """The commanded pitch above the local horizontal (rad) ``t`` seconds into the solution."""
    return float(np.arctan(tan0 - c * t))
