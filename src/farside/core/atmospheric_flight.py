"""Compiled 3-DOF atmospheric flight over the rotating, oblate Earth: state derivative.

State ``y = (x, y, z, vx, vy, vz, mass)`` in m, m/s, kg: inertial (GCRF axes) position and
velocity relative to the Earth's centre. Time ``tau``: seconds since the reference epoch
``reals[R_T_REF]`` (TDB seconds past J2000) at which ``frame0`` is the GCRF -> ITRF93 rotation.
Over a flight of an hour the Earth-fixed frame is ``R(tau) = R3(w tau) frame0`` with ``w`` the rate of
the Earth rotation angle (IERS Conventions 2010, eq. 5.15), about the ITRF z axis: after an hour
it is 6e-7 rad (4 m on the ground) from farside's ITRF93, mostly because the true rotation pole
is offset from that axis by polar motion (tests).

Terms: gravity as a point mass or a spherical-harmonic field in the Earth-fixed frame
(EGM2008 to degree 4 carries J2..J4); aerodynamics on the Earth-relative velocity
``v - w x r`` (the atmosphere turns with the Earth, Vallado 2013, §8.6.2): drag along ``-v_rel``
and lift perpendicular to it, rotated by the commanded bank angle about ``v_rel`` from the
vertical plane (Vinh, Busemann & Culp 1980, *Hypersonic and Planetary Entry Flight Mechanics*,
ch. 2); a parachute adds a drag area and suppresses the lift. Coefficients of the trimmed
vehicle come from a table in Mach number (linear interpolation, clamped at its ends). The
atmosphere: exponential, USSA76, NRLMSIS 2.1 over USSA76, or USSA76 tabulated (``table``); the
height above the ellipsoid geodetic (Bowring) or, cheaper, along the radius.

The derivative and the functions it calls per evaluation are inlined into their callers
(``inline="always"``): numba passes the FlightArrays tuple by value, ~200 words a call, which
cost more than the arithmetic; the leaves take only the arrays they need. The NRLMSIS and
spherical-harmonic branches are called instead (their own cost dwarfs the call's), so each copy
of the inlined derivative compiles without them; :func:`rk4_stages_hf` holds the one copy that
the entry's kernels share.

``control``: the commanded attitude over a step, the bank angle a quadratic in time (a rate- and
acceleration-limited actuator moves so), and a parachute's drag area (``C_*`` slots).
Force terms each have their own function, so a thrust along a commanded direction with
``F = F_vac - p_a A_exit`` (the ambient pressure comes from :func:`atmosphere_hf`) joins as one
more term and one more control slot.
"""
from collections import namedtuple

import numpy as np

from farside.core.atmosphere import msis_density_hf, msis_inputs_hf
from farside.core.jit import jit
from farside.core.spherical_harmonics import potential_and_acceleration_hf
from farside.core.ussa76 import LOWER_TOP_M, M0, R_STAR, lower_temperature_pressure_hf
from farside.core.ussa76 import density_hf as ussa76_density_hf

FlightArrays = namedtuple("FlightArrays", [
    "ints", "reals", "frame0",
    "c", "s", "a", "b", "k",
    "aero_mach", "aero_cd", "aero_cl",
    "table",
    "msis_io", "msis_count",
    "sw_day_of_year", "sw_f107", "sw_f107a", "sw_daily_ap", "sw_ap3",
])

# slots of FlightArrays.ints
I_FIELD_DEGREE = 0    # -1: point mass; -2: point mass and J2 (R_J2) in closed form; else degree of the field (c, s)
I_DENSITY = 1         # 0 exponential, 1 USSA76, 2 NRLMSIS 2.1 above R_SWITCH_M and USSA76 below, 3 table
I_SW_FIRST_DAY = 2    # UTC day (since 2000-01-01) of the first space-weather row
I_MSIS_ADDRESS = 3    # address of NRLMSIS's entry point (0: not loaded)
I_HEIGHT = 4          # 0: geodetic height (Bowring); 1: height along the radius (radial_height_hf)
N_INTS = 5

