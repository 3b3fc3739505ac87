"""The South Atlantic Anomaly as the region where the AP8 trapped-proton flux exceeds a threshold.

The integral flux of protons above ``energy_mev`` from NASA's AP8 model (Sawyer & Vette 1976,
NSSDC/WDC-A-R&S 76-06) at solar minimum or maximum, through the IRBEM implementation wrapped by
the ``aep8`` package (its geomagnetic coordinates from the field model at the given epoch), is
tabulated once on a latitude-longitude grid at one geodetic height; a point is inside the SAA
where the bilinearly interpolated log-flux is above ``log10(threshold)``. The region drifts
westward by ~0.3 deg/year with the field: the table is made at the epoch asked.
"""
from dataclasses import dataclass

import numpy as np

from farside.errors import FarsideValueError, import_optional


GBM_SAA_POLYGON_LAT_LON_DEG = (
    (-30.000, 33.900), (-19.867, 12.398), (-9.733, -9.103), (0.400, -30.605), (2.000, -38.400),
    (2.000, -45.000), (-1.000, -65.000), (-6.155, -84.000), (-8.880, -89.200), (-14.220, -94.300),
    (-18.404, -94.300), (-30.000, -86.100))
"""The SAA boundary Fermi's GBM flew until 2024-07-23 (geodetic latitude, East longitude; USRA-STI
Fermi GBM Data Tools, ``gdt-fermi``, ``missions/fermi/gbm/saa.py``): a published cross-check."""


def inside_gbm_polygon(lat_rad, lon_rad) -> np.ndarray:
    """Whether points are inside :data:`GBM_SAA_POLYGON_LAT_LON_DEG` (a plate-carree polygon)."""
    from matplotlib.path import Path
    ring = [(lon, lat) for lat, lon in GBM_SAA_POLYGON_LAT_LON_DEG + GBM_SAA_POLYGON_LAT_LON_DEG[:1]]
    lon = np.mod(np.degrees(np.asarray(lon_rad, dtype=float)) + 180.0, 360.0) - 180.0
    points = np.stack([lon.ravel(), np.degrees(np.asarray(lat_rad, dtype=float)).ravel()], axis=1)
    return Path(ring).contains_points(points).reshape(lon.shape)


@dataclass(frozen=True)
class SaaModel:
    """log10 of the AP8 integral flux (cm^-2 s^-1, floored at 1e-3) on ``lat_deg`` x ``lon_deg``
    (geodetic, East longitude in [-180, 180]) at ``height_m``, and the ``threshold``."""
    lat_deg: np.ndarray
    lon_deg: np.ndarray
    log_flux: np.ndarray
    threshold_cm2_s: float
    energy_mev: float
    height_m: float

    def log_flux_at(self, lat_rad, lon_rad) -> np.ndarray:
        """Bilinear log10 flux at geodetic latitude and longitude arrays (rad)."""
        lat = np.degrees(np.asarray(lat_rad, dtype=float))
        lon = np.mod(np.degrees(np.asarray(lon_rad, dtype=float)) + 180.0, 360.0) - 180.0
        dlat, dlon = self.lat_deg[1] - self.lat_deg[0], self.lon_deg[1] - self.lon_deg[0]
        fi = np.clip((lat - self.lat_deg[0]) / dlat, 0.0, self.lat_deg.size - 1.000001)
        fj = (lon - self.lon_deg[0]) / dlon
        i, j = np.floor(fi).astype(int), np.floor(fj).astype(int) % (self.lon_deg.size - 1)
        u, v = fi - i, fj - np.floor(fj)
        g = self.log_flux
        return ((1 - u) * (1 - v) * g[i, j] + (1 - u) * v * g[i, j + 1] + u * (1 - v) * g[i + 1, j]
                + u * v * g[i + 1, j + 1])

    def inside(self, lat_rad, lon_rad) -> np.ndarray:
        """Whether each point is inside the SAA (boolean array)."""
        return self.log_flux_at(lat_rad, lon_rad) > np.log10(self.threshold_cm2_s)


def ap8_saa(epoch, height_m, threshold_cm2_s=1.0, energy_mev=10.0, solar="max", max_lat_deg=60.0,
            step_deg=1.0) -> SaaModel:
    """The :class:`SaaModel` at ``epoch`` (an `Epoch`) and geodetic ``height_m``: protons above
    ``energy_mev`` with an integral flux above ``threshold_cm2_s``; AP8 ``solar`` = "min" or "max";
    the grid spans latitudes within ``max_lat_deg`` in ``step_deg`` steps."""
    import astropy.units as u
    from astropy.coordinates import EarthLocation
    aep8 = import_optional("aep8", "observatory", "the AP8 South Atlantic Anomaly model")

    for name, value, low in (("height_m", height_m, 150e3), ("threshold_cm2_s", threshold_cm2_s, 0.0),
                             ("energy_mev", energy_mev, 0.0), ("step_deg", step_deg, 0.0)):
        if not (np.isfinite(value) and value > low):
            raise FarsideValueError(name, value, f"a finite value > {low:g}")
    if solar not in ("min", "max"):
        raise FarsideValueError("solar", solar, "min or max")
    lat = np.arange(-max_lat_deg, max_lat_deg + 0.5 * step_deg, step_deg)
    lon = np.arange(-180.0, 180.0 + 0.5 * step_deg, step_deg)
    glat, glon = np.meshgrid(lat, lon, indexing="ij")
    where = EarthLocation.from_geodetic(glon * u.deg, glat * u.deg, height_m * u.m)
    flux = aep8.model("p", solar).integral_flux(where, epoch.to_astropy(), energy_mev * u.MeV).to_value("cm-2 s-1")
    log_flux = np.log10(np.maximum(np.nan_to_num(flux, nan=0.0), 1e-3))
    return SaaModel(lat, lon, log_flux, float(threshold_cm2_s), float(energy_mev), float(height_m))
