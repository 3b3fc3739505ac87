"""Station-network visibility against SPICE (the elevation of a point from a site on the WGS84
ellipsoid) and contact windows from visibility flags."""
import numpy as np
import pytest
import spiceypy as sp

from farside.astro.bodies import WGS84_A_M, WGS84_F
from farside.comms.station_network import StationNetwork, windows_from_flags
from farside.errors import FarsideValueError
from tests.units import ARCSEC


def _network(mask_deg=5.0):
    return StationNetwork(("Kourou", "Sanya", "Papeete"), np.radians([5.25, 18.3, -17.5]),
                          np.radians([-52.8, 109.5, -149.6]), np.array([10.0, 50.0, 2.0]), np.radians(mask_deg))


def test_elevation_against_spice():
    net = _network()
    rng = np.random.default_rng(11)
    r = rng.normal(size=(20, 3))
    r *= 7.0e6 / np.linalg.norm(r, axis=1)[:, None]
    el = net.elevations(r)
    for j in range(3):
        site = sp.georec(net.lon_rad[j], net.lat_rad[j], net.height_m[j], WGS84_A_M, WGS84_F)
        for i in range(r.shape[0]):
            # SPICE's surface normal of the ellipsoid at the site's foot point and its vector
            # separation: the elevation by another code, agreement to roundoff
            b = WGS84_A_M * (1.0 - WGS84_F)
            normal = sp.surfnm(WGS84_A_M, WGS84_A_M, b, sp.georec(net.lon_rad[j], net.lat_rad[j], 0.0, WGS84_A_M, WGS84_F))
            elevation = np.pi / 2 - sp.vsep(normal, r[i] - np.asarray(site))
            assert el[i, j] == pytest.approx(elevation, abs=1e-3 * ARCSEC)


def test_windows_from_flags():
    t = np.arange(0.0, 1000.0, 10.0)
    visible = (t % 300.0) > 200.0
    assert windows_from_flags(t, visible) == [(210.0, 290.0), (510.0, 590.0), (810.0, 890.0)]


def test_bad_mask_refused():
    with pytest.raises(FarsideValueError, match="mask_rad"):
        _network(95.0)
