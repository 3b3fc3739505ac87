"""The observatory's geometry on one uniform time grid: positions (GCRF and ITRF93), geodetic
latitude, longitude and height, the Sun and Moon seen from the spacecraft, and SAA passages.

ITRF93 is evaluated from the NAIF high-precision PCK every ``ROTATION_STEP_S`` and carried to the
samples between by the Earth's angular velocity at that epoch (from the PCK's rotation rate): the
year costs a tenth of the rotations, and positions agree with a full evaluation to millimetres.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import bodies, ephemeris, frames
from farside.core.sky_exposure import geodetic_vf

ROTATION_STEP_S = 300.0


def gcrf_to_itrf(t_s) -> np.ndarray:
    """(n, 3, 3) GCRF -> ITRF93 at the uniform grid ``t_s``: the PCK's rotation R and rate dR/dt
    every ``ROTATION_STEP_S``, carried to each sample as exp(W dt) R with W = dR/dt R^T (the Earth's
    angular velocity about its instantaneous pole, held over the step)."""
    t = np.asarray(t_s, dtype=float)
    coarse = np.arange(t[0], t[-1] + ROTATION_STEP_S, ROTATION_STEP_S)
    x = frames.transform("GCRF", "ITRF93", coarse)
    base, rate = x[:, :3, :3], x[:, 3:, :3]
    w = rate @ np.swapaxes(base, 1, 2)
    omega = np.stack([w[:, 2, 1], w[:, 0, 2], w[:, 1, 0]], axis=1)
    k = np.clip(np.rint((t - t[0]) / ROTATION_STEP_S).astype(int), 0, coarse.size - 1)
    speed = np.linalg.norm(omega, axis=1)
    unit_w = w / speed[:, None, None]
    phi = (speed[k] * (t - coarse[k]))[:, None, None]
    step = np.eye(3) + np.sin(phi) * unit_w[k] + (1.0 - np.cos(phi)) * (unit_w @ unit_w)[k]
    return step @ base[k]


@dataclass(frozen=True)
class SkyGrid:
    """Samples ``t_s`` (TDB s, uniform step ``dt_s``) with the spacecraft's GCRF ``r_m``/``v_m_s``,
    ITRF93 ``r_itrf_m``, geodetic ``lat_rad``/``lon_rad``/``height_m``, unit vectors from it to the
    Sun and the Moon (GCRF), the Earth's angular radius and the ``in_saa`` flags."""
    t_s: np.ndarray
    dt_s: float
    r_m: np.ndarray
    v_m_s: np.ndarray
    r_itrf_m: np.ndarray
    lat_rad: np.ndarray
    lon_rad: np.ndarray
    height_m: np.ndarray
    sun: np.ndarray
    moon: np.ndarray
    earth_radius_rad: np.ndarray
    in_saa: np.ndarray
    nadir: np.ndarray

    def index(self, t_s) -> np.ndarray:
        """Index of the sample at or just before ``t_s`` (clipped to the grid)."""
        i = np.floor((np.asarray(t_s, dtype=float) - self.t_s[0]) / self.dt_s).astype(int)
        return np.clip(i, 0, self.t_s.size - 1)


def _unit(x):
    return x / np.linalg.norm(x, axis=1)[:, None]


def sky_grid(segment, dt_s, saa_model_for) -> SkyGrid:
    """The :class:`SkyGrid` of ``segment`` every ``dt_s``; ``saa_model_for(mean_height_m)`` gives
    the SAA model (:class:`farside.astro.saa.SaaModel`) at the orbit's mean height."""
    t = np.arange(segment.start.tdb_seconds, segment.end.tdb_seconds, dt_s)
    x = segment.state_vectors(t)
    r, v = x[:, :3], x[:, 3:6]
    r_itrf = np.einsum("nij,nj->ni", gcrf_to_itrf(t), r)
    geo = np.empty((t.size, 3))
    geodetic_vf(r_itrf, bodies.WGS84_A_M, bodies.WGS84_F, geo)
    r_sun, _ = ephemeris.state("sun", t, center="earth")
    r_moon, _ = ephemeris.state("moon", t, center="earth")
    earth_radius = np.arcsin(np.minimum(bodies.WGS84_A_M / np.linalg.norm(r, axis=1), 1.0))
    saa = saa_model_for(float(np.mean(geo[:, 2])))
    return SkyGrid(t, float(dt_s), r, v, r_itrf, geo[:, 0], geo[:, 1], geo[:, 2], _unit(r_sun - r),
                   _unit(r_moon - r), earth_radius, saa.inside(geo[:, 0], geo[:, 1]), _unit(-r))
