"""Rendezvous phasing in lunar orbit: a chaser taken to a hand-over point fixed relative to a
target (in the target's RIC frame) at a chosen epoch, by a Lambert arc re-targeted in the full
force model, then stopped there relative to the target.

The Lambert arc (:mod:`farside.gnc.lambert`, about the Moon's point mass) gives the first burn;
the differential corrector (:mod:`farside.gnc.differential_corrector`) then varies that burn's
three components until the chaser, flown in the full force model, arrives within ``tolerance_m``
of the hand-over point; the second burn sets the relative velocity there (by default relative
rest in the target's rotating frame). Units: m, m/s, s.
"""
from dataclasses import dataclass

import numpy as np

from farside.dynamics.maneuvers import Impulse
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.dynamics.tolerances import Tolerances
from farside.gnc import differential_corrector
from farside.gnc.lambert import lambert
from farside.gnc.relative_motion import inertial_state, relative_state


@dataclass
class PhasingResult:
    chaser: State
    target: State
    first_burn_m_s: np.ndarray
    second_burn_m_s: np.ndarray
    miss_m: float
    iterations: int


def to_hand_over(chaser, target, offset_ric, arrival, forces, tolerance_m=10.0, long_way=False,
                 velocity_ric=(0.0, 0.0, 0.0), tolerances: Tolerances = Tolerances()) -> PhasingResult:
    """Take ``chaser`` to ``offset_ric`` from ``target`` at ``arrival`` (an Epoch), there with the
    relative velocity ``velocity_ric`` (m/s, target's rotating RIC frame; default at rest);
    every propagation to ``tolerances``."""
    tol = tolerances.options()
    dt = arrival.tdb_seconds - chaser.epoch.tdb_seconds
    target_then = propagate(target, until=arrival, forces=forces, dense=False, **tol).final_state()
    aim, aim_v = inertial_state(target_then.r_m, target_then.v_m_s, np.concatenate([offset_ric, velocity_ric]))
    v1, _ = lambert(forces.gm_m3_s2, chaser.r_m, aim, dt, long_way)
    first_guess = v1 - chaser.v_m_s

    def arrive(dv):
        burned = Impulse(chaser.epoch, tuple(dv), "inertial").apply(chaser)
        return propagate(burned, duration_s=dt, forces=forces, dense=False, **tol).final_state()

    solution = differential_corrector.solve(lambda dv: arrive(dv).r_m, first_guess, [1e-3] * 3, aim,
                                            [tolerance_m] * 3, max_iterations=15)
    arrived = arrive(solution.variables)
    second = aim_v - arrived.v_m_s
    stopped = Impulse(arrived.epoch, tuple(second), "inertial").apply(arrived)
    miss = float(np.linalg.norm(relative_state(target_then.r_m, target_then.v_m_s, stopped.r_m, stopped.v_m_s)[:3]
                                - np.asarray(offset_ric)))
    return PhasingResult(stopped, target_then, solution.variables, second, miss, len(solution.iterations) - 1)
