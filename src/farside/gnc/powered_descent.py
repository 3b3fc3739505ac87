"""Closed-loop powered descent to a site on a body's surface in the full force model: main braking,
approach to a hover point, hover with hazard avoidance, vertical descent, engine cut-off and
touchdown. The body (`farside.astro.central_body.CentralBody`: reference sphere, body-fixed frame,
terrain) is the force model's central body's unless another is given: the Moon's DEM by default.

Guidance runs in curvilinear coordinates about the site (as lunar descent guidance does, so that a
path hundreds of km up-range follows the surface rather than a chord through the Moon) and is
E-guidance (:mod:`farside.gnc.e_guidance`) with the gravity, less the curvature's relief, of the
vehicle's current position held over the time to go, re-solved every guidance cycle. The profile
is that of Chang'e-3 to -6: main braking from about 15 km at full thrust to a high gate, approach to
a hover point about 100 m above the site, hover while the flattest place within the divert range
is chosen (slopes of the DEM), slow vertical descent, engine off just above the surface, a short
drop. During the main braking the thrust stays at its maximum and guidance gives its direction,
with the time to go from the rocket equation for the velocity still to remove (as powered
explicit guidance does); later the commanded acceleration sets the throttle within the engine's
range. The thrust direction turns at most ``max_turn_rate_deg_s``; each cycle is flown as a finite
burn by the propagator, so the mass falls with the burn and the gravity is the force model's.
"""
from dataclasses import dataclass, field

import numpy as np

from farside.astro import central_body
from farside.astro.sites import enu_rotation, spherical_to_fixed
from farside.astro.time import Epoch
from farside.dynamics import events
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2
from farside.dynamics.propagator import Propagator, propagate
from farside.dynamics.segment import Segment
from farside.dynamics.state import State
from farside.dynamics.tolerances import Tolerances
from farside.errors import FarsideValueError
from farside.gnc import e_guidance
from farside.gnc.thrust_arc import fly_cycle


@dataclass(frozen=True)
class DescentVehicle:
    max_thrust_n: float
    min_thrust_n: float
    isp_s: float
    dry_mass_kg: float = 0.0
    max_turn_rate_deg_s: float = 10.0


@dataclass(frozen=True)
class DescentPlan:
    """Target site (planetocentric latitude and longitude in the body-fixed frame, rad) and the
    profile's parameters."""
    lat_rad: float
    lon_rad: float
    hover_height_m: float = 100.0
    hover_s: float = 20.0
    divert_radius_m: float = 100.0
    final_speed_m_s: float = 1.0
    cutoff_height_m: float = 0.4
    step_s: float = 1.0
    terminal_step_s: float = 0.2
    approach_throttle: float = 0.6
    high_gate_range_m: float = 3000.0
    high_gate_height_m: float = 2500.0
    high_gate_speed_m_s: float = 60.0
    high_gate_sink_m_s: float = 30.0


@dataclass
class DescentResult:
    segment: Segment
    touchdown: object
    target_fixed_m: np.ndarray
    landed_fixed_m: np.ndarray
    vertical_speed_m_s: float
    horizontal_speed_m_s: float
    propellant_kg: float
    events: list = field(default_factory=list)

    @property
    def miss_m(self) -> float:
        return float(np.linalg.norm(self.landed_fixed_m - self.target_fixed_m))


class _Frame:
    """Curvilinear coordinates about a site: x the arc along the great circle through the
    vehicle and the site (negative before it), y the cross-track (0: the circle passes through
    the site), h the height above the site's level; velocity components along the vehicle's local
    along-track, cross-track and up directions."""

    def __init__(self, body, lat, lon, height):
        self.body = body
        self.origin = spherical_to_fixed(lat, lon, height, body.radius_m)
        self.site = self.origin / np.linalg.norm(self.origin)
        self.level = body.radius_m + height
        self._state, self._to_fixed, self._local = None, None, None

    def _transform(self, state):
        """ICRF -> body-fixed state transform at ``state``'s epoch, kept with the local
        coordinates for the cycle's other uses of the same state."""
        if state is not self._state:
            self._state, self._to_fixed, self._local = state, self.body.transform_to_fixed(state.epoch), None
        return self._to_fixed

    def from_fixed(self, state):
        """Body-fixed -> ICRF rotation at ``state``'s epoch: the transpose of the transform's
        rotation, as the body's ``rotation_from_fixed`` gives it (a product with the identity)."""
        return np.ascontiguousarray(self._transform(state)[:3, :3].T)

    def local(self, state):
        """(position, velocity, axes): axes rows along-track, cross-track, up (body-fixed); read only."""
        to_fixed = self._transform(state)
        if self._local is None:
            self._local = self._coordinates(to_fixed @ np.concatenate([state.r_m, state.v_m_s]))
        return self._local

    def _coordinates(self, x):
        """:meth:`local` of the body-fixed state ``x`` (6,)."""
        r, v = x[:3], x[3:]
        up = r / np.linalg.norm(r)
        toward = self.site - np.dot(self.site, up) * up
        if np.linalg.norm(toward) < 1e-9:
            toward = v - np.dot(v, up) * up
        along = toward / np.linalg.norm(toward)
        axes = np.array([along, np.cross(up, along), up])
        arc = np.arccos(np.clip(np.dot(up, self.site), -1.0, 1.0)) * self.body.radius_m
        return np.array([-arc, 0.0, np.linalg.norm(r) - self.level]), axes @ v, axes


