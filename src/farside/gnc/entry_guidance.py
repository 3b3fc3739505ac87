"""Guided skip entry of a capsule, from its separation (or its entry interface) to the ground.

    outcome = fly_entry(state, EntrySpec(capsule=CapsuleShape(1.3, 1.56, 18.0),
                                         target=EntryTarget(42.07, 111.6, 1400.0)))
    outcome.segment            # dense Segment about the Earth (GCRF), separation to touchdown
    outcome.events             # first entry ... touchdown, as EventOccurrence
    outcome.report             # figures of merit (peak g in each dip, heat flux, miss, ...)

Above the entry interface the state coasts with the propagator (EGM2008 to degree 4, the Moon and
the Sun) to ``interface_altitude_m`` above the WGS84 equatorial radius. From there the compiled
flight (:mod:`farside.core.entry_flight`) flies the capsule under numerical predictor-corrector
guidance (Lu 2014, J. Guid. Control Dyn. 37(3); FNPEG, NTRS 20160014029): the predictor on
USSA76 (tabulated), the flight on ``spec.atmosphere`` (NRLMSIS 2.1 above 86 km by default), so the
guidance meets a density it does not know, as on board. The flown steps become a dense
`Segment` by degree-7 Hermite interpolation of their states and derivatives.
"""
from dataclasses import dataclass, field

import numpy as np

from farside.astro import bodies, frames
from farside.astro.time import Epoch
from farside.core import entry_flight as kernel
from farside.core import entry_predictor as P
from farside.core.dense_output import hermite_coefficients
from farside.dynamics import events as ev
from farside.dynamics.atmospheric_flight import FlightModel
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import SphericalHarmonics, ThirdBodies
from farside.dynamics.gravity_field import load as load_gravity
from farside.dynamics.propagator import propagate
from farside.dynamics.segment import Piece, Segment
from farside.dynamics.state import State
from farside.errors import FarsideValueError
from farside.gnc.capsule_aerodynamics import CapsuleShape
from farside.gnc.entry_corridor import check_corridor, check_lateral_reach
from farside.gnc.entry_outcome import analyse

MEAN_EARTH_RADIUS_M = 6371008.8
"""IUGG mean radius: turns central angles into ranges for the guidance."""
ONBOARD_ATMOSPHERE = "USSA76 tabulated"
"""The predictor's atmosphere (:class:`farside.dynamics.atmospheric_flight.FlightModel`)."""


def _finite(name, value, low=None, strict=True):
    v = float(value)
    if not np.isfinite(v) or (low is not None and (v <= low if strict else v < low)):
        bound = "" if low is None else f" {'>' if strict else '>='} {low:g}"
        raise FarsideValueError(name, value, f"a finite number{bound}")
    return v


@dataclass(frozen=True)
class EntryTarget:
    """Landing point: geodetic latitude and longitude (deg, WGS84) and the terrain height (m)
    above the ellipsoid, where the flight ends."""
    lat_deg: float
    lon_deg: float
    terrain_height_m: float = 0.0

    def __post_init__(self):
        if not (np.isfinite(self.lat_deg) and -90.0 <= self.lat_deg <= 90.0):
            raise FarsideValueError("target.lat_deg", self.lat_deg, "a latitude of -90 to 90 deg")
        _finite("target.lon_deg", self.lon_deg)
        if not (np.isfinite(self.terrain_height_m) and -500.0 <= self.terrain_height_m <= 9000.0):
            raise FarsideValueError("target.terrain_height_m", self.terrain_height_m, "a height of -500 to 9,000 m")

    def fixed_m(self) -> np.ndarray:
        """Earth-fixed (ITRF93) position on the WGS84 ellipsoid plus the terrain height, m."""
        lat, lon = np.radians([self.lat_deg, self.lon_deg])
        a, f = bodies.WGS84_A_M, bodies.WGS84_F
        e2 = f * (2.0 - f)
        n = a / np.sqrt(1.0 - e2 * np.sin(lat) ** 2)
        h = self.terrain_height_m
        return np.array([(n + h) * np.cos(lat) * np.cos(lon), (n + h) * np.cos(lat) * np.sin(lon),
                         (n * (1.0 - e2) + h) * np.sin(lat)])


@dataclass(frozen=True)
class Parachute:
    """Opens at ``altitude_m`` above the ellipsoid; its drag area ``drag_area_m2`` (C_D S) grows
    linearly over ``fill_time_s``."""
    altitude_m: float = 10000.0
    drag_area_m2: float = 45.0
    fill_time_s: float = 3.0

    def __post_init__(self):
        _finite("parachute.altitude_m", self.altitude_m, 0.0)
        _finite("parachute.drag_area_m2", self.drag_area_m2, 0.0)
        _finite("parachute.fill_time_s", self.fill_time_s, 0.0)


