"""The force terms' kernels: each adds one term's acceleration, compiled on its own.

Every ``*_term`` function here has the C signature :data:`farside.core.force_model.TERM_SIGNATURE`
and is compiled (``numba.cfunc``, cached on disk) the first time a model uses it
(:func:`farside.core.jit.compiled_address`); the force sum calls it by address. A term reads the
model's header and its own integers and reals from slot ``i0`` of ``ints`` and ``r0`` of ``reals``
(layouts below, written by the term's class in :mod:`farside.dynamics.forces`), through views of
the addresses it is handed (:func:`~farside.core.force_model.float_array_hf`,
:func:`~farside.core.force_model.view_hf`): it makes no array, so it is compiled without reference
counting (:func:`farside.core.jit.views_only`). Frames, units and
references as in :mod:`farside.core.forces`; drag as Vallado (2013, §8.6.2), the atmosphere turning
with the Earth. ``body_frame_rotation`` (:data:`~farside.core.force_model.ROTATION_SIGNATURE`) and
``body_state`` (:data:`~farside.core.force_model.STATE_SIGNATURE`) are the central body's PCK rotation
and the ephemeris for the events that need them.
"""
import numpy as np

from farside.core.atmosphere import msis_density_hf, msis_inputs_hf
from farside.core.ephemeris import relative_position_hf, relative_state_hf
from farside.core.force_model import (BUF_EPH, BUF_MSIS, BUF_SIZE, EPH_ENTRIES, EPH_ENTRY, I_CENTER_ROW, I_EPH, I_PCK,
                                      I_SUN_ROW, R_AU, R_C_LIGHT, R_GM, R_PCK_BASE, R_SUN_RADIUS, float_array_hf,
                                      int_array_hf, view_hf)
from farside.core.forces import (apparent_disks_hf, local_axes_hf, radiation_pressure_hf, schwarzschild_hf,
                                 sunlit_fraction_hf, third_body_hf)
from farside.core.geodesy import geodetic_from_fixed_hf
from farside.core.jit import jit, views_only
from farside.core.orientation import PCK_WORK, pck_rotation_only_hf
from farside.core.rotation import matmul3_hf
from farside.core.spherical_harmonics import potential_and_acceleration_hf
from farside.core.ussa76 import density_hf as ussa76_density_hf

# reals of a field term, from r0: GM (m^3/s^2), reference radius (m), then its frame's:
FIELD_GM = 0
FIELD_RADIUS = 1
FIELD_FRAME = 2       # uniform rotation: rate (rad/s), epoch (TDB s), angle (rad); PCK: 3x3 offset
# reals of a drag term, from r0
DRAG_CD_AREA = 0      # drag coefficient * area, m^2
DRAG_UTC_MINUS_TDB = 1  # s, at the segment's start (held over the segment)
DRAG_ROTATION_RATE = 2  # rad/s: the atmosphere turns with the body at this rate about its pole
DRAG_ELLIPSOID_A = 3  # m, and flattening: geodetic coordinates for the atmosphere model
DRAG_ELLIPSOID_F = 4
DRAG_CEILING = 5      # m: no drag above this geodetic height
N_DRAG_REALS = 6
# ints of an NRLMSIS drag term, from i0: first UTC day of the space weather, NRLMSIS's entry
# point, the addresses of day_of_year, f107, f107a, daily_ap (n_days each) and ap3 (8 n_days), n_days
N_MSIS_INTS = 8
# reals of a thrust term, from r0: thrust (N), mass flow (kg/s), unit direction (3); its one int:
# the axes (0 inertial, 1 VNC, 2 RIC, 3 LVLH)
THRUST_N = 0
THRUST_MASS_FLOW = 1
THRUST_DIRECTION = 2
N_THRUST_REALS = 5


@jit(_nrt=False, inline="always")
def _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a):
    return (int_array_hf(ints_a, n_ints), float_array_hf(reals_a, n_reals), float_array_hf(buf_a, BUF_SIZE),
            float_array_hf(y_a, 7), float_array_hf(dy_a, 7))


