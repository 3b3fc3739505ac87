"""Compiled 3-DOF launch-vehicle flight: thrust along a commanded direction and axial drag, joined
to the Earth, gravity and atmosphere of :mod:`farside.core.atmospheric_flight`.

State ``y = (x, y, z, vx, vy, vz, mass)`` (m, m/s, kg; GCRF axes, Earth-centred), time ``tau`` in
seconds since the flight arrays' reference epoch, as in :mod:`farside.core.atmospheric_flight`.

Engines: rows of ``engines`` (N_ENGINE_COLS columns): vacuum thrust (N), nozzle exit area (m^2),
mass flow (kg/s) and an on/off flag. An engine's thrust at ambient pressure ``p_a`` is
``F = F_vac - p_a A_exit`` (the pressure-thrust term of the rocket thrust equation, Sutton &
Biblarz 2017, *Rocket Propulsion Elements*, 9th ed., eq. 2-14), never below zero; the mass flow
is the vacuum one (the propellant flow does not depend on the back pressure of a choked nozzle).

Drag: axial, along ``-v_rel`` (zero angle of attack: a gravity turn flies the vehicle along its
Earth-relative velocity), ``D = q C_A(M) S`` with ``C_A`` from a table in Mach number (linear,
clamped at its ends) and the reference area ``S`` of the configuration flying.

Steering (``control[K_MODE]``): ``MODE_COAST`` no thrust; ``MODE_PITCH_PROGRAM`` the thrust
tilted from the local geodetic vertical by ``kick * clamp((tau - t0) / (t1 - t0))`` toward the
azimuth ``K_AZ`` (a vertical rise until ``t0``, then the pitch-over); ``MODE_ALONG_V_REL`` along
the Earth-relative velocity (the zero-lift gravity turn); ``MODE_VECTOR_LAW`` along
``lambda + lambda_dot (tau - tau_lambda)``, the linear-tangent vector law of powered explicit
guidance (McHenry et al. 1979, J. Spacecraft Rockets 16(3):171).
"""
import numpy as np

from farside.core.atmospheric_flight import (B_DENSITY, B_HEIGHT, B_LAT, B_LON, B_PRESSURE, B_SOUND_SPEED,
                                            flight_state_hf, gravity_hf, relative_velocity_hf, table_hf)
from farside.core.jit import jit

E_F_VAC, E_A_EXIT, E_MDOT, E_ON = 0, 1, 2, 3
N_ENGINE_COLS = 4

MODE_COAST, MODE_PITCH_PROGRAM, MODE_ALONG_V_REL, MODE_VECTOR_LAW = 0, 1, 2, 3
K_MODE, K_KICK, K_AZ, K_T0, K_T1, K_AREA = 0, 1, 2, 3, 4, 5
K_LAMBDA = 6        # 3 slots
K_LAMBDA_DOT = 9    # 3 slots
K_TAU_LAMBDA = 12
N_CONTROLS = 13

# auxiliary outputs of launch_derivatives_hf
A_THRUST, A_DRAG, A_Q, A_MACH, A_PRESSURE, A_HEIGHT, A_LAT, A_LON, A_SPEED_REL, A_MDOT = range(10)
A_THRUST_DIR = 10   # 3 slots, GCRF unit vector
A_AXIAL_ACC, A_NORMAL_ACC, A_ALPHA = 13, 14, 15
"""Sensed acceleration ``(T u - D v_rel / |v_rel|) / m`` (m/s^2) along the vehicle's axis ``u`` (the
thrust direction; the Earth-relative velocity when the engines are off) and normal to it, and the
angle of attack (rad) between the axis and the Earth-relative velocity."""
N_AUX = 16


@jit(_nrt=False, inline="always")
def thrust_hf(engines, pressure_pa):
    """(thrust N, mass flow kg/s) of the engines that are on, at ambient ``pressure_pa``."""
    force = 0.0
    mdot = 0.0
    for i in range(engines.shape[0]):
        if engines[i, E_ON] > 0.0:
            force += max(engines[i, E_F_VAC] - pressure_pa * engines[i, E_A_EXIT], 0.0)
            mdot += engines[i, E_MDOT]
    return force, mdot


