"""Compiled closed-loop vacuum guidance of a launcher: powered explicit guidance's steering law with
a numerical predictor, re-solved from the current state every guidance cycle.

Steering (PEG, McHenry, Brand, Long, Cockrell & Thibodeau 1979, "Space Shuttle ascent guidance,
navigation, and control", J. Astronaut. Sci. 27(1):1): the thrust points along
``lambda + lambda_dot (t - t_lambda)``, the vector form of the linear-tangent law that is optimal
for a flat Earth with uniform gravity (Bryson & Ho 1975, *Applied Optimal Control*, §2.7). Where
PEG integrates the thrust in closed form and the gravity by a conic prediction, this predictor
integrates the vacuum flight (point-mass Earth with J2 about the pole ``pole``, or uniform
gravity for the flat-Earth check) by RK4 through the remaining stages (vacuum thrust, mass flow,
burn time left, mass dropped at its burnout).

Unknowns (five): ``lambda = e0 + a1 e1 + a2 e2`` (``e0`` the last solution's direction now),
``lambda_dot = b1 w1 + b2 w2`` and the time to go; ``w1`` is the predicted cut-off radial
direction and ``w2`` the target plane's normal, so ``lambda_dot`` has no component along the
downrange direction at cut-off: PEG's free-downrange (transversality) condition, exact in the
flat case. Five cut-off conditions (``tg[0]`` the kind):

- ``TARGET_INSERTION``: radius ``tg[1]``, radial speed ``tg[2]``, horizontal speed ``tg[3]``, and
  position and velocity in the plane of unit normal ``tg[4:7]``;
- ``TARGET_ORBIT``: specific energy ``tg[1]`` (m^2/s^2), eccentricity-vector components
  ``tg[2]``, ``tg[3]`` along the in-plane unit vectors ``tg[7:10]``, ``tg[10:13]``, and the plane
  of normal ``tg[4:7]`` (a trans-lunar injection: the whole conic but its true anomaly);
- ``TARGET_FLAT``: height ``tg[1]`` (the ``z`` axis up), vertical speed ``tg[2]``, downrange
  (``x``) speed ``tg[3]``, and the plane ``y = 0`` (normal ``tg[4:7]``).

The Newton iteration differences the predictor (the Jacobian by forward differences) and solves
the 5 x 5 system by Gaussian elimination with partial pivoting. The time to go is kept within a
window ``[t_lo, t_hi]``: one stretch of continuous thrust (a cut-off while the core burns, or one
after the upper stage's ignition). Across a stage's burnout and the unpowered wait to the next
ignition the errors are not differentiable in the time to go (and do not change with it while
no engine burns), so a Newton step that crosses them does not converge: each stretch is solved
on its own (:mod:`farside.gnc.launch_ascent` chooses which).
"""
import numpy as np

from farside.core.jit import CALLEE, jit

TARGET_INSERTION, TARGET_ORBIT, TARGET_FLAT = 0, 1, 2
N_TARGET = 13
GRAVITY_J2, GRAVITY_UNIFORM = 0, 1
V_MODE, V_GM, V_J2, V_RE, V_POLE, V_G = 0, 1, 2, 3, 4, 7  # gravity vector layout (V_POLE, V_G: 3 slots)
N_GRAVITY = 10
S_THRUST, S_MDOT, S_TIME, S_DROP = 0, 1, 2, 3               # stage rows of the predictor
PREDICT_STEP_S = 4.0
STEPS_MIN = 6
CONVERGED, NOT_CONVERGED, NO_SOLUTION = 0, 1, 2


@jit(_nrt=False, inline="always")
def vacuum_gravity_hf(grav, r, acc):
    """Gravitational acceleration (m/s^2) of the predictor: point mass with J2 about ``grav[V_POLE]``
    (Vallado 2013, eq. 8-30, the axis a unit vector in the integration frame) or uniform."""
    if int(grav[V_MODE]) == GRAVITY_UNIFORM:
        for i in range(3):
            acc[i] = grav[V_G + i]
        return
    gm, j2, re = grav[V_GM], grav[V_J2], grav[V_RE]
    rn = np.sqrt(r[0] ** 2 + r[1] ** 2 + r[2] ** 2)
    z = (r[0] * grav[V_POLE] + r[1] * grav[V_POLE + 1] + r[2] * grav[V_POLE + 2]) / rn
    k = 1.5 * j2 * (re / rn) ** 2
    radial = -gm / rn ** 3 * (1.0 + k * (1.0 - 5.0 * z * z))
    axial = -gm / rn ** 2 * k * 2.0 * z
    for i in range(3):
        acc[i] = radial * r[i] + axial * grav[V_POLE + i]


