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

from farside.astro import ephemeris
from farside.astro.galactic import galactic_lb
from farside.astro.time import Epoch
from farside.dynamics.attitude import angle_between
from farside.errors import ScenarioError, import_optional

HEALPix = import_optional("astropy_healpix", "observatory", "an observatory run (HEALPix skies)").HEALPix

CANDIDATE_NSIDE = 32
"""1.8 deg between candidate pointings: finer than any exclusion margin."""


def candidates() -> np.ndarray:
    """(m, 3) ICRS unit vectors of the candidate pointings."""
    hp = HEALPix(nside=CANDIDATE_NSIDE, order="nested")
    lon, lat = hp.healpix_to_lonlat(np.arange(hp.npix))
    lon, lat = lon.rad, lat.rad
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)


def _allowed(cands, sun, moon, law):
    """Candidates keeping the law's cones at every epoch of unit Sun and Moon directions (k, 3)."""
    cos_offset = np.cos(np.radians(law.max_antisolar_offset_deg))
    ok = np.all(cands @ -sun.T >= cos_offset, axis=1)
    ok &= np.all(cands @ sun.T <= np.cos(np.radians(law.sun_exclusion_deg)), axis=1)
    return ok & np.all(cands @ moon.T <= np.cos(np.radians(law.moon_exclusion_deg)), axis=1)


def _unit(x):
    return x / np.linalg.norm(x, axis=-1)[..., None]


def programme(start_s, end_s, law) -> tuple:
    """``(period_starts_s, pointings)``: the start (TDB s) and ICRS unit boresight of each period."""
    period = law.repoint_days * 86400.0
    starts = np.arange(start_s, end_s, period)
    cands = candidates()
    _, b = galactic_lb(cands)
    pointings = np.empty((starts.size, 3))
    ends = np.minimum(starts + period, end_s)
    epochs = np.stack([starts, 0.5 * (starts + ends), ends], axis=1)
    sun = _unit(ephemeris.state("sun", epochs.ravel(), center="earth")[0]).reshape(-1, 3, 3)
    moon = _unit(ephemeris.state("moon", epochs.ravel(), center="earth")[0]).reshape(-1, 3, 3)
    for k, t0 in enumerate(starts):
        ok = _allowed(cands, sun[k], moon[k], law)
        if not ok.any():
            raise ScenarioError("pointing", f"period starting {Epoch.from_tdb_seconds(t0).iso('utc', 0)}",
                                "exclusion angles that leave some sky (shorten repoint_days or narrow the exclusions)")
        score = np.where(ok, np.abs(b) - 1e-6 * angle_between(cands, -sun[k, 1]), -np.inf)
        pointings[k] = cands[np.argmax(score)]
    return starts, pointings
