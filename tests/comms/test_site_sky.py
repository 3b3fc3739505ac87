"""The sky at the Chang'e-6 site over the published surface stay: the Earth stays below the
horizon (the far side), the local solar time advances by 24 lunar hours per synodic month
(29.5306 days), and the Sun's direction agrees with SPICE (spkpos, light time, MOON_ME)."""
import numpy as np

import farside as fs
from farside.astro.sites import Site
from farside.comms.horizon import horizon_mask
from farside.comms.site_sky import sky

SITE = Site.from_degrees("Chang'e-6 (LROC)", "moon", -41.6385, 206.0148, -5256.0)
LANDING = fs.Epoch("2024-06-01T22:23:16", "utc")
LIFTOFF = fs.Epoch("2024-06-03T23:38:10", "utc")


def _sky():
    return sky(SITE, horizon_mask(SITE.lat_rad, SITE.lon_rad, 2.0), LANDING.tdb_seconds, LIFTOFF.tdb_seconds)


def test_earth_below_the_horizon_all_stay():
    s = _sky()
    assert np.all(s.earth_elevation_deg < 0.0) and np.all(s.earth_elevation_deg < s.earth_mask_deg)
    assert np.all(s.sun_elevation_deg > s.sun_mask_deg)  # landed in daylight, left before dusk


def test_local_time_advances_a_lunar_day_per_synodic_month():
    s = _sky()
    hours = np.unwrap(s.local_time_h * 2 * np.pi / 24) * 24 / (2 * np.pi)
    rate = (hours[-1] - hours[0]) / ((s.times_s[-1] - s.times_s[0]) / 86400.0)
    assert abs(rate - 24.0 / 29.5306) < 0.01


def test_sun_direction_against_spice(spice):
    s = _sky()
    for k in (0, len(s.times_s) // 2, -1):
        sun = np.array(spice.spkpos("SUN", s.times_s[k], "MOON_ME_DE440_ME421", "LT", "MOON")[0])
        az, el, _ = SITE.aer(sun * 1e3)
        assert abs(np.degrees(el) - s.sun_elevation_deg[k]) < 1e-4
        assert abs(np.degrees(az) - s.sun_azimuth_deg[k]) < 1e-4
