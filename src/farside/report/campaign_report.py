"""The report of a campaign's results folder: statistics per output with confidence intervals,
the failure rate and its reasons (a run that failed, by its error and what was expected; a run
that broke one of the campaign's ``limits``, by the limit's reason), the 99 % delta-v and
propellant margins per module, the 99 % landing ellipse of a ``landing_map``, and the figures
(histograms, convergence, dispersion ellipse, landing map); written as ``statistics.csv``,
``statistics.json`` and PNG files in the folder, each atomically. The statistics are over the
runs that flew (status ok), limits broken or not."""
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from farside.campaign import statistics, store
from farside.io.atomic import atomic_write
from farside.io.csv_table import write_csv
from farside.report import campaign_plots


SPREAD_BASIS = {False: "prediction: the samples fly the nominal controls (targets fixed at their nominal solution, "
                       "guidance laws closing their own loops) with dispersed inputs",
                True: "prediction, except a target's spread: the corrector's accuracy (the samples retarget)"}
"""What the samples' spread of an output is evidence of (the nominal value's own basis is per output)."""


@dataclass
class CampaignReport:
    name: str
    samples: int
    planned: int
    failed: int
    failure_rate: float
    failure_ci: tuple
    reasons: dict
    outputs: list
    margins: dict
    columns: dict
    manifest: dict
    landing: object = None
    """:class:`farside.campaign.statistics.LandingEllipse` of the ``landing_map`` outputs (or None)."""


def reason_key(reason) -> str:
    """A failed run's reason grouped: its error's type and, for a value refused, the first clause
    of what was expected (``ScenarioError: a target within the reachable ranges``)."""
    kind, _, message = str(reason).partition(": ")
    _, found, allowed = message.partition(" is not allowed: expected ")
    return f"{kind}: {re.split(r' [(]|, |: ', allowed, maxsplit=1)[0]}" if found else kind


def limits_broken(columns, ok, limits) -> tuple:
    """``(broken mask, Counter of reasons)``: runs that flew (``ok``) but break a limit, each
    counted once, under the first limit it breaks."""
    broken = np.zeros(len(ok), dtype=bool)
    reasons = Counter()
    for limit in limits:
        values = np.asarray(columns[limit["output"]], dtype=float)
        over = np.zeros(len(ok), dtype=bool)
        if limit.get("max") is not None:
            over |= values > limit["max"]
        if limit.get("min") is not None:
            over |= values < limit["min"]
        over &= ok & ~broken
        if over.any():
            reasons[limit["reason"]] += int(over.sum())
        broken |= over
    return broken, reasons


def build(folder) -> CampaignReport:
    columns, manifest = store.read_results(folder)
    ok = columns["status"] == "ok"
    names = manifest["outputs"]
    nominal = manifest.get("nominal", {})
    stats = [statistics.describe(n, np.where(ok, columns[n], np.nan), nominal.get(n, np.nan)) for n in names]
    broken, reasons = limits_broken(columns, ok, manifest["campaign"].get("limits") or [])
    reasons = dict(Counter(reason_key(r) for r in columns["reason"][~ok]) + reasons)
    failed = int((~ok).sum() + broken.sum())
    rate, ci = statistics.failure_rate(failed, len(ok))
    outputs = {o["name"]: o for o in manifest["campaign"]["outputs"]}
    margins = {n: statistics.margin_99(s) for n, s in zip(names, stats)
               if outputs[n].get("delta_v") or outputs[n].get("propellant")}
    chart = manifest["campaign"].get("landing_map")
    landing = None if not chart else statistics.landing_ellipse(np.where(ok, columns[chart["lat"]], np.nan),
                                                                np.where(ok, columns[chart["lon"]], np.nan))
    return CampaignReport(manifest["name"], len(ok), manifest["samples"], failed, rate, ci, reasons, stats, margins,
                          columns, manifest, landing)


