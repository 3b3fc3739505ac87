"""UTC before 1972 follows the IERS table of TAI-UTC (erfa's, an independent implementation of
the USNO table): a rate offset and fractional steps, not the LSK's first count. SPICE holds 9 s
there; farside says so in astro.time_scales."""
import erfa
import pytest

import farside as fs


@pytest.mark.parametrize("text", ["1961-01-01T00:00:00", "1965-03-01T06:00:00", "1968-02-01T00:00:00",
                                  "1969-01-01T00:00:00", "1969-12-31T12:00:00", "1971-12-31T23:59:59",
                                  "1972-01-01T00:00:00", "1980-01-06T00:00:00"])
def test_tai_minus_utc_is_the_iers_value(text):
    utc1, utc2 = erfa.dtf2d("UTC", int(text[:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]),
                            int(text[14:16]), float(text[17:]))
    year, month, day, hmsf = erfa.d2dtf("TAI", 9, *erfa.utctai(utc1, utc2))
    tai_text = f"{year:04d}-{month:02d}-{day:02d}T{hmsf['h']:02d}:{hmsf['m']:02d}:{hmsf['s']:02d}.{hmsf['f']:09d}"
    # 1e-8 s: erfa's two-part Julian days carry ~1e-11 s, the printed TAI 1e-9 s
    assert abs(fs.Epoch(text) - fs.Epoch(tai_text, scale="tai")) < 1e-8


@pytest.mark.parametrize("text", ["1962-07-04T12:34:56.789", "1969-07-20T20:17:40.000", "1971-12-31T23:59:59.999"])
def test_a_utc_string_before_1972_round_trips(text):
    assert fs.Epoch(text).iso("utc", 3) == text


def test_the_utc_of_apollo_11_agrees_with_astropy():
    from astropy.time import Time
    ours = fs.Epoch("1969-07-20T20:17:40")
    theirs = Time("1969-07-20T20:17:40", scale="utc")
    assert abs(ours - theirs) < 1e-6   # astropy also takes pre-1972 UTC from erfa's table