# slots of FlightArrays.reals
R_GM = 0              # m^3/s^2 (point mass, or the field's GM)
R_FIELD_RADIUS = 1    # m, reference radius of the field
R_SPIN_RATE = 2       # rad/s, Earth rotation rate (0: a non-rotating Earth)
R_T_REF = 3           # TDB s past J2000 of frame0; tau counts from here
R_ELLIPSOID_A = 4     # m; flattening next (0: a sphere)
R_ELLIPSOID_F = 5
R_SWITCH_M = 6        # m: NRLMSIS above, USSA76 below
R_CEILING_M = 7       # m: no atmosphere above this height
R_EXP_RHO0 = 8        # kg/m^3 and m: exponential atmosphere rho0 exp(-h / H)
R_EXP_SCALE_M = 9
R_DENSITY_FACTOR = 10  # multiplies every density (1: the model as it is)
R_REF_AREA = 11       # m^2, reference area of the aerodynamic coefficients
R_LIFT_FACTOR = 12    # multiplies the lift coefficient (1: the table as it is)
R_UTC_MINUS_TDB = 13  # s at R_T_REF (held over the flight)
R_SOUND_SPEED_TOP = 14  # m/s, speed of sound above 86 km (USSA76's 186.87 K)
R_J2 = 15             # unnormalised -C20 of the closed-form J2 (I_FIELD_DEGREE -2), on R_FIELD_RADIUS
R_TABLE_Z0_M = 16     # m, height of the table's first row (I_DENSITY 3); its spacing next
R_TABLE_DZ_M = 17
N_REALS = 18

# slots of the control vector: the bank angle over a step is
# C_BANK + C_BANK_RATE (tau - C_TAU0) + C_BANK_ACC (tau - C_TAU0)^2 / 2
C_BANK = 0            # rad at C_TAU0
C_CHUTE_AREA = 1      # m^2, parachute drag area (0: none)
C_BANK_RATE = 2       # rad/s
C_BANK_ACC = 3        # rad/s^2
C_TAU0 = 4            # s
# or, with C_MODE = 1, a bank magnitude linear in e = mu/r - V^2/2 (V Earth-relative), clipped:
# C_SIGN * clip(C_SIGMA0 + (C_SIGMA_F - C_SIGMA0) clip((e - C_E0) / (C_E_F - C_E0), 0, 1), C_SIGMA_MIN, C_SIGMA_MAX)
C_MODE = 5
C_SIGMA0 = 6
C_SIGMA_F = 7
C_E0 = 8
C_E_F = 9
C_SIGN = 10
C_SIGMA_MIN = 11
C_SIGMA_MAX = 12
N_CONTROLS = 13

BUF_SIZE = 40
"""Scratch layout: [0:9] rotation, [9:12] fixed position, [12:15] fixed acceleration, [16:30]
NRLMSIS inputs, [30:36] atmosphere outputs (the ``B_*`` slots below)."""
# slots of the scratch's atmosphere outputs, filled by flight_state_hf
B_DENSITY = 30        # kg/m^3
B_SOUND_SPEED = 31    # m/s
B_PRESSURE = 32       # Pa
B_LAT = 33            # rad, geodetic (NaN with the radial height)
B_LON = 34            # rad (NaN with the radial height)
B_HEIGHT = 35         # m above the ellipsoid

GAMMA_AIR = 1.4


@jit(_nrt=False)
def earth_fixed_rotation_hf(fa, tau, rot):
    """GCRF -> Earth-fixed rotation at ``tau`` into ``rot`` (3x3): ``R3(w tau) frame0``."""
    angle = fa.reals[R_SPIN_RATE] * tau
    c = np.cos(angle)
    s = np.sin(angle)
    f = fa.frame0
    for j in range(3):
        rot[0, j] = c * f[0, j] + s * f[1, j]
        rot[1, j] = -s * f[0, j] + c * f[1, j]
        rot[2, j] = f[2, j]


