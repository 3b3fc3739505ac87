"""Force-model terms: each a small value object with its own parameters (SI units) that packs
itself into the compiled force sum's arrays (:mod:`farside.dynamics.forces.term`); one module per
term. A :class:`farside.dynamics.force_model.ForceModel` is a central body plus a list of these.
"""
from farside.dynamics.forces.drag import ATMOSPHERES, EARTH_ROTATION_RATE_RAD_S, Drag
from farside.dynamics.forces.gravity import PCK_FRAMES, SphericalHarmonics, UniformRotation, default_frame
from farside.dynamics.forces.radiation import SOLAR_PRESSURE_1AU_N_M2, Schwarzschild, SolarRadiationPressure
from farside.dynamics.forces.term import ForceTerm, Packing, Slot
from farside.dynamics.forces.third_bodies import ThirdBodies
from farside.dynamics.forces.thrust import STANDARD_GRAVITY_M_S2, THRUST_AXES, Thrust

__all__ = ["ATMOSPHERES", "EARTH_ROTATION_RATE_RAD_S", "PCK_FRAMES", "SOLAR_PRESSURE_1AU_N_M2",
           "STANDARD_GRAVITY_M_S2", "THRUST_AXES", "Drag", "ForceTerm", "Packing", "Schwarzschild", "Slot",
           "SolarRadiationPressure", "SphericalHarmonics", "ThirdBodies", "Thrust", "UniformRotation",
           "default_frame"]
