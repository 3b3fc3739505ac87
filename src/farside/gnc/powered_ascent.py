"""Ascent from a body's surface to orbit in the full force model: a short vertical rise, then
linear-tangent steering (:mod:`farside.gnc.linear_tangent`) re-solved every guidance cycle
towards the cut-off state of the target orbit — periselene height, zero vertical speed, and the
horizontal speed that gives the target aposelene — and engine cut-off when the osculating
aposelene reaches the target.

The flat-body law runs in the local frame of the vehicle's current position (height above the
sphere, inertial horizontal speed along the plane of the launch azimuth), with the gravity less the
centrifugal relief of the current horizontal speed held constant over the rest of the burn, and
is renewed each cycle (as Apollo's ascent guidance did). Each cycle is flown as a finite burn by
the propagator. The body (`farside.astro.central_body.CentralBody`) is the force model's central
body's unless another is given. Units: m, m/s, s, kg, N.
"""
from dataclasses import dataclass, field

import numpy as np

from farside.astro import central_body
from farside.astro.sites import enu_rotation, spherical_to_fixed
from farside.astro.time import Epoch
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2
from farside.dynamics.segment import Segment
from farside.dynamics.state import State
from farside.errors import FarsideValueError
from farside.gnc import linear_tangent
from farside.dynamics.propagator import Propagator
from farside.dynamics.tolerances import Tolerances
from farside.gnc.thrust_arc import fly_cycle


FREEZE_S = 10.0
"""In the last seconds the steering is no longer re-solved (the targets become singular as the time
to go vanishes); the last solution is flown to cut-off, as Apollo's ascent guidance did."""

CUTOFF_TOLERANCE_M = 1.0
"""A cycle that would carry the aposelene past its target is cut where it reaches it, within this
(m): by regula falsi on the cycle's length (a fast-turning body adds cross-plane speed the planar
law does not steer, so the target aposelene can come before the law's time to go ends)."""


@dataclass(frozen=True)
class AscentPlan:
    lat_rad: float
    lon_rad: float
    height_m: float
    azimuth_rad: float
    periapsis_altitude_m: float = 15e3
    apoapsis_altitude_m: float = 180e3
    vertical_rise_s: float = 10.0
    step_s: float = 2.0


@dataclass
class AscentResult:
    segment: Segment
    insertion: State
    periapsis_altitude_m: float
    apoapsis_altitude_m: float
    propellant_kg: float
    events: list = field(default_factory=list)


def _apses(state, gm, radius_m):
    r, v = state.r_m, state.v_m_s
    rn = np.linalg.norm(r)
    energy = 0.5 * np.dot(v, v) - gm / rn
    h = np.linalg.norm(np.cross(r, v))
    a = -gm / (2.0 * energy)
    e = np.sqrt(max(0.0, 1.0 - h * h / (gm * a)))
    return a * (1.0 - e) - radius_m, a * (1.0 + e) - radius_m


def _cut_at_apoapsis(state, propagator, thrust_n, isp_s, direction, dt, body, apoapsis_altitude_m):
    """The cycle from ``state`` shortened so that it ends with the aposelene at its target."""
    gm = propagator.forces.gm_m3_s2

    def miss(length):
        seg = fly_cycle(state, propagator, thrust_n, isp_s, direction, length, body)
        return seg, _apses(seg.final_state(), gm, body.radius_m)[1] - apoapsis_altitude_m

    lo, f_lo = 0.0, _apses(state, gm, body.radius_m)[1] - apoapsis_altitude_m
    hi = dt
    seg, f_hi = miss(hi)
    for _ in range(40):
        length = hi - f_hi * (hi - lo) / (f_hi - f_lo)
        seg, f = miss(length)
        if abs(f) <= CUTOFF_TOLERANCE_M:
            break
        lo, f_lo, hi, f_hi = (length, f, hi, f_hi) if f < 0.0 else (lo, f_lo, length, f)
    return seg


