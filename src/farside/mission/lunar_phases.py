"""The phases of the lunar surface segment, each flown with closed-loop guidance in the full
force model about the Moon (the gnc layer's laws; the rocket equation for every impulse):

- descent_orbit: the descent orbit insertion (:mod:`farside.gnc.descent_orbit`) flown as a finite
  burn centred on the planned impulse, then the coast to its periselene;
- powered_descent: braking, approach, hover and divert, vertical descent, touchdown
  (:mod:`farside.gnc.powered_descent`); the stack is then landed at the touchdown point;
- surface_stay: the landed stack turns with the Moon; the Sun and the Earth over the stay
  (:mod:`farside.comms.site_sky`); samples collected into a module;
- ascent: one module lifts off into the plane of another stack (:mod:`farside.gnc.powered_ascent`);
- rendezvous: the four orbit adjustments to a hand-over point (:mod:`farside.gnc.orbit_adjustments`);
- approach: the active stack closes on the passive one to contact (:mod:`farside.gnc.final_approach`).

Each records its segments, burns, timeline entries and a report of its figures in
``result.reports[phase name]``.
"""
import numpy as np

from farside.astro import bodies, frames
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.sites import Site, enu_rotation, fixed_to_spherical, spherical_to_fixed
from farside.astro.terrain import dem_height_m
from farside.astro.time import Epoch
from farside.comms import site_sky
from farside.comms.horizon import horizon_mask
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2, Thrust
from farside.dynamics.maneuvers import FiniteBurn, Impulse
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.errors import FarsideValueError, ScenarioError
from farside.gnc import descent_orbit, final_approach, orbit_adjustments, powered_ascent, powered_descent
from farside.gnc.differential_corrector import TargetingError
from farside.mission.orbit_quantities import quantities
from farside.mission.result import BurnRecord, FlownSegment


def _engine(flight, action):
    engine = flight.scenario.spacecraft.modules[action.module].engines[action.engine]
    return engine.thrust_N * engine.count, engine.isp_s, engine.min_throttle


def _moon_forces(flight, path):
    if "moon" not in flight.models:
        raise ScenarioError(path, "no moon force model", "a scenario with force_models.moon")
    return flight.models["moon"]


def _about_moon(state, path):
    state = state.in_gcrf()
    if state.center != "moon":
        raise ScenarioError(path, f"a state about {state.center}", "a stack in lunar orbit (about the Moon)")
    return state


def _record(flight, stack, segments):
    for seg in segments:
        flight.result.flown.append(FlownSegment(stack.name, tuple(stack.modules), seg))


def _impulse_burn(flight, stack, phase, module, engine_name, isp_s, state, dv_inertial, path, label):
    """Apply an impulse drawn from ``module``: the propellant by the rocket equation."""
    dv = float(np.linalg.norm(dv_inertial))
    propellant = state.mass_kg * (1.0 - np.exp(-dv / (isp_s * STANDARD_GRAVITY_M_S2)))
    flight.vehicles.spend(module, propellant, path)
    after = Impulse(state.epoch, tuple(dv_inertial), "inertial", isp_s).apply(state)
    flight.result.burns.append(BurnRecord(phase.name, stack.name, module, engine_name, state.epoch, 0.0, dv,
                                          propellant, state.mass_kg, after.mass_kg))
    flight.note(state.epoch, phase.name, stack.name, label, f"{dv:.2f} m/s, {propellant:.1f} kg")
    return after


def lunar_weight_n(mass_kg) -> float:
    """The weight (N) of ``mass_kg`` on the Moon's 1737.4 km sphere, GM / R^2 of the DE440 Moon."""
    return mass_kg * bodies.get("moon").gm_m3_s2 / MOON_MEAN_RADIUS_M ** 2


def _check_weight(flight, stack, action, path, mass_kg):
    thrust, _, _ = _engine(flight, action)
    weight = lunar_weight_n(mass_kg)
    if thrust <= weight:
        raise ScenarioError(f"{path}.engine", f"{action.engine} ({thrust:.0f} N)",
                            f"an engine stronger than the lunar weight of {stack.name}, {weight:.0f} N "
                            f"({mass_kg:.0f} kg)")


