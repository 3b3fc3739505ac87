"""The sky of a lunar site over a span: elevation and azimuth of the Sun and the Earth (centres,
light time from each), the local solar time and the horizon of the terrain in their directions.

Local solar time is 12 h plus the Sun's hour angle at the site in lunar hours (1/24 of a synodic
day): 12 h when the Sun crosses the site's meridian (Sun's longitude in MOON_ME equal to the
site's). Elevations are geometric (from the site's horizontal plane); the mask columns give the
terrain's elevation in the same azimuth, so a body is visible when elevation > mask.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import ephemeris, frames
from farside.astro.bodies import SPEED_OF_LIGHT_M_S
from farside.astro.time import Epoch


@dataclass
class Sky:
    times_s: np.ndarray
    sun_elevation_deg: np.ndarray
    sun_azimuth_deg: np.ndarray
    sun_mask_deg: np.ndarray
    earth_elevation_deg: np.ndarray
    earth_azimuth_deg: np.ndarray
    earth_mask_deg: np.ndarray
    local_time_h: np.ndarray


def _body_aer(site, body, t_s):
    """Azimuth, elevation and Moon-fixed direction of ``body`` seen from the Moon's centre with
    light time: the body where it was one light time ago, the Moon where it is (barycentric)."""
    epochs = Epoch.from_tdb_seconds(t_s)
    moon, _ = ephemeris.state("moon", epochs, center="solar_system_barycenter")
    lt = np.zeros_like(t_s)
    for _ in range(2):
        there, _ = ephemeris.state(body, Epoch.from_tdb_seconds(t_s - lt), center="solar_system_barycenter")
        r = there - moon
        lt = np.linalg.norm(r, axis=1) / SPEED_OF_LIGHT_M_S
    fixed = np.einsum("nij,nj->ni", np.atleast_3d(frames.rotation("GCRF", "MOON_ME", epochs)).reshape(-1, 3, 3), r)
    az, el, _ = site.aer(fixed)
    return az, el, fixed


def sky(site, mask, t_start, t_end, step_s=600.0) -> Sky:
    """The Sun and the Earth seen from ``site`` (a lunar `Site`) with ``mask`` (a
    :class:`farside.comms.horizon.HorizonMask`) every ``step_s`` from ``t_start`` to ``t_end`` (TDB s)."""
    t = np.append(np.arange(t_start, t_end, step_s), t_end)
    sun_az, sun_el, sun_fixed = _body_aer(site, "sun", t)
    earth_az, earth_el, _ = _body_aer(site, "earth", t)
    sun_lon = np.arctan2(sun_fixed[:, 1], sun_fixed[:, 0])
    local = np.mod(12.0 + np.degrees(site.lon_rad - sun_lon) / 15.0, 24.0)
    return Sky(t, np.degrees(sun_el), np.degrees(sun_az), np.degrees(mask.at(sun_az)), np.degrees(earth_el),
               np.degrees(earth_az), np.degrees(mask.at(earth_az)), local)
