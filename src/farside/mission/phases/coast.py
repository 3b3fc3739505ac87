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
        state = stack.state
        t_stop = _stop_epoch_s(until, state, path)
        segments, found = [], 0
        tol = flight.tolerances().options()
        center = flight.center_for(state)
        both = "moon" in flight.models and "earth" in flight.models
        while True:
            target = until_event(until, center) if until.event not in ("epoch", "duration", "sphere_of_influence") else None
            events = ([target] if target is not None else []) + ([_boundary_event(center)] if both else [])
            seg = propagate(state, until=Epoch.from_tdb_seconds(t_stop), forces=flight.models[center], events=events,
                            **tol)
            segments.append(seg)
            state = seg.final_state()
            last = seg.events[-1] if seg.events else None
            if last is None or abs(last.epoch.tdb_seconds - state.epoch.tdb_seconds) > 1e-6:
                break
            if last.name == "sphere of influence":
                entering = center == "earth"
                out.note(last.epoch, stack.name, "enters the Moon's sphere of influence" if entering
                         else "leaves the Moon's sphere of influence")
                center = "moon" if entering else "earth"
                if until.event == "sphere_of_influence":
                    break
                continue
            found += 1
            if found >= until.occurrence:
                break
        if until.event not in ("epoch", "duration") and abs(state.epoch.tdb_seconds - t_stop) < 1e-6:
            raise ScenarioError(path, until.event, f"an event reached within max_duration_s = {until.max_duration_s:g} s "
                                                   f"(about {until.center or 'the integration centre'})")
        segments, state = self._offset(flight, segments, state, path)
        if until.event == "altitude" and until.offset_s == 0.0:
            about = until.center or center
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
