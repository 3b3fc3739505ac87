"""A year (or the scenario's span) of an observatory: the orbit flown once, the geometry on a
uniform grid, the pointing programme, the transient stream with the onboard follow-up, alerts,
bulk-data contacts, the exposure map and the orbit's figures. Nothing is integrated but the
orbit; everything else is evaluated on arrays of epochs."""
import time
from dataclasses import dataclass

import numpy as np

from farside.astro.saa import ap8_saa
from farside.astro.space_weather import load as space_weather
from farside.astro.time import Epoch
from farside.gnc.slew import SlewLimits
from farside.mission.observatory import alerts, bursts, orbit, pointing_law
from farside.mission.observatory.exposure import exposure_map
from farside.mission.observatory.sky_grid import sky_grid
from farside.mission.observatory.timeline import SLEWING, programme_timeline
from farside.payloads.svom.field_of_view import ConeField, cone_half_angle, square_solid_angle


SAA_TABLE_MARGIN_DEG = 3.0
"""The SAA table spans the orbit's latitudes (up to the inclination) and this much more."""


def field_of(instrument) -> ConeField:
    """The cone field of a scenario instrument."""
    omega = instrument.field_solid_angle_sr
    if omega is None:
        omega = square_solid_angle(np.radians(instrument.field_side_deg))
    return ConeField(cone_half_angle(omega))


@dataclass
class ObservatoryResult:
    scenario: object
    segment: object
    grid: object
    timeline: object
    live: np.ndarray
    triggers: list
    n_bursts: int
    alert_latency_s: np.ndarray
    contacts: list
    exposure: object
    orbit: object
    timings_s: dict


def scale_height_m(altitude_m, start, end) -> float:
    """Density scale height (m) of NRLMSIS 2.1 at ``altitude_m``, averaged over the equator's
    local times, at the span's mean F10.7 and Ap (CelesTrak space weather)."""
    from pymsis import msis
    sw = space_weather()
    days = [int((Epoch(x).seconds("utc") + 43200.0) // 86400.0) - sw.first_day for x in (start, end)]
    f107 = float(np.mean(sw.f107a[days[0]:days[1] + 1]))
    ap = float(np.mean(sw.daily_ap[days[0]:days[1] + 1]))
    lon = np.arange(0.0, 360.0, 30.0)
    when = np.datetime64(start.iso("utc", 0)[:19])
    rho = [np.mean(msis.calculate(when, lon, np.zeros_like(lon), np.full_like(lon, h / 1e3), f107s=f107,
                                  f107as=f107, aps=[[ap] * 7], version=2.1)[..., 0]) for h in (altitude_m - 25e3, altitude_m + 25e3)]
    return float(50e3 / np.log(rho[0] / rho[1]))


def simulate(sc, progress=lambda text: None) -> ObservatoryResult:
    """Fly the observatory scenario ``sc`` (:class:`ObservatoryScenario`)."""
    timings, clock = {}, time.perf_counter()

    def lap(name):
        nonlocal clock
        now = time.perf_counter()
        timings[name], clock = now - clock, now

    progress("orbit in the full force model")
    segment, model = orbit.fly(sc.orbit)
    lap("orbit")
    progress("geometry, SAA")
    start = segment.start
    band = min(90.0, min(sc.orbit.inclination_deg, 180.0 - sc.orbit.inclination_deg) + SAA_TABLE_MARGIN_DEG)
    grid = sky_grid(segment, sc.time_step_s, lambda h: ap8_saa(start, h, sc.saa.threshold_cm2_s, sc.saa.energy_mev,
                                                                 sc.saa.solar, max_lat_deg=band,
                                                                 step_deg=sc.saa.table_step_deg))
    lap("grid")
    progress("pointing programme")
    limits = SlewLimits(np.radians(sc.slew.rate_deg_s), np.radians(sc.slew.accel_deg_s2), sc.slew.settle_s)
    starts, pointings = pointing_law.programme(grid.t_s[0], grid.t_s[-1], sc.pointing)
    timeline = programme_timeline(grid.t_s, starts, pointings, limits)
    programme_at = lambda t: pointings[max(int(np.searchsorted(starts, t, side="right")) - 1, 0)]  # noqa: E731
    lap("programme")
    progress("bursts and follow-up")
    wide, wide_field = sc.wide, field_of(sc.wide)
    stream = bursts.burst_stream(grid.t_s[0], grid.t_s[-1], sc.bursts)
    triggers = bursts.follow_up(stream, grid, timeline, wide_field, wide, sc.pointing, sc.bursts, limits, programme_at)
    live = bursts.wide_live(grid, timeline, wide_field, wide)
    lap("bursts")
    progress("alerts and contacts")
    latency = alerts.alert_latencies(segment, [t.burst.t_s for t in triggers], sc.bursts.onboard_delay_s, sc.alerts)
    contacts = alerts.contacts(grid, sc.bulk_data)
    lap("alerts")
    progress("exposure map")
    sky = exposure_map(grid, timeline, live, wide_field.half_angle_rad, sc.exposure_nside)
    lap("exposure")
    figures = orbit.orbit_figures(grid.t_s[::20], grid.r_m[::20], grid.v_m_s[::20], model,
                                  scale_height_m(float(np.mean(grid.height_m)), segment.start, segment.end))
    lap("figures")
    return ObservatoryResult(sc, segment, grid, timeline, live, triggers, len(stream), latency, contacts, sky,
                             figures, timings)


def slewing_fraction(result) -> float:
    return float(np.mean(result.timeline.mode == SLEWING))
