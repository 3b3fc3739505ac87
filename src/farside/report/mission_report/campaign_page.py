"""The HTML page of a campaign's results (``campaign.html`` in its folder, written by ``farside
campaign-report``): the sample count and failure rate with its interval and reasons, the statistics
of every output with their 95 % confidence intervals, the 99 % margins, and interactive charts (one
histogram per output with its nominal value, the running mean against the sample count, the
scatter of the ellipse pair, the landing map with its 99 % ellipse, target and marks). Same
self-contained page as the mission report."""
from pathlib import Path

import numpy as np

from farside.report.mission_report import charts, page

CAMPAIGN_PAGE = "campaign.html"


def _finite(values) -> list:
    values = np.asarray(values, dtype=float)
    return np.round(values[np.isfinite(values)], 9).tolist()


def campaign_charts(report) -> dict:
    """Plotly figure specifications by element id, from a
    :class:`~farside.report.campaign_report.CampaignReport`."""
    ok = report.columns["status"] == "ok"
    out = {}
    for k, o in enumerate(report.outputs):
        values = np.asarray(report.columns[o.name], dtype=float)[ok]
        shapes = [] if not np.isfinite(o.nominal) else [
            {"type": "line", "x0": o.nominal, "x1": o.nominal, "yref": "paper", "y0": 0, "y1": 1,
             "line": {"color": "#ff5050", "dash": "dash"}}]
        out[f"chart-histogram-{k}"] = {
            "data": [{"type": "histogram", "x": _finite(values), "name": o.name, "marker": {"color": "#00c8ff"}}],
            "layout": charts.dark_layout(f"{o.name}: {o.count} samples (nominal dashed)", height=320, shapes=shapes,
                                     xaxis={"title": {"text": o.name}}, yaxis={"title": {"text": "samples"}})}
    running = []
    for o in report.outputs:
        values = np.asarray(report.columns[o.name], dtype=float)[ok]
        values = values[np.isfinite(values)]
        mean = np.cumsum(values) / np.arange(1, len(values) + 1)
        scale = o.sigma if o.sigma > 0 else 1.0
        running.append({"type": "scatter", "mode": "lines", "name": o.name, "x": list(range(1, len(values) + 1)),
                        "y": np.round((mean - o.mean) / scale, 6).tolist()})
    out["chart-convergence"] = {"data": running, "layout": charts.dark_layout(
        "Running mean minus the final mean, in final standard deviations", height=360,
        xaxis={"title": {"text": "samples"}}, yaxis={"title": {"text": "sigma"}})}
    pair = report.manifest["campaign"].get("ellipse")
    if pair:
        x, y = (np.asarray(report.columns[n], dtype=float)[ok] for n in pair)
        both = np.isfinite(x) & np.isfinite(y)
        out["chart-ellipse"] = {"data": [{"type": "scatter", "mode": "markers", "name": "samples",
                                          "x": _finite(x[both]), "y": _finite(y[both]), "marker": {"size": 4}}],
                                "layout": charts.dark_layout(f"{pair[0]} against {pair[1]}", height=420,
                                                         xaxis={"title": {"text": pair[0]}},
                                                         yaxis={"title": {"text": pair[1]}})}
    if report.landing is not None:
        out["chart-landing"] = _landing_chart(report, ok)
    return out


def _landing_chart(report, ok) -> dict:
    """The landing points (lon, lat deg), their 99 % ellipse, the target and the marks."""
    chart = report.manifest["campaign"]["landing_map"]
    lat, lon = (np.asarray(report.columns[chart[k]], dtype=float)[ok] for k in ("lat", "lon"))
    both = np.isfinite(lat) & np.isfinite(lon)
    outline_lat, outline_lon = report.landing.outline_deg()
    e = report.landing
    data = [{"type": "scatter", "mode": "markers", "name": f"{int(both.sum())} landing points",
             "x": _finite(lon[both]), "y": _finite(lat[both]), "marker": {"size": 4}},
            {"type": "scatter", "mode": "lines", "name": f"99 % ellipse, {e.semi_major_km:.2f} x {e.semi_minor_km:.2f} km",
             "x": _finite(outline_lon), "y": _finite(outline_lat)}]
    marks = ([("target", chart["target"])] if chart.get("target") else []) + list(chart.get("marks", {}).items())
    for name, (m_lat, m_lon) in marks:
        data.append({"type": "scatter", "mode": "markers", "name": name, "x": [m_lon], "y": [m_lat],
                     "marker": {"size": 12, "symbol": "cross" if name == "target" else "star"}})
    return {"data": data, "layout": charts.dark_layout(
        "Landing points (geodetic latitude against east longitude, deg)", height=480,
        xaxis={"title": {"text": "east longitude (deg)"}},
        yaxis={"title": {"text": "latitude (deg)"}, "scaleanchor": "x",
               "scaleratio": float(1.0 / np.cos(np.radians(e.centre_lat_deg)))})}


def write_campaign_page(report, folder) -> Path:
    """Write ``campaign.html`` for ``report`` into ``folder``; returns its path."""
    figures = campaign_charts(report)
    html = page.render("campaign.html.j2", report=report, chart_ids=list(figures), data=page.script_json(figures))
    return page.write_page(Path(folder) / CAMPAIGN_PAGE, html)
