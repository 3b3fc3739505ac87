"""scipy ``solve_ivp(method="DOP853")`` with a numba right-hand side: how many Python users
propagate today. The right-hand side calls farside's compiled spherical-harmonic kernel, so the
difference from farside is the integrator loop (Python, one call per force evaluation).
B+ is left out (no ephemeris or PA frame in this peer)."""
import numpy as np
from scipy.integrate import solve_ivp

from bench import cases
from farside.core.jit import jit
from farside.core.spherical_harmonics import potential_and_acceleration_hf, recursion_coefficients

NAME = "scipy DOP853 + numba RHS"


@jit
def _lunar_rhs(t, y, gm, radius, c, s, degree, a, b, k, omega, p, trig):
    cw, sw = np.cos(omega * t), np.sin(omega * t)
    r_fixed = np.array([cw * y[0] + sw * y[1], -sw * y[0] + cw * y[1], y[2]])
    acc = np.empty(3)
    potential_and_acceleration_hf(gm, radius, c, s, degree, a, b, k, p, trig, r_fixed, acc)
    return np.array([y[3], y[4], y[5], cw * acc[0] - sw * acc[1], sw * acc[0] + cw * acc[1], acc[2]])


@jit
def _two_body_rhs(t, y, mu):
    r3 = (y[0] * y[0] + y[1] * y[1] + y[2] * y[2]) ** 1.5
    return np.array([y[3], y[4], y[5], -mu * y[0] / r3, -mu * y[1] / r3, -mu * y[2] / r3])


def _lunar_args(degree):
    field = cases.field(degree)
    a, b, k = recursion_coefficients(degree + 1)
    return (field.gm_m3_s2, field.radius_m, field.c, field.s, degree, a, b, k, cases.OMEGA,
            np.empty((degree + 3, degree + 3)), np.empty((2, degree + 1))), field.gm_m3_s2


def _solve(y0, duration, args, rhs=_lunar_rhs, t_eval=None):
    sol = solve_ivp(rhs, (0.0, duration), y0, method="DOP853", rtol=cases.RTOL, atol=cases.ATOL, args=args,
                    t_eval=t_eval)
    return sol.y[:3, -1], sol.nfev


def prepare_lunar(case):
    if case.real_frame:
        return None
    args, gm = _lunar_args(case.degree)
    y0 = cases.lunar_start(gm)
    _lunar_rhs(0.0, y0, *args)
    return lambda: _solve(y0, case.duration_s, args)


def prepare_leo():
    y0 = cases.leo_start()
    _two_body_rhs(0.0, y0, cases.MU_EARTH_OREKIT)
    return lambda: _solve(y0, cases.C_DURATION, (cases.MU_EARTH_OREKIT,), _two_body_rhs, cases.leo_grid())


def prepare_dispersed():
    args, gm = _lunar_args(20)
    starts = cases.dispersed_starts(gm)
    _lunar_rhs(0.0, starts[0], *args)

    def run():
        finals, evals = [], 0
        for y0 in starts:
            r, n = _solve(y0, cases.D_DURATION, args)
            finals.append(r)
            evals += n
        return np.array(finals), evals
    return run