def fly_descent_orbit(flight, stack, phase, index):
    spec = phase.descent_orbit
    path = f"phases[{index}].descent_orbit"
    forces = _moon_forces(flight, path)
    state = _about_moon(stack.state, path)
    thrust, isp, _ = _engine(flight, spec)
    lat, lon = np.radians(spec.site.lat_deg), np.radians(spec.site.lon_deg)
    flight.progress(f"{phase.name}: searching the pass over the site")
    near = None if spec.pass_near is None else Epoch(spec.pass_near).tdb_seconds
    search_s = spec.search_h * 3600.0
    if near is not None:
        search_s = max(search_s, near - state.epoch.tdb_seconds + 3600.0)
    try:
        doi = descent_orbit.plan(state, forces, lat, lon, spec.uprange_km * 1e3, spec.periselene_altitude_km * 1e3,
                                 search_s, near_s=near)
    except (FarsideValueError, TargetingError) as error:
        raise ScenarioError(path, "the descent orbit", f"a reachable periselene: {error}") from None
    if flight.strict and abs(doi.cross_track_m) > spec.max_cross_track_km * 1e3:
        raise ScenarioError(f"{path}.site", f"{doi.cross_track_m / 1e3:.1f} km from the ground track",
                            f"a site within max_cross_track_km = {spec.max_cross_track_km:g} km of the orbit's "
                            f"ground track on the pass near {doi.periselene_epoch.iso('utc', 0)} UTC (move the "
                            "orbit plane over the site first)")
    ve = isp * STANDARD_GRAVITY_M_S2
    dv = float(np.linalg.norm(doi.delta_v_m_s))
    coast_in = propagate(state, until=doi.burn_epoch, forces=forces)
    before = coast_in.final_state()
    propellant = before.mass_kg * (1.0 - np.exp(-dv / ve))
    duration = propellant / (thrust / ve)
    start = Epoch.from_tdb_seconds(doi.burn_epoch.tdb_seconds - duration / 2.0)
    coast_in = coast_in.truncated(start.tdb_seconds)
    before = coast_in.final_state()
    flight.vehicles.spend(spec.module, propellant, f"{path}.module")
    burn = propagate(before, duration_s=duration, forces=forces,
                     maneuvers=[FiniteBurn(start, duration, Thrust(thrust, isp, tuple(doi.delta_v_m_s / dv), "inertial"))])
    after = burn.final_state()
    coast_out = propagate(after, until=doi.periselene_epoch, forces=forces)
    end = coast_out.final_state()
    flight.result.burns.append(BurnRecord(phase.name, stack.name, spec.module, spec.engine, start, duration,
                                          ve * np.log(before.mass_kg / after.mass_kg), before.mass_kg - after.mass_kg,
                                          before.mass_kg, after.mass_kg))
    flight.note(start, phase.name, stack.name, f"ignition {spec.module}.{spec.engine} (descent orbit insertion)",
                f"{thrust:.0f} N for {duration:.1f} s, planned {dv:.2f} m/s")
    altitude = quantities(end)["altitude_km"]
    flight.note(end.epoch, phase.name, stack.name, "periselene of the descent orbit",
                f"{altitude:.2f} km, {spec.uprange_km:g} km up-range, cross-track {doi.cross_track_m / 1e3:.2f} km")
    flight.result.reports[phase.name] = {
        "delta_v_m_s": dv, "burn_duration_s": duration, "propellant_kg": before.mass_kg - after.mass_kg,
        "periselene_altitude_km": altitude, "cross_track_km": doi.cross_track_m / 1e3}
    return [coast_in, burn, coast_out], end