@jit(_nrt=False, inline="always")
def pitch_program_direction_hf(control, tau, rot, lat, lon, out):
    """GCRF unit thrust direction of the vertical rise and pitch-over (see the module docstring)."""
    t0 = control[K_T0]
    t1 = control[K_T1]
    frac = 0.0 if tau <= t0 else (1.0 if tau >= t1 else (tau - t0) / (t1 - t0))
    theta = control[K_KICK] * frac
    az = control[K_AZ]
    sl, cl, so, co = np.sin(lat), np.cos(lat), np.sin(lon), np.cos(lon)
    ct, st, sa, ca = np.cos(theta), np.sin(theta), np.sin(az), np.cos(az)
    d0 = ct * cl * co + st * (-sa * so - ca * sl * co)
    d1 = ct * cl * so + st * (sa * co - ca * sl * so)
    d2 = ct * sl + st * ca * cl
    for i in range(3):
        out[i] = rot[0, i] * d0 + rot[1, i] * d1 + rot[2, i] * d2


@jit(_nrt=False, inline="always")
def thrust_direction_hf(control, tau, rot, lat, lon, v_rel, out):
    """GCRF unit thrust direction commanded by ``control`` at ``tau`` into ``out``."""
    mode = int(control[K_MODE])
    if mode == MODE_PITCH_PROGRAM:
        pitch_program_direction_hf(control, tau, rot, lat, lon, out)
        return
    if mode == MODE_ALONG_V_REL:
        for i in range(3):
            out[i] = v_rel[i]
    else:
        dt = tau - control[K_TAU_LAMBDA]
        for i in range(3):
            out[i] = control[K_LAMBDA + i] + dt * control[K_LAMBDA_DOT + i]
    norm = np.sqrt(out[0] ** 2 + out[1] ** 2 + out[2] ** 2)
    for i in range(3):
        out[i] /= norm


@jit(_nrt=False)
def launch_derivatives_hf(fa, engines, cd_mach, cd_table, control, p, trig, buf, v_rel, tau, y, dy, aux):
    """``dy = f(tau, y)`` of the launch vehicle under ``control``; scratch as
    :func:`farside.core.atmospheric_flight.flight_derivatives_hf`; ``aux`` (N_AUX,) receives the
    thrust (N), drag (N), dynamic pressure (Pa), Mach, ambient pressure (Pa), height (m), geodetic
    latitude and longitude (rad), Earth-relative speed (m/s), mass flow (kg/s), thrust direction,
    the axial and normal sensed accelerations (m/s^2) and the angle of attack (rad)."""
    r = y[0:3]
    v = y[3:6]
    mass = y[6]
    flight_state_hf(fa, buf, tau, r)
    rot = buf[0:9].reshape((3, 3))
    acc = dy[3:6]
    gravity_hf(fa, p, trig, rot, buf[9:12], r, buf, acc)
    relative_velocity_hf(fa, rot, r, v, v_rel)
    rho, sound, pressure = buf[B_DENSITY], buf[B_SOUND_SPEED], buf[B_PRESSURE]
    speed = np.sqrt(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)
    mach = speed / sound
    q = 0.5 * rho * speed * speed
    drag = q * table_hf(cd_mach, cd_table, mach) * control[K_AREA] if speed > 0.0 else 0.0
    force, mdot = (0.0, 0.0) if int(control[K_MODE]) == MODE_COAST else thrust_hf(engines, pressure)
    u = aux[A_THRUST_DIR:A_THRUST_DIR + 3]
    if force > 0.0:
        thrust_direction_hf(control, tau, rot, buf[B_LAT], buf[B_LON], v_rel, u)
    else:
        u[:] = 0.0
    for i in range(3):
        acc[i] += force / mass * u[i] - (drag / mass * v_rel[i] / speed if speed > 0.0 else 0.0)
        dy[i] = v[i]
    dy[6] = -mdot if force > 0.0 else 0.0
    aux[A_THRUST] = force
    aux[A_DRAG] = drag
    aux[A_Q] = q
    aux[A_MACH] = mach
    aux[A_PRESSURE] = pressure
    aux[A_HEIGHT] = buf[B_HEIGHT]
    aux[A_LAT] = buf[B_LAT]
    aux[A_LON] = buf[B_LON]
    aux[A_SPEED_REL] = speed
    aux[A_MDOT] = dy[6]
    loads_hf(force, drag, mass, u, v_rel, speed, aux)