@jit(_nrt=False, inline="always")
def _ephemeris_tables_hf(ints):
    """``(coef, seg_f, seg_i, links, chains)``: the ephemeris tables whose addresses the header of
    ``ints`` holds (:mod:`farside.core.ephemeris`)."""
    return (float_array_hf(ints[I_EPH], ints[I_EPH + 1]),
            float_array_hf(ints[I_EPH + 2], (ints[I_EPH + 4], 4)),
            int_array_hf(ints[I_EPH + 3], (ints[I_EPH + 4], 4)),
            int_array_hf(ints[I_EPH + 5], (ints[I_EPH + 6], 2)),
            int_array_hf(ints[I_EPH + 7], (ints[I_EPH + 8], ints[I_EPH + 9])))


@jit(_nrt=False, inline="always")
def ephemeris_state_hf(ints, row, t1, t2, out):
    """State (m, m/s) of ephemeris body ``row`` relative to the central body into ``out`` (6,)."""
    coef, seg_f, seg_i, links, chains = _ephemeris_tables_hf(ints)
    relative_state_hf(coef, seg_f, seg_i, links, chains, row, ints[I_CENTER_ROW], t1, t2, out)


@jit(_nrt=False, inline="always")
def shared_body_position_hf(ints, buf, row, t1, t2, out):
    """Position (m) of ephemeris body ``row`` relative to the central body into ``out`` (3,),
    evaluated once per force evaluation: the terms of an evaluation (third bodies, radiation
    pressure) share each body's position through ``buf[BUF_EPH:]``, which
    :func:`~farside.core.force_model.derivatives_hf` empties at each evaluation; a position is
    kept for the epoch ``(t1, t2)`` it was computed at only."""
    if buf[BUF_EPH + 2] == 0.0 or buf[BUF_EPH] != t1 or buf[BUF_EPH + 1] != t2:
        buf[BUF_EPH] = t1
        buf[BUF_EPH + 1] = t2
        buf[BUF_EPH + 2] = 0.0
    count = int(buf[BUF_EPH + 2])
    for k in range(count):
        slot = BUF_EPH + 3 + EPH_ENTRY * k
        if buf[slot] == row:
            for i in range(3):
                out[i] = buf[slot + 1 + i]
            return
    coef, seg_f, seg_i, links, chains = _ephemeris_tables_hf(ints)
    relative_position_hf(coef, seg_f, seg_i, links, chains, row, ints[I_CENTER_ROW], t1, t2, out)
    if count < EPH_ENTRIES:
        slot = BUF_EPH + 3 + EPH_ENTRY * count
        buf[slot] = row
        for i in range(3):
            buf[slot + 1 + i] = out[i]
        buf[BUF_EPH + 2] = count + 1


@jit(_nrt=False, inline="always")
def header_pck_rotation_hf(ints, reals, t1, t2, rot, buf):
    """Rotation inertial -> the central body's binary-PCK frame (MOON_PA, ITRF93) into ``rot``."""
    n = ints[I_PCK + 4]
    coef = float_array_hf(ints[I_PCK], ints[I_PCK + 1])
    seg_f = float_array_hf(ints[I_PCK + 2], (n, 4))
    seg_i = int_array_hf(ints[I_PCK + 3], (n, 4))
    base = view_hf(reals, R_PCK_BASE, (3, 3))
    pck_rotation_only_hf(coef, seg_f, seg_i, ints[I_PCK + 5], ints[I_PCK + 6], base, t1, t2, rot,
                         view_hf(buf, 80, PCK_WORK))


@views_only
def body_state(ints_a, n_ints, row, t1, t2, out_a):
    """State (m, m/s) of ephemeris body ``row`` relative to the central body into ``out`` (6,),
    for the events about other bodies."""
    ephemeris_state_hf(int_array_hf(ints_a, n_ints), row, t1, t2, float_array_hf(out_a, 6))


@views_only
def body_frame_rotation(ints_a, n_ints, reals_a, n_reals, t1, t2, rot_a, buf_a):
    """The central body's PCK rotation into ``rot`` (3x3) for the events about its frame."""
    ints = int_array_hf(ints_a, n_ints)
    reals = float_array_hf(reals_a, n_reals)
    header_pck_rotation_hf(ints, reals, t1, t2, float_array_hf(rot_a, (3, 3)),
                           float_array_hf(buf_a, BUF_SIZE))