def terrain_clearance(segment, until_s, step_s=2.0):
    """``(clearance_m, utc, lat_deg, lon_deg)``: the lowest height above the DEM along the powered
    descent up to ``until_s`` (TDB s; the hover: below it the vehicle descends onto the site)."""
    t = np.arange(segment.start.tdb_seconds, until_s, step_s)
    r, _ = segment.states(t, frame="MOON_ME")
    lat, lon, height = fixed_to_spherical(r)
    clearance = height - dem_height_m(lat, lon)
    k = int(np.argmin(clearance))
    return (float(clearance[k]), Epoch.from_tdb_seconds(t[k]).iso("utc", 0), float(np.degrees(lat[k])),
            float(np.degrees(lon[k]) % 360.0))


def fly_powered_descent(flight, stack, phase, index):
    spec = phase.powered_descent
    path = f"phases[{index}].powered_descent"
    forces = _moon_forces(flight, path)
    state = _about_moon(stack.state, path)
    _check_weight(flight, stack, spec, path, state.mass_kg)
    thrust, isp, min_throttle = _engine(flight, spec)
    dry = state.mass_kg - flight.vehicles.propellant_kg[spec.module]
    vehicle = powered_descent.DescentVehicle(thrust, thrust * min_throttle, isp, dry, spec.max_turn_rate_deg_s)
    plan = powered_descent.DescentPlan(np.radians(spec.site.lat_deg), np.radians(spec.site.lon_deg),
                                       spec.hover_height_m, spec.hover_s, spec.divert_radius_m, spec.final_speed_m_s,
                                       spec.cutoff_height_m, spec.guidance_step_s)
    flight.progress(f"{phase.name}: closed-loop guidance to touchdown")
    try:
        landing = powered_descent.fly(state, forces, vehicle, plan)
    except FarsideValueError as error:
        raise ScenarioError(f"{path}.module", spec.module, f"{error.allowed} ({error.value})") from None
    flight.vehicles.spend(spec.module, landing.propellant_kg, f"{path}.module")
    touchdown = landing.touchdown
    duration = touchdown.epoch.tdb_seconds - state.epoch.tdb_seconds
    ve = isp * STANDARD_GRAVITY_M_S2
    flight.result.burns.append(BurnRecord(phase.name, stack.name, spec.module, spec.engine, state.epoch, duration,
                                          ve * np.log(state.mass_kg / touchdown.mass_kg), landing.propellant_kg,
                                          state.mass_kg, touchdown.mass_kg))
    for name, epoch in landing.events:
        flight.note(epoch, phase.name, stack.name, name)
    fixed = landing.landed_fixed_m
    lat, lon = np.degrees(fixed_to_spherical(fixed)[:2])
    from_site = float(np.linalg.norm(fixed - spherical_to_fixed(plan.lat_rad, plan.lon_rad,
                                                                 float(dem_height_m(plan.lat_rad, plan.lon_rad)))))
    flight.note(touchdown.epoch, phase.name, stack.name, "landed",
                f"{lat:.5f} deg, {lon % 360:.5f} deg E; {from_site:.1f} m from the target, "
                f"{landing.miss_m:.2f} m from the aim after the divert; {landing.vertical_speed_m_s:.2f} m/s down, {landing.horizontal_speed_m_s:.2f} m/s across")
    flight.landed[stack.name] = fixed
    hover = next(epoch for name, epoch in landing.events if name == "hover")
    clearance, clearance_utc, clearance_lat, clearance_lon = terrain_clearance(landing.segment, hover.tdb_seconds)
    flight.note(Epoch(clearance_utc), phase.name, stack.name, "lowest height above the terrain before the hover",
                f"{clearance:.0f} m over {clearance_lat:.3f} deg, {clearance_lon:.3f} deg E (DEM)")
    flight.result.reports[phase.name] = {
        "touchdown_utc": touchdown.epoch.iso("utc", 1), "latitude_deg": lat, "longitude_deg": lon % 360.0,
        "from_target_site_m": from_site, "from_aim_after_divert_m": landing.miss_m,
        "vertical_speed_m_s": landing.vertical_speed_m_s,
        "horizontal_speed_m_s": landing.horizontal_speed_m_s, "duration_s": duration,
        "propellant_kg": landing.propellant_kg, "delta_v_m_s": ve * np.log(state.mass_kg / touchdown.mass_kg),
        "terrain_clearance_before_hover_m": clearance}
    return [landing.segment], touchdown


