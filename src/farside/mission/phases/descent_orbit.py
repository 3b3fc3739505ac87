"""``descent_orbit``: the descent orbit insertion (:mod:`farside.gnc.descent_orbit`) flown as a
finite burn centred on the planned impulse, then the coast to its periselene."""
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from pydantic import Field, field_validator

from farside.astro.time import Epoch
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2, Thrust
from farside.dynamics.maneuvers import FiniteBurn
from farside.dynamics.propagator import propagate
from farside.errors import FarsideValueError, ScenarioError
from farside.gnc import descent_orbit
from farside.gnc.differential_corrector import TargetingError
from farside.mission.orbit_quantities import quantities
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.phases.burn import rocket_delta_v_m_s, rocket_propellant_kg
from farside.mission.phases.lunar import about_moon, moon_forces
from farside.mission.scenario_fields import check_epoch
from farside.mission.scenario_lunar import Site


@dataclass
class DescentOrbitReport(PhaseReport):
    delta_v_m_s: float
    burn_duration_s: float
    propellant_kg: float
    periselene_altitude_km: float
    cross_track_km: float


@register
class DescentOrbit(PhaseKind):
    """Descent orbit insertion by ``module``'s ``engine`` (a finite burn, the planned impulse's
    length at full thrust, centred on it): the periselene at ``periselene_altitude_km``,
    ``uprange_km`` before ``site`` on the pass nearest to it within ``search_h`` hours, or on the
    pass closest in time to ``pass_near`` (UTC). The phase ends at that periselene, where the
    powered descent starts."""
    key: ClassVar[str] = "descent_orbit"
    summary: ClassVar[str] = "descent orbit, periselene {periselene_altitude_km:g} km"
    module: str
    engine: str
    site: Site
    periselene_altitude_km: float = Field(15.0, gt=0, le=200)
    uprange_km: float = Field(580.0, gt=0, le=3000)
    search_h: float = Field(4.0, gt=1, le=48)
    pass_near: str | None = None
    max_cross_track_km: float = Field(10.0, gt=0)

    @field_validator("pass_near")
    @classmethod
    def _epoch(cls, value):
        return value if value is None else check_epoch([], value)

    def _plan(self, flight, phase, state, forces, path):
        lat, lon = np.radians(self.site.lat_deg), np.radians(self.site.lon_deg)
        flight.say(phase.name, "searching the pass over the site")
        near = None if self.pass_near is None else Epoch(self.pass_near).tdb_seconds
        search_s = self.search_h * 3600.0
        if near is not None:
            search_s = max(search_s, near - state.epoch.tdb_seconds + 3600.0)
        try:
            doi = descent_orbit.plan(state, forces, lat, lon, self.uprange_km * 1e3, self.periselene_altitude_km * 1e3,
                                     search_s, near_s=near, tolerances=flight.tolerances())
        except (FarsideValueError, TargetingError) as error:
            raise ScenarioError(path, "the descent orbit", f"a reachable periselene: {error}") from None
        if flight.strict and abs(doi.cross_track_m) > self.max_cross_track_km * 1e3:
            raise ScenarioError(f"{path}.site", f"{doi.cross_track_m / 1e3:.1f} km from the ground track",
                                f"a site within max_cross_track_km = {self.max_cross_track_km:g} km of the orbit's "
                                f"ground track on the pass near {doi.periselene_epoch.iso('utc', 0)} UTC (move the "
                                "orbit plane over the site first)")
        return doi

    def run(self, flight, stack, phase, path):
        forces = moon_forces(flight, path)
        state = about_moon(stack.state, path)
        thrust, isp, _ = flight.engine(self)
        doi = self._plan(flight, phase, state, forces, path)
        out = PhaseOutcome(phase.name, stack.name)
        dv = float(np.linalg.norm(doi.delta_v_m_s))
        tol = flight.tolerances().options()
        coast_in = propagate(state, until=doi.burn_epoch, forces=forces, **tol)
        propellant = rocket_propellant_kg(coast_in.final_state().mass_kg, dv, isp)
        duration = propellant / (thrust / (isp * STANDARD_GRAVITY_M_S2))
        start = Epoch.from_tdb_seconds(doi.burn_epoch.tdb_seconds - duration / 2.0)
        coast_in = coast_in.truncated(start.tdb_seconds)
        before = coast_in.final_state()
        flight.vehicles.check_propellant(self.module, propellant, f"{path}.module")
        burn = propagate(before, duration_s=duration, forces=forces,
                         maneuvers=[FiniteBurn(start, duration, Thrust(thrust, isp, tuple(doi.delta_v_m_s / dv), "inertial"))], **tol)
        after = burn.final_state()
        coast_out = propagate(after, until=doi.periselene_epoch, forces=forces, **tol)
        end = coast_out.final_state()
        used = before.mass_kg - after.mass_kg
        out.burn(f"{path}.module", stack.name, self.module, self.engine, start, duration,
                 rocket_delta_v_m_s(before.mass_kg, after.mass_kg, isp), used, before.mass_kg, after.mass_kg,
                 spent_kg=propellant)
        out.note(start, stack.name, f"ignition {self.module}.{self.engine} (descent orbit insertion)",
                 f"{thrust:.0f} N for {duration:.1f} s, planned {dv:.2f} m/s")
        altitude = quantities(end)["altitude_km"]
        out.note(end.epoch, stack.name, "periselene of the descent orbit",
                 f"{altitude:.2f} km, {self.uprange_km:g} km up-range, cross-track {doi.cross_track_m / 1e3:.2f} km")
        out.report = DescentOrbitReport(dv, duration, used, altitude, doi.cross_track_m / 1e3)
        out.fly(stack.name, stack.modules, [coast_in, burn, coast_out])
        out.state = end
        return out
