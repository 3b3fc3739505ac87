"""A stream of transients and the onboard follow-up: trigger, decision, slew, time on target.

Bursts arrive as a Poisson process of ``rate_per_year`` over the whole sky, isotropic, with
fluences above ``min_fluence`` drawn from N(>S) ~ S^-slope (slope 1.5: a Euclidean population).
The wide-field instrument triggers on a burst in its field, not occulted by the Earth, while it is
live (not slewing, out of the SAA if it is off there, the Earth covering at most its
``max_earth_fraction``), if the fluence reaches ``trigger_fluence / cos(off-axis angle)``.

Onboard decision (priorities as the satellite management unit's: a transient outranks the
survey programme, a follow-up in progress is not interrupted by another): a trigger is accepted
if no follow-up is running and the burst keeps the law's Sun and Moon exclusions. After
``onboard_delay_s`` (localisation and decision) the platform slews; the narrow-field instruments
are on target when settled and the burst is ``earth_limb_exclusion_deg`` above the limb. The
follow-up lasts ``follow_up_h``; then the platform slews back to the programme, which resumes.
"""
from dataclasses import dataclass

import numpy as np

from farside.dynamics.attitude import angle_between
from farside.mission.observatory.timeline import FOLLOW_UP, SLEWING


@dataclass(frozen=True)
class Burst:
    t_s: float
    direction: np.ndarray
    fluence: float


@dataclass(frozen=True)
class Trigger:
    """A triggered burst: the decision (``accepted`` or the ``reason`` it was not) and, when
    accepted, the slew angle, the epoch the narrow field was on target and the return slew."""
    burst: Burst
    off_axis_rad: float
    accepted: bool
    reason: str
    slew_angle_rad: float = np.nan
    on_target_s: float = np.nan

    @property
    def response_s(self) -> float:
        return self.on_target_s - self.burst.t_s


def burst_stream(start_s, end_s, spec) -> list:
    """The bursts of ``spec`` (:class:`Bursts` of the scenario) between two epochs (TDB s)."""
    rng = np.random.default_rng(spec.seed)
    n = rng.poisson(spec.rate_per_year * (end_s - start_s) / (365.25 * 86400.0))
    t = np.sort(rng.uniform(start_s, end_s, n))
    d = rng.normal(size=(n, 3))
    d /= np.linalg.norm(d, axis=1)[:, None]
    fluence = spec.min_fluence * rng.uniform(0.0, 1.0, n) ** (-1.0 / spec.logn_logs_slope)
    return [Burst(float(t[i]), d[i], float(fluence[i])) for i in range(n)]


def wide_live(grid, timeline, wide_field, wide) -> np.ndarray:
    """Whether the wide-field instrument is live at each sample."""
    earth_angle = angle_between(timeline.boresight, grid.nadir)
    fraction = wide_field.earth_fraction(earth_angle, grid.earth_radius_rad)
    live = (timeline.mode != SLEWING) & (fraction <= wide.max_earth_fraction)
    if wide.off_in_saa:
        live &= ~grid.in_saa
    return live


def _triggers(burst, i, grid, timeline, wide_field, wide, spec):
    """Off-axis angle if the wide field triggers on ``burst`` at sample ``i``, else None."""
    off_axis = float(angle_between(timeline.boresight[i], burst.direction))
    if off_axis >= wide_field.half_angle_rad:
        return None
    if angle_between(burst.direction, grid.nadir[i]) <= grid.earth_radius_rad[i]:
        return None
    earth_angle = angle_between(timeline.boresight[i], grid.nadir[i])
    fraction = float(wide_field.earth_fraction(earth_angle, grid.earth_radius_rad[i]))
    if timeline.mode[i] == SLEWING or fraction > wide.max_earth_fraction or (wide.off_in_saa and grid.in_saa[i]):
        return None
    return off_axis if burst.fluence * np.cos(off_axis) >= spec.trigger_fluence else None


def follow_up(bursts, grid, timeline, wide_field, wide, law, spec, limits, programme_at) -> list:
    """Run the onboard logic over ``bursts`` in time order, writing slews and follow-ups into
    ``timeline``; ``programme_at(t_s)`` is the law's pointing at an epoch. Returns the triggers."""
    triggers = []
    for burst in bursts:
        i = int(grid.index(burst.t_s))
        off_axis = _triggers(burst, i, grid, timeline, wide_field, wide, spec)
        if off_axis is None:
            continue
        sun = angle_between(burst.direction, grid.sun[i])
        moon = angle_between(burst.direction, grid.moon[i])
        if timeline.mode[i] == FOLLOW_UP:
            triggers.append(Trigger(burst, off_axis, False, "follow-up in progress"))
            continue
        if sun < np.radians(law.sun_exclusion_deg) or moon < np.radians(law.moon_exclusion_deg):
            triggers.append(Trigger(burst, off_axis, False, "Sun or Moon exclusion"))
            continue
        start = burst.t_s + spec.onboard_delay_s
        slew = timeline.slew(start, burst.direction, limits)
        end = slew.settled_s + spec.follow_up_h * 3600.0
        timeline.hold(slew.settled_s, end, burst.direction, FOLLOW_UP)
        if end < grid.t_s[-1]:
            timeline.slew(end, programme_at(end), limits)
        part = timeline.span(slew.settled_s, end)
        limb = angle_between(burst.direction, grid.nadir[part]) - grid.earth_radius_rad[part]
        clear = np.flatnonzero(limb >= np.radians(law.earth_limb_exclusion_deg))
        on_target = np.nan if not clear.size else slew.settled_s if clear[0] == 0 else grid.t_s[part][clear[0]]
        triggers.append(Trigger(burst, off_axis, True, "", slew.angle_rad, float(on_target)))
    return triggers
