"""``launch``: a launcher's ascent from a pad on the Earth to a parking orbit, the coast and the
relight to a transfer conic, and the spacecraft's separation (:mod:`farside.gnc.launch_ascent`).
The stack flying is the launcher's payload; it starts on the pad at its state's epoch (lift-off).
"""
from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator

from farside.astro import bodies
from farside.astro.bodies import WGS84_A_M
from farside.astro.time import Epoch
from farside.core.kepler import state_to_elements_hf
from farside.dynamics.atmospheric_flight import EARTH_ROTATION_ANGLE_RATE_RAD_S
from farside.dynamics.launch_vehicle import G0_M_S2, LaunchVehicle, Stage
from farside.errors import FarsideValueError, ScenarioError
from farside.io.strict_numbers import FieldError
from farside.gnc import launch_ascent, launch_products, launch_setup, launch_targets
from farside.mission.phases.base import PhaseKind, PhaseOutcome, PhaseReport, register
from farside.mission.scenario_fields import Model

Finite = Field(gt=0, allow_inf_nan=False)
USSA76_SOUND_SPEED_ABOVE_86KM_M_S = 274.1


class StageSpec(Model):
    units: int = Field(1, ge=1)
    dry_mass_kg: float = Finite
    propellant_kg: float = Finite
    thrust_vac_N: float = Finite
    isp_vac_s: float = Finite
    thrust_sl_N: float | None = Field(None, gt=0, allow_inf_nan=False)

    def stage(self, name):
        return Stage(name, self.units, self.dry_mass_kg, self.propellant_kg, self.thrust_vac_N, self.isp_vac_s,
                     self.thrust_sl_N)


class DragSpec(Model):
    mach: list[float]
    cd: list[float]
    area_with_boosters_m2: float = Finite
    area_core_m2: float = Finite
    cd_scale: float = Field(1.0, gt=0, allow_inf_nan=False)
    """Multiplies every coefficient of the table (1: as stated; a campaign's drag dispersion)."""


class LauncherSpec(Model):
    boosters: StageSpec
    core: StageSpec
    upper: StageSpec
    fairing_kg: float = Field(ge=0, allow_inf_nan=False)
    drag: DragSpec

    def vehicle(self, payload_kg, path) -> LaunchVehicle:
        try:
            stages = [getattr(self, name).stage(name) for name in ("boosters", "core", "upper")]
            return LaunchVehicle(*stages, self.fairing_kg, payload_kg, self.drag.mach,
                                 [c * self.drag.cd_scale for c in self.drag.cd],
                                 self.drag.area_with_boosters_m2, self.drag.area_core_m2)
        except FarsideValueError as error:
            raise ScenarioError(f"{path}.launcher.{error.argument}", error.value, error.allowed) from None


class PadSpec(Model):
    """Geodetic latitude and east longitude (deg, WGS84) and height above the ellipsoid (m)."""
    lat_deg: float = Field(ge=-90, le=90)
    lon_deg: float = Field(ge=-360, le=360)
    height_m: float = Field(0.0, ge=-500, le=9000)


class ParkingSpec(Model):
    perigee_altitude_km: float = Field(gt=100, allow_inf_nan=False)
    apogee_altitude_km: float = Field(gt=100, allow_inf_nan=False)


class InjectionSpec(Model):
    """The transfer conic: semi-major axis; eccentricity ``e`` or the perigee altitude above WGS84's
    equatorial radius; argument of perigee in the parking plane, or the perigee placed
    ``perigee_after_relight_deg`` of arc after the point where the upper stage relights."""
    a_km: float = Finite
    e: float | None = Field(None, ge=0, lt=1)
    perigee_altitude_km: float | None = Field(None, gt=100, allow_inf_nan=False)
    argp_deg: float | None = Field(None, ge=-360, le=360)
    perigee_after_relight_deg: float | None = Field(None, ge=-90, le=90)

    @model_validator(mode="after")
    def _one_of_each(self):
        for first, second in (("e", "perigee_altitude_km"), ("argp_deg", "perigee_after_relight_deg")):
            if (getattr(self, first) is None) == (getattr(self, second) is None):
                raise FieldError([first], getattr(self, first), f"either {first} or {second}, one of the two")
        if self.perigee_altitude_km is not None and not self.a_km > WGS84_A_M / 1e3 + self.perigee_altitude_km:
            raise FieldError(["a_km"], self.a_km, f"a semi-major axis above the perigee radius, "
                                                  f"{WGS84_A_M / 1e3 + self.perigee_altitude_km:.3f} km")
        return self

    def eccentricity(self) -> float:
        return self.e if self.e is not None else 1.0 - (WGS84_A_M / 1e3 + self.perigee_altitude_km) / self.a_km


