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

    scenario = fs.load_scenario("scenarios/change6.yaml", {"phases[LOI].burn.duration_s": 900})
    result = fs.run(scenario)          # or fs.run("scenarios/change6.yaml")
    result.total_delta_v_m_s, result.timeline

Lengths, speeds, masses may be astropy Quantities and epochs astropy Times or datetimes.
"""
__version__ = "0.1.0"
"""The release (pyproject.toml reads it); set before the imports below, which stamp it in output files."""

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from farside import errors
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

if TYPE_CHECKING:
    from farside.mission.result import MissionResult
    from farside.mission.scenario import Scenario


def load_scenario(path: str | os.PathLike[str], overrides: Mapping[str, Any] | None = None) -> "Scenario":
    """The validated mission scenario (YAML file at ``path``), ``overrides`` mapping YAML paths
    to values; every problem is a `farside.errors.ScenarioError` naming the field."""
    from farside.mission.scenario import load_scenario as load
    return load(path, overrides)


def run(scenario: "Scenario | str | os.PathLike[str]", overrides: Mapping[str, Any] | None = None,
        progress: Callable[[Any], None] | None = None) -> "MissionResult":
    """Fly a scenario (a `Scenario` from :func:`load_scenario`, or the path of its YAML file,
    with ``overrides``) and return its `MissionResult`; ``progress(text)`` hears of each phase."""
    from farside.mission import sequencer
    from farside.mission.scenario import Scenario
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario, overrides)
    elif overrides:
        raise errors.FarsideValueError("overrides", overrides, "overrides with a scenario path, not a loaded Scenario")
    return sequencer.run(scenario, progress)


__all__ = ["Drag", "Epoch", "FiniteBurn", "ForceModel", "Impulse", "Schwarzschild", "Segment", "SolarRadiationPressure",
           "SphericalHarmonics", "State", "ThirdBodies", "Thrust", "UniformRotation", "bodies", "ephemeris",
           "errors", "events", "fixed_step", "frames", "gravity", "load_scenario", "propagate", "propagate_batch",
           "run"]
