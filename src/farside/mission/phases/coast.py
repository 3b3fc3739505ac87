"""``coast``: propagate until an event about a body (its n-th occurrence, then ``offset_s`` more or
less), an epoch or a duration. The integration centre is the Moon inside its sphere of influence
and the Earth outside (when the scenario has force models for both); crossing it is a timeline
event and a change of integration centre only: each force model is full n-body."""
from dataclasses import replace
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from farside.astro import bodies
from farside.astro.time import Epoch
from farside.dynamics import events as ev
from farside.dynamics.propagator import propagate
from farside.errors import ScenarioError
from farside.mission.orbit_quantities import quantities, reference_radius_m
from farside.mission.phases.base import PhaseKind, PhaseOutcome, register
from farside.mission.phases.flight import MOON_SOI_M
from farside.mission.scenario_fields import FieldError, Model, check_epoch, checked

EVENTS = ("periapsis", "apoapsis", "ascending_node", "descending_node", "altitude", "epoch", "duration",
          "sphere_of_influence")

ALTITUDE_CHECK_S = 10.0
"""Sampling interval (s) of altitude events inside a step."""


class Until(Model):
    """Where a coast ends: an event about ``center`` (the first occurrence, then ``offset_s``),
    an epoch, or a duration."""
    event: Literal[EVENTS]
    center: str | None = None
    value: float | None = None
    direction: Literal["rising", "falling", "either"] = "either"
    epoch: str | None = None
    duration_s: float | None = Field(None, gt=0)
    offset_s: float = 0.0
    occurrence: int = Field(1, ge=1)
    max_duration_s: float = Field(30 * 86400.0, gt=0)

    @model_validator(mode="after")
    def _complete(self):
        if self.event == "epoch" and self.epoch is None:
            raise FieldError(["epoch"], None, "an ISO 8601 epoch (UTC) with event: epoch")
        if self.event == "epoch":
            check_epoch(["epoch"], self.epoch)
        if self.event == "duration" and self.duration_s is None:
            raise FieldError(["duration_s"], None, "a duration > 0 s with event: duration")
        if self.event == "altitude" and self.value is None:
            raise FieldError(["value"], None, "the altitude in km with event: altitude")
        if self.center is not None:
            checked(["center"], bodies.get, self.center)
        return self


def until_event(until, center):
    """The stopping event of ``until`` while integrating about ``center`` (None: not armed there)."""
    about = until.center or center
    if about != center:
        return None
    if until.event == "periapsis":
        return ev.periapsis(action="stop")
    if until.event == "apoapsis":
        return ev.apoapsis(action="stop")
    if until.event == "ascending_node":
        return ev.node("rising", "body" if center in ("moon", "earth") else "inertial", action="stop")
    if until.event == "descending_node":
        return ev.node("falling", "body" if center in ("moon", "earth") else "inertial", action="stop")
    if until.event == "altitude":
        radius = reference_radius_m(bodies.get(center))
        # sampled inside long steps too: a grazing pass can enter and leave within one step
        return replace(ev.altitude(until.value * 1e3, radius, until.direction, action="stop"),
                       max_check_s=ALTITUDE_CHECK_S)
    return None


def _stop_epoch_s(until, state, path):
    t0 = state.epoch.tdb_seconds
    if until.event == "epoch":
        t_stop = Epoch(until.epoch).tdb_seconds
        if t_stop <= t0:
            raise ScenarioError(f"{path}.epoch", until.epoch, f"an epoch after the phase start, {state.epoch.iso()} UTC")
        return t_stop
    if until.event == "duration":
        return t0 + until.duration_s
    return t0 + until.max_duration_s


def _boundary_event(center):
    if center == "earth":
        return ev.distance("moon", MOON_SOI_M, "falling", action="stop", name="sphere of influence")
    return ev.altitude(0.0, MOON_SOI_M, "rising", action="stop", name="sphere of influence")


