"""The vacuum guidance law against the closed-form linear-tangent ascent (flat Earth, uniform
gravity, constant thrust acceleration; Bryson & Ho 1975, §2.7)."""
import numpy as np

from farside.core import launch_guidance as lg


def closed_form_finals(tan0, c, t_f, accel, g):
    """(height, vertical speed, downrange speed) after ``t_f`` of tan(theta) = tan0 - c t from rest
    at the origin: the integrals of a cos(theta) and a sin(theta) in p = tan(theta), dp = -c dt."""
    tan_f = tan0 - c * t_f
    sec0, sec_f = np.hypot(1.0, tan0), np.hypot(1.0, tan_f)
    v_x = accel / c * (np.arcsinh(tan0) - np.arcsinh(tan_f))
    v_z = accel / c * (sec0 - sec_f) - g * t_f

    def f(p):
        return p * np.hypot(1.0, p) + np.arcsinh(p)
    z = accel / c * (sec0 * t_f - (f(tan0) - f(tan_f)) / (2.0 * c)) - 0.5 * g * t_f ** 2
    return z, v_z, v_x


def workspace():
    return np.zeros(3), np.zeros(3), np.zeros((4, 7)), np.zeros(7), np.zeros(7)


def test_flat_earth_solution_is_the_closed_form_linear_tangent():
    accel, g, mass = 20.0, 1.62, 1000.0
    tan0, c, t_f = np.tan(np.radians(40.0)), (np.tan(np.radians(40.0)) + np.tan(np.radians(10.0))) / 300.0, 300.0
    z_f, vz_f, vx_f = closed_form_finals(tan0, c, t_f, accel, g)
    grav = np.zeros(lg.N_GRAVITY)
    grav[lg.V_MODE] = lg.GRAVITY_UNIFORM
    grav[lg.V_G + 2] = -g
    tg = np.zeros(lg.N_TARGET)
    tg[0], tg[1], tg[2], tg[3], tg[5] = lg.TARGET_FLAT, z_f, vz_f, vx_f, 1.0
    stages = np.array([[accel * mass, 0.0, 1000.0, 0.0]])
    y0 = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, mass])
    sol = np.array([np.cos(0.3), 0.0, np.sin(0.3), 0.0, 0.0, 0.0, 250.0])
    status, iterations, worst = lg.solve_guidance_hf(grav, tg, stages, y0, sol, np.zeros(3), 30, 1e-6, workspace(),
                                                     0.0, np.inf)
    assert status == lg.CONVERGED, (iterations, worst)
    # the solution's pitch law: tan(theta) = lambda_z / lambda_x - (lambda_dot_z / lambda_x) t
    # the predictor's RK4 at 4 s steps and the 1e-6 stop of the iteration: measured 3.3e-10 in
    # tan(theta0), 2.2e-12 /s in c (of 3.4e-3 /s), 3.0e-9 s in the burn time
    assert abs(sol[2] / sol[0] - tan0) < 2e-9
    assert abs(-sol[5] / sol[0] - c) < 2e-11
    assert abs(sol[6] - t_f) < 2e-8
    assert sol[1] == 0.0 and sol[4] == 0.0          # no out-of-plane steering
