"""Compiled predictor of a skip entry: the whole remaining flight under a bank-angle profile.

The profile is Lu's (2014, "Entry guidance: a unified method", J. Guid. Control Dyn. 37(3),
§III; FNPEG, Johnson, Lu & Stachowiak, NTRS 20160014029): a bank magnitude linear in the
energy-like variable ``e = mu/r - V^2/2`` (V Earth-relative), from ``sigma0`` now to ``sigma_f`` at
the parachute's energy ``e_f``, clipped to ``[sigma_min, sigma_max]``; its sign follows the same
bank-reversal rule as the flight (:func:`reversal_sign_hf`). The prediction runs through the first
dip, the skip, the coast, the second entry, the parachute's opening and the descent to the
ground, by fixed-step RK4 on :func:`farside.core.atmospheric_flight.flight_derivatives_hf`
(steps: ``G_PRED_STEP_S`` in the atmosphere, ``G_COAST_STEP_S`` while drag is below ``G_COAST_DRAG``,
``G_CHUTE_STEP_S`` under the parachute, cut to RK4's stability limit there; while the parachute
fills, steps of a quarter of its fill time at their mid-step drag area). It leaves the
largest aerodynamic load of the capsule before its parachute (lift and drag, m/s^2, at the steps'
starts) in ``buf[B_PEAK_LOAD]`` of its workspace. A skip that climbs above the atmosphere on an
orbit that cannot come back before the time limit ends there as the skip-out it is
(:func:`skips_out_hf`). Its answer is the
signed range error ``z``: how far
beyond (> 0) or short of (< 0) the target the predicted landing point lies, along the current
great circle to the target.

Guidance parameters ``g`` (slots ``G_*``); the target is a unit vector in the Earth-fixed frame.
"""
import numpy as np

from farside.core.atmospheric_flight import (C_BANK, C_BANK_ACC, C_BANK_RATE, C_CHUTE_AREA, C_E0, C_E_F, C_MODE,
                                             C_SIGMA0, C_SIGMA_F, C_SIGMA_MAX, C_SIGMA_MIN, C_SIGN, R_CEILING_M,
                                             R_ELLIPSOID_A, R_ELLIPSOID_F, R_GM, R_LIFT_FACTOR, R_REF_AREA,
                                             aero_coefficients_hf, earth_fixed_rotation_hf, flight_derivatives_hf,
                                             geodetic_bowring_hf, relative_velocity_hf, rk4_stages_hf)
from farside.core.jit import jit
from farside.core.kepler import time_to_falling_radius_hf

G_SIGMA_F = 0         # rad, bank magnitude at the parachute's energy
G_E_F = 1             # m^2/s^2, e = mu/r - V^2/2 at the parachute
G_CYCLE_S = 2         # guidance period, s
G_PRED_STEP_S = 3     # predictor steps, s: in the atmosphere, in the coast, under the parachute
G_COAST_STEP_S = 4
G_CHUTE_STEP_S = 5
G_COAST_DRAG = 6      # m/s^2: below this drag the predictor takes its coast step
G_FLIGHT_STEP_S = 7   # s, step of the flown trajectory
G_RATE_MAX = 8        # rad/s and rad/s^2: bank rate and acceleration limits
G_ACC_MAX = 9
G_CORRIDOR_0_M = 10   # reversal corridor half-width: CORRIDOR_0 + CORRIDOR_SLOPE * range to go
G_CORRIDOR_SLOPE = 11
G_SIGMA_MIN = 12      # rad, bounds of the bank magnitude
G_SIGMA_MAX = 13
G_FINAL_SPEED = 14    # m/s: below this Earth-relative speed the final phase holds the bank magnitude
G_CHUTE_ALT_M = 15    # m above the ellipsoid: the parachute opens
G_CHUTE_AREA = 16     # m^2, parachute drag area (C_D S)
G_GROUND_M = 17       # m above the ellipsoid: terrain height of the landing zone
G_MAX_ITER = 18       # corrector iterations per guidance cycle
G_TOL_M = 19          # m, range error accepted by the corrector
G_MAX_TIME_S = 20     # s: a prediction longer than this is a skip-out
G_RADIUS_M = 21       # m, radius turning central angles into distances
G_CHUTE_FILL_S = 22   # s, the parachute's drag area grows linearly over this time
G_DRIFT_SPEED = 23    # m/s: under the parachute, below this horizontal speed the descent is vertical
G_TARGET = 24         # three slots: target unit vector, Earth-fixed
G_FLIGHT_COAST_STEP_S = 27  # s, flown step while the drag is below G_COAST_DRAG (ending on guidance cycles)
G_FLIGHT_CHUTE_STEP_S = 28  # s, flown step under the parachute once it has settled (within RK4's stability)
G_CHUTE_SETTLE_S = 29       # s after the parachute opens: flown at G_FLIGHT_STEP_S until then
N_GUIDANCE = 30

