"""The compiled force sum: state derivative of a spacecraft under a composed force model.

State ``y = (x, y, z, vx, vy, vz, mass)`` in m, m/s, kg, relative to a central body, in the ICRF
(= GCRF) axes; epoch TDB ``t1 + t2`` seconds past J2000 (``t1`` the segment start, ``t2`` the time
since). Every parameter arrives in the arrays of a :class:`ForceArrays`, so a changed value (a
dispersed thrust, another degree) reuses the same compiled code.

Terms, each switched by its parameters: the central body as a point mass or a spherical-harmonic
field in a body-fixed frame (inertial, uniform rotation about z, or binary-PCK Euler angles);
third bodies from the ephemeris with the indirect term; cannonball solar radiation pressure with
conical shadows; the Schwarzschild term; thrust with mass flow in inertial, VNC, RIC or LVLH axes; drag
``-1/2 rho Cd A/m |v_rel| v_rel`` with NRLMSIS 2.1 or USSA76 densities, the atmosphere turning
with the Earth (Vallado 2013, §8.6.2).
"""
from collections import namedtuple

import numpy as np

from farside.core.atmosphere import msis_density_hf, msis_inputs_hf
from farside.core.ephemeris import relative_state_hf
from farside.core.forces import (apparent_disks_hf, local_axes_hf, point_mass_hf,
                                 radiation_pressure_hf, schwarzschild_hf, sunlit_fraction_hf,
                                 third_body_hf)
from farside.core.geodesy import geodetic_from_fixed_hf
from farside.core.jit import jit
from farside.core.orientation import PCK_WORK, pck_rotation_hf
from farside.core.rotation import matmul3_hf
from farside.core.spherical_harmonics import potential_and_acceleration_hf
from farside.core.ussa76 import density_hf as ussa76_density_hf

ForceArrays = namedtuple("ForceArrays", [
    "ints", "reals",
    "third_rows", "third_gm",
    "shadow_rows", "shadow_radii",
    "c", "s", "a", "b", "k",
    "eph_coef", "eph_seg_f", "eph_seg_i", "eph_links", "eph_chains",
    "pck_coef", "pck_seg_f", "pck_seg_i", "pck_base", "frame_offset",
    "msis_io", "msis_count",
    "sw_day_of_year", "sw_f107", "sw_f107a", "sw_daily_ap", "sw_ap3",
])

# slots of ForceArrays.ints
I_CENTER_ROW = 0      # ephemeris row of the central body
I_SUN_ROW = 1         # ephemeris row of the Sun
I_FIELD_DEGREE = 2    # -1: point mass; else degree of the spherical-harmonic field
I_ORIENTATION = 3     # body-fixed frame: 0 inertial axes, 1 uniform rotation about z, 2 PCK
I_PCK_FIRST = 4       # first segment and segment count of the central body's PCK link
I_PCK_COUNT = 5       # (0: the central body has no binary PCK)
I_SRP = 6             # 1: solar radiation pressure on
I_THRUST_AXES = 7     # -1 off; 0 inertial, 1 VNC, 2 RIC, 3 LVLH
I_SCHWARZSCHILD = 8   # 1: on
I_DRAG = 9            # drag about the Earth: 0 off, 1 NRLMSIS 2.1 densities, 2 USSA76
I_SW_FIRST_DAY = 10   # UTC day (since 2000-01-01) of the first space-weather row
I_MSIS_ADDRESS = 11   # address of NRLMSIS's entry point (with I_DRAG = 1)
N_INTS = 12

# slots of ForceArrays.reals
R_GM = 0              # central body GM, m^3/s^2 (point mass and Schwarzschild)
R_FIELD_GM = 1        # field GM and reference radius (m)
R_FIELD_RADIUS = 2
R_SPIN_RATE = 3       # uniform rotation: rad/s, angle at R_SPIN_EPOCH (TDB s past J2000)
R_SPIN_EPOCH = 4
R_SPIN_ANGLE = 5
R_SRP_PRESSURE = 6    # N/m^2 at 1 AU
R_AU = 7
R_SUN_RADIUS = 8
R_CR_AREA = 9         # Cr * area, m^2 (divided by the current mass)
R_THRUST = 10         # N
R_MASS_FLOW = 11      # kg/s, >= 0
R_THRUST_DIR = 12     # three components of the unit thrust direction in the chosen axes
R_C_LIGHT = 15
R_CD_AREA = 16        # drag coefficient * area, m^2
R_UTC_MINUS_TDB = 17  # s, at the segment's start (held over the segment)
R_ROTATION_RATE = 18  # rad/s: the atmosphere turns with the body at this rate about its pole
R_ELLIPSOID_A = 19    # m, and flattening: geodetic coordinates for the atmosphere model
R_ELLIPSOID_F = 20
R_DRAG_CEILING = 21   # m: no drag above this geodetic height
N_REALS = 22

