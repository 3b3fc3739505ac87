"""Compiled guided skip entry: predictor-corrector guidance, bank actuator and the flown trajectory.

Each guidance cycle (``G_CYCLE_S``) the corrector solves ``z(sigma0) = 0`` for the initial bank
magnitude of the linear profile (:mod:`farside.core.entry_predictor`) by the secant method from
the last solution (Lu 2014, §III.B; FNPEG runs it at 1 Hz), at most ``G_MAX_ITER`` predictions a
cycle, keeping the slope between cycles; the cycle's command is one more secant step from its last
prediction, which the next cycle's first prediction checks (:func:`correct_hf`), and that first
prediction with the cycle before's last renews the slope, so that one prediction a cycle keeps
iterating. The first cycle brackets the root by a scan of ``sigma0`` every 10 deg (the skip makes
``z`` steep and one-sided near the skip-out boundary); its last bracket gives the first slope.
Below ``G_FINAL_SPEED`` the final phase flies the last solution's profile, no longer corrected
(the range left is short and its sensitivity to the bank small), down to the parachute, the
reversals still running. The bank follows its command within rate and
acceleration limits (a bang-bang approach that brakes in time: ``|rate| <= sqrt(2 a |error|)``);
a reversal goes through lift-up, the shorter way.

Each cycle also updates fading-memory estimates of the flown density over the predictor's and of
the flown lift over its model's (:mod:`farside.core.entry_estimation`), by which the predictor
scales its USSA76 and its lift coefficient.

The flown trajectory is RK4 on the flight model given (the "truth", NRLMSIS above its switch
altitude) while the predictor flies its own (USSA76): at ``G_FLIGHT_STEP_S``, at
``G_FLIGHT_COAST_STEP_S`` while the drag is below ``G_COAST_DRAG`` and under the parachute once
settled (:func:`flight_step_hf`; within centimetres of the fine steps, tests), one derivative a
step besides RK4's three (the control is set for the step's start before it); each step is
recorded: ``H_*`` columns of the history.
"""
import numpy as np

from farside.core.atmospheric_flight import (C_BANK, C_BANK_ACC, C_BANK_RATE, C_CHUTE_AREA, C_MODE, C_TAU0,
                                             bank_angle_hf, earth_fixed_rotation_hf, relative_velocity_hf,
                                             rk4_stages_hf)
from farside.core.entry_estimation import sensed_aerodynamics_hf, update_estimates_hf
from farside.core.entry_predictor import (G_ACC_MAX, G_CHUTE_ALT_M, G_CHUTE_SETTLE_S, G_COAST_DRAG, G_CYCLE_S,
                                          G_FINAL_SPEED, G_FLIGHT_CHUTE_STEP_S, G_FLIGHT_COAST_STEP_S,
                                          G_FLIGHT_STEP_S, G_GROUND_M, G_MAX_ITER, G_MAX_TIME_S, G_RATE_MAX,
                                          G_SIGMA_F, G_SIGMA_MAX, G_SIGMA_MIN, G_TOL_M, PREDICTED_LANDING,
                                          capsule_loads_hf, chute_area_hf, energy_hf, predict_hf, profile_bank_hf,
                                          profile_control_hf, reversal_sign_hf, stable_step_hf, step_to_height_hf,
                                          target_geometry_hf)
from farside.core.jit import jit

H_TAU, H_Y, H_F = 0, 1, 8          # time since the start (s), state (7), derivative (7)
H_BANK, H_BANK_CMD, H_CHUTE = 15, 16, 17
H_RHO, H_SOUND, H_LAT, H_LON, H_HEIGHT, H_SPEED = 18, 19, 20, 21, 22, 23
H_PHASE, H_MISS, H_PREDICTIONS = 24, 25, 26
N_HISTORY = 27

PHASE_PREDICTOR, PHASE_FINAL, PHASE_CHUTE = 0, 1, 2
SKIP_OUT_Z = 1e7
"""m: the range error given to a prediction that skips out."""
MAX_SLOPE = -1e3
"""m/rad: the flattest slope dz/dsigma0 the secant takes (z falls as the bank grows)."""
NO_SLOPE = -1e6
"""m/rad: the slope when none is known (a cautious first step)."""
SECANT_MIN_STEP = 1e-3
"""rad: two predictions closer than this in sigma0 do not renew the slope."""
LANDED, TIMED_OUT = 0, 1


@jit(_nrt=False, inline="always")
def bank_actuator_hf(g, bank, rate, command, dt):
    """(bank, rate) after ``dt`` toward ``command`` (rad) within the rate and acceleration limits."""
    error = command - bank
    a_max = g[G_ACC_MAX]
    wanted = np.sign(error) * min(g[G_RATE_MAX], np.sqrt(2.0 * a_max * abs(error)))
    change = min(max(wanted - rate, -a_max * dt), a_max * dt)
    new_rate = rate + change
    new_bank = bank + 0.5 * (rate + new_rate) * dt
    if (command - new_bank) * error <= 0.0:
        return command, 0.0
    return new_bank, new_rate