def _turn(previous, wanted, max_angle):
    """``wanted`` unit vector, or ``previous`` turned towards it by at most ``max_angle`` rad."""
    angle = np.arccos(np.clip(np.dot(previous, wanted), -1.0, 1.0))
    if angle <= max_angle or angle == 0.0:
        return wanted
    axis = np.cross(previous, wanted)
    axis /= np.linalg.norm(axis)
    return (previous * np.cos(max_angle) + np.cross(axis, previous) * np.sin(max_angle)
            + axis * np.dot(axis, previous) * (1 - np.cos(max_angle)))


def _timed_arc(r, v, r_f, v_f, g, a_wanted):
    """The shortest arrival time whose E-guidance acceleration stays within ``a_wanted`` (m/s^2)
    over the whole arc (it is linear in time: its largest value is at an end)."""
    def need(t):
        a0, a1 = e_guidance.coefficients(r, v, r_f, v_f, g, t)
        return max(np.linalg.norm(a0), np.linalg.norm(a0 + a1 * t))
    times = np.arange(10.0, 2000.0, 2.0)
    needs = np.array([need(t) for t in times])
    ok = np.flatnonzero(needs <= a_wanted)
    if ok.size == 0:
        return float(times[np.argmin(needs)])
    if ok[0] == 0:
        return float(times[0])
    lo, hi = times[ok[0] - 1], times[ok[0]]
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if need(mid) > a_wanted else (lo, mid)
    return float(hi)


def _flattest(plan, body):
    """(lat, lon) of the place within the divert radius of the target where the terrain is least
    steep (the target itself unless somewhere is flatter)."""
    offsets = np.linspace(-plan.divert_radius_m, plan.divert_radius_m, 9)
    best, best_slope = (plan.lat_rad, plan.lon_rad), float(body.slope_rad(plan.lat_rad, plan.lon_rad))
    for de in offsets:
        for dn in offsets:
            if de * de + dn * dn > plan.divert_radius_m ** 2:
                continue
            lat = plan.lat_rad + dn / body.radius_m
            lon = plan.lon_rad + de / (body.radius_m * np.cos(plan.lat_rad))
            s = float(body.slope_rad(lat, lon))
            if s < best_slope - 1e-9:
                best, best_slope = (lat, lon), s
    return best


def fly(state, forces, vehicle: DescentVehicle, plan: DescentPlan, body=None,
        tolerances: Tolerances = Tolerances()) -> DescentResult:
    """Fly the powered descent from ``state`` (about ``body``, by default the force model's
    central body) to touchdown, integrating to ``tolerances``."""
    body = body or central_body.for_name(forces.body.name)
    weight = state.mass_kg * forces.gm_m3_s2 / body.radius_m ** 2
    if vehicle.max_thrust_n <= weight:
        raise FarsideValueError("max_thrust_n", vehicle.max_thrust_n,
                                f"a thrust above the lander's weight on {body.name}, {weight:.0f} N")
    ve = vehicle.isp_s * STANDARD_GRAVITY_M_S2
    flow = vehicle.max_thrust_n / ve
    height = float(body.height_m(plan.lat_rad, plan.lon_rad))
    frame = _Frame(body, plan.lat_rad, plan.lon_rad, height)
    mass0 = state.mass_kg
    propagator = Propagator(forces, **tolerances.options())
    pieces, log = [], [("powered descent start", state.epoch)]

    def gravity(r_local, v_local):
        """Gravity less the curvature's relief, in the curvilinear frame (m/s^2)."""
        radius = frame.level + r_local[2]
        vx, vy, vh = v_local
        return np.array([-vx * vh / radius, -vy * vh / radius,
                         -forces.gm_m3_s2 / radius ** 2 + (vx * vx + vy * vy) / radius])

    def step(state, direction, thrust, dt):
        if state.mass_kg - thrust / ve * dt < vehicle.dry_mass_kg:
            raise FarsideValueError("propellant", f"{state.mass_kg - vehicle.dry_mass_kg:.1f} kg left",
                                    "enough propellant to land (the descent ran dry)")
        seg = fly_cycle(state, propagator, thrust, vehicle.isp_s, direction, dt, body, frame.from_fixed(state))
        pieces.extend(seg.pieces)
        return seg.final_state()

    def guided(state, direction, target_r, target_v, t_go, dt, full_thrust=False):
        """One guidance cycle; ``direction`` is the thrust's unit vector in body-fixed axes."""
        r, v, axes = frame.local(state)
        a = e_guidance.command(r, v, target_r, target_v, gravity(r, v), t_go)
        size = np.linalg.norm(a)
        thrust = vehicle.max_thrust_n if full_thrust else np.clip(size * state.mass_kg, vehicle.min_thrust_n,
                                                                  vehicle.max_thrust_n)
        wanted = axes.T @ a / size if size > 0 else direction
        direction = _turn(direction, wanted, np.radians(vehicle.max_turn_rate_deg_s) * dt)
        return step(state, direction, thrust, dt), direction

    r, v, axes = frame.local(state)
    gate_r = np.array([-plan.high_gate_range_m, 0.0, plan.high_gate_height_m])
    gate_v = np.array([plan.high_gate_speed_m_s, 0.0, -plan.high_gate_sink_m_s])
    direction = axes.T @ (-v / np.linalg.norm(v))
    while True:
        r, v, _ = frame.local(state)
        t_go = 0.0
        for _ in range(3):
            dv = np.linalg.norm(gate_v - v - gravity(r, v) * t_go)
            t_go = state.mass_kg / flow * (1.0 - np.exp(-dv / ve))
        if t_go < 3.0 * plan.step_s or r[0] > gate_r[0]:
            break
        state, direction = guided(state, direction, gate_r, gate_v, t_go, plan.step_s, full_thrust=True)
    log.append(("high gate", state.epoch))
    hover = np.array([0.0, 0.0, plan.hover_height_m])
    r, v, _ = frame.local(state)
    t_go = _timed_arc(r, v, hover, np.zeros(3), gravity(r, v),
                      plan.approach_throttle * vehicle.max_thrust_n / state.mass_kg)
    while t_go > 3.0 * plan.terminal_step_s:
        state, direction = guided(state, direction, hover, np.zeros(3), t_go, plan.terminal_step_s)
        t_go -= plan.terminal_step_s
    log.append(("hover", state.epoch))
    lat, lon = _flattest(plan, body)
    height = float(body.height_m(lat, lon))
    frame = _Frame(body, lat, lon, height)
    t = 0.0
    while t < plan.hover_s:
        state, direction = guided(state, direction, hover, np.zeros(3), max(plan.hover_s - t, 5.0),
                                  plan.terminal_step_s)
        t += plan.terminal_step_s
    log.append(("vertical descent", state.epoch))
    bottom = np.array([0.0, 0.0, plan.cutoff_height_m])
    t_go = (plan.hover_height_m - plan.cutoff_height_m) / plan.final_speed_m_s
    down = np.array([0.0, 0.0, -plan.final_speed_m_s])
    while t_go > plan.terminal_step_s:
        state, direction = guided(state, direction, bottom, down, t_go, plan.terminal_step_s)
        t_go -= plan.terminal_step_s
    log.append(("engine cut-off", state.epoch))
    return _drop(state, forces, body, frame, height, pieces, log, mass0, tolerances)


