"""Alert latency through a station network and bulk-data contacts.

An alert leaves the satellite ``onboard_delay_s`` after the trigger (localisation), as soon as a
station of the alert network sees the satellite above its mask; it reaches the science centre
``ground_delay_s`` later. Visibility is searched on a 1 s grid of the dense trajectory over
``ALERT_SEARCH_S`` after the trigger (ITRF93 from :func:`sky_grid.gcrf_to_itrf`).
"""
import numpy as np

from farside.comms.station_network import StationNetwork, windows_from_flags
from farside.mission.observatory.sky_grid import gcrf_to_itrf

ALERT_SEARCH_S = 3.0 * 3600.0
"""Two orbits: a satellite under ~45 stations of the low-latitude band sees one well before."""
SEARCH_CHUNK_S = 600.0


def network(spec) -> StationNetwork:
    """The :class:`StationNetwork` of a scenario's network block."""
    s = spec.stations
    return StationNetwork(tuple(x.name for x in s), np.radians([x.lat_deg for x in s]),
                          np.radians([x.lon_deg for x in s]), np.array([x.height_m for x in s]),
                          np.radians(spec.mask_deg))


def _first_contact(segment, net, t_from, t_to):
    """First epoch (1 s grid) in [t_from, t_to) a station sees the satellite, searched in chunks
    of ``SEARCH_CHUNK_S``; NaN if none."""
    for lo in np.arange(t_from, t_to, SEARCH_CHUNK_S):
        t = np.arange(lo, min(lo + SEARCH_CHUNK_S, t_to), 1.0)
        r = segment.state_vectors(t)[:, :3]
        visible = net.in_view(np.einsum("nij,nj->ni", gcrf_to_itrf(t), r))
        if visible.any():
            return float(t[np.argmax(visible)])
    return np.nan


def alert_latencies(segment, trigger_times_s, onboard_delay_s, spec) -> np.ndarray:
    """Latency (s) from each trigger to the alert's arrival on the ground (NaN: no station within
    the search span or the trajectory's end)."""
    net = network(spec)
    end = segment.end.tdb_seconds
    out = np.full(len(trigger_times_s), np.nan)
    for k, t0 in enumerate(trigger_times_s):
        first = _first_contact(segment, net, t0 + onboard_delay_s, min(t0 + onboard_delay_s + ALERT_SEARCH_S, end))
        out[k] = first - t0 + spec.ground_delay_s
    return out


def contacts(grid, spec) -> list:
    """Contact windows ``[(start_s, end_s), ...]`` with any station of the bulk-data network."""
    return windows_from_flags(grid.t_s, network(spec).in_view(grid.r_itrf_m))
