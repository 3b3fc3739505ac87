"""INRRI, INFN's laser retroreflector on the Chang'e-6 lander, ranged by a lunar orbiter's laser
altimeter (LRO's LOLA by default): the orbiter's passes over the site above a minimum elevation,
the slant range and the incidence on each cube corner, the photoelectrons per shot (Degnan's link
equation, :mod:`farside.payloads.laser.retroreflector`) and the chance that a footprint lands on
the reflector given the orbit and pointing errors. Other arrays (an Apollo array) are ranged the
same way; an Earth station can range a target only while the Earth is above its horizon.

The orbiter is flown by farside from stated elements (axes of the lunar equator, MOON_ME, at the
elements' epoch) in GRAIL gravity to ``gravity_degree`` with the Earth and the Sun; its passes come
from :mod:`farside.comms.visibility` and :mod:`farside.comms.windows`.
"""
from dataclasses import dataclass

import numpy as np
from pydantic import ConfigDict, Field, field_validator

from farside.astro import ephemeris, frames
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.sites import Site, enu_rotation
from farside.astro.time import Epoch
from farside.comms import visibility
from farside.core.kepler import elements_to_state_hf
from farside.dynamics import gravity_field
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import SphericalHarmonics, ThirdBodies
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.errors import FarsideValueError
from farside.io.strict_numbers import StrictNumbers
from farside.payloads.base import (checked_epoch, Comparison, DataVolume, PayloadModel, PayloadOutcome, PayloadParameters, Plot,
                                   Series, TimelineEvent)
from farside.payloads.laser import retroreflector as rr

PASS_STEP_S = 20.0
"""Sampling of the elevation near a site: a pass above 30 deg from ~50-100 km lasts 1.5-3 min."""
TRACK_STEP_S = 120.0
SCREEN_DEG = 20.0
"""The screen: a site sees an orbiter 30 deg up from at most ~11.5 deg of arc away (200 km up), and
the orbiter moves ~6.5 deg in ``TRACK_STEP_S``; stretches within this of the site are searched."""