BUF_SIZE = 80 + PCK_WORK
"""Scratch layout: [0:9] rotation, [9:15] body-fixed vectors, [15:21] occulting body, [21:27] third
body, [27:33] Sun, [36:45] rotation rate, [45:54] PCK rotation, [64:78] atmosphere inputs, [80:] PCK rotation scratch."""


@jit(_nrt=False, inline="always")
def pck_frame_rotation_hf(fa, t1, t2, rot, buf):
    """Rotation inertial -> the central body's binary-PCK frame (MOON_PA, ITRF93) into ``rot``."""
    rot_dot = buf[36:45].reshape((3, 3))
    pck_rotation_hf(fa.pck_coef, fa.pck_seg_f, fa.pck_seg_i, fa.ints[I_PCK_FIRST],
                    fa.ints[I_PCK_COUNT], fa.pck_base, t1, t2, rot, rot_dot, buf[80:80 + PCK_WORK])


@jit(_nrt=False, inline="always")
def body_rotation_hf(fa, t1, t2, rot, buf):
    """Rotation inertial -> body-fixed frame of the field at TDB ``t1 + t2`` into ``rot`` (3x3);
    for a PCK frame, ``frame_offset`` times the PCK's rotation (MOON_ME, MOON_PA_DE430)."""
    kind = fa.ints[I_ORIENTATION]
    if kind == 2:
        pck_rot = buf[45:54].reshape((3, 3))
        pck_frame_rotation_hf(fa, t1, t2, pck_rot, buf)
        matmul3_hf(fa.frame_offset, pck_rot, rot)
        return
    for i in range(3):
        for j in range(3):
            rot[i, j] = 0.0
    rot[2, 2] = 1.0
    if kind == 0:
        rot[0, 0] = 1.0
        rot[1, 1] = 1.0
        return
    angle = fa.reals[R_SPIN_ANGLE] + fa.reals[R_SPIN_RATE] * ((t1 - fa.reals[R_SPIN_EPOCH]) + t2)
    c = np.cos(angle)
    s = np.sin(angle)
    rot[0, 0] = c
    rot[0, 1] = s
    rot[1, 0] = -s
    rot[1, 1] = c


@jit(_nrt=False, inline="always")
def _field_acceleration_hf(fa, p, trig, buf, t1, t2, r, acc):
    rot = buf[0:9].reshape((3, 3))
    r_fixed = buf[9:12]
    a_fixed = buf[12:15]
    body_rotation_hf(fa, t1, t2, rot, buf)
    for i in range(3):
        r_fixed[i] = rot[i, 0] * r[0] + rot[i, 1] * r[1] + rot[i, 2] * r[2]
    potential_and_acceleration_hf(fa.reals[R_FIELD_GM], fa.reals[R_FIELD_RADIUS], fa.c, fa.s,
                                  fa.ints[I_FIELD_DEGREE], fa.a, fa.b, fa.k, p, trig,
                                  r_fixed, a_fixed)
    for i in range(3):
        acc[i] += rot[0, i] * a_fixed[0] + rot[1, i] * a_fixed[1] + rot[2, i] * a_fixed[2]


@jit(_nrt=False, inline="always")
def body_state_hf(fa, row, t1, t2, out):
    """State (m, m/s) of ephemeris body ``row`` relative to the central body."""
    relative_state_hf(fa.eph_coef, fa.eph_seg_f, fa.eph_seg_i, fa.eph_links, fa.eph_chains,
                      row, fa.ints[I_CENTER_ROW], t1, t2, out)


@jit(_nrt=False, inline="always")
def sunlit_fraction_at_hf(fa, t1, t2, r, r_sun, buf):
    """Product of the sunlit fractions behind each occulting body (the central body included
    when listed); ``r_sun`` is the Sun relative to the central body."""
    fraction = 1.0
    body = buf[15:21]
    for j in range(fa.shadow_rows.shape[0]):
        row = fa.shadow_rows[j]
        if row == fa.ints[I_CENTER_ROW]:
            for i in range(3):
                body[i] = 0.0
        else:
            body_state_hf(fa, row, t1, t2, body)
        a_sun, a_body, sep = apparent_disks_hf(r, r_sun, fa.reals[R_SUN_RADIUS], body,
                                               fa.shadow_radii[j])
        fraction *= sunlit_fraction_hf(a_sun, a_body, sep)
    return fraction