@dataclass(frozen=True)
class GuidanceSettings:
    """Predictor-corrector settings (module docstring of :mod:`farside.core.entry_predictor`)."""
    final_bank_deg: float = 60.0
    cycle_s: float = 1.0
    predictor_step_s: float = 4.0
    coast_step_s: float = 10.0
    chute_step_s: float = 5.0
    coast_drag_g: float = 0.05
    flight_step_s: float = 0.2
    flight_coast_step_s: float = 1.0
    flight_chute_step_s: float = 1.0
    chute_settle_s: float = 20.0
    bank_rate_deg_s: float = 20.0
    bank_acceleration_deg_s2: float = 5.0
    corridor_km: float = 3.0
    corridor_per_km: float = 0.02
    min_bank_deg: float = 0.0
    max_bank_deg: float = 180.0
    final_phase_speed_m_s: float = 1000.0
    max_iterations: int = 3
    tolerance_m: float = 300.0
    max_flight_s: float = 6000.0
    drift_speed_m_s: float = 0.5

    def __post_init__(self):
        for name in ("cycle_s", "predictor_step_s", "coast_step_s", "chute_step_s", "flight_step_s",
                     "flight_coast_step_s", "flight_chute_step_s", "chute_settle_s",
                     "bank_rate_deg_s", "bank_acceleration_deg_s2", "tolerance_m", "max_flight_s", "drift_speed_m_s"):
            _finite(f"guidance.{name}", getattr(self, name), 0.0)
        for name in ("coast_drag_g", "corridor_km", "corridor_per_km", "final_phase_speed_m_s"):
            _finite(f"guidance.{name}", getattr(self, name), 0.0, strict=False)
        if not 0.0 <= self.min_bank_deg < self.max_bank_deg <= 180.0:
            raise FarsideValueError("guidance.min_bank_deg", (self.min_bank_deg, self.max_bank_deg),
                                    "0 <= min_bank_deg < max_bank_deg <= 180")
        if not self.cycle_s <= 1.0:
            raise FarsideValueError("guidance.cycle_s", self.cycle_s, "a guidance period <= 1 s (>= 1 Hz)")
        if not (isinstance(self.max_iterations, (int, np.integer)) and self.max_iterations >= 1):
            raise FarsideValueError("guidance.max_iterations", self.max_iterations, "an integer >= 1")