@dataclass
class ParkingReport(PhaseReport):
    """The figures of an ascent flown to the parking-orbit insertion (``through: parking``)."""
    launch_azimuth_deg: float
    inertial_azimuth_deg: float
    booster_separation_s: float
    fairing_jettison_s: float
    core_cutoff_s: float
    parking_insertion_s: float
    max_q_kpa: float
    max_q_s: float
    peak_axial_g: float
    peak_normal_g: float
    max_q_alpha_kpa_deg: float
    parking_perigee_km: float
    parking_apogee_km: float
    parking_inclination_deg: float
    parking_perigee_miss_m: float
    parking_apogee_miss_m: float
    parking_inclination_miss_deg: float
    payload_kg: float
    boosters_propellant_left_kg: float
    core_propellant_left_kg: float
    upper_propellant_left_at_parking_kg: float
    upper_delta_v_left_at_parking_m_s: float
    """The ideal delta-v (Tsiolkovsky, vacuum Isp) the upper stage's propellant left gives the
    stage and payload on the parking orbit: what the injection can draw on."""
    guidance_cycles: int
    kept_cycles: int


@dataclass
class LaunchReport(ParkingReport):
    """The figures of the whole launch, to the spacecraft's separation."""
    relight_s: float
    injection_s: float
    separation_s: float
    injection_a_miss_m: float
    injection_e_miss: float
    injection_argp_miss_deg: float
    transfer_perigee_km: float
    transfer_inclination_deg: float
    transfer_raan_deg: float
    upper_propellant_left_kg: float
    injection_delta_v_m_s: float
    """The ideal delta-v of the injection's burn (Tsiolkovsky from the relight's to the cut-off's mass)."""


def upper_delta_v_m_s(vehicle, from_kg, to_kg) -> float:
    """Ideal delta-v (m/s) of the upper stage and payload burning its propellant from ``from_kg`` to
    ``to_kg`` left: ``Isp g0 ln(m0 / m1)`` (Tsiolkovsky), at the vacuum Isp."""
    dry = vehicle.upper.units * vehicle.upper.dry_kg + vehicle.payload_kg
    return float(vehicle.upper.isp_vac_s * G0_M_S2 * np.log((dry + from_kg) / (dry + to_kg)))


def elements(gm, y):
    """(a m, e, i, RAAN, argument of perigee, true anomaly rad) to the GCRF equator."""
    el = np.zeros(6)
    state_to_elements_hf(gm, y[0:3].copy(), y[3:6].copy(), el)
    return el


def osculating(gm, y):
    """(perigee km, apogee km above WGS84's equatorial radius, inclination deg, RAAN deg) to the
    GCRF equator."""
    el = elements(gm, y)
    a, e = el[0], el[1]
    return ((a * (1 - e) - WGS84_A_M) / 1e3, (a * (1 + e) - WGS84_A_M) / 1e3, float(np.degrees(el[2])),
            float(np.degrees(el[3]) % 360.0))


