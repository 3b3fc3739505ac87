"""The orbit adjustments of a chaser from its insertion orbit to a hand-over point near a target
in lunar orbit, as the Chang'e-5 and -6 ascenders flew them (four burns):

1. at the first aposelene, a tangential burn that moves the opposite apsis to the drift orbit;
2. half an orbit later, at that apsis, a tangential burn that rounds the drift orbit off;
3. a Lambert arc of ``transfer_fraction`` of an orbit to the hand-over point
   (:func:`farside.gnc.phasing.to_hand_over`, re-targeted in the full force model);
4. there, the burn onto the natural motion of a chaser at that radial offset: the in-track drift
   ``-1.5 n x`` of a coelliptic orbit (Clohessy-Wiltshire), so that a passive chaser stays on a
   free orbit ``x`` above or below the target's (held at rest, it would need thrust all along).

The drift orbit's height sets the phasing: below (above) the target the chaser gains (loses)
``1.5 n x`` of in-track distance per second at a radial offset ``x`` (Clohessy-Wiltshire, Vallado
2013 §6.8). Its height is the smallest offset that brings the chaser, at the start of the arc,
to the in-track place from which the CW two-impulse transfer of the same duration to the
hand-over point costs least; the two first burns are then varied by the differential corrector
until the chaser, flown in the full force model, is at that place (difference of radius, arc
ahead of the target). The
cross-track difference of the insertion plane is left to the Lambert arc and the stop.
Units: m, m/s, s; RIC of the target (x radial, y in-track, z cross-track).
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import central_body
from farside.astro.time import Epoch
from farside.dynamics import events
from farside.dynamics.maneuvers import Impulse
from farside.dynamics.propagator import propagate
from farside.dynamics.tolerances import Tolerances
from farside.errors import FarsideValueError
from farside.gnc import differential_corrector, phasing
from farside.gnc.relative_motion import two_impulses

MIN_DRIFT_ALTITUDE_M = 30e3
"""Lowest drift orbit accepted above the 1737.4 km sphere (m)."""


@dataclass
class Adjustment:
    """An impulse: its epoch and its velocity change (m/s, GCRF axes)."""
    epoch: Epoch
    delta_v_m_s: np.ndarray


@dataclass
class AdjustmentPlan:
    adjustments: list
    chaser: object
    target: object
    drift_offset_m: float
    miss_m: float


def _apsis(state, forces, tol, kind="either", after_s=60.0):
    """The state at the next apsis (``apoapsis``, ``periapsis`` or ``either``) at least
    ``after_s`` seconds on."""
    wanted = {"apoapsis": [events.apoapsis(action="stop")], "periapsis": [events.periapsis(action="stop")],
              "either": [events.apoapsis(action="stop"), events.periapsis(action="stop")]}[kind]
    start = propagate(state, duration_s=after_s, forces=forces, dense=False, **tol).final_state()
    return propagate(start, duration_s=4 * 3600.0, forces=forces, events=wanted, dense=False, **tol).final_state()


def _along_velocity(state, dv):
    """The inertial velocity change of ``dv`` m/s along the velocity of ``state``."""
    return float(dv) * state.v_m_s / np.linalg.norm(state.v_m_s)


def _tangential(state, dv):
    return Impulse(state.epoch, tuple(_along_velocity(state, dv)), "inertial").apply(state)


def _start_place(n, x_drift, hand_over, tau):
    """In-track place (m) on a circular relative orbit at ``x_drift`` from which the CW two-impulse
    transfer of ``tau`` s to ``hand_over`` costs least: the cheapest of a 601-point grid over
    +-300 km, refined on grids of 21 points 1 km, 100 m and 10 m either side."""
    def best(ys):
        starts = np.zeros((ys.size, 6))
        starts[:, 0] = x_drift
        starts[:, 1] = ys
        starts[:, 4] = -1.5 * n * x_drift
        first, second = two_impulses(n, starts, hand_over, tau)
        return ys[int(np.argmin(np.linalg.norm(first, axis=1) + np.linalg.norm(second, axis=1)))]
    y = best(hand_over[1] + np.linspace(-300e3, 300e3, 601))
    for width in (1e3, 1e2, 1e1):
        y = best(y + np.linspace(-width, width, 21))
    return float(y)


def _arc_ahead(target, chaser):
    """In-track arc (m, at the target's radius) from the target to the chaser, in (-pi r, pi r]:
    the Clohessy-Wiltshire y near the target, and defined all round the orbit."""
    h = np.cross(target.r_m, target.v_m_s)
    h /= np.linalg.norm(h)
    r = np.linalg.norm(target.r_m)
    angle = np.arctan2(np.dot(np.cross(target.r_m, chaser.r_m), h), np.dot(target.r_m, chaser.r_m))
    return float(angle * r)


def _drift_orbit(n, radius, y_now, hand_over, tau, drift_s, body_radius_m):
    """``(x_drift, y_start)``: the radial offset (m) of the drift orbit that brings the chaser from
    ``y_now`` to the arc's cheapest start place in ``drift_s`` seconds, the smallest over the
    choices of whole laps gained or lost that keep the drift orbit above MIN_DRIFT_ALTITUDE_M."""
    circumference = 2 * np.pi * radius
    options = []
    for laps in range(-3, 4):
        x = 0.0
        for _ in range(3):
            y_start = _start_place(n, x, hand_over, tau)
            x = -(y_start - y_now + laps * circumference) / (1.5 * n * drift_s)
        if radius + x - body_radius_m >= MIN_DRIFT_ALTITUDE_M:
            options.append((abs(x), x, y_start))
    if not options:
        raise FarsideValueError("hand_over_epoch", drift_s, "a drift time long enough to phase above "
                                                            f"{MIN_DRIFT_ALTITUDE_M / 1e3:.0f} km")
    _, x, y_start = min(options)
    return x, y_start


def plan(chaser, target, hand_over_m, hand_over_epoch, forces, transfer_fraction=0.4, body=None,
         tolerances: Tolerances = Tolerances()) -> AdjustmentPlan:
    """The four adjustments that take ``chaser`` (a State about the force model's central body,
    or ``body``, after insertion) to ``hand_over_m`` (RIC of ``target``, m) at
    ``hand_over_epoch``, there on a coelliptic drift; every propagation to ``tolerances``."""
    tol = tolerances.options()
    body = body or central_body.for_name(forces.body.name)
    gm = forces.gm_m3_s2
    hand_over = np.asarray(hand_over_m, dtype=float)
    target = propagate(target, until=chaser.epoch, forces=forces, dense=False, **tol).final_state()
    radius = np.linalg.norm(target.r_m)
    n = np.sqrt(gm / radius ** 3)
    tau = transfer_fraction * 2 * np.pi / n
    t_c = hand_over_epoch.tdb_seconds - tau
    at_a = _apsis(chaser, forces, tol, "apoapsis", after_s=1.0)
    r_a = np.linalg.norm(at_a.r_m)
    if t_c < at_a.epoch.tdb_seconds + 3 * np.pi / n:
        raise FarsideValueError("hand_over_epoch", hand_over_epoch.iso("utc", 0),
                                f"an epoch at least two orbits after the chaser's first aposelene, {at_a.epoch.iso('utc', 0)} UTC")
    target_c = propagate(target, until=Epoch.from_tdb_seconds(t_c), forces=forces, dense=False, **tol).final_state()
    target_a = propagate(target, until=at_a.epoch, forces=forces, dense=False, **tol).final_state()
    x_drift, y_c = _drift_orbit(n, radius, _arc_ahead(target_a, at_a), hand_over, tau, t_c - at_a.epoch.tdb_seconds,
                                body.radius_m)
    r_d = radius + x_drift
    v_a = np.linalg.norm(at_a.v_m_s)
    guess_a = np.sqrt(gm * (2 / r_a - 2 / (r_a + r_d))) - v_a
    guess_b = np.sqrt(gm / r_d) - np.sqrt(gm * (2 / r_d - 2 / (r_a + r_d)))

    def fly(x):
        after_a = _tangential(at_a, x[0])
        at_b = _apsis(after_a, forces, tol)
        after_b = _tangential(at_b, x[1])
        end = propagate(after_b, until=Epoch.from_tdb_seconds(t_c), forces=forces, dense=False, **tol).final_state()
        return at_b, end

    def goals(x):
        end = fly(x)[1]
        return [np.linalg.norm(end.r_m) - np.linalg.norm(target_c.r_m), _arc_ahead(target_c, end)]

    solution = differential_corrector.solve(goals, [guess_a, guess_b], [1e-3, 1e-3], [x_drift, y_c],
                                            [200.0, 2000.0], max_iterations=20)
    at_b, at_c = fly(solution.variables)
    coelliptic = np.array([0.0, -1.5 * n * hand_over[0], 0.0])
    arc = phasing.to_hand_over(at_c, target_c, hand_over, hand_over_epoch, forces, velocity_ric=coelliptic,
                               tolerances=tolerances)
    adjustments = [Adjustment(at_a.epoch, _along_velocity(at_a, solution.variables[0])),
                   Adjustment(at_b.epoch, _along_velocity(at_b, solution.variables[1])),
                   Adjustment(at_c.epoch, arc.first_burn_m_s),
                   Adjustment(hand_over_epoch, arc.second_burn_m_s)]
    return AdjustmentPlan(adjustments, arc.chaser, arc.target, x_drift, arc.miss_m)
