"""``ascent``: one module lifts off into the plane of another stack
(:mod:`farside.gnc.powered_ascent`), leaving the rest of the landed stack on the surface."""
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from pydantic import Field, model_validator

from farside.astro import frames
from farside.astro.sites import enu_rotation, fixed_to_spherical
from farside.astro.time import Epoch
from farside.errors import ScenarioError
from farside.gnc import powered_ascent
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.phases.burn import rocket_delta_v_m_s
from farside.mission.phases.lunar import check_lift, landed_site, moon_forces, on_surface, other_at
from farside.mission.scenario_fields import FieldError, check_epoch
from farside.mission.vehicles import Separation


@dataclass
class AscentReport(PhaseReport):
    lift_off_utc: str
    insertion_utc: str
    duration_s: float
    periapsis_altitude_km: float
    apoapsis_altitude_km: float
    propellant_kg: float
    delta_v_m_s: float
    azimuth_deg: float
    site_from_target_plane_deg: float


def ascent_azimuth(fixed, lat, lon, epoch, target):
    """Launch azimuth (rad from north) along the target's orbit plane over the site, and the
    site's angle from that plane (deg)."""
    rot = frames.rotation("MOON_ME", "GCRF", epoch)
    up = rot @ fixed / np.linalg.norm(fixed)
    h = np.cross(target.r_m, target.v_m_s)
    h /= np.linalg.norm(h)
    along = np.cross(h, up)
    east, north, _ = enu_rotation(lat, lon) @ (rot.T @ along)
    return float(np.arctan2(east, north)), float(np.degrees(np.arcsin(np.dot(up, h))))


@register
class Ascent(PhaseKind):
    """Lift-off of ``module`` (leaving the rest on the surface as the landed stack) at ``epoch``
    (UTC) with its ``engine``: vertical rise, then linear-tangent guidance to a
    ``periapsis_altitude_km`` x ``apoapsis_altitude_km`` orbit in the plane of stack ``plane_of``;
    the module flies on as a stack named ``as``."""
    key: ClassVar[str] = "ascent"
    summary: ClassVar[str] = "ascent of {module} to {periapsis_altitude_km:g} x {apoapsis_altitude_km:g} km"
    module: str
    engine: str
    name: str = Field(alias="as")
    epoch: str
    periapsis_altitude_km: float = Field(15.0, gt=0)
    apoapsis_altitude_km: float = Field(180.0, gt=0)
    plane_of: str
    vertical_rise_s: float = Field(10.0, ge=0)

    @model_validator(mode="after")
    def _orbit(self):
        check_epoch(["epoch"], self.epoch)
        if self.apoapsis_altitude_km < self.periapsis_altitude_km:
            raise FieldError(["apoapsis_altitude_km"], self.apoapsis_altitude_km,
                             f"an aposelene at or above the periselene, {self.periapsis_altitude_km:g} km")
        return self

    def check(self, plan, path):
        engine = plan.spacecraft.modules[self.module].engines[self.engine]
        check_lift(engine.thrust_N * engine.count, self.engine, plan.loaded_kg([self.module]),
                   f"{self.module} as loaded", path)
        plan.split([self.module], self.name, flies_on=True)

    def run(self, flight, stack, phase, path):
        forces = moon_forces(flight, path)
        fixed = landed_site(flight, stack, path)
        epoch = Epoch(self.epoch)
        if epoch.tdb_seconds < stack.state.epoch.tdb_seconds:
            raise ScenarioError(f"{path}.epoch", self.epoch,
                                f"an epoch after the landing, {stack.state.epoch.iso('utc', 0)} UTC")
        thrust, isp, _ = flight.engine(self)
        flight.vehicles.check_separation(stack.name, [self.module], self.name, path)
        mass = flight.vehicles.modules_mass_kg([self.module])
        check_lift(thrust, self.engine, mass, self.name, path)
        _, target = other_at(flight, self.plane_of, epoch, f"{path}.plane_of", forces)
        lat, lon, height = map(float, fixed_to_spherical(fixed))
        azimuth, offset_deg = ascent_azimuth(fixed, lat, lon, epoch, target)
        plan = powered_ascent.AscentPlan(lat, lon, height, azimuth, self.periapsis_altitude_km * 1e3,
                                         self.apoapsis_altitude_km * 1e3, self.vertical_rise_s)
        flight.say(phase.name, "closed-loop guidance to insertion")
        ascent = powered_ascent.fly(epoch, mass, thrust, isp, plan, forces, tolerances=flight.tolerances())
        flight.vehicles.check_propellant(self.module, ascent.propellant_kg, f"{path}.module")
        out = PhaseOutcome(phase.name, self.name)
        out.changes.append(Separation(stack.name, (self.module,), self.name, path))
        insertion = ascent.insertion
        duration = insertion.epoch.tdb_seconds - epoch.tdb_seconds
        delta_v = rocket_delta_v_m_s(mass, insertion.mass_kg, isp)
        out.burn(f"{path}.module", self.name, self.module, self.engine, epoch, duration, delta_v,
                 ascent.propellant_kg, mass, insertion.mass_kg)
        for name, at in ascent.events:
            out.note(at, self.name, name)
        out.note(insertion.epoch, self.name, "ascent orbit",
                 f"{ascent.periapsis_altitude_m / 1e3:.1f} x {ascent.apoapsis_altitude_m / 1e3:.1f} km, "
                 f"azimuth {np.degrees(azimuth) % 360:.2f} deg, site {offset_deg:.3f} deg from {self.plane_of}'s plane")
        staying = [m for m in stack.modules if m != self.module]
        out.states[stack.name] = on_surface(fixed, epoch, flight.vehicles.modules_mass_kg(staying))
        out.report = AscentReport(
            epoch.iso("utc", 1), insertion.epoch.iso("utc", 1), duration, ascent.periapsis_altitude_m / 1e3,
            ascent.apoapsis_altitude_m / 1e3, ascent.propellant_kg, delta_v, np.degrees(azimuth) % 360.0, offset_deg)
        out.fly(self.name, [self.module], [ascent.segment])
        out.state = insertion
        return out