class Target(StrictNumbers):
    """Another array: its place on the Moon and its cube corners (facing the zenith)."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    lat_deg: float = Field(ge=-90, le=90)
    lon_deg: float
    height_m: float = 0.0
    ccr_count: int = Field(ge=1)
    ccr_diameter_cm: float = Field(gt=0)


class Orbiter(StrictNumbers):
    model_config = ConfigDict(extra="forbid", frozen=True)
    epoch: str | None = None
    periapsis_altitude_km: float = Field(30.0, gt=0)
    apoapsis_altitude_km: float = Field(180.0, gt=0)
    i_deg: float = Field(90.0, ge=0, le=180)
    raan_deg: float = 0.0
    argp_deg: float = 270.0
    ta_deg: float = 0.0

    @field_validator("epoch")
    @classmethod
    def _epoch(cls, value):
        return checked_epoch(value)


class InrriParameters(PayloadParameters):
    ccr_count: int = Field(8, ge=1)
    ccr_diameter_cm: float = Field(1.27, gt=0)
    ccr_tilt_deg: float = Field(45.0, ge=0, lt=90)
    reflectivity: float = Field(0.8, gt=0, le=1)
    refractive_index: float = Field(1.4496, ge=1)
    wavelength_nm: float = Field(1064.0, gt=0)
    pulse_energy_mj: float = Field(2.7, gt=0)
    beams: int = Field(5, ge=1)
    beam_spacing_urad: float = Field(500.0, ge=0)
    divergence_half_angle_urad: float = Field(50.0, gt=0)
    receiver_diameter_cm: float = Field(14.0, gt=0)
    efficiency: float = Field(0.17, gt=0, le=1)
    detection_threshold_pe: float = Field(1.0, gt=0)
    pointing_error_urad: float = Field(50.0, ge=0)
    orbit_error_m: float = Field(20.0, ge=0)
    min_elevation_deg: float = Field(30.0, ge=0, lt=90)
    gravity_degree: int = Field(10, ge=0, le=1200)
    orbiter: Orbiter = Orbiter()
    targets: list[Target] = [Target(name="Apollo 15", lat_deg=26.1333, lon_deg=3.6285, ccr_count=300,
                                    ccr_diameter_cm=3.8)]


def fly_orbiter(p: InrriParameters, start_s: float, end_s: float):
    """The orbiter's `Segment` from its elements' epoch (default ``start_s``) to ``end_s``."""
    o = p.orbiter
    epoch = Epoch(o.epoch) if o.epoch is not None else Epoch.from_tdb_seconds(start_s)
    rp, ra = MOON_MEAN_RADIUS_M + 1e3 * o.periapsis_altitude_km, MOON_MEAN_RADIUS_M + 1e3 * o.apoapsis_altitude_km
    if ra < rp:
        raise FarsideValueError("orbiter.apoapsis_altitude_km", o.apoapsis_altitude_km,
                                f"at least the periapsis altitude, {o.periapsis_altitude_km:g} km")
    field = gravity_field.load("GRGM1200A", p.gravity_degree)
    x = np.empty(6)
    elements_to_state_hf(field.gm_m3_s2, 0.5 * (rp + ra), (ra - rp) / (ra + rp), np.radians(o.i_deg),
                         np.radians(o.raan_deg), np.radians(o.argp_deg), np.radians(o.ta_deg), x)
    axes = frames.rotation("MOON_ME", "GCRF", epoch)
    forces = ForceModel("moon", [SphericalHarmonics(field), ThirdBodies(("earth", "sun"))])
    state = State(epoch, axes @ x[:3], axes @ x[3:], 1000.0, "moon")
    if epoch.tdb_seconds > start_s:
        raise FarsideValueError("orbiter.epoch", o.epoch, "an epoch at or before the first window's start")
    return propagate(state, until=Epoch.from_tdb_seconds(end_s), forces=forces, rtol=1e-10, atol=1e-4)


def array_cross_section_m2(p, diameter_m, count, tilt_rad, line_enu):
    """Cross-section (m^2) of ``count`` cube corners tilted ``tilt_rad`` from the zenith at
    azimuths evenly spaced, seen along ``line_enu`` (unit vector from the array to the orbiter)."""
    az = 2 * np.pi * np.arange(count) / count
    normals = np.stack([np.sin(tilt_rad) * np.sin(az), np.sin(tilt_rad) * np.cos(az),
                        np.full(count, np.cos(tilt_rad))], -1)
    incidence = np.arccos(np.clip(normals @ line_enu, -1.0, 1.0))
    return float(np.sum(rr.cross_section_m2(diameter_m, p.wavelength_nm * 1e-9, p.reflectivity,
                                            p.refractive_index, incidence)))


def _beam_offsets(p, range_m):
    """The beams' centres (m) on the target plane: one on the aim, the others on a cross about it
    at multiples of the spacing."""
    directions = np.array([(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)])
    k = np.arange(p.beams - 1)
    arms = directions[k % 4] * (k // 4 + 1)[:, None] * p.beam_spacing_urad * 1e-6 * range_m
    return np.vstack([[0.0, 0.0], arms])


@dataclass(frozen=True)
class Pass:
    """A pass above the minimum elevation: ``start_s``, ``end_s``, ``max_s`` (TDB s), the highest
    elevation (rad) and, there, range (m), line of sight (ENU unit vector), cross-section (m^2),
    photoelectrons per shot and hit probability per shot."""
    start_s: float
    end_s: float
    max_s: float
    elevation_rad: float
    range_m: float
    line_enu: np.ndarray
    cross_section_m2: float
    photoelectrons: float
    hit_probability: float


def pass_figures(p, site, diameter_m, count, tilt_rad, segment, t_max):
    """Range (m), line of sight (ENU, unit), cross-section (m^2), photoelectrons and hit probability
    per shot at ``t_max`` (TDB s), the aim on the target."""
    r, _ = segment.states(np.array([t_max]), center="moon", frame="MOON_ME")
    line = enu_rotation(site.lat_rad, site.lon_rad) @ (r[0] - site.position_fixed_m)
    range_m = float(np.linalg.norm(line))
    sigma = array_cross_section_m2(p, diameter_m, count, tilt_rad, line / range_m)
    theta_t = p.divergence_half_angle_urad * 1e-6
    n = float(rr.photoelectrons(p.pulse_energy_mj * 1e-3 / p.beams, p.wavelength_nm * 1e-9, theta_t, sigma, range_m,
                                np.pi * (p.receiver_diameter_cm * 1e-2) ** 2 / 4, p.efficiency))
    miss = float(np.hypot(p.pointing_error_urad * 1e-6 * range_m, p.orbit_error_m))
    hit = rr.hit_probability(n, p.detection_threshold_pe, theta_t * range_m, _beam_offsets(p, range_m), max(miss, 1e-3))
    return range_m, line / range_m, sigma, n, hit


def _edge(margin, lo, hi):
    """The zero of ``margin`` between ``lo`` and ``hi`` (one sign change): sampled at 401 points
    and interpolated linearly between the two that bracket it (the margin is smooth on that scale)."""
    t = np.linspace(lo, hi, 401)
    g = margin(t)
    k = int(np.flatnonzero(np.sign(g[1:]) != np.sign(g[:-1]))[0])
    return float(t[k] - g[k] * (t[k + 1] - t[k]) / (g[k + 1] - g[k]))


def _highest(margin, a, b):
    """Epoch of the highest elevation in [a, b]: the best of 401 samples and a parabola through it
    and its neighbours."""
    t = np.linspace(a, b, 401)
    g = margin(t)
    k = int(np.clip(np.argmax(g), 1, t.size - 2))
    y0, y1, y2 = g[k - 1:k + 2]
    shift = 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2) if y0 - 2 * y1 + y2 < 0 else 0.0
    return float(t[k] + np.clip(shift, -1, 1) * (t[1] - t[0]))


def orbiter_track(segment, windows_list):
    """Epochs (TDB s, every ``TRACK_STEP_S`` over the windows) and the orbiter's direction from
    the Moon's centre in MOON_ME there (unit vectors): the coarse screen shared by all targets."""
    t = np.concatenate([np.append(np.arange(w.start_s, w.end_s, TRACK_STEP_S), w.end_s) for w in windows_list])
    r, _ = segment.states(t, center="moon", frame="MOON_ME")
    return t, r / np.linalg.norm(r, axis=1)[:, None]


