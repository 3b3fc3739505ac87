"""The observatory's figures beside the published ones, and its files: ``triggers.csv`` (one row
per trigger), ``exposure.fits`` (HEALPix, Galactic, ring order), ``summary.json``. Each row of the
comparison is marked ``input`` (the scenario states it), ``target`` or ``prediction``."""
import json

import numpy as np

from farside.astro.galactic import galactic_lb
from farside.astro.saa import inside_gbm_polygon
from farside.astro.time import Epoch
from farside.io.atomic import atomic_path, atomic_write
from farside.io.run_stamp import RunStamp, new_run
from farside.io.csv_table import write_csv
from farside.mission.observatory.simulation import slewing_fraction


def _published(sc, key):
    p = sc.published.get(key)
    return (p.value, p.source) if p is not None else ("not found", "")


def _pct(x):
    return f"{100.0 * x:.1f} %"


def figures(result) -> dict:
    """Named scalar results (SI units or fractions in the names)."""
    g, sc = result.grid, result.scenario
    followed = [t for t in result.triggers if t.accepted]
    response = np.array([t.response_s for t in followed if np.isfinite(t.response_s)])
    latency = result.alert_latency_s[np.isfinite(result.alert_latency_s)]
    sky = result.exposure
    poles, plane = np.abs(sky.b_rad) > np.radians(60.0), np.abs(sky.b_rad) < np.radians(10.0)
    contact_s = sum(b - a + g.dt_s for a, b in result.contacts)
    days = (g.t_s[-1] - g.t_s[0] + g.dt_s) / 86400.0
    return {
        "days": days, "period_s": result.orbit.period_s, "node_sun_period_days": result.orbit.node_sun_period_days,
        "node_sun_period_j2_days": result.orbit.node_sun_period_j2_days,
        "nodal_rate_deg_day": result.orbit.nodal_rate_deg_day, "nodal_rate_j2_deg_day": result.orbit.nodal_rate_j2_deg_day,
        "saa_fraction": float(np.mean(g.in_saa)),
        "gbm_polygon_fraction": float(np.mean(inside_gbm_polygon(g.lat_rad, g.lon_rad))),
        "exposure_peak_l_deg": sky.peak_lb_deg()[0], "exposure_peak_b_deg": sky.peak_lb_deg()[1],
        "exposure_poles_over_plane": (sky.mean_where(poles) / sky.mean_where(plane) if sky.mean_where(plane) > 0.0
                                      else np.inf),
        "bursts": result.n_bursts, "triggers": len(result.triggers), "followed": len(followed),
        "followed_fraction": len(followed) / max(len(result.triggers), 1),
        "response_median_s": float(np.median(response)) if response.size else np.nan,
        "response_p90_s": float(np.percentile(response, 90)) if response.size else np.nan,
        "alert_median_s": float(np.median(latency)) if latency.size else np.nan,
        "alert_below_30s_fraction": float(np.mean(latency < 30.0)) if latency.size else np.nan,
        "slewing_fraction": slewing_fraction(result), "wide_live_fraction": float(np.mean(result.live)),
        "contacts_per_day": len(result.contacts) / days, "contact_minutes_per_day": contact_s / 60.0 / days,
        "decay_m_day": result.orbit.decay_m_day, "lifetime_years": result.orbit.lifetime_years,
    }