class CoastArc:
    """A coast flown leg by leg, a leg being one propagation about one centre that ends on the
    coast's event, on the sphere of influence or at the stop epoch: the rules of `Coast` in one
    place, for one flight or for many samples flown in step (:mod:`farside.campaign.batched`).

    While not `done`: fly `state` about `center` to `t_stop` with `events()`, then `add` the segment."""

    def __init__(self, until, flight, state, path):
        self.until, self.path = until, path
        self.t_stop = _stop_epoch_s(until, state, path)
        self.center = flight.center_for(state)
        self.both = "moon" in flight.models and "earth" in flight.models
        self.state, self.segments, self.crossings = state, [], []
        self.found, self.done = 0, False

    def events(self) -> list:
        """The events of the next leg: the coast's own (where armed about `center`), the boundary."""
        until = self.until
        target = until_event(until, self.center) if until.event not in ("epoch", "duration", "sphere_of_influence") else None
        return ([target] if target is not None else []) + ([_boundary_event(self.center)] if self.both else [])

    def may_end_in_leg(self) -> bool:
        """Whether the next leg can be the coast's last one flown (an event coast ends only on its
        own event, armed about one centre: else the stop epoch was reached, which is an error)."""
        if self.until.event in ("epoch", "duration", "sphere_of_influence"):
            return True
        return until_event(self.until, self.center) is not None

    def add(self, seg):
        """Record the leg flown (``seg``) and what follows: the end, or a change of centre."""
        self.segments.append(seg)
        self.state = seg.final_state()
        last = seg.events[-1] if seg.events else None
        if last is None or abs(last.epoch.tdb_seconds - self.state.epoch.tdb_seconds) > 1e-6:
            self.done = True
            return
        if last.name == "sphere of influence":
            entering = self.center == "earth"
            self.crossings.append((last.epoch, entering))
            self.center = "moon" if entering else "earth"
            self.done = self.until.event == "sphere_of_influence"
            return
        self.found += 1
        self.done = self.found >= self.until.occurrence

    def check_reached(self):
        """Raise `ScenarioError` when an event coast ended at its stop epoch without its event."""
        until = self.until
        if until.event not in ("epoch", "duration") and abs(self.state.epoch.tdb_seconds - self.t_stop) < 1e-6:
            raise ScenarioError(self.path, until.event, f"an event reached within max_duration_s = "
                                                        f"{until.max_duration_s:g} s (about {until.center or 'the integration centre'})")


@register
class Coast(PhaseKind):
    key: ClassVar[str] = "coast"
    summary: ClassVar[str] = "coast until {until.event}"
    until: Until

    def epochs(self) -> dict:
        return {"until.epoch": self.until.epoch} if self.until.event == "epoch" else {}

    def run(self, flight, stack, phase, path):
        until, path = self.until, f"{path}.until"
        out = PhaseOutcome(phase.name, stack.name)
        arc = CoastArc(until, flight, stack.state, path)
        tol = flight.tolerances().options()
        while not arc.done:
            arc.add(propagate(arc.state, until=Epoch.from_tdb_seconds(arc.t_stop), forces=flight.models[arc.center],
                              events=arc.events(), **tol))
        for epoch, entering in arc.crossings:
            out.note(epoch, stack.name, "enters the Moon's sphere of influence" if entering
                     else "leaves the Moon's sphere of influence")
        arc.check_reached()
        segments, state = self._offset(flight, arc.segments, arc.state, path)
        if until.event == "altitude" and until.offset_s == 0.0:
            about = until.center or arc.center
            q = quantities(state, about)
            out.note(state.epoch, stack.name, f"{until.value:g} km above {about}",
                     f"{q['latitude_deg']:.3f} deg, {q['longitude_deg'] % 360.0:.3f} deg E, {q['speed_m_s']:.1f} m/s, "
                     f"flight-path angle {q['flight_path_angle_deg']:.2f} deg")
        out.fly(stack.name, stack.modules, segments)
        out.state = state
        return out

    def _offset(self, flight, segments, state, path):
        """The coast cut ``offset_s`` before the event, or flown that much past it."""
        offset = self.until.offset_s
        if offset < 0.0:
            cut = state.epoch.tdb_seconds + offset
            while segments and segments[-1].start.tdb_seconds >= cut:
                segments.pop()
            if not segments:
                raise ScenarioError(f"{path}.offset_s", offset, "an offset that stays after the phase start")
            segments[-1] = segments[-1].truncated(cut)
            return segments, segments[-1].final_state()
        if offset > 0.0:
            seg = propagate(state, duration_s=offset, forces=flight.models[flight.center_for(state)],
                            **flight.tolerances().options())
            return segments + [seg], seg.final_state()
        return segments, state