@jit(_nrt=False)
def geodetic_bowring_hf(x, y, z, a, f):
    """(latitude rad, longitude rad, height m) of an Earth-fixed point by Bowring's one-step
    formula (Bowring 1976, Survey Review 23(181):323), the height as in
    :mod:`farside.core.geodesy` (accurate at the poles); within 1 cm of the iterated solution
    from the ground to 1,000 km (tests). ``f = 0``: a sphere."""
    e2 = f * (2.0 - f)
    b = a * (1.0 - f)
    ep2 = e2 / (1.0 - e2)
    p = np.sqrt(x * x + y * y)
    theta = np.arctan2(z * a, p * b)
    st = np.sin(theta)
    ct = np.cos(theta)
    lat = np.arctan2(z + ep2 * b * st * st * st, p - e2 * a * ct * ct * ct)
    s = np.sin(lat)
    h = p * np.cos(lat) + z * s - a * np.sqrt(1.0 - e2 * s * s)
    return lat, np.arctan2(y, x), h


@jit(_nrt=False)
def radial_height_hf(x, y, z, a, f):
    """Height (m) of an Earth-fixed point above the ellipsoid along its radius: ``|r|`` less the
    ellipsoid's radius at the point's geocentric latitude, ``a b / sqrt(b^2 cos^2 + a^2 sin^2)``.
    It differs from the geodetic height by about ``h (f sin 2 lat)^2 / 2``: within 0.6 m below
    100 km (tests), for the cost of two square roots instead of Bowring's trigonometry."""
    r2 = x * x + y * y + z * z
    b = a * (1.0 - f)
    s2 = z * z / r2
    return np.sqrt(r2) - a * b / np.sqrt(b * b * (1.0 - s2) + a * a * s2)


@jit(_nrt=False)
def tabulated_atmosphere_hf(reals, t, height):
    """(density kg/m^3, speed of sound m/s, pressure Pa) from the table ``t``: ln(density) and the
    speed of sound every ``R_TABLE_DZ_M`` from ``R_TABLE_Z0_M`` (built by
    :func:`farside.dynamics.atmospheric_flight.ussa76_table`), linear in height (the density
    exponential between rows); the pressure of the ideal gas, ``rho a^2 / gamma``. ``reals`` and
    ``t`` are the FlightArrays' ``reals`` and ``table``."""
    u = (max(height, reals[R_TABLE_Z0_M]) - reals[R_TABLE_Z0_M]) / reals[R_TABLE_DZ_M]
    i = min(int(u), t.shape[0] - 2)
    x = u - i
    rho = np.exp(t[i, 0] + x * (t[i + 1, 0] - t[i, 0]))
    sound = t[i, 1] + x * (t[i + 1, 1] - t[i, 1])
    return rho, sound, rho * sound * sound / GAMMA_AIR


@jit(_nrt=False, inline="always")
def atmosphere_hf(fa, buf, tau, lat, lon, height):
    """(density kg/m^3, speed of sound m/s, pressure Pa) at a geodetic point and ``tau``."""
    if height > fa.reals[R_CEILING_M]:
        return 0.0, fa.reals[R_SOUND_SPEED_TOP], 0.0
    kind = fa.ints[I_DENSITY]
    if kind == 3:
        rho, sound, pressure = tabulated_atmosphere_hf(fa.reals, fa.table, height)
        return rho * fa.reals[R_DENSITY_FACTOR], sound, pressure
    if height < LOWER_TOP_M:
        temperature, pressure = lower_temperature_pressure_hf(max(height, -5000.0))
        sound = np.sqrt(GAMMA_AIR * R_STAR / M0 * temperature)
        rho = pressure * M0 / (R_STAR * temperature)
    else:
        sound = fa.reals[R_SOUND_SPEED_TOP]
        rho = ussa76_density_hf(height)
        pressure = rho * sound * sound / GAMMA_AIR
    if kind == 0:
        rho = fa.reals[R_EXP_RHO0] * np.exp(-height / fa.reals[R_EXP_SCALE_M])
    elif kind == 2 and height >= fa.reals[R_SWITCH_M]:
        rho = nrlmsis_density_hf(fa, buf, tau, lat, lon, height)
    return rho * fa.reals[R_DENSITY_FACTOR], sound, pressure


