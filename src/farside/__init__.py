"""farside: lunar sample-return and science mission analysis, end to end.

The public surface::

    import farside as fs
    t = fs.Epoch("2024-06-01T22:23:16", scale="utc")
    r, v = fs.ephemeris.state("moon", t, center="earth", frame="GCRF")
    R = fs.frames.rotation("GCRF", "MOON_PA", t)
    field = fs.gravity.load("GRGM1200A", degree=100)
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, "MOON_PA"), fs.ThirdBodies(("earth", "sun"))])
    seg = fs.propagate(fs.State(t, r, v, 2400.0, "moon"), duration_s=86400.0, forces=model,
                       events=[fs.events.periapsis()])
    seg.state(t + 3600.0); seg.events
"""
from farside.astro import bodies, ephemeris, frames
from farside.astro.time import Epoch
from farside.dynamics import events
from farside.dynamics import gravity_field as gravity
from farside.dynamics.fixed_step import fixed_step
from farside.dynamics.batch import propagate_batch
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import (Drag, Schwarzschild, SolarRadiationPressure, SphericalHarmonics, ThirdBodies,
                                     Thrust, UniformRotation)
from farside.dynamics.maneuvers import FiniteBurn, Impulse
from farside.dynamics.propagator import propagate
from farside.dynamics.segment import Segment
from farside.dynamics.state import State

__all__ = ["Drag", "Epoch", "FiniteBurn", "ForceModel", "Impulse", "Schwarzschild", "Segment", "SolarRadiationPressure",
           "SphericalHarmonics", "State", "ThirdBodies", "Thrust", "UniformRotation", "bodies", "ephemeris",
           "events", "fixed_step", "frames", "gravity", "propagate", "propagate_batch"]
__version__ = "0.1.0"