def comparison_rows(result) -> list:
    """``(figure, farside, published, source, basis)`` rows."""
    sc, f = result.scenario, figures(result)
    o = sc.orbit
    rows = [("insertion orbit", f"{o.perigee_altitude_km:g} x {o.apogee_altitude_km:g} km, {o.inclination_deg:g} deg",
             "626 x 632 km, 29-30 deg", "Space-Jahrbuch launch report; svom.eu", "input"),
            (f"{sc.wide.name} field", field_text(sc.wide), field_text(sc.wide), sc.wide.source, "input")]
    rows += [(f"{i.name} field", field_text(i), field_text(i), i.source, "input") for i in sc.narrow]
    rows += [("orbital period", f"{f['period_s'] / 60.0:.2f} min", *_published(sc, "period"), "prediction"),
             ("node period relative to the Sun", f"{f['node_sun_period_days']:.1f} d (J2 closed form "
              f"{f['node_sun_period_j2_days']:.1f} d)", *_published(sc, "node_sun_period"), "prediction"),
             ("time in the SAA", f"{_pct(f['saa_fraction'])} (inside the Fermi/GBM polygon: "
              f"{_pct(f['gbm_polygon_fraction'])})", *_published(sc, "saa_time_loss"), "prediction"),
             (f"{sc.wide.name} exposure maximum", f"l = {f['exposure_peak_l_deg']:.0f}, b = {f['exposure_peak_b_deg']:.0f} deg; "
              f"|b| > 60 / |b| < 10 mean ratio {f['exposure_poles_over_plane']:.2f}", *_published(sc, "exposure_peak"),
              "prediction"),
             (f"{sc.wide.name} triggers", f"{f['triggers']} of {f['bursts']} bursts in {f['days']:.0f} d",
              *_published(sc, "eclairs_bursts"), "prediction"),
             ("trigger to narrow field on target", f"median {f['response_median_s']:.0f} s, 90 % {f['response_p90_s']:.0f} s",
              *_published(sc, "response_time"), "prediction"),
             ("triggers followed", f"{f['followed']} ({_pct(f['followed_fraction'])})", "not found", "", "prediction"),
             ("alert latency", f"median {f['alert_median_s']:.0f} s, {_pct(f['alert_below_30s_fraction'])} below 30 s",
              *_published(sc, "alert_latency"), "prediction"),
             ("time slewing", _pct(f["slewing_fraction"]), "not found", "", "prediction"),
             (f"{sc.wide.name} live (observing efficiency)", _pct(f["wide_live_fraction"]), "not found", "", "prediction"),
             ("bulk-data contacts", f"{f['contacts_per_day']:.1f} a day, {f['contact_minutes_per_day']:.0f} min a day",
              "not found", "", "prediction"),
             ("orbit decay, lifetime", f"{f['decay_m_day']:.1f} m/day; {f['lifetime_years']:.0f} years to 150 km",
              *_published(sc, "lifetime"), "prediction")]
    return rows


def field_text(instrument) -> str:
    if instrument.field_solid_angle_sr is not None:
        return f"{instrument.field_solid_angle_sr:g} sr, {instrument.band}"
    return f"{instrument.field_side_deg:g} deg square, {instrument.band}"


def write_outputs(result, folder, stamp: RunStamp | None = None) -> list:
    """Write ``triggers.csv``, ``exposure.fits`` and ``summary.json`` into ``folder``, the last two
    stamped with ``stamp`` (default: a new run's; the FITS header's RUNID and CREATOR)."""
    stamp = stamp or new_run()
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for t, latency in zip(result.triggers, result.alert_latency_s):
        l, b = galactic_lb(t.burst.direction)
        rows.append([Epoch.from_tdb_seconds(t.burst.t_s).iso("utc", 1), f"{float(np.degrees(l)):.3f}",
                     f"{float(np.degrees(b)):.3f}", f"{np.degrees(t.off_axis_rad):.2f}", f"{t.burst.fluence:.3e}",
                     "yes" if t.accepted else "no", t.reason, f"{np.degrees(t.slew_angle_rad):.2f}",
                     f"{t.response_s:.1f}", f"{latency:.1f}"])
    write_csv(folder / "triggers.csv", ["trigger_utc", "l_deg", "b_deg", "off_axis_deg", "fluence_erg_cm2", "followed",
                                        "reason", "slew_deg", "on_target_after_s", "alert_latency_s"], rows)
    _write_fits(result.exposure, folder / "exposure.fits", stamp)
    summary = {"run": stamp.record(), "scenario": result.scenario.name, "figures": figures(result), "timings_s": result.timings_s,
               "comparison": [dict(zip(("figure", "farside", "published", "source", "basis"), r))
                              for r in comparison_rows(result)]}
    atomic_write(folder / "summary.json", lambda h: h.write(json.dumps(summary, indent=2, default=float)), binary=False)
    return [folder / n for n in ("triggers.csv", "exposure.fits", "summary.json")]


def _write_fits(sky, path, stamp: RunStamp):
    from astropy.io import fits
    hdu = fits.BinTableHDU.from_columns([fits.Column(name="EXPOSURE", format="D", unit="s", array=sky.seconds)])
    for key, value in (("PIXTYPE", "HEALPIX"), ("ORDERING", "RING"), ("NSIDE", sky.nside), ("COORDSYS", "G"),
                       ("INDXSCHM", "IMPLICIT"), ("FIRSTPIX", 0), ("LASTPIX", sky.seconds.size - 1),
                       ("CREATOR", f"farside {stamp.farside_version}"), ("RUNID", stamp.run_id)):
        hdu.header[key] = value
    with atomic_path(path) as tmp:
        fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(tmp, overwrite=True)