@dataclass(frozen=True)
class EntrySpec:
    """The capsule (shape, trimmed), the target, the parachute, the guidance and the flight's
    environment. ``density_factor`` scales the flown atmosphere and ``lift_factor`` the flown
    lift (dispersions the guidance does not know); ``skip_load_g`` is the aerodynamic load that
    marks the skip's exit and the second entry; ``load_limit_g`` the capsule's load limit, the
    steep edge of its entry corridor (:mod:`farside.gnc.entry_corridor`)."""
    capsule: CapsuleShape
    target: EntryTarget
    parachute: Parachute = field(default_factory=Parachute)
    guidance: GuidanceSettings = field(default_factory=GuidanceSettings)
    interface_altitude_m: float = 120000.0
    atmosphere: str = "NRLMSIS2.1+USSA76"
    density_factor: float = 1.0
    lift_factor: float = 1.0
    skip_load_g: float = 0.2
    load_limit_g: float = 10.0

    def __post_init__(self):
        _finite("interface_altitude_m", self.interface_altitude_m, 60000.0)
        _finite("density_factor", self.density_factor, 0.0)
        _finite("lift_factor", self.lift_factor, 0.0, strict=False)
        _finite("skip_load_g", self.skip_load_g, 0.0)
        _finite("load_limit_g", self.load_limit_g, 0.0)

    def flight_model(self, atmosphere=None) -> FlightModel:
        """The flown model (``atmosphere`` None: EGM2008 to degree 4, ``spec.atmosphere``, the
        density and lift factors), or the guidance's own on ``atmosphere`` (on board,
        ``ONBOARD_ATMOSPHERE``): the capsule's table as it is, EGM2008's J2 in closed form and the
        height along the radius. The degree-4 field's other terms (J3, J4, the tesserals) move a
        landing predicted from the interface by 0.1-0.3 km (2.4 km for a skip of 10,000 km), a
        model error the closed loop absorbs as it does the atmosphere's, the error shrinking with
        the range to go; each prediction costs 11-25 % less. The radial height differs from the
        geodetic by < 0.6 m."""
        mach, c_d, c_l = self.capsule.table()
        flown = atmosphere is None
        return FlightModel(mach, c_d, c_l, self.capsule.reference_area_m2,
                           atmosphere=self.atmosphere if flown else atmosphere,
                           gravity_degree=4 if flown else "J2",
                           density_factor=self.density_factor if flown else 1.0,
                           lift_factor=self.lift_factor if flown else 1.0,
                           height="geodetic" if flown else "radial")

    def guidance_vector(self, arrays) -> np.ndarray:
        """The kernel's ``g`` slots (:mod:`farside.core.entry_predictor`)."""
        s, chute = self.guidance, self.parachute
        g = np.zeros(P.N_GUIDANCE)
        r_chute = bodies.WGS84_A_M + chute.altitude_m
        g[P.G_SIGMA_F] = np.radians(s.final_bank_deg)
        g[P.G_E_F] = arrays.reals[0] / r_chute - 0.5 * 200.0 ** 2
        g[P.G_CYCLE_S], g[P.G_PRED_STEP_S], g[P.G_COAST_STEP_S] = s.cycle_s, s.predictor_step_s, s.coast_step_s
        g[P.G_CHUTE_STEP_S], g[P.G_COAST_DRAG] = s.chute_step_s, s.coast_drag_g * 9.80665
        g[P.G_FLIGHT_STEP_S] = s.flight_step_s
        g[P.G_FLIGHT_COAST_STEP_S], g[P.G_FLIGHT_CHUTE_STEP_S] = s.flight_coast_step_s, s.flight_chute_step_s
        g[P.G_CHUTE_SETTLE_S] = s.chute_settle_s
        g[P.G_RATE_MAX], g[P.G_ACC_MAX] = np.radians(s.bank_rate_deg_s), np.radians(s.bank_acceleration_deg_s2)
        g[P.G_CORRIDOR_0_M], g[P.G_CORRIDOR_SLOPE] = s.corridor_km * 1000.0, s.corridor_per_km
        g[P.G_SIGMA_MIN], g[P.G_SIGMA_MAX] = np.radians(s.min_bank_deg), np.radians(s.max_bank_deg)
        g[P.G_FINAL_SPEED] = s.final_phase_speed_m_s
        g[P.G_CHUTE_ALT_M], g[P.G_CHUTE_AREA] = chute.altitude_m, chute.drag_area_m2
        g[P.G_CHUTE_FILL_S] = chute.fill_time_s
        g[P.G_GROUND_M] = self.target.terrain_height_m
        g[P.G_MAX_ITER], g[P.G_TOL_M], g[P.G_MAX_TIME_S] = s.max_iterations, s.tolerance_m, s.max_flight_s
        g[P.G_RADIUS_M] = MEAN_EARTH_RADIUS_M
        g[P.G_DRIFT_SPEED] = s.drift_speed_m_s
        target = self.target.fixed_m()
        g[P.G_TARGET:P.G_TARGET + 3] = target / np.linalg.norm(target)
        return g


def coast_forces() -> ForceModel:
    """Above the atmosphere: EGM2008 to degree 4 in ITRF93, the Moon and the Sun."""
    return ForceModel("earth", [SphericalHarmonics(load_gravity("EGM2008", degree=4)), ThirdBodies(("moon", "sun"))])


def coast_to_interface(state: State, spec: EntrySpec) -> Segment:
    """From ``state`` (about the Earth, above the interface) to the interface, falling."""
    radius = bodies.WGS84_A_M
    if np.linalg.norm(state.r_m) <= radius + spec.interface_altitude_m:
        raise FarsideValueError("state.r_m", f"|r| = {np.linalg.norm(state.r_m):.0f} m",
                                f"a start above the entry interface ({radius + spec.interface_altitude_m:.0f} m)")
    interface = ev.altitude(spec.interface_altitude_m, radius, "falling", "stop", name="entry interface")
    segment = propagate(state, forces=coast_forces(), events=[interface], duration_s=86400.0, rtol=1e-11, atol=1e-6)
    if not segment.events or segment.events[-1].name != "entry interface":
        raise FarsideValueError("state", state.epoch.iso("utc", 0),
                                "a state that reaches the entry interface within a day")
    return segment


def history_segment(t1, rows) -> Segment:
    """The flown steps as a dense `Segment` (GCRF, about the Earth) starting at TDB ``t1``."""
    taus = rows[:, kernel.H_TAU]
    keep = np.concatenate([[True], np.diff(taus) > 1e-6])
    taus, y, f = taus[keep], rows[keep, kernel.H_Y:kernel.H_Y + 7], rows[keep, kernel.H_F:kernel.H_F + 7]
    coefs = hermite_coefficients(taus, y, f)
    return Segment("earth", [Piece(t1, taus.copy(), coefs, float(taus[-1]))])