@jit(_nrt=False, inline="always")
def _field_views_hf(ints, i0, field_a, n_field, rot, buf, r):
    """``(degree, c, s, a, b, k, r_fixed, a_fixed)`` of the field whose degree is ``ints[i0]``:
    its coefficients in ``field`` (c, s (degree+1)^2 and a, b, k (degree+2)^2), ``r`` (inertial)
    in the body-fixed frame ``rot`` (inertial -> fixed), and the slot of the fixed acceleration."""
    degree = ints[i0]
    n1 = degree + 1
    n2 = degree + 2
    o = 2 * n1 * n1
    field = float_array_hf(field_a, n_field)
    c = view_hf(field, 0, (n1, n1))
    s = view_hf(field, n1 * n1, (n1, n1))
    a = view_hf(field, o, (n2, n2))
    b = view_hf(field, o + n2 * n2, (n2, n2))
    k = view_hf(field, o + 2 * n2 * n2, (n2, n2))
    r_fixed = view_hf(buf, 9, 3)
    for i in range(3):
        r_fixed[i] = rot[i, 0] * r[0] + rot[i, 1] * r[1] + rot[i, 2] * r[2]
    return degree, c, s, a, b, k, r_fixed, view_hf(buf, 12, 3)


@jit(_nrt=False, inline="always")
def _add_from_fixed_hf(rot, a_fixed, dy):
    """``dy[3:6] += rot^T a_fixed``: the body-fixed acceleration back in the inertial axes."""
    for i in range(3):
        dy[3 + i] += rot[0, i] * a_fixed[0] + rot[1, i] * a_fixed[1] + rot[2, i] * a_fixed[2]


@jit(_nrt=False, inline="always")
def _scratch_hf(p_a, p_rows, p_cols, trig_a, trig_cols):
    return float_array_hf(p_a, (p_rows, p_cols)), float_array_hf(trig_a, (2, trig_cols))


@jit(_nrt=False, inline="always")
def _identity_hf(buf):
    """The 3x3 identity written into ``buf[0:9]`` (C order), as a view."""
    rot = view_hf(buf, 0, (3, 3))
    for i in range(3):
        for j in range(3):
            rot[i, j] = 1.0 if i == j else 0.0
    return rot


@views_only
def field_inertial_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                        trig_cols, buf_a, t1, t2, y_a, dy_a):
    """A spherical-harmonic field whose axes are the inertial ones."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    p, trig = _scratch_hf(p_a, p_rows, p_cols, trig_a, trig_cols)
    rot = _identity_hf(buf)
    degree, c, s, a, b, k, r_fixed, a_fixed = _field_views_hf(ints, i0, field_a, n_field, rot, buf, y)
    potential_and_acceleration_hf(reals[r0 + FIELD_GM], reals[r0 + FIELD_RADIUS], c, s, degree, a, b, k, p, trig,
                                  r_fixed, a_fixed)
    _add_from_fixed_hf(rot, a_fixed, dy)


@views_only
def field_spin_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                    trig_cols, buf_a, t1, t2, y_a, dy_a):
    """A field in a frame turning uniformly about the inertial z axis (reals from r0 + FIELD_FRAME:
    rate rad/s, epoch TDB s, angle rad at the epoch)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    p, trig = _scratch_hf(p_a, p_rows, p_cols, trig_a, trig_cols)
    rot = _identity_hf(buf)
    f = r0 + FIELD_FRAME
    angle = reals[f + 2] + reals[f] * ((t1 - reals[f + 1]) + t2)
    cos_angle = np.cos(angle)
    sin_angle = np.sin(angle)
    rot[0, 0] = cos_angle
    rot[0, 1] = sin_angle
    rot[1, 0] = -sin_angle
    rot[1, 1] = cos_angle
    degree, c, s, a, b, k, r_fixed, a_fixed = _field_views_hf(ints, i0, field_a, n_field, rot, buf, y)
    potential_and_acceleration_hf(reals[r0 + FIELD_GM], reals[r0 + FIELD_RADIUS], c, s, degree, a, b, k, p, trig,
                                  r_fixed, a_fixed)
    _add_from_fixed_hf(rot, a_fixed, dy)


