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

from farside.core.jit import jit
from farside.errors import FarsideValueError
from farside.gnc import differential_corrector

STEPS = 400


@dataclass(frozen=True)
class AscentTarget:
    altitude_m: float
    horizontal_speed_m_s: float
    vertical_speed_m_s: float = 0.0


@jit(_nrt=False)
def _derivatives_hf(s, theta, thrust_n, mass_flow, g, out):
    a = thrust_n / s[4]
    out[0] = s[2]
    out[1] = s[3]
    out[2] = a * np.cos(theta)
    out[3] = a * np.sin(theta) - g
    out[4] = -mass_flow


@jit
def _fly_hf(s, thrust_n, mass_flow, g, theta, h):
    """RK4 steps of ``h`` seconds, ``s`` updated in place; ``theta[j]`` the pitch (rad) at the
    start, middle and end of step j. Each sum in the order of ``s + h / 6 (k1 + 2 k2 + 2 k3 + k4)``."""
    k = np.empty((4, 5))
    stage = np.empty(5)
    for j in range(theta.shape[0]):
        _derivatives_hf(s, theta[j, 0], thrust_n, mass_flow, g, k[0])
        for i in range(5):
            stage[i] = s[i] + 0.5 * h * k[0, i]
        _derivatives_hf(stage, theta[j, 1], thrust_n, mass_flow, g, k[1])
        for i in range(5):
            stage[i] = s[i] + 0.5 * h * k[1, i]
        _derivatives_hf(stage, theta[j, 1], thrust_n, mass_flow, g, k[2])
        for i in range(5):
            stage[i] = s[i] + h * k[2, i]
        _derivatives_hf(stage, theta[j, 2], thrust_n, mass_flow, g, k[3])
        for i in range(5):
            s[i] = s[i] + h / 6.0 * (k[0, i] + 2 * k[1, i] + 2 * k[2, i] + k[3, i])


def fly(state, thrust_n, mass_flow, g, tan0, c, t_burn, steps=STEPS):
    """(x, y, vx, vy, m) after ``t_burn`` seconds of linear-tangent steering (RK4). The pitch at
    every stage is numpy's arctan (vectorised, so the same function whether compiled or not);
    the steps run compiled."""
    h = t_burn / steps
    t = np.arange(steps) * h
    stage_t = np.stack([t, t + 0.5 * h, t + h], axis=1)
    theta = np.arctan(tan0 - c * stage_t)
    s = np.array(state, dtype=float)
    _fly_hf(s, float(thrust_n), float(mass_flow), float(g), theta, float(h))
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
