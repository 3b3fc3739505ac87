"""Who can see whom: elevation of a spacecraft above a site's horizon (a minimum elevation, or a
lunar site's terrain mask), occultation of a line of sight by the Moon or the Earth, with the
one-way light time.

A visibility function is positive when the link is open and crosses zero at its edges, so that
:mod:`farside.comms.windows` can locate them. Times are the reception epochs (TDB seconds): the
transmitter is taken where it was one light time earlier (``light_time=True``; the signal
travels in the barycentric ICRF, SPICE's "LT" correction without stellar aberration: the Earth
moves 40 km while a signal comes from the Moon), the receiver where it is at reception. The Moon is a sphere of 1737.4 km when it occults (a site's own terrain is its
mask); an oblate body would be tested in coordinates where it is a sphere (:func:`clearance`).
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import ephemeris, frames
from farside.astro.bodies import MOON_MEAN_RADIUS_M, SPEED_OF_LIGHT_M_S
from farside.astro.sites import Site, aer_from_enu, enu_rotation
from farside.astro.time import Epoch

LIGHT_TIME_ITERATIONS = 2


@dataclass(frozen=True)
class Ground:
    """A site that talks: ``site`` with ``min_elevation_rad`` and, on the Moon, a terrain
    ``mask`` (:class:`farside.comms.horizon.HorizonMask`) whose elevation adds to the minimum."""
    site: Site
    min_elevation_rad: float = 0.0
    mask: object = None

    def position(self, t_s, center):
        """Position (n, 3; m, GCRF axes) about ``center`` at TDB seconds ``t_s``."""
        epochs = Epoch.from_tdb_seconds(t_s)
        rot = frames.rotation(self.site.frame, "GCRF", epochs)
        r = np.einsum("nij,j->ni", np.atleast_3d(rot).reshape(-1, 3, 3), self.site.position_fixed_m)
        if center != self.site.body:
            r = r + np.atleast_2d(ephemeris.state(self.site.body, epochs, center=center)[0])
        return r


def _spacecraft_position(segment, t_s, center):
    r, _ = segment.states(t_s, center=center)
    return np.atleast_2d(r)


def transmit_times(t_rx, receiver_positions, segment, center, light_time=True):
    """Epochs (TDB s) at which ``segment``'s spacecraft sent what arrives at ``t_rx``."""
    t_tx = np.array(t_rx, dtype=float)
    if not light_time:
        return t_tx
    for _ in range(LIGHT_TIME_ITERATIONS):
        distance = np.linalg.norm(_spacecraft_position(segment, t_tx, center) - receiver_positions, axis=1)
        t_tx = t_rx - distance / SPEED_OF_LIGHT_M_S
    return t_tx


def _frame_center(ground, light_time):
    """Centre of the geometry: the solar-system barycentre when light time counts."""
    return "solar_system_barycenter" if light_time else ground.site.body


def elevation_margin(ground: Ground, segment, t_rx, light_time=True):
    """Elevation (rad) of ``segment``'s spacecraft above ``ground``'s horizon (minimum elevation,
    terrain mask) at reception times ``t_rx``, and its azimuth (rad)."""
    t_rx = np.atleast_1d(np.asarray(t_rx, dtype=float))
    center = _frame_center(ground, light_time)
    here = ground.position(t_rx, center)
    t_tx = transmit_times(t_rx, here, segment, center, light_time)
    line = _spacecraft_position(segment, t_tx, center) - here
    rot = np.atleast_3d(frames.rotation("GCRF", ground.site.frame, Epoch.from_tdb_seconds(t_rx))).reshape(-1, 3, 3)
    enu = np.einsum("ij,njk,nk->ni", enu_rotation(ground.site.lat_rad, ground.site.lon_rad), rot, line)
    az, el, _ = aer_from_enu(enu)
    floor = ground.min_elevation_rad + (ground.mask.at(az) if ground.mask is not None else 0.0)
    return el - floor, az


def clearance(a, b, center, radius_m, flattening=0.0):
    """Closest approach (m) of the segments a[i]-b[i] (n, 3; m) to a body at ``center`` (n, 3),
    minus its radius: positive when the line of sight passes clear. An oblate body (flattening
    f) is tested in coordinates where it is a sphere (z stretched by 1 / (1 - f); GCRF z is
    within 0.4 deg of the Earth's pole, which moves the ellipsoid by under 150 m)."""
    scale = np.array([1.0, 1.0, 1.0 / (1.0 - flattening)])
    p, q = (a - center) * scale, (b - center) * scale
    d = q - p
    s = np.clip(-np.einsum("ni,ni->n", p, d) / np.einsum("ni,ni->n", d, d), 0.0, 1.0)
    closest = p + s[:, None] * d
    return np.linalg.norm(closest, axis=1) - radius_m


def moon_clearance(ground: Ground, segment, t_rx, light_time=True):
    """How clear of the Moon (m) the line of sight from ``segment``'s spacecraft to ``ground``
    (an Earth station) passes, the Moon taken at the transmit epoch."""
    t_rx = np.atleast_1d(np.asarray(t_rx, dtype=float))
    center = _frame_center(ground, light_time)
    here = ground.position(t_rx, center)
    t_tx = transmit_times(t_rx, here, segment, center, light_time)
    there = _spacecraft_position(segment, t_tx, center)
    moon = np.atleast_2d(ephemeris.state("moon", Epoch.from_tdb_seconds(t_tx), center=center)[0])
    return clearance(here, there, moon, MOON_MEAN_RADIUS_M)

