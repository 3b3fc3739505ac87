"""DE440s states against SPICE spkgeo on the same kernel."""
import numpy as np
import pytest

import farside as fs
from farside.astro import bodies
from farside.astro.ephemeris import default
from farside.errors import OutOfCoverageError, UnknownNameError
from tests.units import MILLIMETRE

PAIRS = [("moon", "earth"), ("sun", "earth"), ("earth", "moon"), ("sun", "moon"),
         ("mercury", "solar_system_barycenter"), ("venus", "earth"), ("mars_barycenter", "moon"),
         ("jupiter_barycenter", "sun"), ("saturn_barycenter", "earth"), ("uranus_barycenter", "earth"),
         ("neptune_barycenter", "moon"), ("pluto_barycenter", "sun"), ("earth_moon_barycenter", "earth")]
START_1900, END_2100 = -3155716758.0, 3155716800.0


def _spice_states(spice, target, center, ets):
    t, c = bodies.get(target).naif_id, bodies.get(center).naif_id
    return np.array([spice.spkgeo(t, e, "J2000", c)[0] for e in ets]) * 1e3


@pytest.mark.parametrize("target,center", PAIRS)
def test_states_match_spice_at_10000_epochs(spice, target, center):
    ets = np.random.default_rng(abs(hash((target, center))) % 2**32).uniform(START_1900, END_2100, 10000)
    r, v = fs.ephemeris.state(target, ets, center=center)
    ref = _spice_states(spice, target, center, ets)
    # 1 mm on distances up to 6e12 m is 1e-15 relative: the round-off of the sums themselves.
    assert np.max(np.abs(r - ref[:, :3])) < MILLIMETRE
    assert np.max(np.abs(v - ref[:, 3:])) < 1e-9


def test_span_edges_and_record_boundaries(spice):
    e = default()
    intlen = e.table.seg_f[e.table.link((3, 301)), 1]
    ets = np.concatenate([[e.start_s, e.start_s + 1e-3, e.end_s - 1e-3, e.end_s],
                          e.start_s + intlen * np.arange(1, 2000, 97)])
    for target, center in [("moon", "earth"), ("sun", "earth")]:
        r, v = fs.ephemeris.state(target, ets, center=center)
        ref = _spice_states(spice, target, center, ets)
        assert np.max(np.abs(r - ref[:, :3])) < MILLIMETRE
        assert np.max(np.abs(v - ref[:, 3:])) < 1e-9


def test_scalar_epoch_and_array_agree():
    t = fs.Epoch("2024-06-01T22:23:16")
    r, v = fs.ephemeris.state("moon", t, center="earth")
    s1, s2 = t.tdb_seconds_2part
    ra, va = fs.ephemeris.state("moon", fs.Epoch.from_tdb_seconds(np.array([s1]), np.array([s2])), center="earth")
    assert r.shape == (3,) and ra.shape == (1, 3)
    assert np.array_equal(r, ra[0]) and np.array_equal(v, va[0])


def test_rotating_frame_state_matches_spice_spkezr(spice):
    ets = np.linspace(7.6e8, 7.8e8, 50)
    r, v = fs.ephemeris.state("earth", ets, center="moon", frame="MOON_ME")
    ref = np.array([spice.spkezr("EARTH", e, "MOON_ME_DE440_ME421", "NONE", "MOON")[0] for e in ets]) * 1e3
    assert np.max(np.abs(r - ref[:, :3])) < MILLIMETRE
    assert np.max(np.abs(v - ref[:, 3:])) < 1e-9


def test_epoch_outside_span_names_the_span():
    with pytest.raises(OutOfCoverageError) as info:
        fs.ephemeris.state("moon", fs.Epoch("2200-01-01T00:00:00"), center="earth")
    message = str(info.value)
    assert "2200-01-01" in message and "1849-12-26" in message and "2150-01-22" in message


def test_unknown_body_lists_the_known_ones():
    with pytest.raises(UnknownNameError) as info:
        fs.ephemeris.state("vulcan", 0.0)
    assert "'vulcan'" in str(info.value) and "moon" in str(info.value)


def test_non_finite_epoch_is_refused():
    with pytest.raises(OutOfCoverageError):
        fs.ephemeris.state("moon", np.nan)
