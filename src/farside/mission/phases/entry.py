"""``entry``: a capsule's guided skip entry from the interface (or above it) to touchdown on the
Earth (:func:`farside.gnc.entry_guidance.fly_entry`): first dip, skip, second entry, parachute."""
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from farside.errors import FarsideValueError, ScenarioError
from farside.gnc.capsule_aerodynamics import CapsuleShape
from farside.gnc.entry_guidance import EntrySpec, EntryTarget, GuidanceSettings, Parachute, fly_entry
from farside.gnc.entry_outcome import EntryReport
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.scenario_fields import Model


@dataclass(frozen=True)
class EntryPhaseReport(PhaseReport, EntryReport):
    """The flown entry's figures (:class:`farside.gnc.entry_outcome.EntryReport`)."""


class Capsule(Model):
    """Heat shield: a spherical segment of ``nose_radius_m`` cut at ``diameter_m``, trimmed at
    ``trim_alpha_deg`` (modified Newtonian coefficients)."""
    diameter_m: float = Field(gt=0, le=10)
    nose_radius_m: float = Field(gt=0, le=20)
    trim_alpha_deg: float = Field(ge=0, lt=40)


class LandingPoint(Model):
    lat_deg: float = Field(ge=-90, le=90)
    lon_deg: float = Field(ge=-360, le=360)
    terrain_height_m: float = Field(0.0, ge=-500, le=9000)


class Chute(Model):
    altitude_m: float = Field(10000.0, gt=0, le=30000)
    drag_area_m2: float = Field(gt=0, le=5000)
    fill_time_s: float = Field(3.0, gt=0, le=60)


class Guidance(Model):
    """Settings of :class:`farside.gnc.entry_guidance.GuidanceSettings` (defaults there)."""
    final_bank_deg: float = Field(60.0, ge=0, le=180)
    cycle_s: float = Field(1.0, gt=0, le=1)
    predictor_step_s: float = Field(4.0, gt=0, le=10)
    bank_rate_deg_s: float = Field(20.0, gt=0)
    bank_acceleration_deg_s2: float = Field(5.0, gt=0)
    corridor_km: float = Field(3.0, ge=0)
    corridor_per_km: float = Field(0.02, ge=0)
    final_phase_speed_m_s: float = Field(1000.0, ge=0)
    tolerance_m: float = Field(300.0, gt=0)
    max_iterations: int = Field(3, ge=1, le=10)


@register
class Entry(PhaseKind):
    """Guided skip entry of the stack (a capsule) to ``target``; the flight ends on the ground.
    ``load_limit_g``: the capsule's load limit (design), the steep edge of the entry corridor that
    the interface is checked against before the guided flight."""
    key: ClassVar[str] = "entry"
    report_fields: ClassVar[tuple] = tuple(EntryPhaseReport.__dataclass_fields__)
    summary: ClassVar[str] = "skip entry to {target.lat_deg:.3f}, {target.lon_deg:.3f} deg"
    capsule: Capsule
    target: LandingPoint
    parachute: Chute
    guidance: Guidance = Guidance()
    interface_altitude_km: float = Field(120.0, ge=60, le=200)
    atmosphere: Literal["NRLMSIS2.1+USSA76", "USSA76"] = "NRLMSIS2.1+USSA76"
    density_factor: float = Field(1.0, gt=0, le=10)
    lift_factor: float = Field(1.0, ge=0, le=3)
    skip_load_g: float = Field(0.2, gt=0, le=2)
    load_limit_g: float = Field(10.0, gt=0, le=100)

    def spec(self) -> EntrySpec:
        c, t, p = self.capsule, self.target, self.parachute
        return EntrySpec(CapsuleShape(c.diameter_m, c.nose_radius_m, c.trim_alpha_deg),
                         EntryTarget(t.lat_deg, t.lon_deg, t.terrain_height_m),
                         Parachute(p.altitude_m, p.drag_area_m2, p.fill_time_s),
                         GuidanceSettings(**self.guidance.model_dump()), self.interface_altitude_km * 1000.0,
                         self.atmosphere, self.density_factor, self.lift_factor, self.skip_load_g,
                         self.load_limit_g)

    def check(self, plan, path):
        """Before flight: the capsule's shape (a spherical segment, trimmed), the parachute's
        opening above the landing zone's terrain; the corridor and the footprint need the
        interface state, checked as the phase starts, before the guided flight."""
        c = self.capsule
        try:
            CapsuleShape(c.diameter_m, c.nose_radius_m, c.trim_alpha_deg)
        except FarsideValueError as error:
            raise ScenarioError(f"{path}.capsule.{error.argument}", error.value, error.allowed) from None
        if not self.parachute.altitude_m > self.target.terrain_height_m:
            raise ScenarioError(f"{path}.parachute.altitude_m", self.parachute.altitude_m,
                                f"an opening height above the target's terrain height, "
                                f"{self.target.terrain_height_m:g} m above the ellipsoid")

    def run(self, flight, stack, phase, path):
        state = stack.state
        if state.center != "earth":
            raise ScenarioError(f"{path}", stack.name, "a stack about the Earth at the start of its entry")
        flight.say(phase.name, "guided skip entry to the ground")
        try:
            spec = self.spec()
            outcome = fly_entry(state, spec)
        except FarsideValueError as error:
            raise ScenarioError(f"{path}.{error.argument}", error.value, error.allowed) from None
        out = PhaseOutcome(phase.name, stack.name)
        report = outcome.report
        details = {"first entry": f"{report.interface_speed_m_s:.0f} m/s Earth-relative, flight-path angle "
                                  f"{report.interface_flight_path_deg:.2f} deg",
                   "first dip lowest point": f"{report.first_dip_min_altitude_km:.1f} km, "
                                             f"peak {report.first_dip_peak_g:.1f} g",
                   "skip apogee": f"{report.skip_apogee_km or 0.0:.1f} km",
                   "second entry": f"{report.second_entry_speed_m_s or 0.0:.0f} m/s Earth-relative",
                   "parachute": f"{report.parachute_altitude_km:.1f} km",
                   "touchdown": f"{report.touchdown_lat_deg:.4f} deg, {report.touchdown_lon_deg:.4f} deg E; "
                                f"{report.miss_m:.0f} m from the target, {report.touchdown_speed_m_s:.1f} m/s"}
        for event in outcome.events:
            out.note(event.epoch, stack.name, event.name, details.get(event.name, ""))
        out.fly(stack.name, stack.modules, [outcome.segment])
        out.report = EntryPhaseReport(**report.__dict__)
        out.products["entry_flight"] = {"series": outcome.series, "target": (self.target.lat_deg, self.target.lon_deg)}
        out.state = outcome.touchdown
        return out