@jit(_nrt=False)
def nrlmsis_density_hf(fa, buf, tau, lat, lon, height):
    """NRLMSIS 2.1's density (kg/m^3) at a geodetic point and ``tau``, its inputs in ``buf[16:30]``.
    Called, not inlined: the model's own cost dwarfs the call's, and the kernels that inline the
    derivative do not compile this branch again."""
    inputs = buf[16:30]
    utc_days = ((fa.reals[R_T_REF] + fa.reals[R_UTC_MINUS_TDB]) + tau + 43200.0) / 86400.0
    msis_inputs_hf(fa.ints[I_SW_FIRST_DAY], fa.sw_day_of_year, fa.sw_f107, fa.sw_f107a, fa.sw_daily_ap,
                   fa.sw_ap3, utc_days, inputs)
    return msis_density_hf(fa.ints[I_MSIS_ADDRESS], inputs, np.degrees(lon), np.degrees(lat), height / 1000.0,
                           fa.msis_io, fa.msis_count)


@jit(_nrt=False)
def table_hf(xs, ys, x):
    """``ys`` interpolated linearly at ``x`` in the increasing ``xs``, clamped at the ends."""
    n = xs.shape[0]
    if x <= xs[0]:
        return ys[0]
    if x >= xs[n - 1]:
        return ys[n - 1]
    lo, hi = 0, n - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if x >= xs[mid]:
            lo = mid
        else:
            hi = mid
    return ys[lo] + (x - xs[lo]) / (xs[hi] - xs[lo]) * (ys[hi] - ys[lo])


@jit(_nrt=False)
def aero_coefficients_hf(fa, mach):
    """(C_D, C_L) of the trimmed vehicle at ``mach``: the table interpolated linearly, clamped."""
    return table_hf(fa.aero_mach, fa.aero_cd, mach), table_hf(fa.aero_mach, fa.aero_cl, mach)


@jit(_nrt=False)
def relative_velocity_hf(fa, rot, r, v, out):
    """Earth-relative velocity ``v - w x r`` (GCRF axes, m/s) into ``out``; the spin axis is the
    Earth-fixed z axis, the third row of ``rot``."""
    w = fa.reals[R_SPIN_RATE]
    out[0] = v[0] - w * (rot[2, 1] * r[2] - rot[2, 2] * r[1])
    out[1] = v[1] - w * (rot[2, 2] * r[0] - rot[2, 0] * r[2])
    out[2] = v[2] - w * (rot[2, 0] * r[1] - rot[2, 1] * r[0])


@jit(_nrt=False)
def bank_angle_hf(reals, control, tau, r, speed):
    """Bank angle (rad) of ``control`` at ``tau`` (position ``r``, Earth-relative ``speed``;
    ``reals`` of the FlightArrays)."""
    if control[C_MODE] == 1.0:
        e = reals[R_GM] / np.sqrt(r[0] ** 2 + r[1] ** 2 + r[2] ** 2) - 0.5 * speed * speed
        span = control[C_E_F] - control[C_E0]
        x = min(max((e - control[C_E0]) / span, 0.0), 1.0) if span != 0.0 else 1.0
        sigma = control[C_SIGMA0] + (control[C_SIGMA_F] - control[C_SIGMA0]) * x
        return control[C_SIGN] * min(max(sigma, control[C_SIGMA_MIN]), control[C_SIGMA_MAX])
    dt = tau - control[C_TAU0]
    return control[C_BANK] + dt * (control[C_BANK_RATE] + 0.5 * dt * control[C_BANK_ACC])