B_PEAK_LOAD = 36      # slot of the workspace's buf (after atmospheric_flight's 0..35)
KEPLER_RETURN_MARGIN = 0.98
"""A skip's coast is cut as a skip-out when even 98 % of its two-body return time ends past
``G_MAX_TIME_S``: J2 moves a return time of minutes to an hour by well under 1 %."""

PREDICTED_LANDING = 0
PREDICTED_SKIP_OUT = 1


@jit(_nrt=False, inline="always")
def energy_hf(fa, y, v_rel):
    """``mu/r - V^2/2`` (m^2/s^2) with the Earth-relative speed."""
    r = np.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    return fa.reals[R_GM] / r - 0.5 * (v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)


@jit(_nrt=False, inline="always")
def profile_bank_hf(g, sigma0, e0, e):
    """Bank magnitude (rad) of the linear profile at energy ``e``."""
    span = g[G_E_F] - e0
    x = (e - e0) / span if span != 0.0 else 1.0
    sigma = sigma0 + (g[G_SIGMA_F] - sigma0) * min(max(x, 0.0), 1.0)
    return min(max(sigma, g[G_SIGMA_MIN]), g[G_SIGMA_MAX])


@jit(_nrt=False, inline="always")
def target_geometry_hf(fa, g, buf, tau, y, v_rel):
    """(cross-range m, range to go m) of the target from the state: cross-range positive when
    the target lies left of the Earth-relative velocity's great circle."""
    rot = buf[0:9].reshape((3, 3))
    earth_fixed_rotation_hf(fa, tau, rot)
    rf0 = rot[0, 0] * y[0] + rot[0, 1] * y[1] + rot[0, 2] * y[2]
    rf1 = rot[1, 0] * y[0] + rot[1, 1] * y[1] + rot[1, 2] * y[2]
    rf2 = rot[2, 0] * y[0] + rot[2, 1] * y[1] + rot[2, 2] * y[2]
    vf0 = rot[0, 0] * v_rel[0] + rot[0, 1] * v_rel[1] + rot[0, 2] * v_rel[2]
    vf1 = rot[1, 0] * v_rel[0] + rot[1, 1] * v_rel[1] + rot[1, 2] * v_rel[2]
    vf2 = rot[2, 0] * v_rel[0] + rot[2, 1] * v_rel[1] + rot[2, 2] * v_rel[2]
    n0 = rf1 * vf2 - rf2 * vf1
    n1 = rf2 * vf0 - rf0 * vf2
    n2 = rf0 * vf1 - rf1 * vf0
    nn = np.sqrt(n0 * n0 + n1 * n1 + n2 * n2)
    t = g[G_TARGET:G_TARGET + 3]
    cross = np.arcsin(min(max((n0 * t[0] + n1 * t[1] + n2 * t[2]) / nn, -1.0), 1.0))
    rn = np.sqrt(rf0 * rf0 + rf1 * rf1 + rf2 * rf2)
    cos_s = (rf0 * t[0] + rf1 * t[1] + rf2 * t[2]) / rn
    return g[G_RADIUS_M] * cross, g[G_RADIUS_M] * np.arccos(min(max(cos_s, -1.0), 1.0))


@jit(_nrt=False, inline="always")
def reversal_sign_hf(g, sign, cross_m, range_m):
    """The bank sign after the corridor test: reverse when the target lies outside the corridor
    ``CORRIDOR_0 + CORRIDOR_SLOPE * range`` on the side the lift is turning away from."""
    width = g[G_CORRIDOR_0_M] + g[G_CORRIDOR_SLOPE] * range_m
    if cross_m > width and sign > 0.0:
        return -1.0
    if cross_m < -width and sign < 0.0:
        return 1.0
    return sign


