"""Statistics of a campaign's outputs, with confidence intervals.

Per output, over the samples that succeeded with a finite value (those with an infinite one, such
as the aposelene of an escape, are counted apart): mean (CI from the t distribution), standard deviation
(CI from the chi-square distribution of (n - 1) s^2 / sigma^2), percentiles 1, 50 and 99
(distribution-free CIs from the binomial order statistics: the ranks whose binomial probability
brackets the percentile, Hahn & Meeker 1991, §5.2), and the failure rate over every sample (Wilson
score interval, Wilson 1927). Confidence 95 % unless said. The 99 % margin of a delta-v or
propellant output is its 99th percentile less the nominal run's value.
"""
from dataclasses import dataclass

import numpy as np
from scipy import stats

PERCENTILES = (1.0, 50.0, 99.0)


@dataclass
class OutputStatistics:
    name: str
    count: int
    mean: float
    mean_ci: tuple
    sigma: float
    sigma_ci: tuple
    percentiles: dict
    percentile_ci: dict
    nominal: float
    non_finite: int = 0
    """Samples that succeeded with a non-finite value (an aposelene of an escape, say): not counted."""


def _percentile_ci(sorted_values, q, confidence):
    """Distribution-free interval of the q-th percentile from order statistics (nan when n is too small)."""
    n = len(sorted_values)
    p = q / 100.0
    alpha = 1.0 - confidence
    lo = int(stats.binom.ppf(alpha / 2, n, p))
    hi = int(stats.binom.ppf(1 - alpha / 2, n, p)) + 1
    if lo < 1 or hi > n:
        return (np.nan, np.nan)
    return (float(sorted_values[lo - 1]), float(sorted_values[hi - 1]))


def describe(name, values, nominal=np.nan, confidence=0.95) -> OutputStatistics:
    values = np.asarray(values, dtype=float)
    non_finite = int(np.isinf(values).sum())
    values = np.sort(values[np.isfinite(values)])
    n = len(values)
    if n == 0:
        nan2 = (np.nan, np.nan)
        return OutputStatistics(name, 0, np.nan, nan2, np.nan, nan2, {q: np.nan for q in PERCENTILES},
                                {q: nan2 for q in PERCENTILES}, nominal, non_finite)
    mean = float(values.mean())
    sigma = float(values.std(ddof=1)) if n > 1 else 0.0
    alpha = 1.0 - confidence
    if n > 1:
        half = stats.t.ppf(1 - alpha / 2, n - 1) * sigma / np.sqrt(n)
        mean_ci = (mean - half, mean + half)
        sigma_ci = (float(sigma * np.sqrt((n - 1) / stats.chi2.ppf(1 - alpha / 2, n - 1))),
                    float(sigma * np.sqrt((n - 1) / stats.chi2.ppf(alpha / 2, n - 1))))
    else:
        mean_ci = sigma_ci = (np.nan, np.nan)
    percentiles = {q: float(np.percentile(values, q)) for q in PERCENTILES}
    cis = {q: _percentile_ci(values, q, confidence) for q in PERCENTILES}
    return OutputStatistics(name, n, mean, mean_ci, sigma, sigma_ci, percentiles, cis, float(nominal), non_finite)


def failure_rate(failed, total, confidence=0.95):
    """``(rate, (low, high))``: the Wilson score interval."""
    if total == 0:
        return np.nan, (np.nan, np.nan)
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    p = failed / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * np.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return p, (max(0.0, centre - half), min(1.0, centre + half))


def margin_99(stat: OutputStatistics) -> float:
    """The 99th percentile less the nominal value: the margin that covers 99 % of the samples."""
    return stat.percentiles[99.0] - stat.nominal


def running(values, points=50):
    """``(counts, mean, sigma, p99)`` of the first k samples for k on a grid: the convergence."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    counts = np.unique(np.linspace(2, len(values), min(points, max(len(values) - 1, 1))).astype(int))
    mean = np.array([values[:k].mean() for k in counts])
    sigma = np.array([values[:k].std(ddof=1) for k in counts])
    p99 = np.array([np.percentile(values[:k], 99.0) for k in counts])
    return counts, mean, sigma, p99


def covariance_test(samples, covariance):
    """Likelihood-ratio test that zero-mean ``samples`` (n, p) come from ``covariance`` (p, p):
    ``n (tr(S C^-1) - ln det(S C^-1) - p)`` is chi-square with p (p + 1) / 2 degrees of freedom
    for large n (Anderson 2003, *An Introduction to Multivariate Statistical Analysis*, §10.8).
    Returns (statistic, p-value)."""
    x = np.asarray(samples, dtype=float)
    n, p = x.shape
    s = x.T @ x / n
    m = np.linalg.solve(np.asarray(covariance, dtype=float), s)
    statistic = n * (np.trace(m) - np.log(np.linalg.det(m)) - p)
    return float(statistic), float(stats.chi2.sf(statistic, p * (p + 1) / 2))


LANDING_RADIUS_KM = 6371.0088
"""IUGG mean Earth radius: local east/north kilometres of a landing-point cloud."""


@dataclass
class LandingEllipse:
    """The ``probability`` ellipse of landing points (a bivariate normal fitted to them: the contour
    of Mahalanobis distance ``sqrt(chi2_2^-1(probability))``, 3.035 for 99 %), in local east/north
    km about the mean point; ``azimuth_deg`` of the major axis, clockwise from north."""
    count: int
    centre_lat_deg: float
    centre_lon_deg: float
    semi_major_km: float
    semi_minor_km: float
    azimuth_deg: float
    probability: float
    east_north_km: np.ndarray
    axes_km: np.ndarray
    """Columns: the major and minor semi-axis vectors (east, north km)."""

    def outline_deg(self, points=181):
        """(lat, lon) in degrees of the ellipse's outline."""
        t = np.linspace(0.0, 2.0 * np.pi, points)
        east_north = self.axes_km @ np.vstack([np.cos(t), np.sin(t)])
        lat = self.centre_lat_deg + np.degrees(east_north[1] / LANDING_RADIUS_KM)
        lon = self.centre_lon_deg + np.degrees(east_north[0] / (LANDING_RADIUS_KM * np.cos(np.radians(lat))))
        return lat, lon


def landing_ellipse(lat_deg, lon_deg, probability=0.99):
    """:class:`LandingEllipse` of the finite points (None with fewer than three)."""
    lat, lon = np.asarray(lat_deg, dtype=float), np.asarray(lon_deg, dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon)
    lat, lon = lat[ok], lon[ok]
    if len(lat) < 3:
        return None
    lat0, lon0 = float(lat.mean()), float(lon.mean())
    east = np.radians(lon - lon0) * LANDING_RADIUS_KM * np.cos(np.radians(lat0))
    north = np.radians(lat - lat0) * LANDING_RADIUS_KM
    values, vectors = np.linalg.eigh(np.cov(np.vstack([east, north])))
    scale = np.sqrt(stats.chi2.ppf(probability, 2))
    axes = vectors[:, ::-1] * (scale * np.sqrt(np.maximum(values[::-1], 0.0)))
    azimuth = float(np.degrees(np.arctan2(axes[0, 0], axes[1, 0])) % 180.0)
    return LandingEllipse(len(lat), lat0, lon0, float(np.hypot(*axes[:, 0])), float(np.hypot(*axes[:, 1])), azimuth,
                          probability, np.vstack([east, north]), axes)
