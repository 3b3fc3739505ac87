"""ICUBE-Q (iCube-Qamar), IST Pakistan's cubesat released by the Chang'e-6 orbiter after lunar
orbit insertion: flown from the orbiter's state at the release epoch in the lunar force model
(GRAIL GRGM1200A to ``gravity_degree``, the Earth and the Sun) until it strikes the Moon or for
``max_days``: its perilune history and impact, the Moon's shadow (power), its ground stations'
view of it past the Moon and the data they could take at the downlink rate, and the ground sample
distance of its camera along the orbit. The perilune's drift is set beside the doubly averaged
Earth-tide equations (:mod:`farside.payloads.cubesat.secular`).

The degree is chosen for speed: the perilune stays above ~100 km for most of the flight, where
GRGM1200A's terms past degree 10 move a 200 km orbit by metres per revolution; the sampling of the
orbit (``sample_min``) sets the resolution of the visibility and the data volume.
"""
import numpy as np
from pydantic import ConfigDict, Field, field_validator

from farside.astro import ephemeris
from farside.astro.bodies import MOON_MEAN_RADIUS_M, get as body
from farside.astro.sites import Site
from farside.astro.time import Epoch
from farside.comms import visibility
from farside.dynamics import events as ev
from farside.dynamics import gravity_field
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import SphericalHarmonics, ThirdBodies
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.errors import FarsideValueError
from farside.io.strict_numbers import StrictNumbers
from farside.payloads.base import (checked_epoch, Comparison, DataVolume, PayloadModel, PayloadOutcome, PayloadParameters, Plot,
                                   Series, TimelineEvent)
from farside.payloads.cubesat import secular


class Station(StrictNumbers):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    lat_deg: float = Field(ge=-90, le=90)
    lon_deg: float
    height_m: float = 0.0
    min_elevation_deg: float = Field(10.0, ge=0, lt=90)


class IcubeqParameters(PayloadParameters):
    release_epoch: str = "2024-05-08T08:14:00"
    separation_m_s: float = Field(0.0, ge=0, le=10)
    mass_kg: float = Field(7.0, gt=0)
    gravity_degree: int = Field(10, ge=0, le=1200)
    max_days: float = Field(365.0, ge=1, le=3650)
    sample_min: float = Field(20.0, gt=0)
    downlink_bit_s: float = Field(1000.0, ge=0)
    camera_ifov_urad: float = Field(100.0, gt=0)
    stations: list[Station] = [Station(name="Islamabad", lat_deg=33.64, lon_deg=73.02, height_m=500.0),
                               Station(name="Shanghai", lat_deg=31.03, lon_deg=121.44, height_m=10.0)]

    @field_validator("release_epoch")
    @classmethod
    def _epoch(cls, value):
        return checked_epoch(value)


def forces(degree: int) -> ForceModel:
    return ForceModel("moon", [SphericalHarmonics(gravity_field.load("GRGM1200A", degree)),
                               ThirdBodies(("earth", "sun"))])


def release_state(flown, module, p: IcubeqParameters) -> State:
    """The carrier's state at the release epoch, plus the separation speed along its velocity."""
    t = Epoch(p.release_epoch).tdb_seconds
    if not flown.flies(module, t):
        raise FarsideValueError("release_epoch", p.release_epoch, f"an epoch at which {module} flies")
    r, v = flown.state(module, t, center="moon")
    return State(Epoch.from_tdb_seconds(t), r, v + p.separation_m_s * v / np.linalg.norm(v), p.mass_kg, "moon")


def fly(state: State, p: IcubeqParameters):
    """The cubesat's `Segment` until impact (mean radius) or ``max_days``, with its periapses and
    the Moon's penumbra crossings as events."""
    events = [ev.periapsis(), ev.altitude(0.0, MOON_MEAN_RADIUS_M, "falling", "stop", name="impact"),
              ev.shadow("moon", "penumbra")]
    return propagate(state, duration_s=p.max_days * 86400.0, forces=forces(p.gravity_degree), events=events,
                     rtol=1e-10, atol=1e-4)


def perilune_history(segment, gm_m3_s2):
    """Times (TDB s), periapsis and apoapsis altitudes (m), and e, i, w (rad) relative to the
    Earth's orbit plane, at each periapsis."""
    peri = [e for e in segment.events if e.name == "periapsis"]
    t = np.array([e.epoch.tdb_seconds for e in peri])
    earth_r, earth_v = ephemeris.state("earth", Epoch.from_tdb_seconds(t), center="moon")
    rows = []
    for k, e in enumerate(peri):
        axes = secular.earth_plane_axes(earth_r[k], earth_v[k])
        a, ecc, inc, _, argp, _ = secular.elements(gm_m3_s2, e.state[:3], e.state[3:6], axes)
        rows.append((a * (1 - ecc) - MOON_MEAN_RADIUS_M, a * (1 + ecc) - MOON_MEAN_RADIUS_M, ecc, inc, argp, a))
    return t, np.array(rows).reshape(-1, 6)