@jit(_nrt=False, inline="always")
def corridor_margin_hf(g, sign, cross_m, range_m):
    """How far (m) the target lies beyond the corridor edge that triggers the next reversal
    (> 0: reverse now)."""
    return sign * cross_m - g[G_CORRIDOR_0_M] - g[G_CORRIDOR_SLOPE] * range_m


@jit(_nrt=False, inline="always")
def central_angle_hf(a, b):
    """Angle (rad) between two vectors, by atan2 of the cross and dot products."""
    c0 = a[1] * b[2] - a[2] * b[1]
    c1 = a[2] * b[0] - a[0] * b[2]
    c2 = a[0] * b[1] - a[1] * b[0]
    return np.arctan2(np.sqrt(c0 * c0 + c1 * c1 + c2 * c2), a[0] * b[0] + a[1] * b[1] + a[2] * b[2])


@jit(_nrt=False, inline="always")
def fixed_position_hf(fa, buf, tau, y, out):
    """Earth-fixed position of ``y`` at ``tau`` into ``out``."""
    rot = buf[0:9].reshape((3, 3))
    earth_fixed_rotation_hf(fa, tau, rot)
    for i in range(3):
        out[i] = rot[i, 0] * y[0] + rot[i, 1] * y[1] + rot[i, 2] * y[2]


@jit(_nrt=False, inline="always")
def chute_area_hf(g, since_open_s):
    """Parachute drag area (m^2) ``since_open_s`` after it opens: linear over the fill time."""
    return g[G_CHUTE_AREA] * min(max(since_open_s / g[G_CHUTE_FILL_S], 0.0), 1.0)


@jit(_nrt=False, inline="always")
def stable_step_hf(fa, buf, v_rel, mass, drag_area, h):
    """``h`` limited to ``0.5 V / a_drag``: RK4 is stable for ``h * 2 a_drag / V < 2.78``
    (drag ~ V^2), and the parachute makes the flight stiff."""
    speed = np.sqrt(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)
    a_drag = 0.5 * buf[30] * speed * speed * drag_area / mass
    return min(h, 0.5 * speed / a_drag) if a_drag > 0.0 else h


@jit(_nrt=False, inline="always")
def capsule_loads_hf(fa, buf, v_rel, mass):
    """(drag, lift and drag) of the vehicle alone (m/s^2) from the atmosphere in ``buf`` (a
    derivative's): the second is the drag times ``sqrt(1 + (L/D)^2)``."""
    if buf[30] <= 0.0:
        return 0.0, 0.0
    speed = np.sqrt(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)
    cd, cl = aero_coefficients_hf(fa, speed / buf[31])
    drag = 0.5 * buf[30] * speed * speed * cd * fa.reals[R_REF_AREA] / mass
    ratio = cl * fa.reals[R_LIFT_FACTOR] / cd
    return drag, drag * np.sqrt(1.0 + ratio * ratio)


@jit(_nrt=False, inline="always")
def predictor_step_hf(fa, g, buf, v_rel, mass, chute_area, chute_step, drag):
    """The predictor's step (s): ``chute_step`` under the parachute (within RK4's stability
    limit), the coast step while the capsule's ``drag`` (m/s^2) is below ``G_COAST_DRAG``, else
    ``G_PRED_STEP_S``."""
    if chute_area > 0.0:
        return stable_step_hf(fa, buf, v_rel, mass, chute_area, chute_step)
    return g[G_COAST_STEP_S] if drag < g[G_COAST_DRAG] else g[G_PRED_STEP_S]


@jit(_nrt=False, inline="always")
def steer_hf(fa, g, buf, v_rel, tau, y, sign, sigma0, e0, hold_bank, control):
    """Set the bank of ``control`` over the next step from ``(tau, y)``: the bank reversal test on
    the cross-range to the target, then the linear profile in energy from ``sigma0`` at ``e0``
    (:func:`profile_control_hf`; ``hold_bank`` >= 0 holds that bank instead); ``v_rel`` receives the
    Earth-relative velocity. Returns the sign and the corridor margin (:func:`corridor_margin_hf`)."""
    rot = buf[0:9].reshape((3, 3))
    earth_fixed_rotation_hf(fa, tau, rot)
    relative_velocity_hf(fa, rot, y[0:3], y[3:6], v_rel)
    cross, rng = target_geometry_hf(fa, g, buf, tau, y, v_rel)
    sign = reversal_sign_hf(g, sign, cross, rng)
    margin = corridor_margin_hf(g, sign, cross, rng)
    profile_control_hf(g, control, sign, hold_bank if hold_bank >= 0.0 else sigma0,
                       hold_bank if hold_bank >= 0.0 else g[G_SIGMA_F], e0)
    return sign, margin


