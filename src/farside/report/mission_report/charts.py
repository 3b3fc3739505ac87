"""The report's 2-D charts as plotly.js figure specifications (``{"data": [...], "layout": {...}}``):
altitude and speed against time, the delta-v and propellant budget, the powered descent over the
lunar DEM, the Sun and the Earth over the landing site, and the relay contact windows.
"""
import numpy as np

from farside.astro import bodies, frames, terrain
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.time import Epoch

CHART_STEP = 20
"""One state sample in ``CHART_STEP`` (20 min at the run's 60 s) on the altitude and speed chart, and
every sample below 30 km."""
DARK = {"paper_bgcolor": "#10141c", "plot_bgcolor": "#10141c", "font": {"color": "#d8dee9"},
        "margin": {"l": 70, "r": 20, "t": 40, "b": 50}, "legend": {"orientation": "h"}}


def dark_layout(title, **extra) -> dict:
    return {**DARK, "title": {"text": title}, **extra}


def altitude_speed(run) -> dict:
    """Altitude above the central body's mean radius (km, log axis) and speed about it (km/s)."""
    data = []
    for k, m in enumerate(run.modules):
        index = np.arange(len(m.tdb_s))
        radius_m = np.where(m.center == "moon", MOON_MEAN_RADIUS_M, bodies.get("earth").mean_radius_m)
        altitude_km = (np.linalg.norm(m.r_m, axis=1) - radius_m) / 1e3
        keep = (index % CHART_STEP == 0) | (altitude_km < 30.0)
        keep[-1] = True
        x = m.utc_ms[keep].astype(np.float64)
        hover = [f"about the {c}" for c in m.center[keep]]
        data.append({"type": "scatter", "mode": "lines", "name": f"{m.name} altitude", "x": x, "text": hover,
                     "y": np.maximum(altitude_km[keep], 1e-3).astype(np.float32), "legendgroup": m.name})
        data.append({"type": "scatter", "mode": "lines", "name": f"{m.name} speed", "x": x, "yaxis": "y2",
                     "y": (np.linalg.norm(m.v_m_s[keep], axis=1) / 1e3).astype(np.float32), "legendgroup": m.name,
                     "line": {"dash": "dot"}, "text": hover})
    return {"data": data, "layout": dark_layout("Altitude (about the Earth or the Moon) and speed", height=480,
                                           yaxis={"title": {"text": "altitude km"}, "type": "log", "domain": [0.45, 1]},
                                           yaxis2={"title": {"text": "speed km/s"}, "domain": [0, 0.4]},
                                           xaxis={"title": {"text": "UTC"}, "type": "date"})}


def budget(summary) -> dict:
    """Delta-v and propellant of every burn, one bar colour per module."""
    data = []
    modules = list(dict.fromkeys(b["module"] for b in summary["burns"]))
    for module in modules:
        burns = [b for b in summary["burns"] if b["module"] == module]
        labels = [f"{b['phase']} ({b['start_utc'][:16]})" for b in burns]
        data.append({"type": "bar", "name": f"{module} delta-v", "x": labels, "legendgroup": module,
                     "y": [round(b["delta_v_m_s"], 2) for b in burns]})
        data.append({"type": "bar", "name": f"{module} propellant", "x": labels, "yaxis": "y2", "legendgroup": module,
                     "y": [round(b["propellant_kg"], 1) for b in burns], "opacity": 0.6})
    return {"data": data, "layout": dark_layout(f"Burns: total delta-v {summary['total_delta_v_m_s']:.1f} m/s", height=520,
                                           barmode="group", yaxis={"title": {"text": "delta-v m/s"},
                                                                   "domain": [0.55, 1]},
                                           yaxis2={"title": {"text": "propellant kg"}, "domain": [0, 0.45]},
                                           xaxis={"automargin": True, "tickangle": -30})}


def _phase(summary, name):
    return next((p for p in summary["phases"] if p["name"] == name), None)


J2000_UTC = np.datetime64("2000-01-01T12:00:00", "ns")