def eclipses(segment, start_s, end_s):
    """(start, end) TDB s of the stays in the Moon's penumbra, from the crossings: which side of
    each crossing is dark is read from the segment's own shadow geometry at the midpoints."""
    crossings = [e.epoch.tdb_seconds for e in segment.events if e.name == "moon penumbra"]
    edges = np.array([start_s] + crossings + [end_s])
    mid = 0.5 * (edges[1:] + edges[:-1])
    dark = in_shadow(segment, mid)
    return [(a, b) for a, b, d in zip(edges[:-1], edges[1:], dark) if d]


def in_shadow(segment, t_s):
    """True where the spacecraft is behind the Moon's disc seen from the Sun (a cylinder of the
    Moon's radius: the penumbra's cone half-angle, 0.27 deg, widens it by < 50 km at 8600 km)."""
    r, _ = segment.states(t_s, center="moon")
    sun, _ = ephemeris.state("sun", Epoch.from_tdb_seconds(t_s), center="moon")
    s = sun / np.linalg.norm(sun, axis=1)[:, None]
    along = np.einsum("ij,ij->i", r, s)
    across = np.linalg.norm(r - along[:, None] * s, axis=1)
    return (along < 0) & (across < MOON_MEAN_RADIUS_M)


def station_view(p, segment, t_s):
    """True where at least one ground station sees the cubesat above its minimum elevation with
    the line of sight clear of the Moon."""
    seen = np.zeros(t_s.size, dtype=bool)
    for st in p.stations:
        ground = visibility.Ground(Site.from_degrees(st.name, "earth", st.lat_deg, st.lon_deg, st.height_m),
                                   np.radians(st.min_elevation_deg))
        up = visibility.elevation_margin(ground, segment, t_s, light_time=False)[0] > 0
        clear = visibility.moon_clearance(ground, segment, t_s, light_time=False) > 0
        seen |= up & clear
    return seen


def _samples(p, segment, windows_list):
    """Epochs (TDB s) every ``sample_min`` within the windows and the flight."""
    lo, hi = segment.start.tdb_seconds, segment.end.tdb_seconds
    parts = [np.arange(max(w.start_s, lo), min(w.end_s, hi), 60.0 * p.sample_min) for w in windows_list]
    return np.concatenate(parts) if parts else np.zeros(0)


def _drift(t, history, gm_moon, days=30.0):
    """Perilune drift (m/s) over the first ``days``: fitted to the flight, and from the doubly
    averaged equations at the mean elements of that stretch."""
    first = t <= t[0] + days * 86400.0
    slope = np.polyfit(t[first] - t[0], history[first, 0], 1)[0]
    earth_r, _ = ephemeris.state("earth", Epoch.from_tdb_seconds(t[first]), center="moon")
    a, e, i, w = (np.mean(history[first, k]) for k in (5, 2, 3, 4))
    de, _, _ = secular.tidal_rates(a, e, i, w, gm_moon, body("earth").gm_m3_s2, np.mean(np.linalg.norm(earth_r, axis=1)))
    return slope, -a * de