@dataclass
class EntryOutcome:
    """A flown entry: the dense ``segment`` (separation or interface to touchdown), its
    ``events``, the ``report`` (:class:`farside.gnc.entry_outcome.EntryReport`), the time
    ``series`` the figures plot and the ``touchdown`` state."""
    segment: Segment
    events: list
    report: object
    series: dict
    touchdown: State


def _reachable_error(pred, g, ws, y0, e0, target_km):
    landing = np.empty(3)
    lands = []
    for sigma in np.radians(np.arange(0.0, 181.0, 10.0)):
        status, z, _ = P.predict_hf(pred, g, ws, 0.0, y0, sigma, 1.0, e0, -1.0, landing)
        if status == P.PREDICTED_LANDING:
            lands.append(target_km + z / 1000.0)
    if not lands:
        return FarsideValueError("state", "the entry state", "an entry flight-path angle steep enough to stay in the "
                                 "atmosphere: every bank profile (0 to 180 deg) skips out (too shallow)")
    return FarsideValueError("target", f"{target_km:.0f} km from the interface",
                             f"a target within the reachable ranges, {min(lands):.0f} to {max(lands):.0f} km "
                             "(bank profiles from 180 to 0 deg)")


def _interface_geometry(y0):
    r, v = y0[:3], y0[3:6]
    fpa = np.degrees(np.arcsin(np.dot(r, v) / (np.linalg.norm(r) * np.linalg.norm(v))))
    return float(np.linalg.norm(v)), float(fpa)


def fly_entry(state: State, spec: EntrySpec) -> EntryOutcome:
    """Fly ``state`` (about the Earth; at or above the entry interface) to the ground under
    ``spec``. Raises `FarsideValueError` before the guided flight for an interface outside the
    entry corridor (with the corridor) and for a target out of reach (with the reachable ranges)."""
    state = state.in_gcrf()
    if state.center != "earth":
        raise FarsideValueError("state.center", state.center, "earth")
    pieces, events = [], []
    if np.linalg.norm(state.r_m) > bodies.WGS84_A_M + spec.interface_altitude_m + 1.0:
        coast = coast_to_interface(state, spec)
        pieces, events = coast.pieces, [e for e in coast.events if e.name != "entry interface"]
        state = coast.final_state()
    t1 = state.epoch.tdb_seconds
    flown, pred = spec.flight_model().arrays(t1), spec.flight_model(ONBOARD_ATMOSPHERE).arrays(t1)
    g = spec.guidance_vector(pred)
    y0 = state.vector()
    ws = P.workspace(int(flown.ints[0]))  # sized for the flown field, the larger of the two
    check_corridor(pred, g, ws, y0, spec.load_limit_g)
    v_rel = np.empty(3)
    sign, _ = P.steer_hf(pred, g, ws[2], v_rel, 0.0, y0, 1.0, 0.0, 0.0, 0.0, ws[8])
    cross, range_m = P.target_geometry_hf(pred, g, ws[2], 0.0, y0, v_rel)
    check_lateral_reach(pred, g, ws, y0, v_rel, cross)
    sign0 = -1.0 if cross > 0.0 else 1.0
    status, history, n, reachable = kernel.fly_hf(flown, pred, g, ws, y0, sign0, kernel.NO_SLOPE, -1.0)
    if not reachable:
        raise _reachable_error(pred, g, ws, y0, P.energy_hf(pred, y0, v_rel), range_m / 1000.0)
    if status != kernel.LANDED:
        raise FarsideValueError("guidance.max_flight_s", spec.guidance.max_flight_s,
                                "a flight time long enough to reach the ground")
    rows = history[:n]
    flight = history_segment(t1, rows)
    end = rows[-1]
    touchdown = State(Epoch.from_tdb_seconds(t1, end[kernel.H_TAU]), end[kernel.H_Y:kernel.H_Y + 3].copy(),
                      end[kernel.H_Y + 3:kernel.H_Y + 6].copy(), float(end[kernel.H_Y + 6]), "earth", "GCRF")
    fixed = frames.rotation("GCRF", "ITRF93", touchdown.epoch) @ touchdown.r_m
    miss = float(np.linalg.norm(fixed - spec.target.fixed_m()))
    report, flown_events, series = analyse(t1, rows, spec, *_interface_geometry(y0), miss)
    segment = Segment("earth", pieces + flight.pieces, events + flown_events)
    segment.final = touchdown
    return EntryOutcome(segment, segment.events, report, series, touchdown)