@jit(_nrt=False, inline="always")
def predictor_derivative_hf(grav, thrust, mdot, lam, lam_dot, t, y, dy):
    """Vacuum flight with the vector steering law ``lam + lam_dot t`` (``t`` since the solution)."""
    vacuum_gravity_hf(grav, y[0:3], dy[3:6])
    d0 = lam[0] + lam_dot[0] * t
    d1 = lam[1] + lam_dot[1] * t
    d2 = lam[2] + lam_dot[2] * t
    a = thrust / (y[6] * np.sqrt(d0 * d0 + d1 * d1 + d2 * d2))
    dy[3] += a * d0
    dy[4] += a * d1
    dy[5] += a * d2
    for i in range(3):
        dy[i] = y[3 + i]
    dy[6] = -mdot


@jit(_nrt=False, **CALLEE)
def predict_hf(grav, stages, lam, lam_dot, y0, t_go, k, y_stage, y):
    """State ``y`` after ``t_go`` s of guided vacuum flight from ``y0`` through ``stages``
    (``k`` (4, 7) and ``y_stage`` scratch); False when the stages burn out before ``t_go`` (the
    last stage then burns on past its propellant, so that the iteration sees a smooth function)."""
    for i in range(7):
        y[i] = y0[i]
    t = 0.0
    available = 0.0
    last = stages.shape[0] - 1
    for s in range(stages.shape[0]):
        available += stages[s, S_TIME]
        if t >= t_go:
            return True
        duration = t_go - t if s == last else min(stages[s, S_TIME], t_go - t)
        n = max(STEPS_MIN, int(np.ceil(duration / PREDICT_STEP_S)))
        h = duration / n
        thrust, mdot = stages[s, S_THRUST], stages[s, S_MDOT]
        for _ in range(n):
            for stage in range(4):
                if stage == 0:
                    t_stage = t
                    for i in range(7):
                        y_stage[i] = y[i]
                else:
                    c = 1.0 if stage == 3 else 0.5
                    t_stage = t + c * h
                    for i in range(7):
                        y_stage[i] = y[i] + c * h * k[stage - 1, i]
                predictor_derivative_hf(grav, thrust, mdot, lam, lam_dot, t_stage, y_stage, k[stage])
            for i in range(7):
                y[i] += h / 6.0 * (k[0, i] + 2.0 * k[1, i] + 2.0 * k[2, i] + k[3, i])
            t += h
        if t < t_go - 1e-9:
            y[6] -= stages[s, S_DROP]
    return t_go <= available + 1e-9


@jit(_nrt=False, **CALLEE)
def dot3(a, b):
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


@jit(_nrt=False, inline="always")
def cutoff_errors_hf(grav, tg, y, out):
    """The five cut-off conditions' errors (m or m/s; see the module docstring) of state ``y``."""
    r = y[0:3]
    v = y[3:6]
    n = tg[4:7]
    kind = int(tg[0])
    out[3] = dot3(r, n)
    out[4] = dot3(v, n)
    if kind == TARGET_FLAT:
        out[0] = r[2] - tg[1]
        out[1] = v[2] - tg[2]
        out[2] = v[0] - tg[3]
        return
    rn = np.sqrt(dot3(r, r))
    vr = dot3(r, v) / rn
    v2 = dot3(v, v)
    if kind == TARGET_INSERTION:
        out[0] = rn - tg[1]
        out[1] = vr - tg[2]
        out[2] = np.sqrt(max(v2 - vr * vr, 0.0)) - tg[3]
        return
    gm = grav[V_GM]
    speed = np.sqrt(v2)
    out[0] = (0.5 * v2 - gm / rn - tg[1]) / speed
    rv = dot3(r, v)
    e_p = 0.0
    e_q = 0.0
    for i in range(3):
        e_i = ((v2 - gm / rn) * r[i] - rv * v[i]) / gm
        e_p += e_i * tg[7 + i]
        e_q += e_i * tg[10 + i]
    out[1] = (e_p - tg[2]) * speed
    out[2] = (e_q - tg[3]) * speed