@register
class Launch(PhaseKind):
    """Lift-off from ``pad`` at the stack's epoch into the plane through the pad of ``inclination_deg``
    (``pass_``: crossing it going south or north) or of inertial heading ``azimuth_deg`` at the pad
    (from north, east positive), a ``parking`` orbit inserted at perigee, a coast of ``coast_s``, the
    relight onto ``injection``, separation ``separation_delay_s`` later; with ``through: parking``
    the phase ends at the parking-orbit insertion (an ascent campaign's end), the stack on that
    orbit."""
    key: ClassVar[str] = "launch"
    report_fields: ClassVar[tuple] = tuple(LaunchReport.__dataclass_fields__)
    pad: PadSpec
    launcher: LauncherSpec
    inclination_deg: float | None = Field(None, gt=0, lt=180)
    azimuth_deg: float | None = Field(None, ge=0, lt=360)
    pass_: Literal["descending", "ascending"] = Field("descending", alias="pass")
    parking: ParkingSpec
    injection: InjectionSpec
    coast_s: float = Field(gt=0, allow_inf_nan=False)
    vertical_rise_s: float = Field(10.0, gt=0)
    pitch_over_s: float = Field(10.0, gt=0)
    kick_deg: float = Field(3.0, gt=0, lt=30)
    upper_ignition_delay_s: float = Field(4.0, ge=0)
    separation_delay_s: float = Field(60.0, ge=0)
    fairing_heat_flux_W_m2: float = Field(1135.0, gt=0)
    guidance_cycle_s: float = Field(2.0, gt=0, le=10)
    loss_allowance_m_s: float = Field(1500.0, ge=0)
    through: Literal["separation", "parking"] = "separation"

    @model_validator(mode="after")
    def _one_plane(self):
        if (self.inclination_deg is None) == (self.azimuth_deg is None):
            raise FieldError(["inclination_deg"], self.inclination_deg,
                             "either inclination_deg (with pass) or azimuth_deg, one of the two")
        return self

    def describe(self) -> str:
        plane = f"{self.inclination_deg:.2f} deg" if self.azimuth_deg is None else f"azimuth {self.azimuth_deg:.3f} deg"
        return (f"launch to {self.parking.perigee_altitude_km:.0f} x {self.parking.apogee_altitude_km:.0f} km, "
                f"{plane}, then {self.injection.a_km:.0f} km")

    def _pad_geocentric_latitude_deg(self):
        return float(np.degrees(np.arctan((1.0 - bodies.WGS84_F) ** 2 * np.tan(np.radians(self.pad.lat_deg)))))

    def planned_inclination_deg(self) -> float:
        """The inclination asked for, or the one the azimuth gives at the pad's geocentric latitude
        (``cos i = cos(lat) sin(Az)``)."""
        if self.inclination_deg is not None:
            return self.inclination_deg
        lat = np.radians(self._pad_geocentric_latitude_deg())
        return float(np.degrees(np.arccos(np.cos(lat) * np.sin(np.radians(self.azimuth_deg)))))

    def _setup(self, epoch, payload_kg, path):
        vehicle = self.launcher.vehicle(payload_kg, path)
        options = dict(vertical_rise_s=self.vertical_rise_s, pitch_over_s=self.pitch_over_s,
                       kick_rad=np.radians(self.kick_deg), coast_s=self.coast_s,
                       upper_ignition_delay_s=self.upper_ignition_delay_s, separation_delay_s=self.separation_delay_s,
                       fairing_heat_flux_w_m2=self.fairing_heat_flux_W_m2, guidance_cycle_s=self.guidance_cycle_s)
        lead = self.injection.perigee_after_relight_deg
        if lead is not None:
            options["injection_lead_rad"] = float(np.radians(lead))
        injection = (self.injection.a_km * 1e3, self.injection.eccentricity(), np.radians(self.injection.argp_deg or 0.0))
        azimuth = None if self.azimuth_deg is None else float(np.radians(self.azimuth_deg))
        try:
            setup = launch_setup.prepare(epoch.tdb_seconds, np.radians(self.pad.lat_deg), np.radians(self.pad.lon_deg),
                                         self.pad.height_m, vehicle.lift_off_kg,
                                         np.radians(self.planned_inclination_deg()), self.pass_ == "descending",
                                         self.parking.perigee_altitude_km * 1e3, self.parking.apogee_altitude_km * 1e3,
                                         injection, options, azimuth_rad=azimuth)
        except FarsideValueError as error:
            raise ScenarioError(f"{path}.{error.argument}", error.value, error.allowed) from None
        return vehicle, setup

    def check(self, plan, path):
        if self.parking.apogee_altitude_km < self.parking.perigee_altitude_km:
            raise ScenarioError(f"{path}.parking.apogee_altitude_km", self.parking.apogee_altitude_km,
                                f"at least the perigee altitude, {self.parking.perigee_altitude_km:g} km")
        vehicle = self.launcher.vehicle(plan.loaded_kg(plan.modules), path)
        weight = vehicle.lift_off_kg * 9.80665
        if not vehicle.lift_off_thrust_n() > weight:
            raise ScenarioError(f"{path}.launcher.boosters.thrust_sl_N", self.launcher.boosters.thrust_sl_N,
                                f"a lift-off thrust (boosters and core, {vehicle.lift_off_thrust_n() / 1e3:.0f} kN) "
                                f"above the stack's weight, {weight / 1e3:.0f} kN")
        lat_c = self._pad_geocentric_latitude_deg()
        if self.inclination_deg is not None and not abs(lat_c) <= self.inclination_deg <= 180.0 - abs(lat_c):
            raise ScenarioError(f"{path}.inclination_deg", self.inclination_deg,
                                f"an inclination the pad reaches without a dog-leg: between its geocentric "
                                f"latitude {abs(lat_c):.4f} deg and {180 - abs(lat_c):.4f} deg")
        gm = bodies.get("earth").gm_m3_s2
        rp = WGS84_A_M + self.parking.perigee_altitude_km * 1e3
        self._check_drag_table(vehicle, gm, rp, path)
        self._check_reach(vehicle, gm, rp, path)

    def _check_drag_table(self, vehicle, gm, rp, path):
        """The table must span Mach 0 to the parking perigee's circular speed over USSA76's speed of
        sound above 86 km (the fastest the vehicle can fly with any air about it)."""
        needed = np.sqrt(gm / rp) / USSA76_SOUND_SPEED_ABOVE_86KM_M_S
        mach = vehicle.cd_mach
        if mach[0] > 0.0 or mach[-1] < needed:
            raise ScenarioError(f"{path}.launcher.drag.mach", [float(mach[0]), float(mach[-1])],
                                f"a table from Mach 0 to at least Mach {needed:.1f} (the flight's range)")

    def _check_reach(self, vehicle, gm, rp, path):
        """Ideal delta-v of the stages with the payload against the orbits' needs plus
        ``loss_allowance_m_s`` (gravity, drag, steering), less the pad's rotation speed along the
        orbit (``w R cos(lat) sin(beta) = w R cos(i)``, ``beta`` the inertial azimuth)."""
        ra = WGS84_A_M + self.parking.apogee_altitude_km * 1e3
        v_parking = np.sqrt(gm * (2.0 / rp - 2.0 / (rp + ra)))
        v_tli = np.sqrt(gm * (2.0 / rp - 1.0 / (self.injection.a_km * 1e3)))
        v_pad_east = EARTH_ROTATION_ANGLE_RATE_RAD_S * WGS84_A_M * np.cos(np.radians(self.planned_inclination_deg()))
        needed = v_parking - v_pad_east + self.loss_allowance_m_s + max(v_tli - v_parking, 0.0)
        v = vehicle
        stages = [[v.boosters.units * v.boosters.thrust_vac_n + v.core.thrust_vac_n,
                   v.boosters.mass_flow_kg_s + v.core.mass_flow_kg_s, v.boosters.burn_time_s,
                   v.boosters.units * v.boosters.dry_kg],
                  [v.core.thrust_vac_n, v.core.mass_flow_kg_s, max(v.core.burn_time_s - v.boosters.burn_time_s, 0.0),
                   v.core.dry_kg + v.fairing_kg],
                  [v.upper.thrust_vac_n, v.upper.mass_flow_kg_s, v.upper.burn_time_s, 0.0]]
        have = launch_targets.ideal_delta_v_m_s(stages, v.lift_off_kg)
        if have < needed:
            raise ScenarioError(f"{path}.injection.a_km", self.injection.a_km,
                                f"an orbit the launcher reaches: it needs ~{needed:.0f} m/s (with a "
                                f"{self.loss_allowance_m_s:.0f} m/s loss allowance), the stages give {have:.0f} m/s, "
                                f"{needed - have:.0f} m/s short")

    def run(self, flight, stack, phase, path):
        epoch = stack.state.epoch
        vehicle, setup = self._setup(epoch, stack.state.mass_kg, path)
        flight.say(phase.name, "ascent with closed-loop guidance")
        try:
            flown = launch_ascent.fly(setup.fa, setup.grav, vehicle, setup.plan, setup.y0,
                                      to_parking=self.through == "parking")
        except FarsideValueError as error:
            raise ScenarioError(f"{path}.{'parking' if 'parking' in error.argument else 'injection'}",
                                error.value, error.allowed) from None
        return self._outcome(flown, setup, vehicle, epoch, stack, phase)

    def _outcome(self, flown, setup, vehicle, epoch, stack, phase):
        t0 = epoch.tdb_seconds
        out = PhaseOutcome(phase.name, stack.name)
        for name, tau, detail in flown.events:
            out.note(Epoch.from_tdb_seconds(t0 + tau), stack.name, name, detail)
        history = launch_products.loads(flown)
        out.products["launch_loads"] = history
        k = int(np.argmax(history.q_pa))
        out.note(Epoch.from_tdb_seconds(t0 + history.t_s[k]), stack.name, "maximum dynamic pressure",
                 f"{history.q_pa[k] / 1e3:.1f} kPa at {history.height_m[k] / 1e3:.1f} km, Mach {history.mach[k]:.2f}")
        out.timeline.sort(key=lambda e: e.epoch.tdb_seconds)
        segment = launch_products.segment(flown, t0, stack.state.mass_kg)
        out.fly(stack.name, stack.modules, [segment])
        out.state = segment.final
        out.report = self._report(flown, setup, vehicle, history, k)
        return out

    def _report(self, flown, setup, vehicle, history, k) -> ParkingReport:
        names = ("booster separation", "fairing jettison", "core cut-off and separation", "parking-orbit insertion")
        tau = {name: launch_products.event_tau(flown, name) for name in names}
        gm = setup.gm_m3_s2
        parking = osculating(gm, launch_products.state_at(flown, tau["parking-orbit insertion"]))
        inertial = launch_targets.launch_azimuth_rad(setup.y0[0:3], setup.fa.frame0[2], setup.plane, 1.0, 0.0)
        left = flown.propellant_left_kg
        figures = dict(
            launch_azimuth_deg=float(np.degrees(setup.plan.azimuth_rad)), inertial_azimuth_deg=float(np.degrees(inertial)),
            booster_separation_s=tau["booster separation"], fairing_jettison_s=tau["fairing jettison"],
            core_cutoff_s=tau["core cut-off and separation"], parking_insertion_s=tau["parking-orbit insertion"],
            max_q_kpa=float(history.q_pa[k] / 1e3), max_q_s=float(history.t_s[k]),
            peak_axial_g=float(np.max(history.axial_g)), peak_normal_g=float(np.max(history.normal_g)),
            max_q_alpha_kpa_deg=float(np.max(history.q_pa * history.alpha_deg) / 1e3),
            parking_perigee_km=parking[0], parking_apogee_km=parking[1], parking_inclination_deg=parking[2],
            parking_perigee_miss_m=parking[0] * 1e3 - self.parking.perigee_altitude_km * 1e3,
            parking_apogee_miss_m=parking[1] * 1e3 - self.parking.apogee_altitude_km * 1e3,
            parking_inclination_miss_deg=parking[2] - np.degrees(setup.plane.inclination_rad),
            payload_kg=vehicle.payload_kg, boosters_propellant_left_kg=float(left["boosters"]),
            core_propellant_left_kg=float(left["core"]),
            upper_propellant_left_at_parking_kg=float(left["parking-orbit insertion"]),
            upper_delta_v_left_at_parking_m_s=upper_delta_v_m_s(vehicle, left["parking-orbit insertion"], 0.0),
            guidance_cycles=flown.cycles, kept_cycles=flown.kept_cycles)
        if self.through == "parking":
            return ParkingReport(**figures)
        return LaunchReport(**figures, **self._injection_figures(flown, setup, vehicle))

    def _injection_figures(self, flown, setup, vehicle) -> dict:
        """The relight, the trans-lunar injection against its conic, and separation."""
        tau = {name: launch_products.event_tau(flown, name) for name in (
            "upper-stage relight", "trans-lunar injection", "spacecraft separation")}
        gm = setup.gm_m3_s2
        y_tli = launch_products.state_at(flown, tau["trans-lunar injection"])
        transfer = osculating(gm, y_tli)
        tli = elements(gm, y_tli)
        target = flown.injection_target
        argp_target = np.degrees(np.arctan2(np.dot(target[7:10], np.cross(setup.plane.normal, setup.plane.node)),
                                            np.dot(target[7:10], setup.plane.node)))
        return dict(
            relight_s=tau["upper-stage relight"], injection_s=tau["trans-lunar injection"],
            separation_s=tau["spacecraft separation"], injection_a_miss_m=tli[0] - self.injection.a_km * 1e3,
            injection_e_miss=tli[1] - self.injection.eccentricity(),
            injection_argp_miss_deg=(np.degrees(tli[4]) - argp_target + 180.0) % 360.0 - 180.0,
            transfer_perigee_km=transfer[0], transfer_inclination_deg=transfer[2], transfer_raan_deg=transfer[3],
            upper_propellant_left_kg=float(flown.propellant_left_kg["trans-lunar injection"]),
            injection_delta_v_m_s=upper_delta_v_m_s(vehicle, flown.propellant_left_kg["parking-orbit insertion"],
                                                    flown.propellant_left_kg["trans-lunar injection"]))
