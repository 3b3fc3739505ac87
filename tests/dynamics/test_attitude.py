"""Attitude providers and body angles against astropy (jplephem reading DE440s, ICRS geometric
positions) at sampled epochs, and the uniform spin against its closed form."""
import numpy as np
import pytest
import astropy.units as u
from astropy.coordinates import BarycentricMeanEcliptic, SkyCoord, get_body_barycentric, solar_system_ephemeris
from astropy.time import Time

from farside.astro import data_files
from farside.astro.time import Epoch
from farside.dynamics.attitude import (Inertial, SunRelative, TargetPointing, UniformSpin, angle_between,
                                       body_angles)
from tests.units import ARCSEC

EPOCHS = ["2024-06-22T08:00:00", "2024-09-30T13:17:00", "2025-01-05T02:45:30", "2025-04-18T21:10:00"]


def _astropy_vectors(iso):
    t = Time(iso, scale="utc")
    with solar_system_ephemeris.set(str(data_files.de440s())):
        earth, sun, moon = (get_body_barycentric(b, t).xyz.to(u.m).value for b in ("earth", "sun", "moon"))
    return sun - earth, moon - earth


@pytest.fixture(scope="module")
def geometry():
    rng = np.random.default_rng(3)
    t = np.array([Epoch(e).tdb_seconds for e in EPOCHS])
    r = rng.normal(size=(len(t), 3))
    r *= 7.0e6 / np.linalg.norm(r, axis=1)[:, None]
    b = rng.normal(size=(len(t), 3))
    return t, r, b / np.linalg.norm(b, axis=1)[:, None]


def test_sun_moon_earth_angles_against_astropy(geometry):
    t, r, b = geometry
    angles = body_angles(b, t, r)
    for i, iso in enumerate(EPOCHS):
        sun, moon = _astropy_vectors(iso)
        # Same DE440s file read by two independent codes (jplephem inside astropy, farside's own
        # Chebyshev evaluation) and two time-scale chains: measured agreement below 1e-4 arcsec;
        # 1e-3 arcsec is the margin.
        assert abs(angles.sun[i] - angle_between(b[i], sun - r[i])) < 1e-3 * ARCSEC
        assert abs(angles.moon[i] - angle_between(b[i], moon - r[i])) < 1e-3 * ARCSEC
    assert np.allclose(angles.earth_center, angle_between(b, -r), atol=1e-15)
    assert np.allclose(angles.earth_limb + angles.earth_radius, angles.earth_center, atol=1e-15)


def test_anti_sun_offset_in_ecliptic_latitude(geometry):
    t, _, _ = geometry
    d = SunRelative(longitude_rad=0.0, latitude_rad=np.radians(30.0)).boresight(t)
    pole = SkyCoord(0.0 * u.deg, 90.0 * u.deg, frame=BarycentricMeanEcliptic(equinox="J2000")).icrs.cartesian.xyz.value
    for i, iso in enumerate(EPOCHS):
        sun, _ = _astropy_vectors(iso)
        ecl = SkyCoord(x=d[i, 0], y=d[i, 1], z=d[i, 2], representation_type="cartesian",
                       frame="icrs").transform_to(BarycentricMeanEcliptic(equinox="J2000"))
        # The Sun wanders up to ~12 arcsec from the J2000 mean ecliptic in 2024-25 (the ecliptic
        # of date has moved by 47 arcsec/century since J2000): 15 arcsec bounds the latitude.
        assert abs(ecl.lat.deg - 30.0) * 3600.0 < 15.0
        # exactly 30 deg from astropy's anti-Sun, in the plane of the anti-Sun and the pole; astropy's
        # pole (IAU 2006 obliquity 84381.406 arcsec) is 0.042 arcsec from SPICE's ECLIPJ2000 one
        # (84381.448 arcsec): measured out-of-plane 0.010 arcsec, bound 0.05 arcsec
        assert abs(angle_between(d[i], -sun) - np.radians(30.0)) < 1e-3 * ARCSEC
        assert abs(np.dot(np.cross(-sun / np.linalg.norm(sun), pole), d[i])) < 0.05 * ARCSEC


def test_target_pointing_towards_the_moon(geometry):
    t, r, _ = geometry
    d = TargetPointing("moon").boresight(t, r)
    for i, iso in enumerate(EPOCHS):
        _, moon = _astropy_vectors(iso)
        assert angle_between(d[i], moon - r[i]) < 1e-3 * ARCSEC


def test_uniform_spin_closed_form():
    axis, start = np.array([0.0, 0.0, 1.0]), np.array([1.0, 0.0, 1.0]) / np.sqrt(2.0)
    rate = 2.0 * np.pi / 5400.0
    t = np.linspace(0.0, 5400.0, 7)
    d = UniformSpin(tuple(axis), tuple(start), rate).boresight(t)
    expected = np.stack([np.cos(rate * t), np.sin(rate * t), np.ones_like(t)], axis=1) / np.sqrt(2.0)
    assert np.allclose(d, expected, atol=1e-15)
    assert np.allclose(Inertial((0.0, 3.0, 4.0)).boresight(t), [0.0, 0.6, 0.8], atol=0.0)