@jit(_nrt=False, inline="always")
def max_abs_hf(a):
    """``np.max(np.abs(a))`` of a 1-d array by one loop (the first NaN if there is one)."""
    worst = abs(a[0])
    if np.isnan(worst):
        return worst
    for i in range(1, a.shape[0]):
        v = abs(a[i])
        if np.isnan(v):
            return v
        if v > worst:
            worst = v
    return worst


@jit(_nrt=False, inline="always")
def solve_linear_hf(a, b, x):
    """``x`` with ``a x = b`` (n x n, Gaussian elimination with partial pivoting; ``a``, ``b``
    overwritten); False for a singular matrix."""
    n = b.shape[0]
    for col in range(n):
        piv = col
        for row in range(col + 1, n):
            if abs(a[row, col]) > abs(a[piv, col]):
                piv = row
        if a[piv, col] == 0.0:
            return False
        for j in range(n):
            a[col, j], a[piv, j] = a[piv, j], a[col, j]
        b[col], b[piv] = b[piv], b[col]
        for row in range(col + 1, n):
            f = a[row, col] / a[col, col]
            for j in range(col, n):
                a[row, j] -= f * a[col, j]
            b[row] -= f * b[col]
    for row in range(n - 1, -1, -1):
        s = b[row]
        for j in range(row + 1, n):
            s -= a[row, j] * x[j]
        x[row] = s / a[row, row]
    return True


@jit(_nrt=False, **CALLEE)
def unit3_hf(a, out):
    """``out`` = ``a / |a|`` (``out`` may be ``a``: the norm is taken first)."""
    norm = np.sqrt(dot3(a, a))
    for i in range(3):
        out[i] = a[i] / norm


@jit(_nrt=False, inline="always")
def basis_hf(grav, tg, lam, r_final, basis):
    """Rows of ``basis`` (5, 3): e0 = unit(lam), e1, e2 completing it, w1 (the cut-off radial
    direction, the up axis in the flat case) and w2 (the target plane's normal)."""
    e0, e1, e2, w1, w2 = basis[0], basis[1], basis[2], basis[3], basis[4]
    unit3_hf(lam, e0)
    unit3_hf(tg[4:7], w2)
    if int(grav[V_MODE]) == GRAVITY_UNIFORM:
        w1[0] = 0.0
        w1[1] = 0.0
        w1[2] = 1.0
    else:
        unit3_hf(r_final, w1)
    c = dot3(w1, w2)
    for i in range(3):
        w1[i] -= c * w2[i]
    unit3_hf(w1, w1)
    c = dot3(w1, e0)
    for i in range(3):
        e1[i] = w1[i] - c * e0[i]
    if dot3(e1, e1) < 1e-12:
        for i in range(3):
            e1[i] = w2[i]
    unit3_hf(e1, e1)
    e2[0] = e0[1] * e1[2] - e0[2] * e1[1]
    e2[1] = e0[2] * e1[0] - e0[0] * e1[2]
    e2[2] = e0[0] * e1[1] - e0[1] * e1[0]


@jit(_nrt=False, inline="always")
def guidance_errors_hf(grav, tg, stages, y0, basis, x, ws, out):
    """Cut-off errors for the unknowns ``x`` = (a1, a2, b1, b2, t_go); False if the stages burn
    out first. ``ws``: (lam, lam_dot, k (4, 7), y_stage, y_end)."""
    lam, lam_dot, k, y_stage, y_end = ws
    for i in range(3):
        lam[i] = basis[0, i] + x[0] * basis[1, i] + x[1] * basis[2, i]
        lam_dot[i] = x[2] * basis[3, i] + x[3] * basis[4, i]
    ok = predict_hf(grav, stages, lam, lam_dot, y0, x[4], k, y_stage, y_end)
    cutoff_errors_hf(grav, tg, y_end, out)
    return ok


