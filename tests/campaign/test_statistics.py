"""Campaign statistics against independent references: the mean's interval is scipy's t interval
and the sigma's the chi-square one,
the Wilson interval of 0 failures in 100 has the closed-form upper bound z^2 / (n + z^2), and the
distribution-free interval of the 99th percentile covers the true percentile of a normal law in
about 95 % of repeated campaigns (coverage by simulation)."""
import numpy as np
import pytest
from scipy import stats

from farside.campaign import statistics


def test_mean_interval_is_the_t_interval():
    x = np.random.default_rng(1).normal(5.0, 2.0, 400)
    s = statistics.describe("x", x)
    low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    assert s.mean_ci == pytest.approx((low, high), rel=1e-12)
    n, sd = len(x), x.std(ddof=1)
    assert s.sigma_ci == pytest.approx((sd * np.sqrt((n - 1) / stats.chi2.ppf(0.975, n - 1)),
                                        sd * np.sqrt((n - 1) / stats.chi2.ppf(0.025, n - 1))), rel=1e-12)


def test_wilson_interval_of_no_failure():
    rate, (low, high) = statistics.failure_rate(0, 100)
    z2 = stats.norm.ppf(0.975) ** 2
    assert rate == 0.0 and low == pytest.approx(0.0, abs=1e-15) and high == pytest.approx(z2 / (100 + z2), rel=1e-12)


def test_percentile_interval_coverage():
    rng = np.random.default_rng(7)
    truth = stats.norm.ppf(0.99)
    covered = 0
    for _ in range(400):
        s = statistics.describe("x", rng.normal(size=1000))
        low, high = s.percentile_ci[99.0]
        covered += low <= truth <= high
    assert 0.92 <= covered / 400 <= 0.995


def test_infinite_values_are_counted_apart():
    s = statistics.describe("x", [1.0, 2.0, np.inf, 3.0, np.nan])
    assert s.count == 3 and s.non_finite == 1 and s.mean == pytest.approx(2.0)


def test_landing_ellipse_of_a_known_normal_cloud():
    # east/north km from a bivariate normal with sigmas 2 and 1 km, the major axis 30 deg north of
    # east (azimuth 60 deg): the 99 % semi-axes are sqrt(chi2_2(0.99)) = 3.0349 sigmas. 200,000
    # points estimate a sigma to 0.16 % (1/sqrt(2n)); 0.5 % and 0.5 deg pin it
    rng = np.random.default_rng(3)
    turn = np.radians(30.0)
    axes = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]]) @ np.diag([2.0, 1.0])
    east, north = axes @ rng.standard_normal((2, 200_000))
    lat0, lon0 = 42.07, 111.6
    lat = lat0 + np.degrees(north / statistics.LANDING_RADIUS_KM)
    lon = lon0 + np.degrees(east / (statistics.LANDING_RADIUS_KM * np.cos(np.radians(lat0))))
    e = statistics.landing_ellipse(lat, lon)
    scale = np.sqrt(stats.chi2.ppf(0.99, 2))
    assert scale == pytest.approx(3.0349, abs=1e-4)
    assert e.semi_major_km == pytest.approx(2.0 * scale, rel=5e-3)
    assert e.semi_minor_km == pytest.approx(1.0 * scale, rel=5e-3)
    assert e.azimuth_deg == pytest.approx(60.0, abs=0.5)
    outline_lat, outline_lon = e.outline_deg()
    assert np.ptp(outline_lat) * np.pi / 180 * statistics.LANDING_RADIUS_KM == pytest.approx(
        2 * scale * np.hypot(2.0 * np.sin(turn), 1.0 * np.cos(turn)), rel=5e-3)