def fly(epoch, mass_kg, thrust_n, isp_s, plan: AscentPlan, forces, body=None,
        tolerances: Tolerances = Tolerances()) -> AscentResult:
    """Lift off at ``epoch`` from the plan's site on ``body`` (by default the force model's central
    body) and fly to the target orbit's insertion, integrating to ``tolerances``."""
    body = body or central_body.for_name(forces.body.name)
    gm = forces.gm_m3_s2
    if thrust_n <= mass_kg * gm / (body.radius_m + plan.height_m) ** 2:
        raise FarsideValueError("thrust_n", thrust_n, f"a thrust above the ascender's weight on {body.name}, "
                                                      f"{mass_kg * gm / body.radius_m ** 2:.0f} N")
    epoch = Epoch(epoch)
    flow = thrust_n / (isp_s * STANDARD_GRAVITY_M_S2)
    fixed = spherical_to_fixed(plan.lat_rad, plan.lon_rad, plan.height_m, body.radius_m)
    x = body.transform_from_fixed(epoch) @ np.concatenate([fixed, np.zeros(3)])
    state = State(epoch, x[:3], x[3:], mass_kg, forces.body.name)
    enu = enu_rotation(plan.lat_rad, plan.lon_rad)
    downrange = enu.T @ np.array([np.sin(plan.azimuth_rad), np.cos(plan.azimuth_rad), 0.0])
    propagator = Propagator(forces, **tolerances.options())
    pieces, log = [], [("lift-off", epoch)]
    rp = body.radius_m + plan.periapsis_altitude_m
    a = rp + (plan.apoapsis_altitude_m - plan.periapsis_altitude_m) / 2.0
    speed = np.sqrt(gm * (2.0 / rp - 1.0 / a))
    target = linear_tangent.AscentTarget(plan.periapsis_altitude_m, speed)

    def burn(state, direction_fixed, dt):
        seg = fly_cycle(state, propagator, thrust_n, isp_s, direction_fixed, dt, body)
        pieces.extend(seg.pieces)
        return seg.final_state()

    state = burn(state, fixed / np.linalg.norm(fixed), plan.vertical_rise_s)
    log.append(("pitch-over", state.epoch))
    guess = (3.0, 0.01, 400.0)
    while True:
        rot = body.rotation_to_fixed(state.epoch)
        r, v = rot @ state.r_m, rot @ state.v_m_s  # inertial velocity in body-fixed axes: the orbit's
        up = r / np.linalg.norm(r)
        along = downrange - np.dot(downrange, up) * up
        along /= np.linalg.norm(along)
        vx, vh = np.dot(v, along), np.dot(v, up)
        radius = np.linalg.norm(r)
        g = gm / radius ** 2 - vx * vx / radius
        local = [0.0, radius - body.radius_m, vx, vh, state.mass_kg]
        if _apses(state, gm, body.radius_m)[1] >= plan.apoapsis_altitude_m:
            break
        if guess[2] > FREEZE_S:
            tan0, c, t_go = linear_tangent.solve(local, target, thrust_n, flow, g, guess)
        else:
            tan0, c, t_go = guess
        dt = min(plan.step_s, t_go)
        theta = linear_tangent.pitch(tan0, c)
        direction = np.cos(theta) * along + np.sin(theta) * up
        seg = fly_cycle(state, propagator, thrust_n, isp_s, direction, dt, body)
        if _apses(seg.final_state(), gm, body.radius_m)[1] > plan.apoapsis_altitude_m + CUTOFF_TOLERANCE_M:
            seg = _cut_at_apoapsis(state, propagator, thrust_n, isp_s, direction, dt, body, plan.apoapsis_altitude_m)
            pieces.extend(seg.pieces)
            state = seg.final_state()
            break
        pieces.extend(seg.pieces)
        state = seg.final_state()
        if t_go <= plan.step_s:
            break
        guess = (tan0 - c * dt, c, t_go - dt)
    log.append(("cut-off", state.epoch))
    peri, apo = _apses(state, gm, body.radius_m)
    return AscentResult(Segment(forces.body.name, pieces, final=state, forces=forces), state, peri, apo, mass_kg - state.mass_kg,
                        log)
