"""Small flown missions for the payload tests: the Chang'e-6 site with its sky over the published
surface stay, and a lunar orbit flown in a point-mass field, without flying the whole mission."""
import numpy as np

from farside.astro.sites import Site
from farside.astro.time import Epoch
from farside.comms import site_sky
from farside.comms.horizon import HorizonMask, horizon_mask
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.core.kepler import elements_to_state_hf
from farside.payloads.base import FlownMission, PayloadRequest, SurfaceStay, Window

SITE = Site.from_degrees("Chang'e-6", "moon", -41.6385, 206.0148, -5256.0)
LANDING = Epoch("2024-06-01T22:23:16")
LIFTOFF = Epoch("2024-06-03T23:38:10")
MOON_GM = 4.9028e12


def window(start, end):
    return Window(Epoch(start), Epoch(end))


def request(model, module, windows, **parameters):
    return PayloadRequest(model.name, module, tuple(windows), model.Parameters(**parameters))


def orbit_segment(start, days, a_m=6137e3, e=0.684, i_deg=137.0):
    """A point-mass lunar orbit (GCRF axes) from ``start`` for ``days``."""
    x = np.empty(6)
    elements_to_state_hf(MOON_GM, a_m, e, np.radians(i_deg), 0.3, 1.2, 0.0, x)
    return propagate(State(Epoch(start), x[:3], x[3:], 1000.0, "moon"), duration_s=days * 86400.0, rtol=1e-11)


def mission(orbit=None, mask=True):
    """A flown mission: the lander on the site from the published landing to the lift-off, and
    (optionally) the orbiter on ``orbit`` (a Segment)."""
    lat, lon = SITE.lat_rad, SITE.lon_rad
    m = horizon_mask(lat, lon) if mask else HorizonMask(np.array([0.0, np.pi]), np.zeros(2))
    sky = site_sky.sky(SITE, m, LANDING.tdb_seconds, LIFTOFF.tdb_seconds, 600.0)
    stay = SurfaceStay("surface stay", SITE, ("lander", "ascender"), sky)
    trajectories, spans = {}, {}
    if orbit is not None:
        for module in ("orbiter", "lander"):
            trajectories[module] = lambda t, center="moon", frame="GCRF": orbit.states(t, center=center, frame=frame)
            spans[module] = [(orbit.start.tdb_seconds, orbit.end.tdb_seconds)]
    start = orbit.start if orbit is not None else LANDING
    return FlownMission("test", start, LIFTOFF, trajectories, spans, (), (stay,))
