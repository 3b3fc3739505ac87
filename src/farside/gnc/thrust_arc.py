"""One guidance cycle flown for real: a constant thrust along a direction fixed in the central
body's frame (MOON_ME for the Moon) for ``dt`` seconds, in the full force model of a prepared
`farside.dynamics.propagator.Propagator` (built once per guided phase: each cycle writes its thrust
into the propagator's parameters, nothing is rebuilt). The direction is turned into inertial axes
at the cycle's start; over a guidance cycle the Moon turns by under 1e-5 rad."""
from farside.dynamics.forces import Thrust


def fly_cycle(state, propagator, thrust_n, isp_s, direction_fixed, dt, body, from_fixed=None):
    """The segment of one cycle (its final state is the next cycle's start); ``direction_fixed``
    is a unit vector in ``body``'s fixed axes (`farside.astro.central_body.CentralBody`);
    ``from_fixed``: the body-fixed to ICRF rotation at the cycle's start when the guidance has it
    already (else it is evaluated here)."""
    if from_fixed is None:
        from_fixed = body.rotation_from_fixed(state.epoch)
    direction = from_fixed @ direction_fixed
    propagator.set_thrust(Thrust(thrust_n, isp_s, tuple(direction), "inertial"))
    return propagator.advance(state, dt)