@jit(_nrt=False, inline="always")
def scan_hf(fa_pred, g, ws, tau, y, sign, e0, landing):
    """``sigma0`` at the first sign change of ``z`` from long (or skipping out) to short in a
    10-deg scan, refined by regula falsi (bisection while the long end skips out: the shortest
    skip that still lands is then the answer and the closed loop finds the rest of the range);
    (sigma0, z, slope of the last bracket (:func:`bracket_slope_hf`), found)."""
    lo_s, lo_z = -1.0, 0.0
    n = 19
    for i in range(n):
        s = g[G_SIGMA_MIN] + (g[G_SIGMA_MAX] - g[G_SIGMA_MIN]) * i / (n - 1)
        status, z, _ = predict_hf(fa_pred, g, ws, tau, y, s, sign, e0, -1.0, landing)
        if status == PREDICTED_LANDING and z <= 0.0 and lo_s >= 0.0:
            hi_s, hi_z = s, z
            for _ in range(30):
                if lo_z >= SKIP_OUT_Z:
                    mid = 0.5 * (lo_s + hi_s)
                else:
                    mid = lo_s - lo_z * (hi_s - lo_s) / (hi_z - lo_z)
                status, zm, _ = predict_hf(fa_pred, g, ws, tau, y, mid, sign, e0, -1.0, landing)
                if status != PREDICTED_LANDING or zm > 0.0:
                    lo_s, lo_z = mid, (zm if status == PREDICTED_LANDING else SKIP_OUT_Z)
                else:
                    hi_s, hi_z = mid, zm
                if abs(zm) < g[G_TOL_M]:
                    return mid, zm, bracket_slope_hf(lo_s, lo_z, hi_s, hi_z), True
            return hi_s, hi_z, bracket_slope_hf(lo_s, lo_z, hi_s, hi_z), True
        if status == PREDICTED_LANDING and z > 0.0:
            lo_s, lo_z = s, z
        elif status != PREDICTED_LANDING:
            lo_s, lo_z = s, SKIP_OUT_Z
    return 0.0, 0.0, NO_SLOPE, False


@jit(_nrt=False, inline="always")
def bracket_slope_hf(lo_s, lo_z, hi_s, hi_z):
    """dz/dsigma0 (m/rad) of the scan's last bracket, or ``NO_SLOPE`` when its long end skips out."""
    if lo_z >= SKIP_OUT_Z or hi_s == lo_s:
        return NO_SLOPE
    return min((hi_z - lo_z) / (hi_s - lo_s), MAX_SLOPE)


@jit(_nrt=False, inline="always")
def secant_step_hf(g, sigma, z, slope):
    """``sigma - z / slope`` with the step held to 20 deg and the result to the bank bounds."""
    step = min(max(-z / slope, -0.35), 0.35)
    return min(max(sigma + step, g[G_SIGMA_MIN]), g[G_SIGMA_MAX])


@jit(_nrt=False, inline="always")
def renewed_slope_hf(slope, sigma, z, last_sigma, last_z):
    """The secant's slope (m/rad) from two predictions, ``(sigma, z)`` now and ``(last_sigma,
    last_z)`` the last of the cycle before (one guidance period apart, the range error moves
    little between them), where they are ``SECANT_MIN_STEP`` apart, both land and the slope is
    steeper than ``MAX_SLOPE``; else ``slope`` as it is."""
    if abs(sigma - last_sigma) < SECANT_MIN_STEP or z >= SKIP_OUT_Z or last_z >= SKIP_OUT_Z:
        return slope
    estimate = (z - last_z) / (sigma - last_sigma)
    return estimate if estimate < MAX_SLOPE else slope


