"""The observatory's orbit: flown once in the full force model (EGM2008 in ITRF93, Moon and Sun,
radiation pressure with Earth and Moon shadows, NRLMSIS 2.1 drag with CelesTrak space weather),
and the figures taken from it: period, nodal precession (fitted, beside the J2 closed form),
decay of the semi-major axis and the lifetime it implies.

J2 nodal rate (Vallado 2013, section 9.6, secular J2 effects): dRAAN/dt = -3/2 n J2 (R/p)^2 cos i, with
J2 = -sqrt(5) C20 (fully normalised C20). The node's period relative to the Sun is
360 deg / |dRAAN/dt - n_sun| with the Sun's mean motion 0.98565 deg/day.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro.time import Epoch
from farside.core.kepler import elements_to_state_hf
from farside.dynamics import gravity_field
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import Drag, SolarRadiationPressure, SphericalHarmonics, ThirdBodies
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State

SUN_MEAN_MOTION_DEG_DAY = 0.98564736
"""Mean motion of the Sun in longitude (Astronomical Almanac, 360 deg per 365.2422 days)."""


def force_model(orbit) -> ForceModel:
    """The full model of the scenario's ``orbit`` block."""
    field = gravity_field.load("EGM2008", orbit.gravity_degree)
    return ForceModel("earth", [SphericalHarmonics(field, "ITRF93"), ThirdBodies(("moon", "sun")),
                                SolarRadiationPressure(orbit.cr, orbit.srp_area_m2),
                                Drag(orbit.cd, orbit.drag_area_m2, "NRLMSIS2.1")])


def initial_state(orbit, model: ForceModel) -> State:
    """The insertion state (osculating elements about the field's GM, GCRF)."""
    r_earth = model.term(SphericalHarmonics).field.radius_m
    rp = r_earth + orbit.perigee_altitude_km * 1e3
    ra = r_earth + orbit.apogee_altitude_km * 1e3
    out = np.empty(6)
    elements_to_state_hf(model.gm_m3_s2, 0.5 * (rp + ra), (ra - rp) / (ra + rp), *np.radians(
        [orbit.inclination_deg, orbit.raan_deg, orbit.argp_deg, orbit.true_anomaly_deg]), out)
    return State(Epoch(orbit.epoch, "utc"), out[:3], out[3:], orbit.mass_kg)


def fly(orbit):
    """``(segment, model)``: the orbit propagated over ``orbit.days`` with dense output."""
    model = force_model(orbit)
    state = initial_state(orbit, model)
    segment = propagate(state, duration_s=orbit.days * 86400.0, forces=model, rtol=orbit.rtol,
                        atol=orbit.rtol * 1e6)
    return segment, model


@dataclass(frozen=True)
class OrbitFigures:
    """Period (s), nodal rate fitted and from J2 (deg/day), the node's period relative to the Sun
    (days) from each, semi-major-axis decay (m/day), the mean altitude (m) and the lifetime
    estimate (years)."""
    period_s: float
    nodal_rate_deg_day: float
    nodal_rate_j2_deg_day: float
    node_sun_period_days: float
    node_sun_period_j2_days: float
    decay_m_day: float
    mean_altitude_m: float
    lifetime_years: float


def _elements(r, v, gm):
    h = np.cross(r, v)
    raan = np.unwrap(np.arctan2(h[:, 0], -h[:, 1]))
    inc = np.arccos(h[:, 2] / np.linalg.norm(h, axis=1))
    energy = 0.5 * np.sum(v * v, axis=1) - gm / np.linalg.norm(r, axis=1)
    a = -gm / (2.0 * energy)
    return a, inc, raan


def _orbit_mean_trend(days, a, period_days) -> float:
    """Slope (per day) of ``a`` averaged over whole orbits: the J2 short-period oscillation of the
    osculating semi-major axis (~10 km, twice an orbit) would bias a fit to the samples."""
    orbit = np.floor(days / period_days).astype(int)
    whole = orbit < orbit.max()
    counts = np.bincount(orbit[whole])
    keep = counts > 0
    mean_t = np.bincount(orbit[whole], days[whole])[keep] / counts[keep]
    mean_a = np.bincount(orbit[whole], a[whole])[keep] / counts[keep]
    return float(np.polyfit(mean_t, mean_a, 1)[0])


def j2_nodal_rate(gm, radius_m, c20_normalised, a, e, inc) -> float:
    """dRAAN/dt (rad/s) of the J2 secular theory."""
    j2 = -np.sqrt(5.0) * c20_normalised
    n = np.sqrt(gm / a ** 3)
    p = a * (1.0 - e * e)
    return -1.5 * n * j2 * (radius_m / p) ** 2 * np.cos(inc)


def orbit_figures(t_s, r, v, model: ForceModel, scale_height_m: float) -> OrbitFigures:
    """Figures of the orbit sampled at ``t_s`` (GCRF ``r``, ``v``); the lifetime is the time for
    the decay rate, growing as exp(-(h - h0) / H) with the density's ``scale_height_m`` H, to
    bring the semi-major axis down by the altitude above 150 km (integral of the exponential
    law, at the year's mean solar activity)."""
    gm = model.gm_m3_s2
    field = model.term(SphericalHarmonics).field
    a, inc, raan = _elements(r, v, gm)
    days = (t_s - t_s[0]) / 86400.0
    nodal = np.degrees(np.polyfit(days, raan, 1)[0])
    speed_e = np.linalg.norm(r, axis=1)
    e = (speed_e.max() - speed_e.min()) / (speed_e.max() + speed_e.min())
    nodal_j2 = np.degrees(j2_nodal_rate(gm, field.radius_m, field.c[2, 0], a.mean(), e, inc.mean())) * 86400.0
    decay = _orbit_mean_trend(days, a, 2.0 * np.pi * np.sqrt(a.mean() ** 3 / gm) / 86400.0)
    altitude = a.mean() - field.radius_m
    lifetime_days = np.inf
    if decay < 0.0:
        lifetime_days = scale_height_m / -decay * (1.0 - np.exp(-(altitude - 150e3) / scale_height_m))
    return OrbitFigures(float(2.0 * np.pi * np.sqrt(a.mean() ** 3 / gm)), float(nodal), float(nodal_j2),
                        float(360.0 / abs(nodal - SUN_MEAN_MOTION_DEG_DAY)),
                        float(360.0 / abs(nodal_j2 - SUN_MEAN_MOTION_DEG_DAY)),
                        float(decay), float(altitude), float(lifetime_days / 365.25))