def _on_surface(fixed, epoch, mass_kg):
    """The landed state (GCRF about the Moon) at ``epoch``: the point fixed in MOON_ME."""
    x = frames.transform("MOON_ME", "GCRF", epoch) @ np.concatenate([fixed, np.zeros(3)])
    return State(epoch, x[:3], x[3:], mass_kg, "moon")


def _landed_site(flight, stack, path):
    fixed = flight.landed.get(stack.name)
    if fixed is None:
        raise ScenarioError(f"{path}", stack.name, "a stack landed by a powered_descent phase")
    return fixed


def fly_surface_stay(flight, stack, phase, index):
    spec = phase.surface_stay
    path = f"phases[{index}].surface_stay"
    fixed = _landed_site(flight, stack, path)
    start = stack.state.epoch
    end = Epoch(spec.until)
    if end.tdb_seconds <= start.tdb_seconds:
        raise ScenarioError(f"{path}.until", spec.until, f"an epoch after the landing, {start.iso('utc', 0)} UTC")
    for module, kg in spec.samples.items():
        if module not in stack.modules:
            raise ScenarioError(f"{path}.samples.{module}", kg, f"a module of {stack.name}: " + ", ".join(stack.modules))
        flight.vehicles.cargo_kg[module] += kg
        flight.note(end, phase.name, stack.name, f"samples sealed in {module}", f"{kg:g} kg")
    lat, lon, _ = map(float, fixed_to_spherical(fixed))
    site = Site("landing site", "moon", lat, lon, float(dem_height_m(lat, lon)))
    flight.progress(f"{phase.name}: horizon of the site from the DEM")
    sky = site_sky.sky(site, horizon_mask(lat, lon), start.tdb_seconds, end.tdb_seconds, spec.sky_step_s)
    flight.result.surface_stays[phase.name] = sky
    for at, k in (("first", 0), ("last", -1)):
        flight.note(Epoch.from_tdb_seconds(sky.times_s[k]), phase.name, stack.name, f"sky at the site ({at})",
                    f"local time {sky.local_time_h[k]:.2f} h, Sun {sky.sun_elevation_deg[k]:.2f} deg, "
                    f"Earth {sky.earth_elevation_deg[k]:.2f} deg")
    flight.result.reports[phase.name] = {
        "duration_h": (end.tdb_seconds - start.tdb_seconds) / 3600.0,
        "sun_elevation_deg": [float(sky.sun_elevation_deg.min()), float(sky.sun_elevation_deg.max())],
        "earth_elevation_deg": [float(sky.earth_elevation_deg.min()), float(sky.earth_elevation_deg.max())],
        "earth_always_below_horizon": bool(np.all(sky.earth_elevation_deg < sky.earth_mask_deg)),
        "local_time_h": [float(sky.local_time_h[0]), float(sky.local_time_h[-1])]}
    return [], _on_surface(fixed, end, flight.vehicles.mass_kg(stack.name))


def _other_at(flight, name, epoch, path, forces):
    other = flight.vehicles.stacks.get(name)
    if other is None or other.state is None:
        raise ScenarioError(path, name, "a stack flying: " + ", ".join(flight.vehicles.stacks))
    if abs(other.state.epoch.tdb_seconds - epoch.tdb_seconds) < 1e-6:
        return other, other.state.in_gcrf()
    return other, propagate(other.state, until=epoch, forces=forces, dense=False).final_state()


def _ascent_azimuth(fixed, lat, lon, epoch, target):
    """Launch azimuth (rad from north) along the target's orbit plane over the site, and the
    site's angle from that plane (deg)."""
    rot = frames.rotation("MOON_ME", "GCRF", epoch)
    up = rot @ fixed / np.linalg.norm(fixed)
    h = np.cross(target.r_m, target.v_m_s)
    h /= np.linalg.norm(h)
    along = np.cross(h, up)
    east, north, _ = enu_rotation(lat, lon) @ (rot.T @ along)
    return float(np.arctan2(east, north)), float(np.degrees(np.arcsin(np.dot(up, h))))


