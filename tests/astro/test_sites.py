"""Sites and topocentric geometry against SPICE (georec, latrec, recazl) and closed forms."""
import numpy as np
import pytest

import farside as fs
from farside.astro import sites
from farside.astro.bodies import WGS84_A_M, WGS84_F
from farside.errors import FarsideValueError
from tests.units import MILLIMETRE

CHANGE6_SITE = sites.Site.from_degrees("Chang'e-6", "moon", -41.6385, 206.0148, -5256.0)


def test_geodetic_matches_spice_georec(spice):
    rng = np.random.default_rng(21)
    lat, lon, h = rng.uniform(-np.pi / 2, np.pi / 2, 200), rng.uniform(-np.pi, np.pi, 200), rng.uniform(-500, 9e3, 200)
    mine = sites.geodetic_to_fixed(lat, lon, h)
    ref = np.array([spice.georec(a, b, c / 1e3, WGS84_A_M / 1e3, WGS84_F) for a, b, c in zip(lon, lat, h)]) * 1e3
    assert np.max(np.abs(mine - ref)) < MILLIMETRE


def test_change6_site_in_moon_me_matches_spice_latrec(spice):
    ref = np.array(spice.latrec((1737.4 - 5.256), np.radians(206.0148), np.radians(-41.6385))) * 1e3
    assert np.max(np.abs(CHANGE6_SITE.position_fixed_m - ref)) < MILLIMETRE


def test_fixed_to_spherical_matches_spice_reclat(spice):
    rng = np.random.default_rng(5)
    r = rng.normal(size=(100, 3)) * 1.8e6
    lat, lon, h = sites.fixed_to_spherical(r)
    ref = np.array([spice.reclat(x / 1e3) for x in r])
    assert np.allclose(lat, ref[:, 2], rtol=0, atol=1e-14) and np.allclose(lon, ref[:, 1], rtol=0, atol=1e-14)
    assert np.max(np.abs(h - (ref[:, 0] * 1e3 - 1737.4e3))) < MILLIMETRE


def test_earth_is_below_the_change6_horizon_at_landing(spice):
    t = fs.Epoch("2024-06-01T22:23:16")
    r_earth, _ = fs.ephemeris.state("earth", t, center="moon", frame="MOON_ME")
    az, el, rng = CHANGE6_SITE.aer(r_earth)
    ref = np.array(spice.spkezr("EARTH", t.tdb_seconds, "MOON_ME_DE440_ME421", "NONE", "MOON")[0][:3]) * 1e3
    rel = ref - CHANGE6_SITE.position_fixed_m
    up = CHANGE6_SITE.position_fixed_m / np.linalg.norm(CHANGE6_SITE.position_fixed_m)
    assert el == pytest.approx(np.arcsin(rel @ up / np.linalg.norm(rel)), abs=1e-12)
    assert rng == pytest.approx(np.linalg.norm(rel), abs=MILLIMETRE)
    assert el < 0  # far side


def test_aer_closed_forms():
    site = sites.Site.from_degrees("equator", "earth", 0.0, 0.0, 0.0)
    p = site.position_fixed_m
    az, el, rng = site.aer(p + np.array([1000.0, 0.0, 0.0]))
    assert el == pytest.approx(np.pi / 2) and rng == pytest.approx(1000.0)
    az, el, _ = site.aer(p + np.array([0.0, 0.0, 1000.0]))
    assert az == pytest.approx(0.0) and el == pytest.approx(0.0, abs=1e-12)
    az, el, _ = site.aer(p + np.array([0.0, 1000.0, 0.0]))
    assert az == pytest.approx(np.pi / 2) and el == pytest.approx(0.0, abs=1e-12)


def test_enu_is_a_rotation():
    rot = sites.enu_rotation(np.radians(-41.6), np.radians(206.0))
    assert np.allclose(rot @ rot.T, np.eye(3), atol=1e-15) and np.linalg.det(rot) == pytest.approx(1.0)


def test_bad_latitude_and_body_are_refused():
    with pytest.raises(FarsideValueError, match="lat_rad"):
        sites.geodetic_to_fixed(2.0, 0.0, 0.0)
    with pytest.raises(FarsideValueError, match="'mars'"):
        sites.Site.from_degrees("x", "mars", 0.0, 0.0)