class Icubeq(PayloadModel):
    name = "ICUBE-Q"
    summary = "lunar cubesat released by the orbiter: flown to impact, perilune drift, eclipses, downlink, GSD"
    Parameters = IcubeqParameters

    def check(self, flown, request):
        release_state(flown, request.module, request.parameters)

    def run(self, flown, request):
        p = request.parameters
        state = release_state(flown, request.module, p)
        segment = fly(state, p)
        gm = segment.forces.gm_m3_s2
        t_peri, hist = perilune_history(segment, gm)
        impact = next((e for e in segment.events if e.name == "impact"), None)
        dark = eclipses(segment, segment.start.tdb_seconds, segment.end.tdb_seconds)
        t = _samples(p, segment, request.windows)
        r, _ = segment.states(t, center="moon")
        altitude = np.linalg.norm(r, axis=1) - MOON_MEAN_RADIUS_M
        seen = station_view(p, segment, t)
        step = 60.0 * p.sample_min
        bits = float(seen.sum()) * step * p.downlink_bit_s
        drift, averaged = _drift(t_peri, hist, gm)
        figures = {"impact_utc": impact.epoch.iso("utc", 0) if impact else None,
                   "lifetime_days": (segment.end.tdb_seconds - state.epoch.tdb_seconds) / 86400.0,
                   "period_at_first_perilune_min": 2 * np.pi * np.sqrt(hist[0, 5] ** 3 / gm) / 60.0,
                   "first_perilune_km": hist[0, 0] / 1e3, "first_apolune_km": hist[0, 1] / 1e3,
                   "orbits_by_10_may": int(np.sum(t_peri < Epoch("2024-05-10T00:00:00").tdb_seconds)),
                   "perilune_drift_km_d": drift * 86.4, "averaged_drift_km_d": averaged * 86.4,
                   "eclipses": len(dark), "longest_eclipse_h": max((b - a for a, b in dark), default=0.0) / 3600.0,
                   "station_view_fraction": float(np.mean(seen)) if t.size else 0.0, "downlink_bits": bits,
                   "gsd_range_m": (float(altitude.min() * p.camera_ifov_urad * 1e-6),
                                   float(altitude.max() * p.camera_ifov_urad * 1e-6)) if t.size else (0.0, 0.0)}
        series = (Series("perilune", t_peri, {"perilune_altitude_km": hist[:, 0] / 1e3,
                                              "apolune_altitude_km": hist[:, 1] / 1e3, "eccentricity": hist[:, 2],
                                              "inclination_to_earth_orbit_deg": np.degrees(hist[:, 3]),
                                              "argument_of_perilune_deg": np.degrees(hist[:, 4])}),
                  Series("orbit", t, {"altitude_km": altitude / 1e3, "gsd_m": altitude * p.camera_ifov_urad * 1e-6,
                                      "in_shadow": in_shadow(segment, t).astype(int) if t.size else np.zeros(0),
                                      "station_in_view": seen.astype(int)}))
        events = [TimelineEvent(state.epoch, f"{request.label} released", f"from {request.module}")]
        if impact is not None:
            events.append(TimelineEvent(impact.epoch, f"{request.label} impact",
                                        f"{figures['lifetime_days']:.1f} days after release"))
        plots = (Plot("perilune", "perilune", ("perilune_altitude_km", "eccentricity", "argument_of_perilune_deg"),
                      title="perilune history"),)
        volume = DataVolume(bits, f"{100 * figures['station_view_fraction']:.0f} % of the windows in a station's view "
                                  f"at {p.downlink_bit_s:g} bit/s")
        return PayloadOutcome(series, tuple(events), volume, plots, _comparisons(p, figures), figures)


def _comparisons(p, f):
    life = (f"impact {f['impact_utc']} ({f['lifetime_days']:.0f} d)" if f["impact_utc"]
            else f"in orbit after {f['lifetime_days']:.0f} d")
    return (
        Comparison("release (UTC)", p.release_epoch, "2024-05-08 08:14 (13:14 PKT)", "input",
                   "IST statement (Photo News Pakistan, May 2024)"),
        Comparison("period at the first perilune", f"{f['period_at_first_perilune_min']:.0f} min", "720 min", "target",
                   "capture orbit targeted by the LOI phase; Portuguese Wikipedia, ICUBE-Q"),
        Comparison("perilune x apolune, first perilune", f"{f['first_perilune_km']:.0f} x {f['first_apolune_km']:.0f} km",
                   "200 x 8600 km", "target", "L. David, \"China lunar lander now orbiting the Moon\", May 2024"),
        Comparison("orbits completed before 10 May", str(f["orbits_by_10_may"]), "first image shown 10 May after 3 orbits",
                   "prediction", "Dunya News and Arab News, 10 May 2024"),
        Comparison("lifetime", life, "~6 months of operations (6 months 7 days; 3-6 months planned)", "prediction",
                   "Portuguese Wikipedia, ICUBE-Q; Business Recorder, May 2024"),
        Comparison("perilune drift, first 30 days", f"{f['perilune_drift_km_d']:+.2f} km/d",
                   f"doubly averaged Earth tide: {f['averaged_drift_km_d']:+.2f} km/d", "prediction",
                   "Kozai 1962, Astron. J. 67, 591; Ely 2005, J. Astronaut. Sci. 53, 301"),
        Comparison("longest eclipse by the Moon", f"{f['longest_eclipse_h']:.2f} h", "not published", "prediction", "-"),
        Comparison("data the stations could take in the windows", f"{f['downlink_bits'] / 8e6:.1f} MB",
                   "~1 kbit/s image downlink", "input", "Dawn, 9 May 2024"),
        Comparison("camera ground sample distance", f"{f['gsd_range_m'][0]:.0f}-{f['gsd_range_m'][1]:.0f} m",
                   "optics not published", "prediction", "-"),
    )