def landing_summary(report) -> dict | None:
    """The landing ellipse's figures for ``statistics.json`` (km, deg), or None."""
    e = report.landing
    if e is None:
        return None
    out = {"samples": e.count, "probability": e.probability, "centre_lat_deg": e.centre_lat_deg,
           "centre_lon_deg": e.centre_lon_deg, "semi_major_km": e.semi_major_km, "semi_minor_km": e.semi_minor_km,
           "major_axis_azimuth_deg": e.azimuth_deg}
    target = report.manifest["campaign"]["landing_map"].get("target")
    if target:
        north = np.radians(e.centre_lat_deg - target[0]) * statistics.LANDING_RADIUS_KM
        east = np.radians(e.centre_lon_deg - target[1]) * statistics.LANDING_RADIUS_KM * np.cos(np.radians(target[0]))
        out["centre_from_target_km"] = float(np.hypot(east, north))
    return out


def _null_if_undefined(value):
    """``value`` with every NaN or infinity (a statistic undefined for one sample, or for none)
    replaced by None: strict JSON, as a browser's ``JSON.parse`` reads it."""
    if isinstance(value, dict):
        return {k: _null_if_undefined(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_null_if_undefined(v) for v in value]
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def write(report: CampaignReport, folder) -> list:
    folder = Path(folder)
    rows = []
    for s in report.outputs:
        rows.append([s.name, s.count, s.non_finite, s.nominal, s.mean, *s.mean_ci, s.sigma, *s.sigma_ci]
                    + [v for q in statistics.PERCENTILES for v in (s.percentiles[q], *s.percentile_ci[q])])
    header = ["output", "count", "non_finite", "nominal", "mean", "mean_ci_low", "mean_ci_high", "sigma", "sigma_ci_low",
              "sigma_ci_high"] + [f"p{q:g}{suffix}" for q in statistics.PERCENTILES for suffix in ("", "_ci_low", "_ci_high")]
    paths = [folder / "statistics.csv", folder / "statistics.json"]
    write_csv(paths[0], header, ([r[0], str(r[1]), str(r[2])] + [f"{v:.9g}" for v in r[3:]] for r in rows))
    summary = {"campaign_run": report.manifest.get("run"), "name": report.name, "samples": report.samples, "planned": report.planned, "failed": report.failed,
               "failure_rate": report.failure_rate, "failure_rate_ci95": list(report.failure_ci),
               "failure_reasons": report.reasons, "margin_99": report.margins,
               "landing_ellipse_99": landing_summary(report),
               "outputs": {r[0]: dict(zip(header[1:], [float(v) for v in r[1:]])) for r in rows},
               "basis": {"nominal": {r[0]: report.manifest.get("basis", {}).get(r[0]) for r in rows},
                         "spread": SPREAD_BASIS[bool(report.manifest["campaign"].get("retarget"))]}}
    text = json.dumps(_null_if_undefined(summary), indent=2, allow_nan=False)
    atomic_write(paths[1], lambda h: h.write(text), binary=False)
    names = [s.name for s in report.outputs]
    ok_columns = {n: np.where(report.columns["status"] == "ok", report.columns[n], np.nan) for n in names}
    nominal = report.manifest.get("nominal", {})
    plotted = [n for n in names if np.isfinite(ok_columns[n]).sum() >= 2]   # a histogram needs two samples
    if plotted:
        paths.append(campaign_plots.histograms(ok_columns, plotted, nominal, folder / "histograms.png", report.name))
        paths.append(campaign_plots.convergence(ok_columns, plotted, folder / "convergence.png", report.name))
    pair = report.manifest["campaign"].get("ellipse")
    if pair and all(n in plotted for n in pair):
        paths.append(campaign_plots.ellipse(ok_columns, pair[0], pair[1], folder / "ellipse.png",
                                            f"{report.name}: 3-sigma dispersion", nominal))
    chart = report.manifest["campaign"].get("landing_map")
    if chart and report.landing is not None:
        paths.append(campaign_plots.landing_map(ok_columns[chart["lat"]], ok_columns[chart["lon"]], report.landing,
                                                chart, folder / "landing_map.png", f"{report.name}: landing points"))
    return paths