@jit(_nrt=False)
def aerodynamic_hf(reals, aero_mach, aero_cd, aero_cl, control, tau, r, v_rel, rho, sound, mass, acc):
    """Add drag and banked lift (m/s^2) to ``acc`` (``reals`` and the coefficient table of the
    FlightArrays). Lift at zero bank lies in the plane of ``r`` and ``v_rel``, away from the
    Earth; a positive bank turns it to the right of ``v_rel``."""
    speed = np.sqrt(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)
    if rho <= 0.0 or speed == 0.0:
        return
    mach = speed / sound
    cd, cl = table_hf(aero_mach, aero_cd, mach), table_hf(aero_mach, aero_cl, mach)
    q_over_m = 0.5 * rho * speed * speed / mass
    chute = control[C_CHUTE_AREA]
    drag = q_over_m * (cd * reals[R_REF_AREA] + chute)
    lift = 0.0 if chute > 0.0 else q_over_m * cl * reals[R_LIFT_FACTOR] * reals[R_REF_AREA]
    u0 = v_rel[0] / speed
    u1 = v_rel[1] / speed
    u2 = v_rel[2] / speed
    r_norm = np.sqrt(r[0] ** 2 + r[1] ** 2 + r[2] ** 2)
    along = (r[0] * u0 + r[1] * u1 + r[2] * u2) / r_norm
    up0 = r[0] / r_norm - along * u0
    up1 = r[1] / r_norm - along * u1
    up2 = r[2] / r_norm - along * u2
    up_norm = np.sqrt(up0 * up0 + up1 * up1 + up2 * up2)
    up0 /= up_norm
    up1 /= up_norm
    up2 /= up_norm
    side0 = u1 * up2 - u2 * up1
    side1 = u2 * up0 - u0 * up2
    side2 = u0 * up1 - u1 * up0
    bank = bank_angle_hf(reals, control, tau, r, speed)
    cb = np.cos(bank)
    sb = np.sin(bank)
    acc[0] += -drag * u0 + lift * (cb * up0 + sb * side0)
    acc[1] += -drag * u1 + lift * (cb * up1 + sb * side1)
    acc[2] += -drag * u2 + lift * (cb * up2 + sb * side2)


@jit(_nrt=False, inline="always")
def gravity_hf(fa, p, trig, rot, r_fixed, r, buf, acc):
    """Set ``acc`` to the gravitational acceleration (GCRF axes, m/s^2). The closed-form J2 term
    (Vallado 2013, *Fundamentals of Astrodynamics and Applications*, 4th ed., eq. 8-30) about the
    Earth-fixed z axis, the third row of ``rot``."""
    if fa.ints[I_FIELD_DEGREE] < 0:
        r2 = r[0] ** 2 + r[1] ** 2 + r[2] ** 2
        r3 = r2 * np.sqrt(r2)
        radial = -fa.reals[R_GM] / r3
        polar = 0.0
        if fa.ints[I_FIELD_DEGREE] == -2:
            z = rot[2, 0] * r[0] + rot[2, 1] * r[1] + rot[2, 2] * r[2]
            k = 1.5 * fa.reals[R_J2] * fa.reals[R_GM] * fa.reals[R_FIELD_RADIUS] ** 2 / (r3 * r2)
            radial -= k * (1.0 - 5.0 * z * z / r2)
            polar = -2.0 * k * z
        for i in range(3):
            acc[i] = radial * r[i] + polar * rot[2, i]
        return
    field_gravity_hf(fa, p, trig, rot, r_fixed, buf, acc)


@jit(_nrt=False)
def field_gravity_hf(fa, p, trig, rot, r_fixed, buf, acc):
    """Set ``acc`` to the spherical-harmonic field's acceleration (GCRF axes, m/s^2) at the
    Earth-fixed ``r_fixed``. Called, not inlined: the field's own cost dwarfs the call's, and the
    kernels that inline the derivative do not compile this branch again."""
    a_fixed = buf[12:15]
    potential_and_acceleration_hf(fa.reals[R_GM], fa.reals[R_FIELD_RADIUS], fa.c, fa.s, fa.ints[I_FIELD_DEGREE],
                                  fa.a, fa.b, fa.k, p, trig, r_fixed, a_fixed)
    for i in range(3):
        acc[i] = rot[0, i] * a_fixed[0] + rot[1, i] * a_fixed[1] + rot[2, i] * a_fixed[2]


