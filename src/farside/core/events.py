"""Event functions g(t, y) of the propagator, and their location on the dense output.

An event is a row of three arrays: ``kind`` (below), ``direction`` (+1 rising through zero, -1
falling, 0 either) and ``params`` (EVENT_PARAMS floats). A root is bracketed by a sign change of
g between the two ends of an accepted step and refined on the step's interpolating polynomial by
Brent's method (Brent 1973, *Algorithms for Minimization without Derivatives*, ch. 4) to a time
tolerance ``EVENT_TIME_TOL_S``.

Kinds (positions relative to the central body, ICRF axes, metres, radians):
- ALTITUDE: ``|r| - params[0]`` (params[0] = reference radius + altitude).
- APSIS: ``r . v`` (rising: periapsis, falling: apoapsis); with params[0] = 1, position and
  velocity relative to ephemeris body ``params[1]`` (row) instead of the central body.
- NODE: z of r in the inertial axes (params[0] = 0) or in the central body's PCK frame (1);
  rising: ascending node.
- SHADOW: angular separation of the Sun and an occulting body minus ``a_sun + a_body``
  (params[0] = 0, penumbra boundary) or ``a_body - a_sun`` (1, umbra boundary);
  params[1] = ephemeris row of the occulting body, params[2] = its radius (m).
- ELEVATION: elevation of the spacecraft above a site on the central body minus params[6];
  params[0:3] = site position and params[3:6] = its unit local vertical, both in the central
  body's PCK frame (MOON_PA, ITRF93).
- MASS: ``mass - params[0]`` (kg), for propellant depletion.
- DISTANCE: distance from ephemeris body ``params[0]`` (row) minus ``params[1]`` (m): a sphere
  of influence, a keep-out sphere.
"""
import numpy as np

from farside.core.force_model import I_CENTER_ROW, I_SUN_ROW, R_SUN_RADIUS, body_state_hf, pck_frame_rotation_hf
from farside.core.dense_output import dense_state_hf
from farside.core.forces import apparent_disks_hf
from farside.core.jit import CALLEE, jit

ALTITUDE = 0
APSIS = 1
NODE = 2
SHADOW = 3
ELEVATION = 4
MASS = 5
DISTANCE = 6
EVENT_PARAMS = 8
EVENT_TIME_TOL_S = 1e-8
EPS = np.finfo(np.float64).eps


def plain_events(kind, params, check) -> bool:
    """Whether every event of the packed arrays (see `farside.dynamics.events.pack`) is a function
    of the state alone, checked at step ends only: ALTITUDE, MASS, and APSIS or NODE about the
    central body in the inertial axes (``params[0] = 0``), with ``check`` 0 (the kinds of
    :func:`plain_event_value_hf`)."""
    for e in range(kind.shape[0]):
        plain = kind[e] in (ALTITUDE, MASS) or (kind[e] in (APSIS, NODE) and params[e, 0] == 0.0)
        if not plain or check[e] != 0.0:
            return False
    return True


@jit(_nrt=False, **CALLEE)
def plain_event_value_hf(kind, params, y):
    """g of an event of `plain_events` for the state ``y`` (the same as :func:`event_value_hf`;
    compiled on its own, not inlined: a kernel calls it in two places)."""
    if kind == ALTITUDE:
        return np.sqrt(y[0] * y[0] + y[1] * y[1] + y[2] * y[2]) - params[0]
    if kind == MASS:
        return y[6] - params[0]
    if kind == APSIS:
        return y[0] * y[3] + y[1] * y[4] + y[2] * y[5]
    return y[2]


