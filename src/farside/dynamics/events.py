"""Events of a propagation: where g(t, y) crosses zero, located on the dense output to 1e-8 s.

Each constructor returns an :class:`Event`; its ``action`` is ``"stop"`` (end the propagation
there), ``"continue"`` (record it and go on) or a callable ``change(state) -> State`` applied
there before the propagation goes on (an impulsive manoeuvre, a separation). The functions
themselves are compiled (:mod:`farside.core.events`).
"""
from dataclasses import dataclass, field

import numpy as np

from farside.astro import bodies, ephemeris
from farside.core import events as core
from farside.errors import FarsideValueError

_DIRECTIONS = {"rising": 1, "falling": -1, "either": 0, 1: 1, -1: -1, 0: 0}


@dataclass(frozen=True)
class Event:
    """One event function: ``kind`` and ``params`` (see :mod:`farside.core.events`)."""
    name: str
    kind: int
    params: tuple = (0.0, 0.0, 0.0, 0.0)
    direction: int = 0
    action: object = "continue"

    def __post_init__(self):
        if self.direction not in _DIRECTIONS:
            raise FarsideValueError("direction", self.direction, "rising, falling or either")
        object.__setattr__(self, "direction", _DIRECTIONS[self.direction])
        if not (self.action in ("stop", "continue") or callable(self.action)):
            raise FarsideValueError("action", self.action, "'stop', 'continue' or a callable state -> state")
        params = tuple(float(p) for p in self.params) + (0.0,) * (core.EVENT_PARAMS - len(self.params))
        if not np.all(np.isfinite(params)):
            raise FarsideValueError(self.name, self.params, "finite parameters")
        object.__setattr__(self, "params", params)

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


def periapsis(action="continue"):
    return Event("periapsis", core.APSIS, (), 1, action)


def apoapsis(action="continue"):
    return Event("apoapsis", core.APSIS, (), -1, action)


def node(direction="either", frame="inertial", action="continue"):
    """Crossing of the equator of ``frame``: ``"inertial"`` (ICRF equator) or ``"body"`` (the
    force model's body-fixed frame). Rising is the ascending node."""
    if frame not in ("inertial", "body"):
        raise FarsideValueError("frame", frame, "inertial or body")
    name = {1: "ascending node", -1: "descending node", 0: "node"}[_DIRECTIONS[direction]]
    return Event(name, core.NODE, (0.0 if frame == "inertial" else 1.0,), direction, action)


def shadow(body, boundary="penumbra", direction="either", action="continue"):
    """Crossing of the penumbra or umbra boundary of ``body`` (a sphere of its mean radius, the
    Sun a sphere of its IAU radius). Falling: entry; rising: exit."""
    if boundary not in ("penumbra", "umbra"):
        raise FarsideValueError("boundary", boundary, "penumbra or umbra")
    b = bodies.get(body)
    row = ephemeris.default().index(b.naif_id)
    return Event(f"{b.name} {boundary}", core.SHADOW, (0.0 if boundary == "penumbra" else 1.0, row,
                                                        b.mean_radius_m), direction, action)


def elevation(site_fixed_m, min_elevation_rad=0.0, direction="either", action="continue", name="elevation"):
    """Elevation of the spacecraft above a site on the central body (body-fixed position,
    spherical local vertical) crossing ``min_elevation_rad``. Rising: the spacecraft rises."""
    site = np.asarray(site_fixed_m, dtype=float)
    if site.shape != (3,) or not np.all(np.isfinite(site)) or not np.any(site):
        raise FarsideValueError("site_fixed_m", site_fixed_m, "a finite non-zero body-fixed position, m")
    return Event(name, core.ELEVATION, (*site, float(min_elevation_rad)), direction, action)


def mass_below(mass_kg, action="stop"):
    """Mass falling through ``mass_kg`` (propellant depleted)."""
    return Event("propellant depleted", core.MASS, (float(mass_kg),), -1, action)


def pack(events):
    """``(kind, direction, stops, params)`` arrays for the kernel."""
    n = len(events)
    kind = np.array([e.kind for e in events], dtype=np.int64)
    direction = np.array([e.direction for e in events], dtype=np.int64)
    stops = np.array([e.stops for e in events], dtype=np.bool_)
    params = np.array([e.params for e in events], dtype=float).reshape(n, core.EVENT_PARAMS)
    return kind, direction, stops, params