@jit(_nrt=False, inline="always")
def drag_hf(fa, buf, t1, t2, r, v, mass, acc):
    """Atmospheric drag; the central body's PCK frame gives the geodetic point and the
    atmosphere's rotation axis."""
    rot = buf[0:9].reshape((3, 3))
    pck_frame_rotation_hf(fa, t1, t2, rot, buf)
    fixed = buf[9:12]
    for i in range(3):
        fixed[i] = rot[i, 0] * r[0] + rot[i, 1] * r[1] + rot[i, 2] * r[2]
    lat, lon, height = geodetic_from_fixed_hf(fixed[0], fixed[1], fixed[2], fa.reals[R_ELLIPSOID_A],
                                              fa.reals[R_ELLIPSOID_F])
    if height > fa.reals[R_DRAG_CEILING]:
        return
    if fa.ints[I_DRAG] == 2:
        rho = ussa76_density_hf(height)
    else:
        inputs = buf[64:78]
        utc_days = ((t1 + fa.reals[R_UTC_MINUS_TDB]) + t2 + 43200.0) / 86400.0
        msis_inputs_hf(fa.ints[I_SW_FIRST_DAY], fa.sw_day_of_year, fa.sw_f107, fa.sw_f107a, fa.sw_daily_ap,
                       fa.sw_ap3, utc_days, inputs)
        rho = msis_density_hf(fa.ints[I_MSIS_ADDRESS], inputs, np.degrees(lon), np.degrees(lat), height / 1000.0,
                              fa.msis_io, fa.msis_count)
    w = fa.reals[R_ROTATION_RATE]
    vx = v[0] - w * (rot[2, 1] * r[2] - rot[2, 2] * r[1])
    vy = v[1] - w * (rot[2, 2] * r[0] - rot[2, 0] * r[2])
    vz = v[2] - w * (rot[2, 0] * r[1] - rot[2, 1] * r[0])
    f = -0.5 * rho * fa.reals[R_CD_AREA] / mass * np.sqrt(vx * vx + vy * vy + vz * vz)
    acc[0] += f * vx
    acc[1] += f * vy
    acc[2] += f * vz


@jit(_nrt=False)
def derivatives_hf(fa, p, trig, buf, t1, t2, y, dy):
    """``dy = f(t, y)``. Scratch: ``p`` (degree+3, degree+3), ``trig`` (2, degree+1), ``buf``
    (BUF_SIZE,); none of them is read before it is written."""
    r = y[0:3]
    v = y[3:6]
    acc = dy[3:6]
    for i in range(3):
        dy[i] = v[i]
        acc[i] = 0.0
    dy[6] = 0.0
    if fa.ints[I_FIELD_DEGREE] >= 0:
        _field_acceleration_hf(fa, p, trig, buf, t1, t2, r, acc)
    else:
        point_mass_hf(fa.reals[R_GM], r, acc)
    body = buf[21:27]
    for j in range(fa.third_rows.shape[0]):
        body_state_hf(fa, fa.third_rows[j], t1, t2, body)
        third_body_hf(fa.third_gm[j], r, body, acc)
    if fa.ints[I_SRP] == 1:
        r_sun = buf[27:33]
        body_state_hf(fa, fa.ints[I_SUN_ROW], t1, t2, r_sun)
        fraction = sunlit_fraction_at_hf(fa, t1, t2, r, r_sun, buf)
        if fraction > 0.0:
            radiation_pressure_hf(fa.reals[R_SRP_PRESSURE], fa.reals[R_AU],
                                  fa.reals[R_CR_AREA] / y[6], fraction, r, r_sun, acc)
    if fa.ints[I_SCHWARZSCHILD] == 1:
        schwarzschild_hf(fa.reals[R_GM], fa.reals[R_C_LIGHT], r, v, acc)
    if fa.ints[I_DRAG] > 0:
        drag_hf(fa, buf, t1, t2, r, v, y[6], acc)
    axes_kind = fa.ints[I_THRUST_AXES]
    if axes_kind >= 0:
        f = fa.reals[R_THRUST] / y[6]
        d = fa.reals[R_THRUST_DIR:R_THRUST_DIR + 3]
        if axes_kind == 0:
            for i in range(3):
                acc[i] += f * d[i]
        else:
            axes = buf[0:9].reshape((3, 3))
            local_axes_hf(axes_kind, r, v, axes)
            for i in range(3):
                acc[i] += f * (d[0] * axes[0, i] + d[1] * axes[1, i] + d[2] * axes[2, i])
        dy[6] = -fa.reals[R_MASS_FLOW]


def empty_ints():
    """``ints`` with every optional term off."""
    ints = np.zeros(N_INTS, dtype=np.int64)
    ints[I_FIELD_DEGREE] = -1
    ints[I_THRUST_AXES] = -1
    return ints
