"""Final approach and docking in lunar orbit: a chaser brought from a hand-over point to contact
with a passive target, flown in the full force model.

The approach goes along the target's velocity vector (V-bar, behind it: -y in RIC) through
holding points; each leg is a two-impulse Clohessy-Wiltshire transfer
(:mod:`farside.gnc.relative_motion`) re-targeted ``corrections`` times on the way, since the CW
model drifts from the full model by metres per kilometre; each burn is an impulse in the
propagator. The last leg closes along V-bar at ``closing_speed_m_s`` with a correction every
``correction_s`` seconds, to contact. Contact is the chaser within ``contact_distance_m`` of the
docking point; the capture envelope (closing speed, lateral offset) is the caller's to check.
Units: m, m/s, s; the RIC frame of the target (x radial, y in-track, z cross-track).
"""
from dataclasses import dataclass, field

import numpy as np

from farside.dynamics.maneuvers import Impulse
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.dynamics.tolerances import Tolerances
from farside.astro.local_frames import ric
from farside.gnc.relative_motion import relative_state, two_impulse


CONTACT_TOLERANCE_M = 0.01
"""Contact is declared within this distance beyond the contact distance: the last leg aims at
contact, and a leg of millimetres would take a vanishing time."""


@dataclass(frozen=True)
class ApproachPlan:
    holding_points_m: tuple = ((0.0, -5000.0, 0.0), (0.0, -1000.0, 0.0), (0.0, -100.0, 0.0), (0.0, -10.0, 0.0))
    leg_fraction_of_orbit: float = 0.25
    corrections: int = 3
    closing_speed_m_s: float = 0.05
    correction_s: float = 20.0
    contact_distance_m: float = 0.05


@dataclass
class ApproachResult:
    target: State
    chaser: State
    contact_epoch: object
    closing_speed_m_s: float
    lateral_offset_m: float
    delta_v_m_s: float
    log: list = field(default_factory=list)
    target_segments: list = field(default_factory=list)
    chaser_segments: list = field(default_factory=list)


def _impulse(chaser, target, dv_ric):
    """The chaser with an impulse given in the target's RIC axes."""
    axes = ric(target.r_m, target.v_m_s)
    return Impulse(chaser.epoch, tuple(axes.T @ dv_ric), "inertial").apply(chaser)


def _coast(state, forces, dt, segments, tolerances):
    seg = propagate(state, duration_s=dt, forces=forces, **tolerances.options())
    segments.append(seg)
    return seg.final_state()


def fly(target, chaser, forces, plan: ApproachPlan = ApproachPlan(), tolerances: Tolerances = Tolerances()) -> ApproachResult:
    """Fly ``chaser`` to contact with the passive ``target`` (both States about the Moon, same
    epoch), every coast integrated to ``tolerances``."""
    gm = forces.gm_m3_s2
    n = np.sqrt(gm / np.linalg.norm(target.r_m) ** 3)
    leg = plan.leg_fraction_of_orbit * 2.0 * np.pi / n
    total_dv, log, target_segments, chaser_segments = 0.0, [], [], []
    for point in plan.holding_points_m:
        point = np.array(point)
        remaining = leg
        for k in range(plan.corrections + 1):
            rel = relative_state(target.r_m, target.v_m_s, chaser.r_m, chaser.v_m_s)
            dv1, _ = two_impulse(n, rel, point, remaining)
            chaser = _impulse(chaser, target, dv1)
            total_dv += np.linalg.norm(dv1)
            dt = remaining / (plan.corrections + 1 - k)
            target, chaser = _coast(target, forces, dt, target_segments, tolerances), _coast(chaser, forces, dt, chaser_segments, tolerances)
            remaining -= dt
        rel = relative_state(target.r_m, target.v_m_s, chaser.r_m, chaser.v_m_s)
        chaser = _impulse(chaser, target, -rel[3:])
        total_dv += np.linalg.norm(rel[3:])
        log.append((f"holding point {point[1]:.0f} m", target.epoch, float(np.linalg.norm(rel[:3] - point))))
    while True:
        rel = relative_state(target.r_m, target.v_m_s, chaser.r_m, chaser.v_m_s)
        distance = -rel[1]
        if distance <= plan.contact_distance_m + CONTACT_TOLERANCE_M:
            break
        dt = min(plan.correction_s, (distance - plan.contact_distance_m) / plan.closing_speed_m_s)
        goal = np.array([0.0, -(distance - plan.closing_speed_m_s * dt), 0.0])
        dv1, _ = two_impulse(n, rel, goal, dt)
        chaser = _impulse(chaser, target, dv1)
        total_dv += np.linalg.norm(dv1)
        target, chaser = _coast(target, forces, dt, target_segments, tolerances), _coast(chaser, forces, dt, chaser_segments, tolerances)
    rel = relative_state(target.r_m, target.v_m_s, chaser.r_m, chaser.v_m_s)
    log.append(("contact", target.epoch, float(np.linalg.norm(rel[:3]))))
    return ApproachResult(target, chaser, target.epoch, float(rel[4]), float(np.hypot(rel[0], rel[2])), total_dv, log,
                          target_segments, chaser_segments)
