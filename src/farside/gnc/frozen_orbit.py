"""Frozen elliptical lunar orbits: initial elements whose mean eccentricity and argument of
periselene stay put under the Moon's field and the Earth's and Sun's pull.

Method: a differential corrector on averaged elements (Ely 2005, "Stable constellations of frozen
elliptical inclined lunar orbits", J. Astronaut. Sci. 53(3); Folta & Quinn 2006, AIAA 2006-6749).
The mean elements of a revolution are the averages of the osculating eccentricity vector over one
period, in the Moon's principal-axes equator (MOON_PA). Given the period and the periselene
altitude (so a and e), the inclination and argument of periselene at the start are varied until
the mean e and omega after ``span_days`` (a lunar month, over which the Earth's pull averages
out) equal those of the first revolution.
"""
from dataclasses import dataclass, field

import numpy as np

from farside.astro import bodies, frames
from farside.astro.time import Epoch
from farside.core.kepler import elements_to_state_hf, state_to_elements_hf
from farside.dynamics import events
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.errors import FarsideValueError
from farside.gnc import differential_corrector

SAMPLES_PER_REVOLUTION = 96
LUNAR_MONTH_DAYS = 27.321661


def pa_elements(segment, times, gm):
    """Osculating (a, e, i, raan, argp, nu) in MOON_PA equatorial axes at TDB seconds ``times``."""
    x = segment.state_vectors(times)
    rot = frames.rotation("GCRF", "MOON_PA", Epoch.from_tdb_seconds(times))
    r = np.einsum("nij,nj->ni", rot, x[:, :3])
    v = np.einsum("nij,nj->ni", rot, x[:, 3:6])
    out = np.empty((times.shape[0], 6))
    for k in range(times.shape[0]):
        state_to_elements_hf(gm, r[k], v[k], out[k])
    return out


def mean_e_omega(segment, t_start, period_s, gm, duration_s=None):
    """Mean eccentricity and argument of periselene (rad) over the revolution (or ``duration_s``)
    from ``t_start``: the average of the osculating eccentricity vector (e cos w, e sin w)."""
    duration_s = period_s if duration_s is None else duration_s
    n = int(SAMPLES_PER_REVOLUTION * max(1.0, duration_s / period_s))
    times = t_start + np.linspace(0.0, duration_s, n, endpoint=False)
    el = pa_elements(segment, times, gm)
    ex = np.mean(el[:, 1] * np.cos(el[:, 4]))
    ey = np.mean(el[:, 1] * np.sin(el[:, 4]))
    return np.hypot(ex, ey), np.arctan2(ey, ex) % (2.0 * np.pi)


@dataclass
class FrozenOrbit:
    """The designed initial state and its elements (MOON_PA equator), with the corrector's log."""
    state: State
    a_m: float
    e: float
    inclination_deg: float
    raan_deg: float
    argp_deg: float
    log: list = field(default_factory=list)


def initial_state(epoch, a_m, e, inc_deg, raan_deg, argp_deg, gm, mass_kg=1200.0) -> State:
    """At periselene; elements in MOON_PA axes at ``epoch``, returned in GCRF about the Moon."""
    x = np.empty(6)
    elements_to_state_hf(gm, a_m, e, *np.radians([inc_deg, raan_deg, argp_deg]), 0.0, x)
    rot = frames.rotation("MOON_PA", "GCRF", epoch)
    return State(epoch, rot @ x[:3], rot @ x[3:], mass_kg, "moon")


VARIABLES = ("inclination_deg", "raan_deg", "argp_deg")


