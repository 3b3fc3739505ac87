"""Relay analysis over a lander's surface stay: the relay's frozen orbit is designed and flown,
the windows lander -> relay (terrain horizon from the DEM), relay -> each station and the
end-to-end relay windows (both at once) are found with light time, and the links' budgets give
the data rate and the data volume that could be returned.

The site's sky over the stay (Sun and Earth elevation, local solar time) comes with it.

Data volume: while an end-to-end window is open, the lander's link runs at the highest rate that
closes with its margin at the current range, capped by what the relay can pass to the ground at
the same time; volumes are integrated over the sampling grid.
"""
from dataclasses import dataclass, field

import numpy as np

import farside.comms.windows as win
from farside.astro.sites import Site
from farside.astro.time import Epoch
from farside.comms import site_sky
from farside.comms.horizon import horizon_mask
from farside.comms.link_budget import Antenna, Link
from farside.comms.visibility import Ground, elevation_margin, moon_clearance
from farside.dynamics import gravity_field
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import SphericalHarmonics, ThirdBodies
from farside.dynamics.propagator import propagate
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
    rate_bps: np.ndarray = field(repr=False, default=None)
    volume_bits: np.ndarray = field(repr=False, default=None)
    sky: object = None


def _link(spec, name):
    return Link(name, spec.frequency_hz, spec.tx_power_w, Antenna(**spec.tx_antenna.model_dump()),
                Antenna(**spec.rx_antenna.model_dump()), spec.system_noise_k, spec.required_ebn0_db, spec.margin_db,
                spec.other_losses_db, spec.source)


def relay_forces(degree) -> ForceModel:
    """The force model a lunar relay flies in: GRGM1200A to ``degree``, the Earth and the Sun."""
    return ForceModel("moon", [SphericalHarmonics(gravity_field.load("GRGM1200A", degree)),
                               ThirdBodies(("earth", "sun"))])


def analyse(scenario, progress=None) -> RelayResult:
    progress = progress or (lambda text: None)
    r = scenario.relay
    model = relay_forces(r.gravity_degree)
    progress("designing the relay's frozen orbit")
    orbit = frozen_orbit.design(Epoch(r.epoch), r.period_h * 3600.0, r.mean_periselene_km * 1e3, r.inclination_deg,
                                r.raan_deg, r.argp_deg, model)
    s = scenario.surface
    t_a, t_b = Epoch(s.start).tdb_seconds, Epoch(s.end).tdb_seconds
    progress("flying the relay over the stay")
    trajectory = propagate(orbit.state, until=Epoch.from_tdb_seconds(t_b + 3600.0), forces=model)
    site = Site.from_degrees(s.name, "moon", s.lat_deg, s.lon_deg, s.height_m + s.antenna_height_m)
    progress("horizon of the site from the DEM")
    lander = Ground(site, 0.0, horizon_mask(site.lat_rad, site.lon_rad, s.antenna_height_m))
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
    end_to_end = win.intersect(lander_windows, ground_windows)
    result = RelayResult(scenario, orbit, trajectory, lander_windows, station_windows, ground_windows, end_to_end)
    _rates(result, lander, t_a, t_b)
    result.sky = site_sky.sky(site, lander.mask, t_a, t_b)
    return result


def _rates(result, lander, t_a, t_b):
    sc = result.scenario
    up_link = _link(sc.links.lander_to_relay, "lander -> relay")
    down_link = _link(sc.links.relay_to_ground, "relay -> ground")
    t = np.append(np.arange(t_a, t_b, MARGIN_SAMPLE_S), t_b)
    elevation, _ = elevation_margin(Ground(lander.site), result.trajectory, t)
    relay_r, _ = result.trajectory.states(t, center="moon")
    site_r = lander.position(t, "moon")
    up_range = np.linalg.norm(relay_r - site_r, axis=1)
    earth_r, _ = result.trajectory.states(t, center="earth")
    down_range = np.linalg.norm(earth_r, axis=1)
    open_ = np.zeros(t.shape, dtype=bool)
    for lo, hi in result.end_to_end:
        open_ |= (t >= lo) & (t <= hi)
    rate = np.minimum(up_link.budget(up_range)["max_rate_bps"], down_link.budget(down_range)["max_rate_bps"])
    rate = np.where(open_, rate, 0.0)
    result.times_s = t
    result.lander_elevation_deg = np.degrees(elevation)
    result.lander_margin_db = up_link.margin(up_range, sc.links.lander_to_relay.data_rate_bps)
    result.rate_bps = rate
    result.volume_bits = np.concatenate([[0.0], np.cumsum(0.5 * (rate[1:] + rate[:-1]) * np.diff(t))])