def fly_ascent(flight, stack, phase, index):
    spec = phase.ascent
    path = f"phases[{index}].ascent"
    forces = _moon_forces(flight, path)
    fixed = _landed_site(flight, stack, path)
    epoch = Epoch(spec.epoch)
    if epoch.tdb_seconds < stack.state.epoch.tdb_seconds:
        raise ScenarioError(f"{path}.epoch", spec.epoch, f"an epoch after the landing, {stack.state.epoch.iso('utc', 0)} UTC")
    thrust, isp, _ = _engine(flight, spec)
    new = flight.vehicles.separate(stack.name, [spec.module], spec.name, path)
    mass = flight.vehicles.mass_kg(new.name)
    _check_weight(flight, new, spec, path, mass)
    _, target = _other_at(flight, spec.plane_of, epoch, f"{path}.plane_of", forces)
    lat, lon, height = map(float, fixed_to_spherical(fixed))
    azimuth, offset_deg = _ascent_azimuth(fixed, lat, lon, epoch, target)
    plan = powered_ascent.AscentPlan(lat, lon, height, azimuth,
                                     spec.periapsis_altitude_km * 1e3, spec.apoapsis_altitude_km * 1e3,
                                     spec.vertical_rise_s)
    flight.progress(f"{phase.name}: closed-loop guidance to insertion")
    ascent = powered_ascent.fly(epoch, mass, thrust, isp, plan, forces)
    flight.vehicles.spend(spec.module, ascent.propellant_kg, f"{path}.module")
    insertion = ascent.insertion
    duration = insertion.epoch.tdb_seconds - epoch.tdb_seconds
    ve = isp * STANDARD_GRAVITY_M_S2
    flight.result.burns.append(BurnRecord(phase.name, new.name, spec.module, spec.engine, epoch, duration,
                                          ve * np.log(mass / insertion.mass_kg), ascent.propellant_kg, mass,
                                          insertion.mass_kg))
    for name, at in ascent.events:
        flight.note(at, phase.name, new.name, name)
    flight.note(insertion.epoch, phase.name, new.name, "ascent orbit",
                f"{ascent.periapsis_altitude_m / 1e3:.1f} x {ascent.apoapsis_altitude_m / 1e3:.1f} km, "
                f"azimuth {np.degrees(azimuth) % 360:.2f} deg, site {offset_deg:.3f} deg from {spec.plane_of}'s plane")
    stack.state = _on_surface(fixed, epoch, flight.vehicles.mass_kg(stack.name))
    flight.result.reports[phase.name] = {
        "lift_off_utc": epoch.iso("utc", 1), "insertion_utc": insertion.epoch.iso("utc", 1), "duration_s": duration,
        "periapsis_altitude_km": ascent.periapsis_altitude_m / 1e3,
        "apoapsis_altitude_km": ascent.apoapsis_altitude_m / 1e3, "propellant_kg": ascent.propellant_kg,
        "delta_v_m_s": ve * np.log(mass / insertion.mass_kg), "azimuth_deg": np.degrees(azimuth) % 360.0,
        "site_from_target_plane_deg": offset_deg}
    _record(flight, new, [ascent.segment])
    return [], insertion, new


def _proximity(flight, stack, phase, index, kind, field):
    """What a phase near another stack starts from: its spec and path, the Moon's forces, this
    stack's state, its engine's Isp, the other stack and its state at the same epoch."""
    spec = getattr(phase, kind)
    path = f"phases[{index}].{kind}"
    forces = _moon_forces(flight, path)
    state = _about_moon(stack.state, path)
    _, isp, _ = _engine(flight, spec)
    name = spec.other if field == "with" else spec.target
    other, other_state = _other_at(flight, name, state.epoch, f"{path}.{field}", forces)
    return spec, path, forces, state, isp, other, other_state


