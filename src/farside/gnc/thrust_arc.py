"""One guidance cycle flown for real: a constant thrust along a direction fixed in the central
body's frame (MOON_ME for the Moon) for ``dt`` seconds, as a finite burn of the propagator in the
full force model (the direction is turned into inertial axes at the cycle's start; over a guidance
cycle the Moon turns by under 1e-5 rad)."""
from farside.dynamics.forces import Thrust
from farside.dynamics.maneuvers import FiniteBurn
from farside.dynamics.propagator import propagate


def fly_cycle(state, forces, thrust_n, isp_s, direction_fixed, dt, body):
    """The segment of one cycle (its final state is the next cycle's start); ``direction_fixed``
    is a unit vector in ``body``'s fixed axes (`farside.astro.central_body.CentralBody`)."""
    direction = body.rotation_from_fixed(state.epoch) @ direction_fixed
    thrust = Thrust(thrust_n, isp_s, tuple(direction), "inertial")
    return propagate(state, duration_s=dt, forces=forces, maneuvers=[FiniteBurn(state.epoch, dt, thrust)])
