"""The wide-field instrument's exposure map on a HEALPix grid in Galactic coordinates (ring
order): seconds each pixel spent in the field, unocculted by the Earth, while the instrument was
live and holding a pointing (slews excluded)."""
from dataclasses import dataclass

import numpy as np

from farside.astro.galactic import galactic_lb, galactic_to_icrs_direction
from farside.core.sky_exposure import exposure_vf
from farside.errors import import_optional

HEALPix = import_optional("astropy_healpix", "observatory", "an observatory run (HEALPix skies)").HEALPix


@dataclass(frozen=True)
class ExposureMap:
    nside: int
    seconds: np.ndarray
    l_rad: np.ndarray
    b_rad: np.ndarray

    def peak_lb_deg(self) -> tuple:
        i = int(np.argmax(self.seconds))
        return float(np.degrees(self.l_rad[i])), float(np.degrees(self.b_rad[i]))

    def mean_where(self, mask) -> float:
        return float(np.mean(self.seconds[mask]))


def exposure_map(grid, timeline, live, half_angle_rad, nside) -> ExposureMap:
    """The :class:`ExposureMap` of a flown timeline; ``live`` flags the instrument's samples."""
    hp = HEALPix(nside=nside, order="ring")
    lon, lat = hp.healpix_to_lonlat(np.arange(hp.npix))
    pixels = galactic_to_icrs_direction(lon.rad, lat.rad)
    out = np.zeros(hp.npix)
    exposure_vf(pixels, timeline.pointing_array(), timeline.pointing_id, grid.nadir,
                np.cos(grid.earth_radius_rad), live, np.full(grid.t_s.size, grid.dt_s), np.cos(half_angle_rad), out)
    l, b = galactic_lb(pixels)
    return ExposureMap(nside, out, l, b)


def boresight_galactic_latitude(timeline) -> np.ndarray:
    """|b| (rad) of the boresight at each sample."""
    return np.abs(galactic_lb(timeline.boresight)[1])