@jit(_nrt=False, inline="always")
def profile_control_hf(g, control, sign, sigma0, sigma_f, e0):
    """``control`` flying the linear profile from ``sigma0`` at ``e0`` to ``sigma_f`` at ``e_f``."""
    control[C_MODE] = 1.0
    control[C_SIGN] = sign
    control[C_SIGMA0] = sigma0
    control[C_SIGMA_F] = sigma_f
    control[C_E0] = e0
    control[C_E_F] = g[G_E_F]
    control[C_SIGMA_MIN] = g[G_SIGMA_MIN]
    control[C_SIGMA_MAX] = g[G_SIGMA_MAX]


@jit(_nrt=False, inline="always")
def step_to_height_hf(y, v_rel, height, level, h):
    """``h`` shortened so that a descent reaches ``level`` on a step boundary (to first order)."""
    r = np.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    descent = -(v_rel[0] * y[0] + v_rel[1] * y[1] + v_rel[2] * y[2]) / r
    above = height - level
    if descent > 0.0 and 0.0 < above < descent * h:
        return max(above / descent, 1e-3)
    return h


@jit(_nrt=False, inline="always")
def ground_point_below_hf(fa, g, buf, out):
    """Earth-fixed point into ``out`` at the terrain height below the Earth-fixed position in
    ``buf[9:12]`` (the last derivative's), along the ellipsoid's normal (Bowring's latitude)."""
    lat, lon, _ = geodetic_bowring_hf(buf[9], buf[10], buf[11], fa.reals[R_ELLIPSOID_A], fa.reals[R_ELLIPSOID_F])
    ground_point_hf(fa, g, lat, lon, out)


@jit(_nrt=False, inline="always")
def ground_point_hf(fa, g, lat, lon, out):
    """Earth-fixed point at geodetic ``lat``, ``lon`` and the terrain height into ``out``."""
    a = fa.reals[R_ELLIPSOID_A]
    e2 = fa.reals[R_ELLIPSOID_F] * (2.0 - fa.reals[R_ELLIPSOID_F])
    s = np.sin(lat)
    n = a / np.sqrt(1.0 - e2 * s * s)
    h = g[G_GROUND_M]
    out[0] = (n + h) * np.cos(lat) * np.cos(lon)
    out[1] = (n + h) * np.cos(lat) * np.sin(lon)
    out[2] = (n * (1.0 - e2) + h) * s


@jit(_nrt=False, inline="always")
def horizontal_speed_hf(y, v_rel):
    """Earth-relative speed across the radius vector, m/s."""
    r = np.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    up = (v_rel[0] * y[0] + v_rel[1] * y[1] + v_rel[2] * y[2]) / r
    return np.sqrt(max(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2 - up * up, 0.0))


@jit(_nrt=False, inline="always")
def range_error_hf(g, here, landing):
    """Signed range error (m): central angle to the landing point minus that to the target."""
    t = g[G_TARGET:G_TARGET + 3]
    return g[G_RADIUS_M] * (central_angle_hf(here, landing) - central_angle_hf(here, t))


@jit(_nrt=False, inline="always")
def skips_out_hf(fa, g, y, elapsed_s):
    """True when the rising state ``y``, above the atmosphere's ceiling everywhere (radius above
    the equatorial radius plus the ceiling), cannot come back down to it on its two-body orbit
    before ``G_MAX_TIME_S`` (``elapsed_s`` already flown; margin ``KEPLER_RETURN_MARGIN``): the
    prediction would end there as a skip-out, so it ends now, classified the same."""
    radius = fa.reals[R_ELLIPSOID_A] + fa.reals[R_CEILING_M]
    if y[0] * y[3] + y[1] * y[4] + y[2] * y[5] <= 0.0 or y[0] ** 2 + y[1] ** 2 + y[2] ** 2 <= radius * radius:
        return False
    return elapsed_s + KEPLER_RETURN_MARGIN * time_to_falling_radius_hf(fa.reals[R_GM], y, radius) > g[G_MAX_TIME_S]


