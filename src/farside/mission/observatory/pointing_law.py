"""The survey's pointing programme: one inertial pointing per period of ``repoint_days``.

At each period the boresight goes to the candidate direction (HEALPix pixel centres, ICRS) of
highest absolute Galactic latitude among those within ``max_antisolar_offset_deg`` of the
anti-Sun direction and at least ``sun_exclusion_deg`` from the Sun and ``moon_exclusion_deg``
from the Moon at the period's start, middle and end (ties: the one nearest the anti-Sun). The
anti-Sun constraint keeps targets on the night side for ground follow-up; the Galactic-latitude
preference keeps the wide field off the Galactic plane's bright sources. The numbers are the
scenario's (the flown law's are not published).
"""
import numpy as np
from astropy_healpix import HEALPix

from farside.astro import ephemeris
from farside.astro.galactic import galactic_lb
from farside.astro.time import Epoch
from farside.dynamics.attitude import angle_between
from farside.errors import ScenarioError

CANDIDATE_NSIDE = 32
"""1.8 deg between candidate pointings: finer than any exclusion margin."""


def candidates() -> np.ndarray:
    """(m, 3) ICRS unit vectors of the candidate pointings."""
    hp = HEALPix(nside=CANDIDATE_NSIDE, order="nested")
    lon, lat = hp.healpix_to_lonlat(np.arange(hp.npix))
    lon, lat = lon.rad, lat.rad
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)


def _allowed(cands, t_s, law):
    ok = np.ones(cands.shape[0], dtype=bool)
    for t in t_s:
        sun, _ = ephemeris.state("sun", t, center="earth")
        moon, _ = ephemeris.state("moon", t, center="earth")
        ok &= angle_between(cands, -sun) <= np.radians(law.max_antisolar_offset_deg)
        ok &= angle_between(cands, sun) >= np.radians(law.sun_exclusion_deg)
        ok &= angle_between(cands, moon) >= np.radians(law.moon_exclusion_deg)
    return ok


def programme(start_s, end_s, law) -> tuple:
    """``(period_starts_s, pointings)``: the start (TDB s) and ICRS unit boresight of each period."""
    period = law.repoint_days * 86400.0
    starts = np.arange(start_s, end_s, period)
    cands = candidates()
    _, b = galactic_lb(cands)
    pointings = np.empty((starts.size, 3))
    for k, t0 in enumerate(starts):
        t1 = min(t0 + period, end_s)
        ok = _allowed(cands, (t0, 0.5 * (t0 + t1), t1), law)
        if not ok.any():
            raise ScenarioError("pointing", f"period starting {Epoch.from_tdb_seconds(t0).iso('utc', 0)}",
                                "exclusion angles that leave some sky (shorten repoint_days or narrow the exclusions)")
        sun, _ = ephemeris.state("sun", 0.5 * (t0 + t1), center="earth")
        score = np.where(ok, np.abs(b) - 1e-6 * angle_between(cands, -sun), -np.inf)
        pointings[k] = cands[np.argmax(score)]
    return starts, pointings