def _spans_near(site, track, windows_list):
    """Stretches of the windows where the orbiter comes within ``SCREEN_DEG`` of the site."""
    t, u = track
    near = np.degrees(np.arccos(np.clip(u @ (site.position_fixed_m / np.linalg.norm(site.position_fixed_m)),
                                        -1, 1))) < SCREEN_DEG
    near = near | np.r_[near[1:], False] | np.r_[False, near[:-1]]
    out = []
    for k in np.flatnonzero(near):
        a, b = t[k], min(t[k] + TRACK_STEP_S, t[-1])
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return [(max(a, w.start_s), min(b, w.end_s)) for a, b in out for w in windows_list
            if a < w.end_s and b > w.start_s]


def passes(p, site, diameter_m, count, tilt_rad, segment, windows_list, track):
    """The `Pass` list of ``segment`` over ``site`` above the minimum elevation in the windows:
    near the site (``track``, :func:`orbiter_track`) the elevation is sampled every
    ``PASS_STEP_S`` and each rise and set located; a pass cut by a window's edge ends there."""
    ground = visibility.Ground(site, np.radians(p.min_elevation_deg))

    def margin(t):
        return visibility.elevation_margin(ground, segment, t, light_time=False)[0]
    out = []
    for lo, hi in _spans_near(site, track, windows_list):
        t = np.append(np.arange(lo, hi, PASS_STEP_S), hi)
        up = margin(t) > 0
        changes = np.flatnonzero(up[1:] != up[:-1])
        edges = [lo] * bool(up[0]) + [_edge(margin, t[k], t[k + 1]) for k in changes] + [hi] * bool(up[-1])
        for a, b in zip(edges[::2], edges[1::2]):
            t_max = _highest(margin, a, b)
            el = float(margin(np.array([t_max]))[0]) + ground.min_elevation_rad
            out.append(Pass(a, b, t_max, el, *pass_figures(p, site, diameter_m, count, tilt_rad, segment, t_max)))
    return out


def earth_visible_fraction(site, start_s, end_s, step_s=3600.0):
    """Fraction of the span the Earth's centre is above ``site``'s level horizon, and its highest
    elevation (deg)."""
    t = np.append(np.arange(start_s, end_s, step_s), end_s)
    ground = visibility.Ground(site)
    epochs = Epoch.from_tdb_seconds(t)
    earth, _ = ephemeris.state("earth", epochs, center="moon")
    rot = np.atleast_3d(frames.rotation("GCRF", "MOON_ME", epochs)).reshape(-1, 3, 3)
    _, el, _ = ground.site.aer(np.einsum("nij,nj->ni", rot, earth))
    return float(np.mean(el > 0)), float(np.degrees(el.max()))


def _series(name, found):
    t = np.array([x.max_s for x in found])
    return Series(name, t, {
        "duration_s": np.array([x.end_s - x.start_s for x in found]),
        "max_elevation_deg": np.degrees([x.elevation_rad for x in found]),
        "range_km": np.array([x.range_m for x in found]) / 1e3,
        "cross_section_m2": np.array([x.cross_section_m2 for x in found]),
        "photoelectrons_per_shot": np.array([x.photoelectrons for x in found]),
        "hit_probability_per_shot": np.array([x.hit_probability for x in found])})


