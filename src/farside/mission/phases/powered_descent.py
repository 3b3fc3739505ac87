"""``powered_descent``: braking, approach, hover and divert, vertical descent, touchdown
(:mod:`farside.gnc.powered_descent`); the stack is then landed at the touchdown point."""
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from pydantic import Field

from farside.astro.sites import fixed_to_spherical, spherical_to_fixed
from farside.astro.terrain import dem_height_m
from farside.astro.time import Epoch
from farside.errors import FarsideValueError, ScenarioError
from farside.gnc import powered_descent
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.phases.burn import rocket_delta_v_m_s
from farside.mission.phases.lunar import about_moon, check_lift, moon_forces
from farside.mission.scenario_lunar import Site
from farside.mission.vehicles import Landing


@dataclass
class PoweredDescentReport(PhaseReport):
    touchdown_utc: str
    latitude_deg: float
    longitude_deg: float
    from_target_site_m: float
    from_aim_after_divert_m: float
    vertical_speed_m_s: float
    horizontal_speed_m_s: float
    duration_s: float
    propellant_kg: float
    delta_v_m_s: float
    terrain_clearance_before_hover_m: float


def terrain_clearance(segment, until_s, step_s=2.0):
    """``(clearance_m, utc, lat_deg, lon_deg)``: the lowest height above the DEM along the powered
    descent up to ``until_s`` (TDB s; the hover: below it the vehicle descends onto the site)."""
    t = np.arange(segment.start.tdb_seconds, until_s, step_s)
    r, _ = segment.states(t, frame="MOON_ME")
    lat, lon, height = fixed_to_spherical(r)
    clearance = height - dem_height_m(lat, lon)
    k = int(np.argmin(clearance))
    return (float(clearance[k]), Epoch.from_tdb_seconds(t[k]).iso("utc", 0), float(np.degrees(lat[k])),
            float(np.degrees(lon[k]) % 360.0))


@register
class PoweredDescent(PhaseKind):
    """Closed-loop powered descent by ``module``'s throttleable ``engine`` to ``site``: braking at
    full thrust, approach to a hover at ``hover_height_m``, divert to the flattest place within
    ``divert_radius_m``, vertical descent at ``final_speed_m_s``, cut-off at ``cutoff_height_m``."""
    key: ClassVar[str] = "powered_descent"
    summary: ClassVar[str] = "powered descent to {site.lat_deg:.4f}, {site.lon_deg:.4f} deg"
    module: str
    engine: str
    site: Site
    hover_height_m: float = Field(100.0, gt=10)
    hover_s: float = Field(20.0, ge=0)
    divert_radius_m: float = Field(100.0, ge=0, le=5000)
    final_speed_m_s: float = Field(1.0, gt=0, le=5)
    cutoff_height_m: float = Field(0.4, ge=0)
    max_turn_rate_deg_s: float = Field(10.0, gt=0)
    guidance_step_s: float = Field(1.0, gt=0, le=10)

    def check(self, plan, path):
        engine = plan.spacecraft.modules[self.module].engines[self.engine]
        check_lift(engine.thrust_N * engine.count, self.engine, plan.loaded_kg(plan.modules),
                   ", ".join(plan.modules) + " as loaded", path)

    def _fly(self, flight, phase, stack, state, forces, path):
        thrust, isp, min_throttle = flight.engine(self)
        check_lift(thrust, self.engine, state.mass_kg, stack.name, path)
        dry = state.mass_kg - flight.vehicles.propellant_kg[self.module]
        vehicle = powered_descent.DescentVehicle(thrust, thrust * min_throttle, isp, dry, self.max_turn_rate_deg_s)
        plan = powered_descent.DescentPlan(np.radians(self.site.lat_deg), np.radians(self.site.lon_deg),
                                           self.hover_height_m, self.hover_s, self.divert_radius_m,
                                           self.final_speed_m_s, self.cutoff_height_m, self.guidance_step_s)
        flight.say(phase.name, "closed-loop guidance to touchdown")
        try:
            return plan, powered_descent.fly(state, forces, vehicle, plan, tolerances=flight.tolerances())
        except FarsideValueError as error:
            raise ScenarioError(f"{path}.module", self.module, f"{error.allowed} ({error.value})") from None

    def run(self, flight, stack, phase, path):
        forces = moon_forces(flight, path)
        state = about_moon(stack.state, path)
        plan, landing = self._fly(flight, phase, stack, state, forces, path)
        _, isp, _ = flight.engine(self)
        flight.vehicles.check_propellant(self.module, landing.propellant_kg, f"{path}.module")
        out = PhaseOutcome(phase.name, stack.name)
        touchdown = landing.touchdown
        duration = touchdown.epoch.tdb_seconds - state.epoch.tdb_seconds
        delta_v = rocket_delta_v_m_s(state.mass_kg, touchdown.mass_kg, isp)
        out.burn(f"{path}.module", stack.name, self.module, self.engine, state.epoch, duration, delta_v,
                 landing.propellant_kg, state.mass_kg, touchdown.mass_kg)
        for name, epoch in landing.events:
            out.note(epoch, stack.name, name)
        fixed = landing.landed_fixed_m
        lat, lon = np.degrees(fixed_to_spherical(fixed)[:2])
        from_site = float(np.linalg.norm(fixed - spherical_to_fixed(plan.lat_rad, plan.lon_rad,
                                                                     float(dem_height_m(plan.lat_rad, plan.lon_rad)))))
        out.note(touchdown.epoch, stack.name, "landed",
                 f"{lat:.5f} deg, {lon % 360:.5f} deg E; {from_site:.1f} m from the target, "
                 f"{landing.miss_m:.2f} m from the aim after the divert; {landing.vertical_speed_m_s:.2f} m/s down, "
                 f"{landing.horizontal_speed_m_s:.2f} m/s across")
        out.changes.append(Landing(stack.name, fixed))
        hover = next(epoch for name, epoch in landing.events if name == "hover")
        clearance, clearance_utc, clearance_lat, clearance_lon = terrain_clearance(landing.segment, hover.tdb_seconds)
        out.note(Epoch(clearance_utc), stack.name, "lowest height above the terrain before the hover",
                 f"{clearance:.0f} m over {clearance_lat:.3f} deg, {clearance_lon:.3f} deg E (DEM)")
        out.report = PoweredDescentReport(
            touchdown.epoch.iso("utc", 1), lat, lon % 360.0, from_site, landing.miss_m, landing.vertical_speed_m_s,
            landing.horizontal_speed_m_s, duration, landing.propellant_kg, delta_v, clearance)
        out.fly(stack.name, stack.modules, [landing.segment])
        out.state = touchdown
        return out