def fly_rendezvous(flight, stack, phase, index):
    spec, path, forces, state, isp, _, target = _proximity(flight, stack, phase, index, "rendezvous", "with")
    flight.progress(f"{phase.name}: planning the orbit adjustments")
    try:
        plan = orbit_adjustments.plan(state, target, np.array(spec.hand_over_km) * 1e3, Epoch(spec.hand_over_epoch),
                                      forces, spec.transfer_fraction)
    except FarsideValueError as error:
        raise ScenarioError(f"{path}.{error.argument}", spec.hand_over_epoch, error.allowed) from None
    except TargetingError as error:
        raise ScenarioError(f"{path}.hand_over_epoch", spec.hand_over_epoch, f"a reachable hand-over: {error}") from None
    segments, sizes = [], []
    for k, adjustment in enumerate(plan.adjustments, start=1):
        if adjustment.epoch.tdb_seconds > state.epoch.tdb_seconds:
            seg = propagate(state, until=adjustment.epoch, forces=forces)
            segments.append(seg)
            state = seg.final_state()
        dv = adjustment.delta_v_m_s
        state = _impulse_burn(flight, stack, phase, spec.module, spec.engine, isp, state, dv, f"{path}.module",
                              f"orbit adjustment {k}")
        sizes.append(float(np.linalg.norm(dv)))
    q = quantities(state)
    flight.note(state.epoch, phase.name, stack.name, f"hand-over point of {spec.other}",
                f"{plan.miss_m:.1f} m from the aim; {q['periapsis_altitude_km']:.1f} x {q['apoapsis_altitude_km']:.1f} km")
    flight.result.reports[phase.name] = {
        "adjustments_m_s": sizes, "total_delta_v_m_s": float(np.sum(sizes)),
        "drift_orbit_offset_km": plan.drift_offset_m / 1e3, "hand_over_miss_m": plan.miss_m,
        "orbit_km": [q["periapsis_altitude_km"], q["apoapsis_altitude_km"]]}
    return segments, state


def fly_approach(flight, stack, phase, index):
    spec, path, forces, chaser, isp, other, target = _proximity(flight, stack, phase, index, "approach", "target")
    flight.progress(f"{phase.name}: final approach to contact")
    plan = final_approach.ApproachPlan(tuple(tuple(p) for p in spec.holding_points_m),
                                       closing_speed_m_s=spec.closing_speed_m_s)
    approach = final_approach.fly(target, chaser, forces, plan)
    ve = isp * STANDARD_GRAVITY_M_S2
    final = approach.chaser
    propellant = chaser.mass_kg * (1.0 - np.exp(-approach.delta_v_m_s / ve))
    flight.vehicles.spend(spec.module, propellant, f"{path}.module")
    mass = chaser.mass_kg - propellant
    final = State(final.epoch, final.r_m, final.v_m_s, mass, final.center, final.frame)
    flight.result.burns.append(BurnRecord(phase.name, stack.name, spec.module, spec.engine, chaser.epoch,
                                          final.epoch.tdb_seconds - chaser.epoch.tdb_seconds, approach.delta_v_m_s,
                                          propellant, chaser.mass_kg, mass))
    for name, epoch, error in approach.log:
        flight.note(epoch, phase.name, stack.name, name, f"{error:.3f} m from the aim")
    flight.note(approach.contact_epoch, phase.name, stack.name, f"contact with {spec.target}",
                f"closing {abs(approach.closing_speed_m_s):.4f} m/s, lateral {approach.lateral_offset_m:.4f} m")
    _record(flight, other, approach.target_segments)
    other.state = approach.target
    flight.result.reports[phase.name] = {
        "contact_utc": approach.contact_epoch.iso("utc", 1), "closing_speed_m_s": abs(approach.closing_speed_m_s),
        "lateral_offset_m": approach.lateral_offset_m, "delta_v_m_s": approach.delta_v_m_s,
        "propellant_kg": propellant, "duration_s": final.epoch.tdb_seconds - chaser.epoch.tdb_seconds}
    return approach.chaser_segments, final

