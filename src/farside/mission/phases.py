"""How each kind of phase flies: a state in, segments, timeline entries and burns out.

- coast: propagate until an event about a body (its n-th occurrence, then ``offset_s`` more or
  less), an epoch or a duration. The integration centre is the Moon inside its sphere of
  influence and the Earth outside (when the scenario has force models for both); crossing it is a
  timeline event and a change of integration centre only: each force model is full n-body.
- burn: impulsive (the rocket equation spends the propellant) or finite (constant thrust and mass
  flow in VNC/RIC/LVLH/inertial axes for ``duration_s``).
- separate: some modules leave the stack as a new stack, at the same state.
- dock: another stack, coasted to this epoch, joins when within the capture envelope.
- transfer: mass moves between two docked modules.
"""
from dataclasses import replace

import numpy as np

from farside.astro import bodies, ephemeris
from farside.astro.time import Epoch
from farside.dynamics import events as ev
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2, Thrust
from farside.dynamics.maneuvers import FiniteBurn, Impulse
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.errors import ScenarioError
from farside.mission import lunar_phases
from farside.mission.orbit_quantities import quantities, reference_radius_m
from farside.mission.result import BurnRecord, FlownSegment, TimelineEntry

MOON_SOI_M = 66_100e3
"""Radius of the Moon's sphere of influence about the Earth, a (m_moon / m_earth)^(2/5) with
a = 384,400 km (Vallado 2013, eq. 12-6): a reporting boundary and the switch of integration centre."""


ALTITUDE_CHECK_S = 10.0
"""Sampling interval (s) of altitude events inside a step."""


class Flight:
    """What the phases of one run share: scenario, force models, vehicles and the records."""

    def __init__(self, scenario, models, vehicles, result, progress=None):
        self.scenario = scenario
        self.models = models
        self.vehicles = vehicles
        self.result = result
        self.progress = progress or (lambda text: None)
        self.landed = {}
        # False while a target's corrector tries a phase: checks of an outcome the corrector is
        # still moving (a site's distance from the ground track) wait for the converged flight.
        self.strict = True

    def tolerances(self):
        rtol = self.scenario.rtol
        atol = np.array([self.scenario.atol_m] * 3 + [self.scenario.atol_m * 1e-3] * 3 + [1e-6])
        return rtol, atol

    def note(self, epoch, phase, stack, event, detail=""):
        self.result.timeline.append(TimelineEntry(epoch, phase, stack, event, detail))


def _center_for(flight, state):
    """The Moon inside its sphere of influence, else the Earth, among the scenario's force models."""
    names = list(flight.models)
    if len(names) == 1:
        return names[0]
    if "moon" in flight.models and "earth" in flight.models:
        r_moon = ephemeris.state("moon", state.epoch, center=state.center)[0] if state.center != "moon" else 0.0
        return "moon" if np.linalg.norm(state.in_gcrf().r_m - r_moon) < MOON_SOI_M else "earth"
    return state.center if state.center in flight.models else names[0]


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


