"""The files of a relay analysis and of a frozen-orbit run (CSV, written atomically):

- ``relay_windows.csv``: link, start and end (UTC), duration of every window;
- ``relay_timeline.csv``: relay elevation at the site, lander-link margin at the operating rate
  (empty while the relay is below the site's terrain horizon), the highest rate the links close
  and the operating rate (0 outside end-to-end windows), and the data volume at each;
- ``surface_stay.csv``: local solar time, Sun and Earth elevation and azimuth, terrain towards them;
- ``frozen_orbit.csv``: one-revolution mean e and argument of periselene, periselene altitude.
"""
import numpy as np

from farside.astro.time import Epoch
from farside.io.atomic import output_path
from farside.io.csv_table import write_csv


def _utc(t, digits=0):
    return Epoch.from_tdb_seconds(t).iso("utc", digits)


def window_rows(result) -> list:
    """``[(link, start_s, end_s)]``: lander -> relay, relay -> each station, end to end."""
    sc = result.scenario
    rows = [(f"{sc.surface.name} -> {sc.relay.name}", lo, hi) for lo, hi in result.lander_windows]
    rows += [(f"{sc.relay.name} -> {name}", lo, hi) for name, ws in result.station_windows.items() for lo, hi in ws]
    return rows + [("end to end", lo, hi) for lo, hi in result.end_to_end]


def write_relay_files(result, folder) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [output_path(folder, name, name) for name in ("relay_windows.csv", "relay_timeline.csv",
                                                          "surface_stay.csv")]
    write_csv(paths[0], ["link", "start_utc", "end_utc", "duration_s"],
              ([link, _utc(lo, 3), _utc(hi, 3), f"{hi - lo:.3f}"] for link, lo, hi in window_rows(result)))
    write_csv(paths[1], ["utc", "relay_elevation_deg", "lander_margin_db", "max_rate_bps", "max_rate_volume_bits",
                         "operating_rate_bps", "operating_volume_bits"],
              ([_utc(t), f"{el:.4f}", "" if np.isnan(m) else f"{m:.3f}", f"{top:.1f}", f"{top_vol:.1f}", f"{op:.1f}",
                f"{op_vol:.1f}"] for t, el, m, top, top_vol, op, op_vol in
               zip(result.times_s, result.lander_elevation_deg, result.lander_margin_db, result.max_rate_bps,
                   result.max_rate_volume_bits, result.operating_rate_bps, result.operating_volume_bits)))
    write_sky_csv(result.sky, paths[2])
    return paths


def write_sky_csv(sky, path):
    """The Sun and the Earth over a lunar site (a :class:`farside.comms.site_sky.Sky`) as CSV."""
    write_csv(path, ["utc", "local_solar_time_h", "sun_elevation_deg", "sun_azimuth_deg", "terrain_towards_sun_deg",
                     "earth_elevation_deg", "earth_azimuth_deg", "terrain_towards_earth_deg"],
              ([_utc(t)] + [f"{x:.4f}" for x in values] for t, *values in
               zip(sky.times_s, sky.local_time_h, sky.sun_elevation_deg, sky.sun_azimuth_deg, sky.sun_mask_deg,
                   sky.earth_elevation_deg, sky.earth_azimuth_deg, sky.earth_mask_deg)))
    return path


def write_frozen_orbit_csv(stability, path):
    write_csv(path, ["utc", "mean_e", "mean_argp_deg", "periselene_altitude_km"],
              ([_utc(t), f"{e:.6f}", f"{w:.4f}", f"{h / 1e3:.3f}"] for t, e, w, h in
               zip(stability.times_s, stability.mean_e, stability.mean_omega_deg, stability.periselene_altitude_m)))
