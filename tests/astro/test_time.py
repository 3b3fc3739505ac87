"""Time scales against SPICE (str2et, unitim, et2utc) and astropy (UT1, Time round trip)."""
import numpy as np
import pytest

from farside import Epoch
from farside.astro.calendar import civil_from_days
from farside.astro.leapseconds import default_table
from farside.errors import EpochFormatError, UnknownNameError
from tests.units import MICROSECOND


def _random_utc_strings(n, seed, first_year=1972, last_year=2050):
    rng = np.random.default_rng(seed)
    years = rng.integers(first_year, last_year + 1, n)
    doys = rng.integers(1, 366, n)
    secs = rng.uniform(0, 86400, n)
    out = []
    for y, d, s in zip(years, doys, secs):
        h, rem = divmod(s, 3600)
        m, sec = divmod(rem, 60)
        out.append(f"{y:04d}-{d:03d}T{int(h):02d}:{int(m):02d}:{sec:09.6f}")
    return out


def test_utc_to_tdb_matches_spice_str2et(spice):
    texts = _random_utc_strings(3000, seed=1)
    mine = Epoch(texts, scale="utc").tdb_seconds
    ref = np.array([spice.str2et(t) for t in texts])
    assert np.max(np.abs(mine - ref)) < MICROSECOND


def _leap_second_days():
    table = default_table()
    days = table.day[1:][np.diff(table.tai_minus_utc_s) > 0] - 1
    y, m, d = civil_from_days(days)
    return [f"{a:04d}-{b:02d}-{c:02d}" for a, b, c in zip(y, m, d)]


@pytest.mark.parametrize("day", _leap_second_days())
def test_leap_second_instants_match_spice(spice, day):
    texts = [f"{day}T23:59:59.250", f"{day}T23:59:60.000", f"{day}T23:59:60.750"]
    t = Epoch(texts)
    ref = np.array([spice.str2et(s) for s in texts])
    assert np.max(np.abs(t.tdb_seconds - ref)) < MICROSECOND
    assert list(t.iso(precision=3)) == [s for s in texts]
    assert list(t.iso(precision=3)) == [spice.et2utc(e, "ISOC", 3) for e in ref]
    after = Epoch(f"{day}T23:59:60.5") + 1.0
    assert after.iso(precision=1).endswith("T00:00:00.5")


def test_tdb_to_utc_strings_match_spice_et2utc(spice):
    texts = _random_utc_strings(500, seed=2)
    ets = np.array([spice.str2et(t) for t in texts])
    mine = Epoch.from_tdb_seconds(ets).iso(precision=6)
    assert list(mine) == [spice.et2utc(e, "ISOC", 6) for e in ets]
    doy = Epoch.from_tdb_seconds(ets).doy(precision=3)
    assert list(doy) == [spice.et2utc(e, "ISOD", 3) for e in ets]


@pytest.mark.parametrize("scale,spice_name", [("tt", "TDT"), ("tai", "TAI")])
def test_other_scales_match_spice_unitim(spice, scale, spice_name):
    ets = np.random.default_rng(3).uniform(-9e8, 1.6e9, 500)
    mine = Epoch.from_tdb_seconds(ets).seconds(scale)
    ref = np.array([spice.unitim(e, "TDB", spice_name) for e in ets])
    assert np.max(np.abs(mine - ref)) < MICROSECOND
    back = Epoch.from_seconds(ref, scale).tdb_seconds
    assert np.max(np.abs(back - ets)) < MICROSECOND


def test_gps_is_tai_minus_19_seconds():
    t = Epoch("2024-06-01T22:23:16", scale="utc")
    assert t.seconds("gps") == pytest.approx(t.seconds("tai") - 19.0, abs=1e-9)
    assert Epoch("1980-01-06T00:00:00", scale="gps").iso("utc", 0) == "1980-01-06T00:00:00"


def test_two_part_keeps_sub_nanosecond_resolution():
    t = Epoch("2024-06-01T22:23:16.123456789012", scale="tdb")
    s1, s2 = t.tdb_seconds_2part
    assert s2 == pytest.approx(0.123456789012, abs=1e-13)
    assert t.iso("tdb", 9) == "2024-06-01T22:23:16.123456789"


def test_ut1_matches_astropy_on_the_same_iers_series():
    from astropy.utils import iers
    iers.conf.auto_download = False
    table = iers.IERS_A.open(iers.IERS_A_FILE)
    t = Epoch(_random_utc_strings(400, seed=4, first_year=1973, last_year=2025))
    ours = t.seconds("ut1") - t.seconds("utc")
    ref = table.ut1_utc(t.to_astropy().utc).to_value("s")
    # Same finals2000A series (Bulletin B where final, else A), both interpolated linearly.
    assert np.max(np.abs(ours - ref)) < MICROSECOND


