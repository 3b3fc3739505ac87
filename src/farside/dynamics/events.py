"""Events of a propagation: where g(t, y) crosses zero, located on the dense output to 1e-8 s.

Each constructor returns an :class:`Event`. A sign change is looked for between the ends of each
integration step and, for events whose crossings can come in pairs shorter than a step (a
grazing pass over a site, a short shadow), also every ``max_check_s`` seconds inside it. Its
``action`` is ``"stop"`` (end the propagation
there), ``"continue"`` (record it and go on) or a callable ``change(state) -> State`` applied
there before the propagation goes on (an impulsive manoeuvre, a separation). The functions
themselves are compiled (:mod:`farside.core.events`).
"""
from dataclasses import dataclass, field

import numpy as np

from farside.astro import bodies, ephemeris, frames
from farside.astro.sites import Site, enu_rotation
from farside.core import events as core
from farside.errors import FarsideValueError

_DIRECTIONS = {"rising": 1, "falling": -1, "either": 0, 1: 1, -1: -1, 0: 0}


@dataclass(frozen=True)
class Event:
    """One event function: ``kind`` and ``params`` (see :mod:`farside.core.events`)."""
    name: str
    kind: int
    params: tuple = ()
    direction: int = 0
    action: object = "continue"
    body: str | None = None
    max_check_s: float = 0.0

    def __post_init__(self):
        if self.direction not in _DIRECTIONS:
            raise FarsideValueError("direction", self.direction, "rising, falling or either")
        object.__setattr__(self, "direction", _DIRECTIONS[self.direction])
        if not (self.action in ("stop", "continue") or callable(self.action)):
            raise FarsideValueError("action", self.action, "'stop', 'continue' or a callable state -> state")
        if not (np.isfinite(self.max_check_s) and self.max_check_s >= 0.0):
            raise FarsideValueError("max_check_s", self.max_check_s, "a sampling interval >= 0 s (0: step ends only)")
        params = tuple(float(p) for p in self.params) + (0.0,) * (core.EVENT_PARAMS - len(self.params))
        if not np.all(np.isfinite(params)):
            raise FarsideValueError(self.name, self.params, "finite parameters")
        object.__setattr__(self, "params", params)

    @property
    def needs_body_frame(self) -> bool:
        """Evaluated in the central body's PCK frame (elevation, body-equator node)."""
        return self.kind == core.ELEVATION or (self.kind == core.NODE and self.params[0] == 1.0)

    @property
    def needs_ephemeris(self) -> bool:
        """Evaluated from another body's ephemeris state (shadow, distance, apsis about a body)."""
        return self.kind in (core.SHADOW, core.DISTANCE) or (self.kind == core.APSIS and self.params[0] == 1.0)

    @property
    def stops(self) -> bool:
        """The kernel stops here: to end, or to hand the state to the change."""
        return self.action != "continue"


@dataclass(frozen=True)
class EventOccurrence:
    """An event found: its name, epoch (`Epoch`) and state vector (m, m/s, kg; GCRF, centre)."""
    name: str
    epoch: object
    state: np.ndarray = field(repr=False)


def altitude(altitude_m, radius_m, direction="either", action="continue", name="altitude"):
    """Distance from the central body's centre crossing ``radius_m + altitude_m``."""
    return Event(name, core.ALTITUDE, (float(radius_m) + float(altitude_m),), direction, action)


def _apsis(direction, word, body, action):
    if body is None:
        return Event(word, core.APSIS, (), direction, action)
    b = bodies.get(body)
    row = ephemeris.default().index(b.naif_id)
    return Event(f"{word} about {b.name}", core.APSIS, (1.0, row), direction, action)


def periapsis(action="continue", body=None):
    """Closest approach to the central body, or to ``body`` (any ephemeris body: a periselene
    on an Earth-centred coast)."""
    return _apsis(1, "periapsis", body, action)


def apoapsis(action="continue", body=None):
    """Farthest point from the central body, or from ``body``."""
    return _apsis(-1, "apoapsis", body, action)


def node(direction="either", frame="inertial", action="continue"):
    """Crossing of the equator of ``frame``: ``"inertial"`` (ICRF equator) or ``"body"`` (the
    central body's PCK frame: MOON_PA, ITRF93). Rising is the ascending node."""
    if frame not in ("inertial", "body"):
        raise FarsideValueError("frame", frame, "inertial or body")
    name = {1: "ascending node", -1: "descending node", 0: "node"}[_DIRECTIONS[direction]]
    return Event(name, core.NODE, (0.0 if frame == "inertial" else 1.0,), direction, action)


def shadow(body, boundary="penumbra", direction="either", action="continue", max_check_s=60.0):
    """Crossing of the penumbra or umbra boundary of ``body`` (a sphere of its mean radius, the
    Sun a sphere of its IAU radius). Falling: entry; rising: exit."""
    if boundary not in ("penumbra", "umbra"):
        raise FarsideValueError("boundary", boundary, "penumbra or umbra")
    b = bodies.get(body)
    row = ephemeris.default().index(b.naif_id)
    return Event(f"{b.name} {boundary}", core.SHADOW, (0.0 if boundary == "penumbra" else 1.0, row,
                                                        b.mean_radius_m), direction, action,
                 max_check_s=max_check_s)


def elevation(site, min_elevation_rad=0.0, direction="either", action="continue", max_check_s=10.0):
    """Elevation of the spacecraft above ``site`` (a :class:`farside.astro.sites.Site` on the
    central body: geodetic vertical on the Earth, spherical on the Moon) crossing
    ``min_elevation_rad``. Rising: the spacecraft rises above it."""
    if not isinstance(site, Site):
        raise FarsideValueError("site", site, "a farside.astro.sites.Site")
    offset = frames.body_frame_offset(site.frame)  # PCK frame -> the site's frame
    position = offset.T @ site.position_fixed_m
    up = offset.T @ enu_rotation(site.lat_rad, site.lon_rad)[2]
    return Event(f"elevation {site.name}", core.ELEVATION, (*position, *up, float(min_elevation_rad)),
                 direction, action, body=site.body, max_check_s=max_check_s)


def distance(body, distance_m, direction="either", action="continue", name=None):
    """Distance from ``body`` (an ephemeris body other than the central one) crossing
    ``distance_m``. Rising: moving away through it."""
    b = bodies.get(body)
    row = ephemeris.default().index(b.naif_id)
    return Event(name or f"distance from {b.name}", core.DISTANCE, (row, float(distance_m)), direction, action)


def mass_below(mass_kg, action="stop"):
    """Mass falling through ``mass_kg`` (propellant depleted)."""
    return Event("propellant depleted", core.MASS, (float(mass_kg),), -1, action)


def pack(events):
    """``(kind, direction, stops, params, max_check)`` arrays for the kernel."""
    n = len(events)
    kind = np.array([e.kind for e in events], dtype=np.int64)
    direction = np.array([e.direction for e in events], dtype=np.int64)
    stops = np.array([e.stops for e in events], dtype=np.bool_)
    params = np.array([e.params for e in events], dtype=float).reshape(n, core.EVENT_PARAMS)
    check = np.array([e.max_check_s for e in events], dtype=float)
    return kind, direction, stops, params, check
