"""Relay analysis over a lander's surface stay: the relay's frozen orbit is designed and flown,
the windows lander -> relay (terrain horizon from the DEM), relay -> each station and the
end-to-end relay windows (both at once) are found with light time, and the links' budgets give
the data rate and the data volume that could be returned.

The site's sky over the stay (Sun and Earth elevation, local solar time) comes with it.

Two rates, two data volumes (integrated over the sampling grid while an end-to-end window is
open): the *highest* rate the lander's link closes with its margin at the current range, capped
by what the relay can pass to the ground at the same time (an upper bound: no published link runs
adaptive rates); and the link's stated *operating* rate, while it closes at that rate. The lander
link's margin at the operating rate is given only while the relay is above the site's terrain
horizon (NaN below it: no link, no margin).

The frozen design holds its periselene as a month mean without manoeuvres (the Earth swings the
eccentricity twice a month, so a low mean dips into the surface within the year: the Chang'e-6
relay scenario holds 330 km where 200 km is published), so over the stay its periselene is
higher than the real relay's, which is kept at the published elements by manoeuvres. With ``station_kept_periselene_km``
the same orbit (same a, inclination, node, argument of periselene and mean anomaly at the start
of the stay) is also flown with its periselene there, for the coverage at the published elements.
"""
from dataclasses import dataclass, field

import numpy as np

import farside.comms.windows as win
from farside.astro import bodies, frames
from farside.astro.sites import Site
from farside.astro.time import Epoch
from farside.comms import site_sky
from farside.comms.horizon import horizon_mask
from farside.comms.link_budget import Antenna, Link
from farside.comms.visibility import Ground, elevation_margin, moon_clearance
from farside.core.kepler import elements_to_state_hf, mean_to_true_anomaly_hf, state_to_elements_hf, \
    true_to_mean_anomaly_hf
from farside.dynamics import gravity_field
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import SphericalHarmonics, ThirdBodies
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.gnc import frozen_orbit

MARGIN_SAMPLE_S = 60.0


@dataclass
class RelayResult:
    scenario: object
    orbit: object
    trajectory: object
    lander_windows: list
    station_windows: dict
    ground_windows: list
    end_to_end: list
    times_s: np.ndarray = field(repr=False, default=None)
    lander_elevation_deg: np.ndarray = field(repr=False, default=None)
    lander_margin_db: np.ndarray = field(repr=False, default=None)
    max_rate_bps: np.ndarray = field(repr=False, default=None)
    max_rate_volume_bits: np.ndarray = field(repr=False, default=None)
    operating_rate_bps: np.ndarray = field(repr=False, default=None)
    operating_volume_bits: np.ndarray = field(repr=False, default=None)
    sky: object = None
    station_kept: object = None
    """`StationKept` (None without ``relay.station_kept_periselene_km``)."""
    flat_lander_windows: list = None
    """The lander -> relay windows over a flat horizon at the site (no terrain mask)."""
    stay_periselene_km: float = None
    """The flown orbit's osculating periselene altitude (km above the mean radius) at the start of the stay."""


@dataclass
class StationKept:
    """The relay's orbit held at ``periselene_km`` over the stay: its state an hour before the
    stay and its windows."""
    periselene_km: float
    state: State
    lander_windows: list
    end_to_end: list


def _link(spec, name):
    return Link(name, spec.frequency_hz, spec.tx_power_w, Antenna(**spec.tx_antenna.model_dump()),
                Antenna(**spec.rx_antenna.model_dump()), spec.system_noise_k, spec.required_ebn0_db, spec.margin_db,
                spec.other_losses_db, spec.source)


def relay_forces(degree) -> ForceModel:
    """The force model a lunar relay flies in: GRGM1200A to ``degree``, the Earth and the Sun."""
    return ForceModel("moon", [SphericalHarmonics(gravity_field.load("GRGM1200A", degree)),
                               ThirdBodies(("earth", "sun"))])


def _lander(scenario) -> Ground:
    s = scenario.surface
    site = Site.from_degrees(s.name, "moon", s.lat_deg, s.lon_deg, s.height_m + s.antenna_height_m)
    return Ground(site, 0.0, horizon_mask(site.lat_rad, site.lon_rad, s.antenna_height_m))


def _windows(scenario, trajectory, lander, t_a, t_b, progress):
    """Windows lander -> relay, relay -> each station (above its minimum elevation, the line of
    sight clear of the Moon), any station, and end to end (both links at once)."""
    step = scenario.step_s
    lander_windows = win.windows(lambda t: elevation_margin(lander, trajectory, t)[0], t_a, t_b, step)
    station_windows = {}
    for st in scenario.stations:
        ground = Ground(Site.from_degrees(st.name, "earth", st.lat_deg, st.lon_deg, st.height_m),
                        np.radians(st.min_elevation_deg))
        progress(f"windows of {st.name}")
        up = win.windows(lambda t: elevation_margin(ground, trajectory, t)[0], t_a, t_b, step)
        clear = win.windows(lambda t: moon_clearance(ground, trajectory, t), t_a, t_b, step)
        station_windows[st.name] = win.intersect(up, clear)
    ground_windows = []
    for w in station_windows.values():
        ground_windows = win.union(ground_windows, w)
    return lander_windows, station_windows, ground_windows, win.intersect(lander_windows, ground_windows)