@jit(_nrt=False, inline="always")
def loads_hf(force, drag, mass, u, v_rel, speed, aux):
    """The axial and normal sensed accelerations and the angle of attack into ``aux`` (see
    ``A_AXIAL_ACC``): the drag along ``-v_rel`` splits into ``D cos(alpha)`` on the axis and
    ``D sin(alpha)`` across it."""
    cos_alpha = 1.0
    if force > 0.0 and speed > 0.0:
        cos_alpha = (u[0] * v_rel[0] + u[1] * v_rel[1] + u[2] * v_rel[2]) / speed
        cos_alpha = min(max(cos_alpha, -1.0), 1.0)
    sin_alpha = np.sqrt(1.0 - cos_alpha * cos_alpha)
    aux[A_AXIAL_ACC] = (force - drag * cos_alpha) / mass
    aux[A_NORMAL_ACC] = drag * sin_alpha / mass
    aux[A_ALPHA] = np.arccos(cos_alpha)


@jit(_nrt=False, inline="always")
def launch_rk4_step_hf(fa, engines, cd_mach, cd_table, control, ws, tau, y, h, y_new, f_new, aux):
    """One classical Runge-Kutta step of size ``h`` from ``(tau, y)``: ``y_new`` and its derivative
    ``f_new`` (with ``aux`` at the new point). ``ws``: (p, trig, buf, v_rel, k (4, 7), y_stage).
    The four stages and the new point's derivative in one loop: one call site of the derivative."""
    p, trig, buf, v_rel, k, y_stage = ws
    n = y.shape[0]
    for stage in range(5):
        if stage == 0:
            t = tau
            for i in range(n):
                y_stage[i] = y[i]
        elif stage < 4:
            c = 1.0 if stage == 3 else 0.5
            t = tau + c * h
            for i in range(n):
                y_stage[i] = y[i] + c * h * k[stage - 1, i]
        else:
            t = tau + h
            for i in range(n):
                y_new[i] = y[i] + h / 6.0 * (k[0, i] + 2.0 * k[1, i] + 2.0 * k[2, i] + k[3, i])
                y_stage[i] = y_new[i]
        launch_derivatives_hf(fa, engines, cd_mach, cd_table, control, p, trig, buf, v_rel, t, y_stage,
                              k[stage] if stage < 4 else f_new, aux)


H_TAU, H_Y, H_F, H_AUX = 0, 1, 8, 15
N_HISTORY = H_AUX + N_AUX


@jit(_nrt=False)
def integrate_hf(fa, engines, cd_mach, cd_table, control, ws, tau, y, tau_end, h_max, history, n, heat_flux_stop):
    """RK4 steps of at most ``h_max`` from ``(tau, y)`` (``y`` updated in place) to ``tau_end``,
    each new node appended to ``history`` (rows of N_HISTORY: tau, y, f, aux) from row ``n``.
    Stops early after the first step whose free-molecular heat flux ``q v`` (W/m^2) is below
    ``heat_flux_stop`` (< 0: never). Returns (tau, rows used). The step writes its new node into
    its row of ``history``: nothing is allocated, and the kernel compiles without reference
    counting."""
    while tau < tau_end - 1e-9:
        if n >= history.shape[0]:
            return tau, -1
        h = min(h_max, tau_end - tau)
        row = history[n]
        aux = row[H_AUX:H_AUX + N_AUX]
        launch_rk4_step_hf(fa, engines, cd_mach, cd_table, control, ws, tau, y, h, row[H_Y:H_Y + 7],
                           row[H_F:H_F + 7], aux)
        tau += h
        for i in range(7):
            y[i] = row[H_Y + i]
        row[H_TAU] = tau
        n += 1
        if aux[A_Q] * aux[A_SPEED_REL] < heat_flux_stop:
            break
    return tau, n