def _drop(state, forces, body, frame, height, pieces, log, mass0, tolerances) -> DescentResult:
    """The fall from engine cut-off to the surface ``height`` m above the sphere, and the result."""
    surface = events.altitude(height, body.radius_m, "falling", action="stop", name="touchdown")
    drop = propagate(state, duration_s=120.0, forces=forces, events=[surface], **tolerances.options())
    pieces.extend(drop.pieces)
    touchdown = drop.final_state()
    log.append(("touchdown", touchdown.epoch))
    _, v, _ = frame.local(touchdown)
    landed = body.rotation_to_fixed(touchdown.epoch) @ touchdown.r_m
    return DescentResult(Segment(forces.body.name, pieces, final=touchdown, forces=forces), touchdown, frame.origin, landed,
                         float(-v[2]), float(np.hypot(v[0], v[1])), mass0 - touchdown.mass_kg, log)


def descent_start(epoch, plan: DescentPlan, downrange_m, azimuth_rad, altitude_m, apoapsis_altitude_m, gm, mass_kg,
                  body=central_body.MOON):
    """A state at periapsis ``altitude_m`` above ``body``'s sphere, ``downrange_m`` up-range of the
    site on a ground track arriving with heading ``azimuth_rad`` (from north): for tests and planning."""
    radius = body.radius_m
    theta = downrange_m / radius
    lat0, lon0 = plan.lat_rad, plan.lon_rad
    back = azimuth_rad + np.pi
    lat = np.arcsin(np.sin(lat0) * np.cos(theta) + np.cos(lat0) * np.sin(theta) * np.cos(back))
    lon = lon0 + np.arctan2(np.sin(back) * np.sin(theta) * np.cos(lat0), np.cos(theta) - np.sin(lat0) * np.sin(lat))
    rp = radius + altitude_m
    a = (rp + radius + apoapsis_altitude_m) / 2.0
    speed = np.sqrt(gm * (2.0 / rp - 1.0 / a))
    heading = np.arctan2(np.sin(lon0 - lon) * np.cos(lat0),
                         np.cos(lat) * np.sin(lat0) - np.sin(lat) * np.cos(lat0) * np.cos(lon0 - lon))
    v_fixed = enu_rotation(lat, lon).T @ (speed * np.array([np.sin(heading), np.cos(heading), 0.0]))
    r_fixed = spherical_to_fixed(lat, lon, altitude_m, radius)
    epoch = Epoch(epoch)
    x = body.transform_from_fixed(epoch) @ np.concatenate([r_fixed, v_fixed])
    return State(epoch, x[:3], x[3:], mass_kg, body.name)