def design(epoch, period_s, periapsis_altitude_m, inclination_deg, raan_deg, argp_deg, forces,
           vary=("inclination_deg", "argp_deg"), span_days=LUNAR_MONTH_DAYS, average_days=None,
           log=None) -> FrozenOrbit:
    """A frozen orbit of ``period_s`` with periselene ``periapsis_altitude_m`` above the mean
    radius, starting at periselene at ``epoch``. Two of the three angles (``vary``) are varied
    from the values given, which are their first guesses; the third stays."""
    epoch = Epoch(epoch)
    vary = tuple(vary)
    if len(vary) != 2 or not set(vary) <= set(VARIABLES):
        raise FarsideValueError("vary", vary, "two of " + ", ".join(VARIABLES))
    gm = forces.gm_m3_s2
    moon = bodies.get("moon")
    a = (gm * (period_s / (2.0 * np.pi)) ** 2) ** (1.0 / 3.0)
    rp = moon.mean_radius_m + periapsis_altitude_m
    e = 1.0 - rp / a
    span = span_days * 86400.0
    window = period_s if average_days is None else average_days * 86400.0
    given = {"inclination_deg": inclination_deg, "raan_deg": raan_deg, "argp_deg": argp_deg}
    lines = []

    def angles(x):
        return {**given, **dict(zip(vary, x))}

    def drift(x):
        g = angles(x)
        start = initial_state(epoch, a, e, g["inclination_deg"], g["raan_deg"], g["argp_deg"], gm)
        seg = propagate(start, duration_s=span + window, forces=forces, rtol=1e-11, atol=1e-4)
        t0 = epoch.tdb_seconds
        e0, w0 = mean_e_omega(seg, t0, period_s, gm, window)
        e1, w1 = mean_e_omega(seg, t0 + span, period_s, gm, window)
        return [e1 - e0, np.degrees((w1 - w0 + np.pi) % (2.0 * np.pi) - np.pi)]

    solution = differential_corrector.solve(drift, [given[v] for v in vary], [0.01, 0.01], [0.0, 0.0],
                                            [1e-5, 0.01], max_iterations=20, names=list(vary),
                                            goal_names=["mean e drift", "mean omega drift deg"],
                                            log=lambda text: (lines.append(text), log and log(text)))
    g = angles(solution.variables)
    return FrozenOrbit(initial_state(epoch, a, e, g["inclination_deg"], g["raan_deg"], g["argp_deg"], gm), a, e,
                       g["inclination_deg"], g["raan_deg"], g["argp_deg"], lines)


@dataclass
class Stability:
    """One-revolution means over a long propagation: epochs (TDB s), mean e, mean omega (deg),
    the periselene altitude of each revolution (m, from the periapsis events), and the
    station-keeping estimate."""
    times_s: np.ndarray
    mean_e: np.ndarray
    mean_omega_deg: np.ndarray
    periselene_altitude_m: np.ndarray
    station_keeping_m_s_per_year: float
    impact: Epoch | None = None


def stability(orbit: FrozenOrbit, forces, days=365.25, every_revolutions=1) -> Stability:
    """Propagate ``orbit`` for ``days`` without manoeuvres (or until it strikes the mean sphere,
    ``impact``) and follow its mean elements. The
    station-keeping estimate is the delta-v that would undo the drift of the mean eccentricity
    vector over a year, |d(e cos w, e sin w)| n a sqrt(1 - e^2) / 2 (the impulse Gauss's equations
    need for a change of the eccentricity vector when given at the best place on the orbit; Battin
    1999, §10.4)."""
    gm = forces.gm_m3_s2
    period = 2.0 * np.pi * np.sqrt(orbit.a_m ** 3 / gm)
    radius = bodies.get("moon").mean_radius_m
    surface = events.altitude(0.0, radius, "falling", action="stop", name="impact")
    seg = propagate(orbit.state, duration_s=days * 86400.0 + period, forces=forces,
                    events=[events.periapsis(), surface], rtol=1e-11, atol=1e-4)
    impact = next((e.epoch for e in seg.events if e.name == "impact"), None)
    periselenes = [(e.epoch.tdb_seconds, np.linalg.norm(e.state[:3]) - radius) for e in seg.events
                   if e.name == "periapsis"]
    t0 = orbit.state.epoch.tdb_seconds
    end = seg.end.tdb_seconds - period
    starts = t0 + np.arange(0.0, min(days * 86400.0, end - t0 + 1.0), period * every_revolutions)
    means, lowest = [], []
    for t in starts:
        in_rev = [h for tp, h in periselenes if t <= tp < t + period]
        lowest.append(min(in_rev) if in_rev else np.nan)
        means.append(mean_e_omega(seg, t, period, gm))
    means = np.array(means)
    vec = means[:, 0:1] * np.column_stack([np.cos(means[:, 1]), np.sin(means[:, 1])])
    years = (starts[-1] - starts[0]) / (365.25 * 86400.0)
    n = 2.0 * np.pi / period
    dv = np.linalg.norm(vec[-1] - vec[0]) * n * orbit.a_m * np.sqrt(1.0 - orbit.e ** 2) / 2.0 / max(years, 1e-9)
    return Stability(starts, means[:, 0], np.degrees(means[:, 1]), np.array(lowest), float(dv), impact)