def fly_coast(flight, stack, phase, index):
    until = phase.coast.until
    path = f"phases[{index}].coast.until"
    state = stack.state
    t0 = state.epoch.tdb_seconds
    if until.event == "epoch":
        t_stop = Epoch(until.epoch).tdb_seconds
        if t_stop <= t0:
            raise ScenarioError(f"{path}.epoch", until.epoch, f"an epoch after the phase start, {state.epoch.iso()} UTC")
    elif until.event == "duration":
        t_stop = t0 + until.duration_s
    else:
        t_stop = t0 + until.max_duration_s
    segments, found = [], 0
    rtol, atol = flight.tolerances()
    center = _center_for(flight, state)
    while True:
        events = []
        target = until_event(until, center) if until.event not in ("epoch", "duration", "sphere_of_influence") else None
        if target is not None:
            events.append(target)
        if "moon" in flight.models and "earth" in flight.models:
            if center == "earth":
                soi = ev.distance("moon", MOON_SOI_M, "falling", action="stop", name="sphere of influence")
            else:
                soi = ev.altitude(0.0, MOON_SOI_M, "rising", action="stop", name="sphere of influence")
            events.append(soi)
        seg = propagate(state, until=Epoch.from_tdb_seconds(t_stop), forces=flight.models[center], events=events,
                        rtol=rtol, atol=atol)
        segments.append(seg)
        state = seg.final_state()
        last = seg.events[-1] if seg.events else None
        if last is None or abs(last.epoch.tdb_seconds - state.epoch.tdb_seconds) > 1e-6:
            break
        if last.name == "sphere of influence":
            entering = center == "earth"
            flight.note(last.epoch, phase.name, stack.name, "enters the Moon's sphere of influence" if entering
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
    if until.offset_s < 0.0:
        cut = state.epoch.tdb_seconds + until.offset_s
        while segments and segments[-1].start.tdb_seconds >= cut:
            segments.pop()
        if not segments:
            raise ScenarioError(f"{path}.offset_s", until.offset_s, "an offset that stays after the phase start")
        segments[-1] = segments[-1].truncated(cut)
        state = segments[-1].final_state()
    elif until.offset_s > 0.0:
        seg = propagate(state, duration_s=until.offset_s, forces=flight.models[_center_for(flight, state)],
                        rtol=rtol, atol=atol)
        segments.append(seg)
        state = seg.final_state()
    if until.event == "altitude" and until.offset_s == 0.0:
        about = until.center or center
        q = quantities(state, about)
        flight.note(state.epoch, phase.name, stack.name, f"{until.value:g} km above {about}",
                    f"{q['latitude_deg']:.3f} deg, {q['longitude_deg'] % 360.0:.3f} deg E, {q['speed_m_s']:.1f} m/s, "
                    f"flight-path angle {q['flight_path_angle_deg']:.2f} deg")
    return segments, state


def fly_burn(flight, stack, phase, index):
    burn = phase.burn
    path = f"phases[{index}].burn"
    module = flight.scenario.spacecraft.modules[burn.module]
    engine = module.engines[burn.engine]
    if burn.module not in stack.modules:
        raise ScenarioError(f"{path}.module", burn.module, f"a module of the stack flying, {stack.name}: "
                            + ", ".join(stack.modules))
    state = stack.state
    mass0 = state.mass_kg
    thrust_n = burn.thrust_N if burn.thrust_N is not None else engine.thrust_N * engine.count
    ve = engine.isp_s * STANDARD_GRAVITY_M_S2
    if burn.delta_v_m_s is not None:
        dv = float(np.linalg.norm(burn.delta_v_m_s))
        propellant = mass0 * (1.0 - np.exp(-dv / ve))
        flight.vehicles.spend(burn.module, propellant, f"{path}.delta_v_m_s")
        after = Impulse(state.epoch, burn.delta_v_m_s, burn.axes, engine.isp_s).apply(state)
        record = BurnRecord(phase.name, stack.name, burn.module, burn.engine, state.epoch, 0.0, dv, propellant,
                            mass0, after.mass_kg)
        flight.result.burns.append(record)
        flight.note(state.epoch, phase.name, stack.name, f"impulse {burn.module}.{burn.engine}",
                    f"{dv:.3f} m/s, {propellant:.1f} kg")
        return [], after
    flow = thrust_n / ve
    propellant = flow * burn.duration_s
    flight.vehicles.spend(burn.module, propellant, f"{path}.duration_s")
    thrust = Thrust(thrust_n, engine.isp_s, burn.direction, burn.axes)
    center = _center_for(flight, state)
    rtol, atol = flight.tolerances()
    seg = propagate(state, duration_s=burn.duration_s, forces=flight.models[center],
                    maneuvers=[FiniteBurn(state.epoch, burn.duration_s, thrust)], rtol=rtol, atol=atol)
    after = seg.final_state()
    dv = ve * np.log(mass0 / after.mass_kg)
    flight.result.burns.append(BurnRecord(phase.name, stack.name, burn.module, burn.engine, state.epoch,
                                          burn.duration_s, dv, mass0 - after.mass_kg, mass0, after.mass_kg))
    flight.note(state.epoch, phase.name, stack.name, f"ignition {burn.module}.{burn.engine}",
                f"{thrust_n:.0f} N for {burn.duration_s:.1f} s")
    flight.note(after.epoch, phase.name, stack.name, f"cut-off {burn.module}.{burn.engine}",
                f"{dv:.2f} m/s, {mass0 - after.mass_kg:.1f} kg")
    return [seg], after


def fly_separate(flight, stack, phase, index):
    sep = phase.separate
    new = flight.vehicles.separate(stack.name, sep.modules, sep.name, f"phases[{index}].separate")
    state = stack.state
    new.state = State(state.epoch, state.r_m, state.v_m_s, flight.vehicles.mass_kg(new.name), state.center,
                      state.frame)
    flight.note(state.epoch, phase.name, stack.name, f"separation of {sep.name}", ", ".join(sep.modules))
    return [], State(state.epoch, state.r_m, state.v_m_s, flight.vehicles.mass_kg(stack.name), state.center,
                     state.frame)


def fly_dock(flight, stack, phase, index):
    dock = phase.dock
    path = f"phases[{index}].dock"
    other = flight.vehicles.stacks.get(dock.other)
    state = stack.state
    if other is None or other is stack:
        raise ScenarioError(f"{path}.with", dock.other, "another stack flying: "
                            + ", ".join(n for n in flight.vehicles.stacks if n != stack.name))
    t = state.epoch.tdb_seconds
    if other.state.epoch.tdb_seconds > t + 1e-6:
        raise ScenarioError(f"{path}.with", dock.other, f"a stack whose last state ({other.state.epoch.iso()} UTC) "
                            f"is not after this phase's start ({state.epoch.iso()} UTC)")
    if other.state.epoch.tdb_seconds < t - 1e-6:
        rtol, atol = flight.tolerances()
        seg = propagate(other.state, until=state.epoch, forces=flight.models[_center_for(flight, other.state)],
                        rtol=rtol, atol=atol)
        flight.result.flown.append(FlownSegment(other.name, tuple(other.modules), seg))
        other.state = seg.final_state()
    a, b = state.in_gcrf(), other.state.in_gcrf()
    if b.center != a.center:
        r, v = ephemeris.state(b.center, b.epoch, center=a.center)
        b = State(b.epoch, b.r_m + r, b.v_m_s + v, b.mass_kg, a.center)
    distance = float(np.linalg.norm(b.r_m - a.r_m))
    speed = float(np.linalg.norm(b.v_m_s - a.v_m_s))
    if distance > dock.max_distance_m or speed > dock.max_speed_m_s:
        raise ScenarioError(path, f"{distance:.3f} m apart at {speed:.4f} m/s",
                            f"within {dock.max_distance_m:g} m and {dock.max_speed_m_s:g} m/s of {dock.other}")
    flight.vehicles.dock(stack.name, dock.other, path)
    flight.note(state.epoch, phase.name, stack.name, f"docking with {dock.other}",
                f"{distance:.3f} m, {speed:.4f} m/s")
    return [], State(a.epoch, a.r_m, a.v_m_s, flight.vehicles.mass_kg(stack.name), a.center, a.frame)


def fly_transfer(flight, stack, phase, index):
    t = phase.transfer
    flight.vehicles.transfer(t.source, t.to, t.mass_kg, f"phases[{index}].transfer")
    flight.note(stack.state.epoch, phase.name, stack.name, f"transfer {t.source} -> {t.to}", f"{t.mass_kg:g} kg")
    return [], stack.state


LUNAR = {"descent_orbit": lunar_phases.fly_descent_orbit, "powered_descent": lunar_phases.fly_powered_descent,
         "surface_stay": lunar_phases.fly_surface_stay, "ascent": lunar_phases.fly_ascent,
         "rendezvous": lunar_phases.fly_rendezvous, "approach": lunar_phases.fly_approach}


def fly(flight, stack, phase, index):
    """Fly ``phase`` for ``stack`` from its state; updates the stack that flies on (``stack``, or
    the one an ascent makes) and returns it."""
    kind = next((k for k in LUNAR if getattr(phase, k) is not None), None)
    if kind is not None:
        segments, state, *made = LUNAR[kind](flight, stack, phase, index)
        stack = made[0] if made else stack
    elif phase.coast is not None:
        segments, state = fly_coast(flight, stack, phase, index)
    elif phase.burn is not None:
        segments, state = fly_burn(flight, stack, phase, index)
    elif phase.separate is not None:
        segments, state = fly_separate(flight, stack, phase, index)
    elif phase.dock is not None:
        segments, state = fly_dock(flight, stack, phase, index)
    else:
        segments, state = fly_transfer(flight, stack, phase, index)
    stack.state = state
    for seg in segments:
        flight.result.flown.append(FlownSegment(stack.name, tuple(stack.modules), seg))
    return stack
