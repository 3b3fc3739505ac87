"""Epochs and states speak astropy and the standard library: Quantities converted (or refused
for a wrong dimension), astropy Times, datetimes and ISO strings with UTC offsets taken, and
the same instant compared equal; the references are astropy's and datetime's own conversions."""
import datetime as dt

import astropy.units as u
import numpy as np
import pytest
from astropy.time import Time

import farside as fs
from farside.errors import FarsideValueError

T = fs.Epoch("2024-06-01T22:23:16", scale="utc")


def test_a_state_in_kilometres_is_converted_and_a_wrong_dimension_refused():
    s = fs.State(T, [1837.4, 0, 0] * u.km, [0, 1.6, 0] * u.km / u.s, 2.4 * u.t, "moon")
    assert np.array_equal(s.r_m, [1837.4e3, 0, 0]) and np.array_equal(s.v_m_s, [0, 1600.0, 0]) and s.mass_kg == 2400.0
    with pytest.raises(FarsideValueError, match=r"^r_m="):
        fs.State(T, [1837.4, 0, 0] * u.s, [0, 1.6, 0], 1.0, "moon")


def test_offsets_datetimes_and_astropy_times_name_the_same_instant():
    assert fs.Epoch("2024-06-02T06:23:16+08:00") == T and fs.Epoch("2024-06-01T17:23:16-0500") == T
    assert fs.Epoch("2024-06-01T22:23:16Z") == T
    assert fs.Epoch(dt.datetime(2024, 6, 1, 22, 23, 16)) == T
    assert fs.Epoch(dt.datetime(2024, 6, 2, 6, 23, 16, tzinfo=dt.timezone(dt.timedelta(hours=8)))) == T
    assert T == Time("2024-06-01T22:23:16", scale="utc")   # within astropy's ~0.3 ns (two JD doubles)
    assert abs(fs.Epoch(Time("2024-06-01T22:23:16", scale="utc")) - T) < 1e-9


def test_epoch_arithmetic_with_quantities_and_timedeltas():
    # TDB seconds are added: 60 s of TDB are 60 s of TT to 2e-8 s over a minute (the periodic term)
    assert (T + 60 * u.s) == (T + 60.0) and (T + 1 * u.min) == (T + 60.0)
    assert (T + dt.timedelta(minutes=1, microseconds=5)) - T == pytest.approx(60.000005, abs=1e-9)
    assert (T + 2 * u.h) - 2 * u.h == T
    with pytest.raises(FarsideValueError):
        T + 1 * u.m


def test_to_datetime_is_the_utc_instant():
    assert T.to_datetime() == dt.datetime(2024, 6, 1, 22, 23, 16, tzinfo=dt.timezone.utc)
    assert (T + 0.25).to_datetime().microsecond == 250000
    assert fs.Epoch("2016-12-31T23:59:60.5").to_datetime() == dt.datetime(2016, 12, 31, 23, 59, 59, 999999,
                                                                         tzinfo=dt.timezone.utc)
    assert fs.Epoch(T.to_datetime()) == T


def test_the_top_level_loads_and_runs_scenarios():
    assert callable(fs.load_scenario) and callable(fs.run) and "run" in fs.__all__


def test_ephemeris_and_frames_take_every_form_of_an_epoch():
    """The same instant as a datetime, an ISO string with an offset, a list of them or an astropy
    Time gives the state and rotation of the `Epoch` (once a TypeError or a ValueError)."""
    r, v = fs.ephemeris.state("moon", T)
    rot = fs.frames.rotation("GCRF", "MOON_PA", T)
    for same in (dt.datetime(2024, 6, 1, 22, 23, 16), "2024-06-02T06:23:16+08:00"):
        assert np.array_equal(fs.ephemeris.state("moon", same)[0], r)
        assert np.array_equal(fs.frames.rotation("GCRF", "MOON_PA", same), rot)
    r_list, _ = fs.ephemeris.state("moon", ["2024-06-01T22:23:16", "2024-06-01T22:23:16Z"])
    assert r_list.shape == (2, 3) and np.array_equal(r_list[1], r)
    # an astropy Time carries the instant to ~0.3 ns: the Moon (1 km/s about the Earth) moves < 1 um
    r_time, v_time = fs.ephemeris.state("moon", Time("2024-06-01T22:23:16", scale="utc"))
    assert np.max(np.abs(r_time - r)) < 1e-6 and np.max(np.abs(v_time - v)) < 1e-9
    # a float stays TDB seconds: one double at 7.7e8 s resolves 1.2e-7 s, 0.12 mm of the Moon's path
    assert np.max(np.abs(fs.ephemeris.state("moon", T.tdb_seconds)[0] - r)) < 1e-3
