"""What a flown entry shows: its events, loads, heating and landing, from the flown steps.

Events (each at a flown step, so to within one step, 0.2 s by default): the first entry (the
interface), the lowest point of the first dip, the skip's exit (the aerodynamic load falling
below ``skip_load_g`` after the first dip), the skip's apogee (highest point before the load
rises again), the second entry (the load back above ``skip_load_g``), the parachute's opening and
the touchdown. Load: the aerodynamic acceleration (lift, drag and parachute) in g0; the second
dip's peak is the capsule's before the parachute opens, the parachute's opening load apart.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro.time import Epoch
from farside.core import entry_flight as kernel
from farside.dynamics.events import EventOccurrence
from farside.gnc.entry_heating import STANDARD_GRAVITY_M_S2, heat_load_j_m2, sutton_graves_w_m2


@dataclass(frozen=True)
class EntryReport:
    """Figures of merit of a flown entry (SI units in the names)."""
    interface_utc: str
    interface_speed_m_s: float
    interface_inertial_speed_m_s: float
    interface_flight_path_deg: float
    first_dip_min_altitude_km: float
    first_dip_peak_g: float
    skip_exit_utc: str | None
    skip_apogee_km: float | None
    second_entry_utc: str | None
    second_entry_speed_m_s: float | None
    second_dip_peak_g: float
    parachute_peak_g: float
    peak_heat_flux_mw_m2: float
    heat_load_mj_m2: float
    parachute_utc: str
    parachute_altitude_km: float
    touchdown_utc: str
    touchdown_lat_deg: float
    touchdown_lon_deg: float
    touchdown_speed_m_s: float
    interface_to_touchdown_s: float
    range_flown_km: float
    miss_m: float
    predictions: int


def _load_g(rows, spec):
    mach, c_d, c_l = spec.capsule.table()
    speed = rows[:, kernel.H_SPEED]
    m = speed / rows[:, kernel.H_SOUND]
    area = spec.capsule.reference_area_m2
    chute = rows[:, kernel.H_CHUTE]
    drag = np.interp(m, mach, c_d) * area + chute
    lift = np.where(chute > 0.0, 0.0, np.interp(m, mach, c_l) * area * spec.lift_factor)
    q = 0.5 * rows[:, kernel.H_RHO] * speed ** 2
    return q * np.hypot(drag, lift) / rows[:, kernel.H_Y + 6] / STANDARD_GRAVITY_M_S2


def _ground_range_km(rows):
    lat, lon = rows[:, kernel.H_LAT], rows[:, kernel.H_LON]
    c = np.sin(lat[:-1]) * np.sin(lat[1:]) + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.cos(np.diff(lon))
    return float(np.sum(np.arccos(np.clip(c, -1.0, 1.0))) * 6371.0088)


def _phases(load, height, threshold):
    """Indices (dip minimum, exit, apogee, second entry); the last three None without a skip."""
    above = load >= threshold
    first_on = int(np.argmax(above)) if above.any() else 0
    off = np.nonzero(~above[first_on:])[0]
    if not above.any() or off.size == 0:
        return int(np.argmin(height)), None, None, None
    exit_i = first_on + int(off[0])
    back = np.nonzero(above[exit_i:])[0]
    dip = int(np.argmin(height[:exit_i]))
    if back.size == 0:
        return dip, exit_i, None, None
    second = exit_i + int(back[0])
    return dip, exit_i, exit_i + int(np.argmax(height[exit_i:second])), second


def _utc(t1, rows, i):
    return None if i is None else Epoch.from_tdb_seconds(t1, rows[i, kernel.H_TAU]).iso("utc", 1)


def analyse(t1, rows, spec, interface_inertial_speed, interface_fpa_deg, miss_m):
    """(report, events, series) of the flown steps ``rows`` starting at TDB ``t1``; ``series``
    has the time histories the figures plot."""
    load = _load_g(rows, spec)
    height = rows[:, kernel.H_HEIGHT]
    dip, exit_i, apogee, second = _phases(load, height, spec.skip_load_g)
    flux = sutton_graves_w_m2(rows[:, kernel.H_RHO], rows[:, kernel.H_SPEED], spec.capsule.nose_radius_m)
    tau = rows[:, kernel.H_TAU]
    opened = rows[:, kernel.H_CHUTE] > 0.0
    chute = int(np.argmax(opened)) - 1 if opened.any() else len(rows) - 1
    split = exit_i if exit_i is not None else len(rows)
    last = rows[-1]
    named = [("first entry", 0), ("first dip lowest point", dip), ("skip exit", exit_i), ("skip apogee", apogee),
             ("second entry", second), ("parachute", chute), ("touchdown", len(rows) - 1)]
    events = [EventOccurrence(name, Epoch.from_tdb_seconds(t1, rows[i, kernel.H_TAU]),
                              rows[i, kernel.H_Y:kernel.H_Y + 7].copy()) for name, i in named if i is not None]
    report = EntryReport(
        _utc(t1, rows, 0), float(rows[0, kernel.H_SPEED]), interface_inertial_speed, interface_fpa_deg,
        float(height[dip] / 1000.0), float(load[:split].max()), _utc(t1, rows, exit_i),
        None if apogee is None else float(height[apogee] / 1000.0), _utc(t1, rows, second),
        None if second is None else float(rows[second, kernel.H_SPEED]),
        float(load[split:chute + 1].max()) if split <= chute else 0.0, float(load[chute + 1:].max(initial=0.0)),
        float(flux.max() / 1e6),
        heat_load_j_m2(tau, flux) / 1e6, _utc(t1, rows, chute), float(height[chute] / 1000.0),
        _utc(t1, rows, len(rows) - 1), float(np.degrees(last[kernel.H_LAT])), float(np.degrees(last[kernel.H_LON])),
        float(last[kernel.H_SPEED]), float(tau[-1]), _ground_range_km(rows), float(miss_m),
        int(last[kernel.H_PREDICTIONS]))
    series = {"time_s": tau, "altitude_km": height / 1000.0, "speed_m_s": rows[:, kernel.H_SPEED], "load_g": load,
              "heat_flux_mw_m2": flux / 1e6, "bank_deg": np.degrees(rows[:, kernel.H_BANK]),
              "bank_command_deg": np.degrees(rows[:, kernel.H_BANK_CMD]),
              "lat_deg": np.degrees(rows[:, kernel.H_LAT]), "lon_deg": np.degrees(rows[:, kernel.H_LON])}
    return report, events, series