@jit(_nrt=False)
def predict_hf(fa, g, ws, tau0, y0, sigma0, sign0, e0, hold_bank, landing):
    """Fly the profile from ``(tau0, y0)`` to the ground. ``ws`` is a :func:`workspace`;
    ``hold_bank`` >= 0 flies that bank magnitude instead of the profile (the final phase).
    Under the parachute, once the Earth-relative horizontal speed is below ``G_DRIFT_SPEED``,
    the rest of the descent is taken as vertical (no wind: the Coriolis drift of a 10-minute
    descent at terminal speed is under a metre). Returns ``(status, z_m, tau_land)`` and the
    Earth-fixed landing point in ``landing``."""
    p, trig, buf, v_rel, k, y, y_stage, y_new, control, here = ws
    for i in range(7):
        y[i] = y0[i]
    fixed_position_hf(fa, buf, tau0, y0, here)
    tau = tau0
    sign = sign0
    control[C_CHUTE_AREA] = 0.0
    control[C_MODE] = 0.0
    control[C_BANK] = 0.0
    control[C_BANK_RATE] = 0.0
    control[C_BANK_ACC] = 0.0
    tau_open = np.inf
    last_margin, last_tau = 0.0, tau0
    peak = 0.0
    h = 0.0
    while True:
        chute = tau >= tau_open
        if chute:
            h = g[G_CHUTE_STEP_S] if tau - tau_open >= g[G_CHUTE_FILL_S] else 0.25 * g[G_CHUTE_FILL_S]
            control[C_CHUTE_AREA] = chute_area_hf(g, tau - tau_open + 0.5 * h)
            control[C_MODE] = 0.0
            control[C_BANK] = 0.0
            control[C_BANK_RATE] = 0.0
        else:
            old_sign = sign
            sign, margin = steer_hf(fa, g, buf, v_rel, tau, y, sign, sigma0, e0, hold_bank, control)
            margin_rate = (margin - last_margin) / (tau - last_tau) if sign == old_sign and tau > last_tau else 0.0
            last_margin, last_tau = margin, tau
        flight_derivatives_hf(fa, control, p, trig, buf, v_rel, tau, y, k[0])
        drag = 0.0
        if not chute:
            drag, load = capsule_loads_hf(fa, buf, v_rel, y[6])
            peak = max(peak, load)
        buf[B_PEAK_LOAD] = peak
        height = buf[35]
        if height <= g[G_GROUND_M] or (chute and tau - tau_open > g[G_CHUTE_FILL_S]
                                       and horizontal_speed_hf(y, v_rel) < g[G_DRIFT_SPEED]):
            ground_point_below_hf(fa, g, buf, landing)
            return PREDICTED_LANDING, range_error_hf(g, here, landing), tau
        if not chute and height < g[G_CHUTE_ALT_M]:
            tau_open = tau
            continue
        h = predictor_step_hf(fa, g, buf, v_rel, y[6], control[C_CHUTE_AREA], h, drag)
        if not chute:
            h = step_to_height_hf(y, v_rel, height, g[G_CHUTE_ALT_M], h)
            if margin < 0.0 and margin + margin_rate * h > 0.0:
                h = max(-margin / margin_rate, 1e-3)
        rk4_stages_hf(fa, control, p, trig, buf, v_rel, tau, y, h, k, y_stage, y_new, np.int64(1), np.int64(4))
        tau += h
        for i in range(7):
            y[i] = y_new[i]
        if tau - tau0 > g[G_MAX_TIME_S] or (not chute and skips_out_hf(fa, g, y, tau - tau0)):
            fixed_position_hf(fa, buf, tau, y, landing)
            return PREDICTED_SKIP_OUT, np.inf, tau


def workspace(degree: int):
    """Scratch arrays of :func:`predict_hf` for a field of ``degree`` (-1: point mass)."""
    from farside.core.atmospheric_flight import BUF_SIZE, N_CONTROLS
    d = max(degree, 1)
    return (np.empty((d + 3, d + 3)), np.empty((2, d + 1)), np.zeros(BUF_SIZE), np.empty(3), np.empty((4, 7)),
            np.empty(7), np.empty(7), np.empty(7), np.zeros(N_CONTROLS), np.empty(3))