def analyse(scenario, progress=None) -> RelayResult:
    progress = progress or (lambda text: None)
    r = scenario.relay
    model = relay_forces(r.gravity_degree)
    progress("designing the relay's frozen orbit")
    orbit = frozen_orbit.design(Epoch(r.epoch), r.period_h * 3600.0, r.mean_periselene_km * 1e3, r.inclination_deg,
                                r.raan_deg, r.argp_deg, model)
    t_a, t_b = Epoch(scenario.surface.start).tdb_seconds, Epoch(scenario.surface.end).tdb_seconds
    progress("flying the relay over the stay")
    trajectory = propagate(orbit.state, until=Epoch.from_tdb_seconds(t_b + 3600.0), forces=model)
    progress("horizon of the site from the DEM")
    lander = _lander(scenario)
    windows = _windows(scenario, trajectory, lander, t_a, t_b, progress)
    result = RelayResult(scenario, orbit, trajectory, *windows)
    _rates(result, lander, t_a, t_b)
    result.sky = site_sky.sky(lander.site, lander.mask, t_a, t_b)
    flat = Ground(lander.site)
    result.flat_lander_windows = win.windows(lambda t: elevation_margin(flat, trajectory, t)[0], t_a, t_b,
                                             scenario.step_s)
    a, e = pa_elements(trajectory, t_a, model.gm_m3_s2)[:2]
    result.stay_periselene_km = (a * (1.0 - e) - bodies.get("moon").mean_radius_m) / 1e3
    if r.station_kept_periselene_km is not None:
        progress(f"the orbit held at a {r.station_kept_periselene_km:g} km periselene")
        # an hour before the stay, so that light time finds the relay at the first reception
        start = held_at_periselene(trajectory, t_a - 3600.0, r.station_kept_periselene_km * 1e3, model.gm_m3_s2)
        kept = propagate(start, until=Epoch.from_tdb_seconds(t_b + 3600.0), forces=model)
        lander_windows, _, _, end_to_end = _windows(scenario, kept, lander, t_a, t_b, lambda text: None)
        result.station_kept = StationKept(r.station_kept_periselene_km, start, lander_windows, end_to_end)
    return result


def pa_elements(trajectory, t_s, gm) -> np.ndarray:
    """Osculating (a, e, i, node, argument of periselene, true anomaly) in MOON_PA equatorial
    axes (m, rad) of ``trajectory`` at TDB ``t_s``."""
    x = trajectory.state_vectors(np.array([t_s]))[0]
    rot = frames.rotation("GCRF", "MOON_PA", Epoch.from_tdb_seconds(t_s))
    el = np.empty(6)
    state_to_elements_hf(gm, rot @ x[:3], rot @ x[3:6], el)
    return el


def held_at_periselene(trajectory, t_s, periselene_altitude_m, gm) -> State:
    """The state at TDB ``t_s`` of ``trajectory``'s orbit with its periselene moved to
    ``periselene_altitude_m`` above the mean radius: the osculating semi-major axis,
    inclination, node and argument of periselene (MOON_PA equator) and mean anomaly kept, the
    eccentricity changed (what station keeping at the published elements holds)."""
    epoch = Epoch.from_tdb_seconds(t_s)
    a, e, inc, raan, argp, nu = pa_elements(trajectory, t_s, gm)
    e_held = 1.0 - (bodies.get("moon").mean_radius_m + periselene_altitude_m) / a
    nu_held = mean_to_true_anomaly_hf(true_to_mean_anomaly_hf(nu, e), e_held)
    out = np.empty(6)
    elements_to_state_hf(gm, a, e_held, inc, raan, argp, nu_held, out)
    rot = frames.rotation("MOON_PA", "GCRF", epoch)
    mass = float(trajectory.state_vectors(np.array([t_s]))[0, 6])
    return State(epoch, rot @ out[:3], rot @ out[3:], mass, "moon")


def _rates(result, lander, t_a, t_b):
    sc = result.scenario
    up_spec = sc.links.lander_to_relay
    up_link = _link(up_spec, "lander -> relay")
    down_link = _link(sc.links.relay_to_ground, "relay -> ground")
    t = np.append(np.arange(t_a, t_b, MARGIN_SAMPLE_S), t_b)
    elevation, _ = elevation_margin(Ground(lander.site), result.trajectory, t)
    above_terrain = elevation_margin(lander, result.trajectory, t)[0] > 0.0
    relay_r, _ = result.trajectory.states(t, center="moon")
    up_range = np.linalg.norm(relay_r - lander.position(t, "moon"), axis=1)
    earth_r, _ = result.trajectory.states(t, center="earth")
    down_max = down_link.budget(np.linalg.norm(earth_r, axis=1))["max_rate_bps"]
    open_ = np.zeros(t.shape, dtype=bool)
    for lo, hi in result.end_to_end:
        open_ |= (t >= lo) & (t <= hi)
    margin = up_link.margin(up_range, up_spec.data_rate_bps)
    result.times_s = t
    result.lander_elevation_deg = np.degrees(elevation)
    result.lander_margin_db = np.where(above_terrain, margin, np.nan)
    result.max_rate_bps = np.where(open_, np.minimum(up_link.budget(up_range)["max_rate_bps"], down_max), 0.0)
    result.max_rate_volume_bits = _integrated(t, result.max_rate_bps)
    closes = open_ & (margin >= up_spec.margin_db)
    result.operating_rate_bps = np.where(closes, np.minimum(up_spec.data_rate_bps, down_max), 0.0)
    result.operating_volume_bits = _integrated(t, result.operating_rate_bps)


def _integrated(t, rate_bps):
    """Bits sent by ``rate_bps`` over the times ``t`` (s), cumulative (trapezoids)."""
    return np.concatenate([[0.0], np.cumsum(0.5 * (rate_bps[1:] + rate_bps[:-1]) * np.diff(t))])


def hours_per_day(windows, t_a, t_b) -> float:
    """Hours of ``windows`` per day over the span ``t_a`` to ``t_b`` (TDB s)."""
    return win.total_s(windows) / 3600.0 / ((t_b - t_a) / 86400.0)