@jit(_nrt=False)
def event_value_hf(fa, buf, kind, params, t1, t2, y):
    """g of one event at TDB ``t1 + t2`` for the state ``y``."""
    if kind == ALTITUDE or kind == MASS or ((kind == APSIS or kind == NODE) and params[0] == 0.0):
        return plain_event_value_hf(kind, params, y)
    if kind == APSIS:
        body = buf[15:21]
        body_state_hf(fa, int(params[1]), t1, t2, body)
        return ((y[0] - body[0]) * (y[3] - body[3]) + (y[1] - body[1]) * (y[4] - body[4])
                + (y[2] - body[2]) * (y[5] - body[5]))
    if kind == DISTANCE:
        body = buf[15:21]
        body_state_hf(fa, int(params[0]), t1, t2, body)
        dx = y[0] - body[0]
        dy = y[1] - body[1]
        dz = y[2] - body[2]
        return np.sqrt(dx * dx + dy * dy + dz * dz) - params[1]
    if kind == NODE:
        rot = buf[0:9].reshape((3, 3))
        pck_frame_rotation_hf(fa, t1, t2, rot, buf)
        return rot[2, 0] * y[0] + rot[2, 1] * y[1] + rot[2, 2] * y[2]
    if kind == SHADOW:
        r_sun = buf[27:33]
        body = buf[15:21]
        body_state_hf(fa, fa.ints[I_SUN_ROW], t1, t2, r_sun)
        row = int(params[1])
        if row == fa.ints[I_CENTER_ROW]:
            for i in range(3):
                body[i] = 0.0
        else:
            body_state_hf(fa, row, t1, t2, body)
        a_sun, a_body, sep = apparent_disks_hf(y, r_sun, fa.reals[R_SUN_RADIUS], body, params[2])
        if params[0] == 0.0:
            return sep - (a_sun + a_body)
        return sep - (a_body - a_sun)
    # ELEVATION
    rot = buf[0:9].reshape((3, 3))
    pck_frame_rotation_hf(fa, t1, t2, rot, buf)
    los_up = 0.0
    los2 = 0.0
    for i in range(3):
        los_i = rot[i, 0] * y[0] + rot[i, 1] * y[1] + rot[i, 2] * y[2] - params[i]
        los_up += los_i * params[3 + i]
        los2 += los_i * los_i
    return np.arcsin(los_up / np.sqrt(los2)) - params[6]


@jit(_nrt=False)
def event_row_value_hf(fa, buf, kind, params, e, t1, t2, y):
    """:func:`event_value_hf` of event ``e`` of the packed arrays ``kind``, ``params`` (its row of
    ``params`` taken without reference counting: once per step and event in a kernel)."""
    return event_value_hf(fa, buf, kind[e], params[e], t1, t2, y)


@jit
def subintervals_hf(h, max_check):
    """How many pieces a step of ``h`` seconds is sampled in for an event checked every
    ``max_check`` seconds (0: the step's ends only)."""
    if max_check > 0.0:
        return max(1, int(np.ceil(abs(h) / max_check)))
    return 1


@jit(inline="always")
def crosses_hf(g_old, g_new, direction):
    """True when g goes through zero between two samples in the wanted direction; a start
    exactly at zero (an event just handled) does not count."""
    if g_old == 0.0:
        return False
    rising = g_old < 0.0 and g_new >= 0.0
    falling = g_old > 0.0 and g_new <= 0.0
    return (rising and direction >= 0) or (falling and direction <= 0)


@jit
def brent_root_hf(fa, buf, kind, params, t1, coefs, tau_old, h, a, b, ga, gb, y):
    """Root of g on the dense output of one step between ``a`` and ``b`` (times since ``t1``
    where g has opposite signs ``ga``, ``gb``); ``y`` receives the state there. Returns the time."""
    c, gc = a, ga
    d = b - a
    e = d
    for _ in range(200):
        if gb * gc > 0.0:
            c, gc = a, ga
            d = b - a
            e = d
        if abs(gc) < abs(gb):
            a, b, c = b, c, b
            ga, gb, gc = gb, gc, gb
        tol = 2.0 * EPS * abs(b) + 0.5 * EVENT_TIME_TOL_S
        m = 0.5 * (c - b)
        if abs(m) <= tol or gb == 0.0:
            break
        if abs(e) >= tol and abs(ga) > abs(gb):
            s = gb / ga
            if a == c:
                p = 2.0 * m * s
                q = 1.0 - s
            else:
                q = ga / gc
                r = gb / gc
                p = s * (2.0 * m * q * (q - r) - (b - a) * (r - 1.0))
                q = (q - 1.0) * (r - 1.0) * (s - 1.0)
            if p > 0.0:
                q = -q
            else:
                p = -p
            if 2.0 * p < min(3.0 * m * q - abs(tol * q), abs(e * q)):
                e = d
                d = p / q
            else:
                d = m
                e = m
        else:
            d = m
            e = m
        a, ga = b, gb
        b += d if abs(d) > tol else (tol if m > 0.0 else -tol)
        dense_state_hf(coefs, tau_old, h, b, y)
        gb = event_value_hf(fa, buf, kind, params, t1, b, y)
    dense_state_hf(coefs, tau_old, h, b, y)
    return b
