"""Figures of a Monte Carlo campaign (PNG): a histogram per output with the nominal value and the
1st and 99th percentiles; the convergence of the mean, the standard deviation and the 99th
percentile with the sample count; the 3-sigma dispersion ellipse of two outputs (the contour of
Mahalanobis distance 3 of their sample covariance), over the lunar DEM when they are a latitude
and a longitude in degrees; a map of landing points on the Earth with their 99 % ellipse, the
target and named marks."""
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse

from farside.astro.terrain import moon_dem
from farside.campaign import statistics
from farside.io.atomic import atomic_path


def _save(fig, path):
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    return path


def _grid(count):
    cols = min(3, count)
    rows = (count + cols - 1) // cols
    fig = Figure(figsize=(4.2 * cols, 3.2 * rows))
    axes = np.atleast_1d(fig.subplots(rows, cols)).ravel()
    for ax in axes[count:]:
        ax.set_visible(False)
    return fig, axes


def histograms(columns, names, nominal, path, title):
    fig, axes = _grid(len(names))
    for ax, name in zip(axes, names):
        values = columns[name][np.isfinite(columns[name])]
        ax.hist(values, bins=min(50, max(5, len(values) // 10)), color="tab:blue", alpha=0.8)
        if np.isfinite(nominal.get(name, np.nan)):
            ax.axvline(nominal[name], color="k", lw=1.2, label="nominal")
        for q, style in ((1.0, ":"), (99.0, "--")):
            if len(values):
                ax.axvline(np.percentile(values, q), color="tab:red", ls=style, lw=1, label=f"p{q:g}")
        ax.set_title(name, fontsize=9)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle(title)
    return _save(fig, path)


def convergence(columns, names, path, title):
    fig, axes = _grid(len(names))
    for ax, name in zip(axes, names):
        counts, mean, sigma, p99 = statistics.running(columns[name])
        scale = sigma[-1] if len(sigma) and sigma[-1] > 0 else 1.0
        ax.plot(counts, (mean - mean[-1]) / scale, label="mean")
        ax.plot(counts, (sigma - sigma[-1]) / scale, label="sigma")
        ax.plot(counts, (p99 - p99[-1]) / scale, label="p99")
        ax.set_title(f"{name} (change / final sigma)", fontsize=9)
        ax.set_xlabel("samples")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle(title)
    return _save(fig, path)


def ellipse(columns, x_name, y_name, path, title, nominal=None):
    on_map = {x_name[:3], y_name[:3]} == {"lat", "lon"}
    if on_map and x_name.startswith("lat"):
        x_name, y_name = y_name, x_name
    x, y = columns[x_name], columns[y_name]
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    fig = Figure(figsize=(7, 6))
    ax = fig.subplots()
    if on_map:
        x = (x + 180.0) % 360.0 - 180.0
        pad = max(0.02, 4 * max(np.std(x), np.std(y)))
        dem = moon_dem()
        step = 180.0 / dem.shape[0]
        rows = slice(max(0, int((90 - (y.max() + pad)) / step)), int((90 - (y.min() - pad)) / step) + 2)
        cols = slice(max(0, int((x.min() - pad + 180) / step)), int((x.max() + pad + 180) / step) + 2)
        ax.imshow(dem[rows, cols] / 1e3, extent=[cols.start * step - 180, cols.stop * step - 180,
                                                 90 - rows.stop * step, 90 - rows.start * step],
                  cmap="gray", aspect="auto")
    ax.scatter(x, y, s=4, color="tab:blue", alpha=0.6, label="samples")
    if len(x) > 2:
        cov = np.cov(np.vstack([x, y]))
        values, vectors = np.linalg.eigh(cov)
        angle = np.degrees(np.arctan2(vectors[1, 1], vectors[0, 1]))
        ax.add_patch(Ellipse((x.mean(), y.mean()), 6 * np.sqrt(values[1]), 6 * np.sqrt(values[0]), angle=angle,
                             fill=False, color="tab:red", lw=1.5, label="3 sigma"))
    if nominal is not None and np.isfinite(nominal.get(x_name, np.nan)) and not on_map:
        ax.plot(nominal[x_name], nominal[y_name], "k+", ms=12, label="nominal")
    ax.set_xlabel(x_name)
    ax.set_ylabel(y_name)
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _save(fig, path)


def _square_limits(ax, lat, lon, lat0, pad=0.15):
    """Limits that hold every (lat, lon) given, with the same kilometres along both axes."""
    scale = np.cos(np.radians(lat0))
    half = 0.5 * (1.0 + 2.0 * pad) * max(np.ptp(lat), np.ptp(lon) * scale, 1e-3)
    mid_lat, mid_lon = 0.5 * (lat.min() + lat.max()), 0.5 * (lon.min() + lon.max())
    ax.set_ylim(mid_lat - half, mid_lat + half)
    ax.set_xlim(mid_lon - half / scale, mid_lon + half / scale)
    ax.set_aspect(1.0 / scale)


def landing_map(lat_deg, lon_deg, ellipse, chart, path, title):
    """Landing points on a latitude/longitude map (deg, equal distances along both axes): the
    whole zone with the ``chart``'s target and marks on the left, the points and their
    ``ellipse`` (:class:`farside.campaign.statistics.LandingEllipse`) close up on the right."""
    lat, lon = np.asarray(lat_deg, dtype=float), np.asarray(lon_deg, dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon)
    lat, lon = lat[ok], lon[ok]
    outline_lat, outline_lon = ellipse.outline_deg()
    target = chart.get("target")
    marks = list(chart.get("marks", {}).items())
    fig = Figure(figsize=(13, 6.2))
    for ax, close in zip(fig.subplots(1, 2), (False, True)):
        ax.scatter(lon, lat, s=4, color="tab:blue", alpha=0.5, label=f"{len(lat)} landing points")
        ax.plot(outline_lon, outline_lat, color="tab:red", lw=1.5,
                label=f"{100 * ellipse.probability:g} % ellipse, {ellipse.semi_major_km:.2f} x "
                      f"{ellipse.semi_minor_km:.2f} km (semi-axes)")
        if target:
            ax.plot(target[1], target[0], "k+", ms=14, mew=2, label="target")
        shown_lat, shown_lon = list(outline_lat), list(outline_lon)
        if not close:
            for k, (name, (m_lat, m_lon)) in enumerate(marks):
                ax.plot(m_lon, m_lat, "*", ms=14, color=f"C{k + 2}", label=name)
            shown_lat += list(lat) + [m[1][0] for m in marks]
            shown_lon += list(lon) + [m[1][1] for m in marks]
        _square_limits(ax, np.array(shown_lat), np.array(shown_lon), ellipse.centre_lat_deg)
        ax.set_xlabel("east longitude (deg)")
        ax.set_ylabel("geodetic latitude (deg)")
        ax.ticklabel_format(useOffset=False)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="best")
        ax.set_title("the ellipse close up" if close else title)
    return _save(fig, path)