@jit
def solve_guidance_hf(grav, tg, stages, y0, sol, r_final, max_iter, tol_m, ws, t_lo, t_hi):
    """Re-solve the steering from ``y0``: ``sol`` = (lambda (3), lambda_dot (3), t_go) in (the last
    solution, ``lambda`` at this instant) and out; ``r_final`` the predicted cut-off position in
    and out; the time to go kept within ``[t_lo, t_hi]`` (s). Returns (status, iterations,
    largest error m or m/s)."""
    lam, lam_dot, k, y_stage, y_end = ws
    basis = np.empty((5, 3))
    basis_hf(grav, tg, sol[0:3], r_final, basis)
    x = np.zeros(5)
    x[2] = dot3(sol[3:6], basis[3])
    x[3] = dot3(sol[3:6], basis[4])
    x[4] = min(max(sol[6], t_lo), t_hi)
    f0 = np.empty(5)
    f1 = np.empty(5)
    jac = np.empty((5, 5))
    dx = np.empty(5)
    steps = (1e-6, 1e-6, 1e-8, 1e-8, 1e-3)
    worst = np.inf
    reachable = True
    for it in range(max_iter + 1):
        done = False
        for j in range(-1, 5):
            if j >= 0:
                x[j] += steps[j]
            ok = guidance_errors_hf(grav, tg, stages, y0, basis, x, ws, f0 if j < 0 else f1)
            if j >= 0:
                x[j] -= steps[j]
                for i in range(5):
                    jac[i, j] = (f1[i] - f0[i]) / steps[j]
                continue
            reachable = ok
            for i in range(3):
                r_final[i] = y_end[i]
            worst = max_abs_hf(f0)
            done = worst < tol_m or it == max_iter or x[4] <= 0.0
            if done:
                break
        if done:
            break
        for i in range(5):
            f0[i] = -f0[i]
        if not solve_linear_hf(jac, f0, dx):
            return NO_SOLUTION, it, worst
        scale = min(1.0, 0.3 / max(abs(dx[0]), abs(dx[1]), 1e-300), 0.25 * x[4] / max(abs(dx[4]), 1e-300))
        for j in range(5):
            x[j] += scale * dx[j]
        x[4] = min(max(x[4], t_lo), t_hi)
    for i in range(3):
        sol[i] = basis[0, i] + x[0] * basis[1, i] + x[1] * basis[2, i]
        sol[3 + i] = x[2] * basis[3, i] + x[3] * basis[4, i]
    sol[6] = x[4]
    if not reachable or x[4] <= 0.0:
        return NO_SOLUTION, it, worst
    return (CONVERGED if worst < tol_m else NOT_CONVERGED), it, worst


@jit(_nrt=False)
def cutoff_time_hf(grav, tg, stages, y0, sol, ws, t_lo, t_hi):
    """The time to go (s) at which the held steering ``sol`` meets the cut-off's speed condition
    (energy for ``TARGET_ORBIT``, horizontal speed otherwise), by the secant method from
    ``sol[6]``: the last seconds of a burn, when the steering is no longer re-solved. Each trial
    stays within the stages' burn time and the window ``[t_lo, t_hi]`` of the burn flying (a
    diverging secant step would otherwise ask the predictor for an arbitrarily long flight, or
    one into the next stage)."""
    lam, lam_dot, k, y_stage, y_end = ws
    errors = y_stage[0:5]
    t_max = 0.0
    for i in range(stages.shape[0]):
        t_max += stages[i, S_TIME]
    t_max = min(t_max, t_hi)
    t_a = sol[6]
    t_b = min(sol[6] + 0.1, t_max)
    f_a = 0.0
    for trial in range(9):
        predict_hf(grav, stages, sol[0:3], sol[3:6], y0, t_a if trial == 0 else t_b, k, y_stage, y_end)
        cutoff_errors_hf(grav, tg, y_end, errors)
        f_b = errors[0] if int(tg[0]) == TARGET_ORBIT else errors[2]
        if trial == 0:
            f_a = f_b
            continue
        if f_b == f_a or abs(f_b) < 1e-7:
            break
        t_a, t_b, f_a = t_b, min(max(t_b - f_b * (t_b - t_a) / (f_b - f_a), t_lo, 0.0), t_max), f_b
    return max(t_b, 0.0)