@views_only
def field_pck_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                   trig_cols, buf_a, t1, t2, y_a, dy_a):
    """A field in the central body's PCK frame times the offset (reals from r0 + FIELD_FRAME, 3x3:
    MOON_ME, MOON_PA_DE430 from MOON_PA; the identity for the PCK's own frame)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    p, trig = _scratch_hf(p_a, p_rows, p_cols, trig_a, trig_cols)
    rot = view_hf(buf, 0, (3, 3))
    pck_rot = view_hf(buf, 45, (3, 3))
    header_pck_rotation_hf(ints, reals, t1, t2, pck_rot, buf)
    f = r0 + FIELD_FRAME
    matmul3_hf(view_hf(reals, f, (3, 3)), pck_rot, rot)
    degree, c, s, a, b, k, r_fixed, a_fixed = _field_views_hf(ints, i0, field_a, n_field, rot, buf, y)
    potential_and_acceleration_hf(reals[r0 + FIELD_GM], reals[r0 + FIELD_RADIUS], c, s, degree, a, b, k, p, trig,
                                  r_fixed, a_fixed)
    _add_from_fixed_hf(rot, a_fixed, dy)


@views_only
def third_bodies_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                      trig_cols, buf_a, t1, t2, y_a, dy_a):
    """Point masses of ephemeris bodies with the indirect term; ints from i0: count, the bodies'
    ephemeris rows; reals from r0: their GMs (m^3/s^2)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    r = view_hf(y, 0, 3)
    acc = view_hf(dy, 3, 3)
    body = view_hf(buf, 21, 3)
    for j in range(ints[i0]):
        shared_body_position_hf(ints, buf, ints[i0 + 1 + j], t1, t2, body)
        third_body_hf(reals[r0 + j], r, body, acc)


@views_only
def radiation_pressure_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                            trig_cols, buf_a, t1, t2, y_a, dy_a):
    """Cannonball radiation pressure behind the conical shadows of the occulting bodies (the
    product of their sunlit fractions); ints from i0: count, their rows; reals from r0: pressure
    at 1 AU (N/m^2), Cr * area (m^2), their radii (m)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    r = view_hf(y, 0, 3)
    r_sun = view_hf(buf, 27, 3)
    shared_body_position_hf(ints, buf, ints[I_SUN_ROW], t1, t2, r_sun)
    fraction = 1.0
    body = view_hf(buf, 15, 3)
    for j in range(ints[i0]):
        row = ints[i0 + 1 + j]
        if row == ints[I_CENTER_ROW]:
            for i in range(3):
                body[i] = 0.0
        else:
            shared_body_position_hf(ints, buf, row, t1, t2, body)
        a_sun, a_body, sep = apparent_disks_hf(r, r_sun, reals[R_SUN_RADIUS], body, reals[r0 + 2 + j])
        fraction *= sunlit_fraction_hf(a_sun, a_body, sep)
    if fraction > 0.0:
        radiation_pressure_hf(reals[r0], reals[R_AU], reals[r0 + 1] / y[6], fraction, r, r_sun, view_hf(dy, 3, 3))


@views_only
def schwarzschild_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                       trig_cols, buf_a, t1, t2, y_a, dy_a):
    """The central body's post-Newtonian correction (its GM from the header)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    schwarzschild_hf(reals[R_GM], reals[R_C_LIGHT], view_hf(y, 0, 3), view_hf(y, 3, 3), view_hf(dy, 3, 3))


@jit(_nrt=False, inline="always")
def _geodetic_hf(ints, reals, r0, buf, t1, t2, r):
    """``(lat, lon, height)`` of ``r`` on the drag term's ellipsoid; the PCK rotation left in buf[0:9]."""
    rot = view_hf(buf, 0, (3, 3))
    header_pck_rotation_hf(ints, reals, t1, t2, rot, buf)
    fixed = view_hf(buf, 9, 3)
    for i in range(3):
        fixed[i] = rot[i, 0] * r[0] + rot[i, 1] * r[1] + rot[i, 2] * r[2]
    return geodetic_from_fixed_hf(fixed[0], fixed[1], fixed[2], reals[r0 + DRAG_ELLIPSOID_A],
                                  reals[r0 + DRAG_ELLIPSOID_F])