@jit(_nrt=False, inline="always")
def correct_hf(fa_pred, g, ws, tau, y, sign, e0, sigma, slope, last_sigma, last_z, landing):
    """Secant iterations on ``sigma0`` from ``sigma`` while ``|z|`` exceeds the tolerance, at most
    ``G_MAX_ITER`` predictions, then one more secant step from the last prediction, flown without
    its own prediction: the next cycle's first prediction checks it, so the iteration goes on
    across cycles and a cycle within the tolerance costs one prediction. The first prediction,
    paired with the cycle before's last (``last_sigma``, ``last_z``), renews the slope
    (:func:`renewed_slope_hf`): with one prediction a cycle the slope is so kept current.
    Returns (sigma0, z of the last prediction, slope, predictions, sigma0 of the last prediction)."""
    status, z, _ = predict_hf(fa_pred, g, ws, tau, y, sigma, sign, e0, -1.0, landing)
    z = z if status == PREDICTED_LANDING else SKIP_OUT_Z
    slope = renewed_slope_hf(slope, sigma, z, last_sigma, last_z)
    count = 1
    for _ in range(int(g[G_MAX_ITER]) - 1):
        if abs(z) < g[G_TOL_M]:
            break
        s_new = secant_step_hf(g, sigma, z, slope)
        if s_new == sigma:
            break
        status, z_new, _ = predict_hf(fa_pred, g, ws, tau, y, s_new, sign, e0, -1.0, landing)
        z_new = z_new if status == PREDICTED_LANDING else SKIP_OUT_Z
        count += 1
        if z_new != z and status == PREDICTED_LANDING:
            slope = min((z_new - z) / (s_new - sigma), MAX_SLOPE)
        sigma, z = s_new, z_new
    return secant_step_hf(g, sigma, z, slope), z, slope, count, sigma


@jit(_nrt=False, inline="always")
def flight_step_hf(fa, g, buf, v_rel, y, height, chute_area, since_open_s, to_cycle_s):
    """The flown step (s): ``G_FLIGHT_STEP_S``; while the capsule's drag is below
    ``G_COAST_DRAG``, ``G_FLIGHT_COAST_STEP_S`` ended on the next guidance cycle (``to_cycle_s``
    away); under the parachute (``since_open_s`` >= 0), ``G_FLIGHT_CHUTE_STEP_S`` once it has
    settled (``G_CHUTE_SETTLE_S``), within RK4's stability limit; ended on the parachute's height
    and on the ground."""
    dt = g[G_FLIGHT_STEP_S]
    if since_open_s < 0.0:
        drag, _ = capsule_loads_hf(fa, buf, v_rel, y[6])
        if drag < g[G_COAST_DRAG]:
            dt = max(min(g[G_FLIGHT_COAST_STEP_S], to_cycle_s), dt)
        return step_to_height_hf(y, v_rel, height, g[G_CHUTE_ALT_M], dt)
    if since_open_s >= g[G_CHUTE_SETTLE_S]:
        dt = max(g[G_FLIGHT_CHUTE_STEP_S], dt)
    h = stable_step_hf(fa, buf, v_rel, y[6], chute_area, dt)
    return step_to_height_hf(y, v_rel, height, g[G_GROUND_M], h)


@jit(_nrt=False, inline="always")
def record_hf(fa, row, tau, y, dy, control, command, buf, speed, phase, miss, predictions):
    row[H_TAU] = tau
    for i in range(7):
        row[H_Y + i] = y[i]
        row[H_F + i] = dy[i]
    row[H_BANK] = bank_angle_hf(fa.reals, control, tau, y, speed)
    row[H_BANK_CMD] = command
    row[H_CHUTE] = control[C_CHUTE_AREA]
    row[H_RHO] = buf[30]
    row[H_SOUND] = buf[31]
    row[H_LAT] = buf[33]
    row[H_LON] = buf[34]
    row[H_HEIGHT] = buf[35]
    row[H_SPEED] = speed
    row[H_PHASE] = phase
    row[H_MISS] = miss
    row[H_PREDICTIONS] = predictions


@jit(_nrt=False, inline="always")
def guidance_cycle_hf(fa_pred, g, ws, tau, y, v_rel, buf, state, landing, lift, drag):
    """One cycle: reversal test, then the corrector (or the final phase's frozen profile). ``state`` holds
    (sign, sigma0, slope, phase, e0 of the last solution, miss, predictions, started, frozen, frozen
    sigma0, frozen e0, sigma0 of the last prediction); returns the bank command. A frozen profile keeps its ``sigma0`` and ``e0``:
    no correction (the final phase freezes the last solution)."""
    speed = np.sqrt(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)
    update_estimates_hf(fa_pred, ws, tau, y, speed, buf[30], lift, drag)
    cross, rng = target_geometry_hf(fa_pred, g, buf, tau, y, v_rel)
    state[0] = reversal_sign_hf(g, state[0], cross, rng)
    e0 = energy_hf(fa_pred, y, v_rel)
    if state[3] == PHASE_PREDICTOR and speed < g[G_FINAL_SPEED] and state[8] == 0.0:
        state[3] = PHASE_FINAL
        state[8] = 1.0
        state[9] = state[1]
        state[10] = state[4]
    if state[8] > 0.0:
        state[1] = profile_bank_hf(g, state[9], state[10], e0)
        return state[0] * state[1]
    if state[7] == 0.0:
        sigma, z, slope, found = scan_hf(fa_pred, g, ws, tau, y, state[0], e0, landing)
        state[7] = 1.0 if found else -1.0
        state[1] = sigma
        state[2] = slope if slope != NO_SLOPE else state[2]
        state[4] = e0
        state[5] = z
        state[6] += 1.0
        state[11] = sigma
        return state[0] * sigma
    sigma, z, slope, count, last = correct_hf(fa_pred, g, ws, tau, y, state[0], e0, state[1], state[2], state[11],
                                              state[5], landing)
    state[1] = sigma
    state[4] = e0
    state[2] = slope
    state[5] = z
    state[6] += count
    state[11] = last
    return state[0] * min(max(sigma, g[G_SIGMA_MIN]), g[G_SIGMA_MAX])