def utc_to_tdb_s(texts) -> np.ndarray:
    """TDB seconds past J2000 of ISO 8601 UTC strings, parsed by numpy as nanoseconds of 86,400 s
    days past 2000-01-01T12:00 (what :meth:`farside.astro.time.Epoch.from_seconds` takes, leap
    seconds applied there; measured bit-identical to :class:`~farside.astro.time.Epoch` on the
    demo's descent epochs, 35 times faster); a leap second's ``:60``, which numpy refuses, goes
    through :class:`~farside.astro.time.Epoch`."""
    try:
        ns = (np.array(texts, dtype="datetime64[ns]") - J2000_UTC).astype(np.int64)
    except ValueError:
        return np.atleast_1d(Epoch(texts, "utc").tdb_seconds)
    return np.atleast_1d(Epoch.from_seconds((ns // 10**9).astype(float), "utc", (ns % 10**9) / 1e9).tdb_seconds)


def oem_window(path, start_utc, end_utc, center="MOON"):
    """UTC strings, TDB seconds and positions (m) of the OEM's states about ``center`` between two
    UTC epochs (ISO 8601 strings, compared as text): a scan of the data lines of a KVN OEM whose
    TIME_SYSTEM is UTC, as :func:`farside.mission.outputs.write_oem_files` writes it, parsing only
    the window."""
    rows, current = [], None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("CENTER_NAME"):
                current = line.split("=", 1)[1].strip()
            elif current == center and line[:1].isdigit() and start_utc <= line[:len(start_utc)] <= end_utc:
                rows.append(line.split())
    if not rows:
        return [], np.empty(0), np.empty((0, 3))
    utc = [r[0] for r in rows]
    return utc, utc_to_tdb_s(utc), np.array([r[1:4] for r in rows], dtype=float) * 1e3


def descent_profile(run) -> dict | None:
    """Height above the 1737.4 km sphere of the vehicle and of the DEM beneath it against the distance
    flown over the ground (km), from the module's OEM over the ``powered descent`` phase."""
    phase = _phase(run.summary, "powered descent")
    if phase is None:
        return None
    module = phase["stack"].lower().split("-")[0]
    oem = run.path / f"{module}.oem"
    if not oem.is_file():
        return None
    utc, t, r = oem_window(oem, phase["start_utc"], phase["end_utc"])
    if len(t) < 2:
        return None
    r_me = np.einsum("nij,nj->ni", frames.rotation("GCRF", "MOON_ME", t), r)
    lat = np.arcsin(r_me[:, 2] / np.linalg.norm(r_me, axis=1))
    lon = np.arctan2(r_me[:, 1], r_me[:, 0])
    unit = r_me / np.linalg.norm(r_me, axis=1)[:, None]
    step = np.arccos(np.clip(np.sum(unit[1:] * unit[:-1], axis=1), -1.0, 1.0))
    ground_km = np.round(np.concatenate([[0.0], np.cumsum(step)]) * MOON_MEAN_RADIUS_M / 1e3, 4)
    height_km = (np.linalg.norm(r_me, axis=1) - MOON_MEAN_RADIUS_M) / 1e3
    dem_km = terrain.dem_height_m(lat, lon) / 1e3
    return {"data": [{"type": "scatter", "mode": "lines", "name": module, "x": ground_km,
                      "y": np.round(height_km, 4),
                      "text": [u[:19].replace("T", " ") for u in utc]},
                     {"type": "scatter", "mode": "lines", "x": ground_km[[0, -1]], "showlegend": False,
                      "y": [round(float(dem_km.min()) - 1.0, 3)] * 2, "line": {"width": 0}, "hoverinfo": "skip"},
                     {"type": "scatter", "mode": "lines", "name": "lunar DEM beneath", "fill": "tonexty",
                      "x": ground_km, "y": np.round(dem_km, 4), "line": {"color": "#9a8f80"}}],
            "layout": dark_layout("Powered descent over the lunar DEM", height=420,
                              xaxis={"title": {"text": "distance over the ground km"}},
                              yaxis={"title": {"text": "height above the 1737.4 km sphere, km"}})}


def surface_stay(table) -> dict:
    x = [u.replace("T", " ") for u in table["utc"]]
    data = [{"type": "scatter", "mode": "lines", "name": name, "x": x, "y": [float(v) for v in table[column]]}
            for name, column in (("Sun elevation", "sun_elevation_deg"), ("Earth elevation", "earth_elevation_deg"),
                                 ("terrain towards the Sun", "terrain_towards_sun_deg"),
                                 ("terrain towards the Earth", "terrain_towards_earth_deg"))]
    return {"data": data, "layout": dark_layout("The Sun and the Earth over the landing site", height=400,
                                           yaxis={"title": {"text": "elevation deg"}}, xaxis={"title": {"text": "UTC"}})}


def relay_coverage(table) -> dict:
    """One horizontal bar per contact window, one row per link."""
    data = []
    for link in dict.fromkeys(table["link"]):
        rows = [k for k, name in enumerate(table["link"]) if name == link]
        data.append({"type": "bar", "orientation": "h", "name": link, "y": [link] * len(rows),
                     "base": [table["start_utc"][k].replace("T", " ") for k in rows],
                     "x": [float(table["duration_s"][k]) * 1e3 for k in rows],
                     "text": [f"{table['start_utc'][k]} to {table['end_utc'][k]}" for k in rows],
                     "textposition": "none", "hovertemplate": "%{y}<br>%{text}<extra></extra>", "width": 0.6})
    return {"data": data, "layout": dark_layout("Relay contact windows", height=360, showlegend=False, barmode="overlay",
                                           xaxis={"type": "date", "title": {"text": "UTC"}},
                                           yaxis={"automargin": True})}


def charts(run) -> dict:
    """Every chart the run's files allow, by element id."""
    out = {"chart-altitude": altitude_speed(run)}
    if run.summary.get("burns"):
        out["chart-budget"] = budget(run.summary)
    descent = descent_profile(run)
    if descent is not None:
        out["chart-descent"] = descent
    if "surface_stay" in run.tables:
        out["chart-surface"] = surface_stay(run.tables["surface_stay"])
    if "relay_windows" in run.tables:
        out["chart-relay"] = relay_coverage(run.tables["relay_windows"])
    return out