@jit(_nrt=False, inline="always")
def _add_drag_hf(reals, r0, rho, buf, r, v, mass, acc):
    """``-1/2 rho Cd A/m |v_rel| v_rel`` with the velocity relative to the turning atmosphere (its
    pole the third row of the rotation in buf[0:9])."""
    rot = view_hf(buf, 0, (3, 3))
    w = reals[r0 + DRAG_ROTATION_RATE]
    vx = v[0] - w * (rot[2, 1] * r[2] - rot[2, 2] * r[1])
    vy = v[1] - w * (rot[2, 2] * r[0] - rot[2, 0] * r[2])
    vz = v[2] - w * (rot[2, 0] * r[1] - rot[2, 1] * r[0])
    f = -0.5 * rho * reals[r0 + DRAG_CD_AREA] / mass * np.sqrt(vx * vx + vy * vy + vz * vz)
    acc[0] += f * vx
    acc[1] += f * vy
    acc[2] += f * vz


@views_only
def drag_ussa76_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                     trig_cols, buf_a, t1, t2, y_a, dy_a):
    """Drag with U.S. Standard Atmosphere 1976 densities (reals from r0: the DRAG_* slots)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    lat, lon, height = _geodetic_hf(ints, reals, r0, buf, t1, t2, view_hf(y, 0, 3))
    if height > reals[r0 + DRAG_CEILING]:
        return
    _add_drag_hf(reals, r0, ussa76_density_hf(height), buf, view_hf(y, 0, 3), view_hf(y, 3, 3), y[6], view_hf(dy, 3, 3))


@views_only
def drag_msis_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                   trig_cols, buf_a, t1, t2, y_a, dy_a):
    """Drag with NRLMSIS 2.1 densities and the space weather (ints from i0: N_MSIS_INTS, above)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    lat, lon, height = _geodetic_hf(ints, reals, r0, buf, t1, t2, view_hf(y, 0, 3))
    if height > reals[r0 + DRAG_CEILING]:
        return
    n_days = ints[i0 + 7]
    inputs = view_hf(buf, 64, 14)
    utc_days = ((t1 + reals[r0 + DRAG_UTC_MINUS_TDB]) + t2 + 43200.0) / 86400.0
    msis_inputs_hf(ints[i0], float_array_hf(ints[i0 + 2], n_days),
                   float_array_hf(ints[i0 + 3], n_days), float_array_hf(ints[i0 + 4], n_days),
                   float_array_hf(ints[i0 + 5], n_days),
                   float_array_hf(ints[i0 + 6], 8 * n_days), utc_days, inputs)
    io32 = buf[BUF_MSIS:BUF_MSIS + 13].view(np.float32)
    count = buf[BUF_MSIS + 13:BUF_MSIS + 14].view(np.int32)
    rho = msis_density_hf(ints[i0 + 1], inputs, np.degrees(lon), np.degrees(lat), height / 1000.0, io32, count)
    _add_drag_hf(reals, r0, rho, buf, view_hf(y, 0, 3), view_hf(y, 3, 3), y[6], view_hf(dy, 3, 3))


@views_only
def thrust_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols, trig_a,
                trig_cols, buf_a, t1, t2, y_a, dy_a):
    """A constant thrust with its mass flow along a direction in the axes of ints[i0] (THRUST_*)."""
    ints, reals, buf, y, dy = _model_views_hf(ints_a, n_ints, reals_a, n_reals, buf_a, y_a, dy_a)
    acc = view_hf(dy, 3, 3)
    axes_kind = ints[i0]
    f = reals[r0 + THRUST_N] / y[6]
    d = view_hf(reals, r0 + THRUST_DIRECTION, 3)
    if axes_kind == 0:
        for i in range(3):
            acc[i] += f * d[i]
    else:
        axes = view_hf(buf, 0, (3, 3))
        local_axes_hf(axes_kind, view_hf(y, 0, 3), view_hf(y, 3, 3), axes)
        for i in range(3):
            acc[i] += f * (d[0] * axes[0, i] + d[1] * axes[1, i] + d[2] * axes[2, i])
    dy[6] = -reals[r0 + THRUST_MASS_FLOW]