def test_ut1_matches_astropy_default_within_the_spread_of_iers_series():
    from astropy.utils import iers
    iers.conf.auto_download = False
    t = Epoch(_random_utc_strings(400, seed=6, first_year=2000, last_year=2025))
    ours = t.seconds("ut1") - t.seconds("utc")
    ref = t.to_astropy().utc.delta_ut1_utc
    # astropy's default prefers the re-reduced EOP 20 C04 series; Bulletin B/A differ from it by
    # up to a few tenths of a millisecond over 2000-2025 (measured 0.34 ms).
    assert np.max(np.abs(ours - ref)) < 0.5e-3


def test_ut1_string_round_trip():
    t = Epoch("2024-06-01T22:23:16")
    assert abs(Epoch(t.iso("ut1", 9), scale="ut1") - t) < MICROSECOND


def test_astropy_round_trip_through_tt():
    texts = _random_utc_strings(100, seed=5)
    t = Epoch(texts)
    back = Epoch(t.to_astropy())
    assert np.max(np.abs(back - t)) < 1e-9
    assert list(t.to_astropy().utc.isot) == list(Epoch(texts).iso(precision=3))


def test_arithmetic_and_comparison():
    t = Epoch("2024-06-01T22:23:16")
    assert (t + 60.0) - t == pytest.approx(60.0, abs=1e-12)
    assert t < t + 1e-6
    assert (t + 86400.0).iso(precision=0) == "2024-06-02T22:23:16"


@pytest.mark.parametrize("text", ["2024-13-01T00:00:00", "2024-02-30T00:00:00", "2024-06-01T24:00:00",
                                  "2023-366T00:00:00", "2024-06-01T23:59:60", "not a date", "2024/06/01"])
def test_malformed_strings_raise_naming_the_value(text):
    with pytest.raises(EpochFormatError) as info:
        Epoch(text)
    assert repr(text) in str(info.value) and "ISO 8601" in str(info.value)


def test_unknown_scale_lists_the_known_ones():
    with pytest.raises(UnknownNameError) as info:
        Epoch("2024-06-01T00:00:00", scale="tcb")
    assert "'tcb'" in str(info.value) and "tdb" in str(info.value)


def test_lsk_parsed_not_hard_coded():
    table = default_table()
    assert table.tai_minus_utc_s[0] == 10 and table.tai_minus_utc_s[-1] == 37
    assert len(table.day) == 28
    assert table.k_s == 1.657e-3 and table.tt_minus_tai_s == 32.184


@pytest.mark.parametrize("precision", [0, 3, 6])
@pytest.mark.parametrize("scale", ["utc", "tdb"])
def test_array_strings_are_the_strings_of_each_instant(scale, precision):
    """A long array's ISO strings are made from tables of digits, a single instant's by formatting:
    the same characters, across a leap second, roundings up to the next second and day-of-year."""
    rng = np.random.default_rng(14)
    leap = Epoch("2016-12-31T23:59:59.2", "utc").tdb_seconds
    t = np.concatenate([leap + np.arange(0.0, 3.0, 0.05), 770552665.185 + np.cumsum(rng.uniform(0.0, 9e4, 200)),
                        np.round(770552665.0 + rng.uniform(0.0, 1e8, 50)) + 0.9999999])
    epochs = Epoch.from_tdb_seconds(t)
    for formatted, one in ((epochs.iso(scale, precision), lambda e: e.iso(scale, precision)),
                           (epochs.doy(scale, precision), lambda e: e.doy(scale, precision))):
        assert formatted.dtype == np.array([one(epochs[i]) for i in range(len(t))]).dtype
        assert formatted.tolist() == [one(epochs[i]) for i in range(len(t))]


def test_two_floats_are_normalised_to_the_bits_of_arrays():
    """`normalise` adds two floats as Python floats: the same bits (signed zeros too) and the
    same types as the array operations give for arrays of one."""
    from farside.astro.time_scales import normalise
    rng = np.random.default_rng(7)
    values = [0.0, -0.0, 0.5, -0.5, 1e-300, -0.9999999999999999, 2.0 ** 53, 770552665.185, -770552665.185]
    values += (rng.normal(size=40) * 10.0 ** rng.uniform(-10, 12, 40)).tolist()
    for a in values:
        for b in values:
            one = normalise(a, b)
            arrays = normalise(np.array([a]), np.array([b]))
            assert [type(x) for x in one] == [np.float64, np.float64]
            assert [x.tobytes() for x in one] == [x[0].tobytes() for x in arrays]