@jit(_nrt=False, inline="always")
def flight_state_hf(fa, buf, tau, r):
    """Fill ``buf[0:9]`` (rotation), ``buf[9:12]`` (Earth-fixed position) and the ``B_*`` slots
    (density, speed of sound, pressure, geodetic latitude rad, longitude rad, height m; with
    ``I_HEIGHT`` 1 the height along the radius and no latitude or longitude)."""
    rot = buf[0:9].reshape((3, 3))
    r_fixed = buf[9:12]
    earth_fixed_rotation_hf(fa, tau, rot)
    for i in range(3):
        r_fixed[i] = rot[i, 0] * r[0] + rot[i, 1] * r[1] + rot[i, 2] * r[2]
    if fa.ints[I_HEIGHT] == 1:
        lat, lon = np.nan, np.nan
        height = radial_height_hf(r_fixed[0], r_fixed[1], r_fixed[2], fa.reals[R_ELLIPSOID_A], fa.reals[R_ELLIPSOID_F])
    else:
        lat, lon, height = geodetic_bowring_hf(r_fixed[0], r_fixed[1], r_fixed[2], fa.reals[R_ELLIPSOID_A],
                                               fa.reals[R_ELLIPSOID_F])
    rho, sound, pressure = atmosphere_hf(fa, buf, tau, lat, lon, height)
    buf[B_DENSITY] = rho
    buf[B_SOUND_SPEED] = sound
    buf[B_PRESSURE] = pressure
    buf[B_LAT] = lat
    buf[B_LON] = lon
    buf[B_HEIGHT] = height


@jit(_nrt=False, inline="always")
def flight_derivatives_hf(fa, control, p, trig, buf, v_rel, tau, y, dy):
    """``dy = f(tau, y)`` under ``control``. Scratch: ``p`` (degree+3, degree+3), ``trig``
    (2, degree+1), ``buf`` (BUF_SIZE,), ``v_rel`` (3,): on return ``buf`` holds the rotation,
    the atmosphere and the geodetic point of ``y`` and ``v_rel`` its Earth-relative velocity."""
    r = y[0:3]
    v = y[3:6]
    flight_state_hf(fa, buf, tau, r)
    rot = buf[0:9].reshape((3, 3))
    acc = dy[3:6]
    gravity_hf(fa, p, trig, rot, buf[9:12], r, buf, acc)
    relative_velocity_hf(fa, rot, r, v, v_rel)
    aerodynamic_hf(fa.reals, fa.aero_mach, fa.aero_cd, fa.aero_cl, control, tau, r, v_rel, buf[B_DENSITY],
                   buf[B_SOUND_SPEED], y[6], acc)
    for i in range(3):
        dy[i] = v[i]
    dy[6] = 0.0


@jit(_nrt=False)
def rk4_stages_hf(fa, control, p, trig, buf, v_rel, tau, y, h, k, y_stage, y_new, first, last):
    """Stages ``first`` to ``last - 1`` of the classical Runge-Kutta step of size ``h`` from
    ``(tau, y)``: stage 0 ``k[0] = f(tau, y)``, stage ``j`` > 0 ``k[j]`` at ``y + c_j h k[j-1]``
    (``c`` 1/2, 1/2, 1), into ``k`` (4, 7); with ``last`` 4 the step's end into ``y_new``. One call
    site of the inlined derivative serves every stage: ``(0, 1)`` gives a step's derivative (its
    atmosphere and rotation left in ``buf``), on which a caller may choose ``h``, then ``(1, 4)``
    the rest of the step. Compiled callers pass the stages as ``np.int64`` values: a plain
    constant would compile the kernel once per value (numba types it as a literal)."""
    n = y.shape[0]
    for stage in range(first, last):
        if stage == 0:
            t = tau
            for i in range(n):
                y_stage[i] = y[i]
        else:
            c = 1.0 if stage == 3 else 0.5
            t = tau + c * h
            for i in range(n):
                y_stage[i] = y[i] + c * h * k[stage - 1, i]
        flight_derivatives_hf(fa, control, p, trig, buf, v_rel, t, y_stage, k[stage])
    if last == 4:
        for i in range(n):
            y_new[i] = y[i] + h / 6.0 * (k[0, i] + 2.0 * k[1, i] + 2.0 * k[2, i] + k[3, i])
