"""``surface_stay``: the landed stack turns with the Moon; the Sun and the Earth over the stay
(:mod:`farside.comms.site_sky`); samples collected into a module."""
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from pydantic import Field, field_validator

from farside.astro.sites import Site as SurfaceSite, fixed_to_spherical
from farside.astro.terrain import dem_height_m
from farside.astro.time import Epoch
from farside.comms import site_sky
from farside.comms.horizon import horizon_mask
from farside.errors import ScenarioError
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.phases.lunar import landed_site, on_surface
from farside.mission.scenario_fields import FieldError, check_epoch
from farside.mission.vehicles import Cargo


@dataclass
class SurfaceStayReport(PhaseReport):
    duration_h: float
    sun_elevation_deg: list
    earth_elevation_deg: list
    earth_always_below_horizon: bool
    local_time_h: list


@register
class SurfaceStay(PhaseKind):
    """The landed stack stays on the surface until ``until`` (UTC); ``samples`` gives mass
    (kg) collected into a module, ``sky_step_s`` the step of the Sun/Earth table."""
    key: ClassVar[str] = "surface_stay"
    summary: ClassVar[str] = "surface stay until {until}"
    until: str
    samples: dict[str, float] = {}
    sky_step_s: float = Field(600.0, gt=0)

    @field_validator("until")
    @classmethod
    def _epoch(cls, value):
        return check_epoch([], value)

    def references(self, spacecraft, parts):
        for name, kg in self.samples.items():
            if name not in spacecraft.modules or kg <= 0:
                raise FieldError(parts + ["samples", name], kg,
                                 "a module among " + ", ".join(spacecraft.modules) + " and a mass > 0 kg")

    def run(self, flight, stack, phase, path):
        fixed = landed_site(flight, stack, path)
        start = stack.state.epoch
        end = Epoch(self.until)
        if end.tdb_seconds <= start.tdb_seconds:
            raise ScenarioError(f"{path}.until", self.until, f"an epoch after the landing, {start.iso('utc', 0)} UTC")
        out = PhaseOutcome(phase.name, stack.name)
        for module, kg in self.samples.items():
            if module not in stack.modules:
                raise ScenarioError(f"{path}.samples.{module}", kg, f"a module of {stack.name}: " + ", ".join(stack.modules))
            out.changes.append(Cargo(module, kg))
            out.note(end, stack.name, f"samples sealed in {module}", f"{kg:g} kg")
        lat, lon, _ = map(float, fixed_to_spherical(fixed))
        site = SurfaceSite("landing site", "moon", lat, lon, float(dem_height_m(lat, lon)))
        flight.say(phase.name, "horizon of the site from the DEM")
        sky = site_sky.sky(site, horizon_mask(lat, lon), start.tdb_seconds, end.tdb_seconds, self.sky_step_s)
        out.products["sky"] = sky
        for at, k in (("first", 0), ("last", -1)):
            out.note(Epoch.from_tdb_seconds(sky.times_s[k]), stack.name, f"sky at the site ({at})",
                     f"local time {sky.local_time_h[k]:.2f} h, Sun {sky.sun_elevation_deg[k]:.2f} deg, "
                     f"Earth {sky.earth_elevation_deg[k]:.2f} deg")
        out.report = SurfaceStayReport(
            (end.tdb_seconds - start.tdb_seconds) / 3600.0,
            [float(sky.sun_elevation_deg.min()), float(sky.sun_elevation_deg.max())],
            [float(sky.earth_elevation_deg.min()), float(sky.earth_elevation_deg.max())],
            bool(np.all(sky.earth_elevation_deg < sky.earth_mask_deg)),
            [float(sky.local_time_h[0]), float(sky.local_time_h[-1])])
        mass = flight.vehicles.mass_kg(stack.name) + sum(self.samples.values())
        out.state = on_surface(fixed, end, mass)
        return out