class Inrri(PayloadModel):
    name = "INRRI"
    summary = "laser retroreflector ranged by a lunar orbiter's altimeter (LRO/LOLA): passes, link, hit odds"
    Parameters = InrriParameters

    def check(self, flown, request):
        stays = flown.stays_of(request.module)
        if not stays:
            raise FarsideValueError("module", request.module, "a module that stays on the surface")
        for j, w in enumerate(request.windows):
            if w.start_s < stays[0].start_s:
                raise FarsideValueError(f"schedule[{j}].start", w.start.iso("utc", 0),
                                        f"an epoch after the landing, {Epoch.from_tdb_seconds(stays[0].start_s).iso('utc', 0)}")

    def run(self, flown, request):
        p = request.parameters
        stay = flown.stays_of(request.module)[0]
        w = request.windows
        segment = fly_orbiter(p, w[0].start_s, w[-1].end_s)
        track = orbiter_track(segment, w)
        lander = passes(p, stay.site, p.ccr_diameter_cm * 1e-2, p.ccr_count, np.radians(p.ccr_tilt_deg), segment, w,
                        track)
        series = [_series("passes", lander)]
        figures = {"passes": len(lander), "site_earth_max_elevation_deg": float(stay.sky.earth_elevation_deg.max()),
                   "peak_cross_section_m2": float(rr.peak_cross_section_m2(p.ccr_diameter_cm * 1e-2,
                                                                           p.wavelength_nm * 1e-9, p.reflectivity))}
        events = [TimelineEvent(Epoch.from_tdb_seconds(x.max_s), f"{request.label} pass",
                                f"{np.degrees(x.elevation_rad):.1f} deg, {x.range_m / 1e3:.1f} km, "
                                f"{x.photoelectrons:.3g} pe/shot, hit {100 * x.hit_probability:.0f} %") for x in lander]
        if lander:
            best = max(lander, key=lambda x: x.elevation_rad)
            figures.update({"best_range_km": best.range_m / 1e3, "best_photoelectrons": best.photoelectrons,
                            "best_hit_probability": best.hit_probability,
                            "best_elevation_deg": float(np.degrees(best.elevation_rad))})
        for target in p.targets:
            site = Site.from_degrees(target.name, "moon", target.lat_deg, target.lon_deg, target.height_m)
            found = passes(p, site, target.ccr_diameter_cm * 1e-2, target.ccr_count, 0.0, segment, w, track)
            series.append(_series(f"passes_{target.name}", found))
            figures[f"{target.name}: passes"] = len(found)
            figures[f"{target.name}: earth_visible_fraction"] = earth_visible_fraction(site, w[0].start_s, w[-1].end_s)[0]
            if found:
                figures[f"{target.name}: best_photoelectrons"] = max(x.photoelectrons for x in found)
        plots = (Plot("passes", "passes", ("max_elevation_deg", "range_km", "photoelectrons_per_shot",
                                           "hit_probability_per_shot"), title="orbiter passes over the lander"),)
        return PayloadOutcome(tuple(series), tuple(events), DataVolume(0.0, "passive reflector"), plots,
                              _comparisons(p, w, figures), figures)


def _comparisons(p, w, f):
    span = f"{w[0].start.iso('utc', 0)[:10]} to {w[-1].end.iso('utc', 0)[:10]}"
    rows = [Comparison(f"orbiter passes above {p.min_elevation_deg:g} deg, {span}", str(f["passes"]),
                       "LRO ranged Chang'e-6 (42 arcs to 4 landers, Feb 2023 - Dec 2024)", "prediction",
                       "Cascioli et al., NASA PGDA product 100")]
    if "best_photoelectrons" in f:
        rows += [Comparison("photoelectrons per shot, best pass",
                            f"{f['best_photoelectrons']:.3g} at {f['best_range_km']:.0f} km", "not published",
                            "prediction", "-"),
                 Comparison("hit probability per shot, best pass", f"{100 * f['best_hit_probability']:.0f} %",
                            "Vikram (Chandrayaan-3) ranged after 8 attempts", "prediction",
                            "NASA, January 2024; D. Cremons (Gizmodo, 22 January 2024)")]
    rows += [Comparison("Earth's highest elevation at the site", f"{f['site_earth_max_elevation_deg']:.1f} deg",
                        "never above the horizon (far side): no Earth station can range it", "prediction",
                        "site 41.6385 S 206.0148 E, LROC \"First Look: Chang'e 6\", June 2024"),
             Comparison("peak cross-section of one cube corner", f"{f['peak_cross_section_m2']:.3g} m^2",
                        "INRRI's aperture not published (1.27 cm NASA LRA cube corners assumed)", "input",
                        "Sun et al. 2019, Appl. Opt. 58, 9259")]
    for target in p.targets:
        rows.append(Comparison(f"{target.name}: orbiter passes / time the Earth is up",
                               f"{f[target.name + ': passes']} / {100 * f[target.name + ': earth_visible_fraction']:.0f} %",
                               "ranged from Earth stations since 1971", "prediction",
                               "Murphy 2013, Rep. Prog. Phys. 76, 076901"))
    return tuple(rows)
