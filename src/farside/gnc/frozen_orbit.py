"""Frozen elliptical lunar orbits: initial elements whose mean eccentricity and argument of
periselene stay put under the Moon's field and the Earth's and Sun's pull.

Method: a differential corrector on averaged elements (Ely 2005, "Stable constellations of frozen
elliptical inclined lunar orbits", J. Astronaut. Sci. 53(3); Folta & Quinn 2006, AIAA 2006-6749).
Mean elements are averages of the osculating eccentricity vector, in the Moon's principal-axes
equator (MOON_PA), over a lunar month: the Earth's pull makes e swing twice a month (for a 24 h,
e = 0.8 orbit by +-0.015, +-150 km at periselene), which no choice of elements removes, so the
design holds the month means. The Earth's pull also turns the orbit's node slowly, so the frozen
point itself moves over months: :func:`stability` flies a year and reports what the periselene
does.
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


def design(epoch, period_s, mean_periapsis_altitude_m, inclination_deg, raan_deg, argp_deg, forces,
           vary=("raan_deg", "argp_deg"), log=None) -> FrozenOrbit:
    """A frozen orbit of ``period_s`` whose month-mean periselene is ``mean_periapsis_altitude_m``
    above the mean radius, starting at periselene at ``epoch``. Varied: the initial eccentricity
    and two of the three angles (``vary``, from the values given as first guesses; the third
    stays). Goals, with means over a lunar month (which average out the Earth's semi-monthly
    pull): the first month's mean eccentricity gives the periselene asked, and the second month's
    mean e and omega equal the first's."""
    epoch = Epoch(epoch)
    vary = tuple(vary)
    if len(vary) != 2 or not set(vary) <= set(VARIABLES):
        raise FarsideValueError("vary", vary, "two of " + ", ".join(VARIABLES))
    gm = forces.gm_m3_s2
    a = (gm * (period_s / (2.0 * np.pi)) ** 2) ** (1.0 / 3.0)
    e_mean = 1.0 - (bodies.get("moon").mean_radius_m + mean_periapsis_altitude_m) / a
    if not (period_s > 0.0 and mean_periapsis_altitude_m > 0.0 and 0.0 <= e_mean < 1.0):
        raise FarsideValueError("mean_periapsis_altitude_m", mean_periapsis_altitude_m,
                                f"a periselene altitude > 0 m below the orbit's semi-major axis, {a / 1e3:.0f} km "
                                f"(period {period_s:g} s)")
    month = LUNAR_MONTH_DAYS * 86400.0
    given = {"inclination_deg": inclination_deg, "raan_deg": raan_deg, "argp_deg": argp_deg}
    lines = []

    def angles(x):
        return {**given, **dict(zip(vary, x[1:]))}

    def goals(x):
        g = angles(x)
        start = initial_state(epoch, a, x[0], g["inclination_deg"], g["raan_deg"], g["argp_deg"], gm)
        seg = propagate(start, duration_s=2.0 * month, forces=forces, rtol=1e-11, atol=1e-4)
        t0 = epoch.tdb_seconds
        e1, w1 = mean_e_omega(seg, t0, period_s, gm, month)
        e2, w2 = mean_e_omega(seg, t0 + month, period_s, gm, month - period_s)
        return [e1, e2 - e1, np.degrees((w2 - w1 + np.pi) % (2.0 * np.pi) - np.pi)]

    solution = differential_corrector.solve(
        goals, [e_mean] + [given[v] for v in vary], [1e-4, 0.01, 0.01], [e_mean, 0.0, 0.0], [1e-5, 1e-5, 0.01],
        max_iterations=20, names=["e"] + list(vary), goal_names=["month-mean e", "mean e drift", "mean omega drift deg"],
        log=lambda text: (lines.append(text), log and log(text)))
    e0 = solution.variables[0]
    g = angles(solution.variables)
    return FrozenOrbit(initial_state(epoch, a, e0, g["inclination_deg"], g["raan_deg"], g["argp_deg"], gm), a, e0,
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
    station-keeping estimate is the delta-v that would undo the drift of the month-mean
    eccentricity vector from the first month to the last, per year, |d(e cos w, e sin w)| n a sqrt(1 - e^2) / 2 (the impulse Gauss's equations
    need for a change of the eccentricity vector when given at the best place on the orbit; Battin
    1999, §10.4)."""
    if not days >= LUNAR_MONTH_DAYS:
        raise FarsideValueError("days", days, f"at least a lunar month, {LUNAR_MONTH_DAYS:g} days (the drift is "
                                              "measured from the first month-mean to the last)")
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
    month = LUNAR_MONTH_DAYS * 86400.0
    last = starts[-1] + period - month
    vectors = []
    for t in (t0, last):
        e, w = mean_e_omega(seg, t, period, gm, month)
        vectors.append(e * np.array([np.cos(w), np.sin(w)]))
    years = (last - t0) / (365.25 * 86400.0)
    n = 2.0 * np.pi / period
    dv = np.linalg.norm(vectors[1] - vectors[0]) * n * orbit.a_m * np.sqrt(1.0 - orbit.e ** 2) / 2.0 / max(years, 1e-9)
    return Stability(starts, means[:, 0], np.degrees(means[:, 1]), np.array(lowest), float(dv), impact)