@jit
def fly_hf(fa, fa_pred, g, ws, y0, sign0, slope0, frozen_sigma0):
    """Fly from ``y0`` (``tau = 0``) to the ground under guidance, or, with ``frozen_sigma0`` >= 0,
    exactly on that profile anchored at the start's energy, with the sign ``sign0`` (no
    correction, no reversal, no actuator: the reference the predictor is checked against).
    Returns ``(status, history, n_rows, reachable)``: ``reachable`` False when the first cycle
    found no bank profile that lands on the target (the flight is then not flown)."""
    p, trig, buf, v_rel, k, _, y_stage, y_new, control, here = ws
    dt = g[G_FLIGHT_STEP_S]
    capacity = int(g[G_MAX_TIME_S] / dt) + 4
    history = np.empty((capacity, N_HISTORY))
    pred_ws = (np.empty_like(p), np.empty_like(trig), np.zeros_like(buf), np.empty(3), np.empty((4, 7)),
               np.empty(7), np.empty(7), np.empty(7), np.zeros_like(control), np.empty(3))
    landing = np.empty(3)
    sensed = np.empty(3)
    state = np.array([sign0, 0.0, slope0, PHASE_PREDICTOR, 0.0, 0.0, 0.0, 0.0, 0.0, frozen_sigma0, 0.0, 0.0])
    y = y0.copy()
    tau, bank, rate, command = 0.0, 0.0, 0.0, 0.0
    next_cycle, tau_open = 0.0, np.inf
    for i in range(control.shape[0]):
        control[i] = 0.0
    if frozen_sigma0 >= 0.0:
        rot = buf[0:9].reshape((3, 3))
        earth_fixed_rotation_hf(fa, tau, rot)
        relative_velocity_hf(fa, rot, y[0:3], y[3:6], v_rel)
        state[8] = 1.0
        state[10] = energy_hf(fa, y, v_rel)
        bank = sign0 * frozen_sigma0
        profile_control_hf(g, control, sign0, frozen_sigma0, g[G_SIGMA_F], state[10])
    for n in range(capacity):
        chute = tau >= tau_open
        if chute:
            control[C_CHUTE_AREA] = chute_area_hf(g, tau - tau_open)
        elif frozen_sigma0 < 0.0:
            control[C_MODE] = 0.0
            control[C_BANK] = bank
            control[C_TAU0] = tau
        rk4_stages_hf(fa, control, p, trig, buf, v_rel, tau, y, 0.0, k, y_stage, y_new, np.int64(0), np.int64(1))
        if chute:
            state[3] = PHASE_CHUTE
            command = 0.0
        elif tau >= next_cycle - 1e-9:
            lift, drag = sensed_aerodynamics_hf(fa, p, trig, buf, y, k[0], v_rel, sensed)
            command = guidance_cycle_hf(fa_pred, g, pred_ws, tau, y, v_rel, buf, state, landing, lift, drag)
            if state[7] < 0.0:
                return TIMED_OUT, history, 0, False
            next_cycle += g[G_CYCLE_S]
        height = buf[35]
        h = flight_step_hf(fa, g, buf, v_rel, y, height, control[C_CHUTE_AREA], tau - tau_open if chute else -1.0,
                           next_cycle - tau)
        new_bank, new_rate = bank_actuator_hf(g, bank, rate, command, h)
        if chute or frozen_sigma0 < 0.0:
            control[C_MODE] = 0.0
            control[C_BANK] = bank
            control[C_TAU0] = tau
            control[C_BANK_RATE] = rate
            control[C_BANK_ACC] = 2.0 * (new_bank - bank - rate * h) / (h * h)
        speed = np.sqrt(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)
        record_hf(fa, history[n], tau, y, k[0], control, command, buf, speed, state[3], state[5], state[6])
        if height - g[G_GROUND_M] < 1e-3:
            return LANDED, history, n + 1, True
        if not chute and height - g[G_CHUTE_ALT_M] < 1e-3:
            tau_open = tau
        rk4_stages_hf(fa, control, p, trig, buf, v_rel, tau, y, h, k, y_stage, y_new, np.int64(1), np.int64(4))
        tau += h
        for i in range(7):
            y[i] = y_new[i]
        bank, rate = new_bank, new_rate
    return TIMED_OUT, history, capacity, True
