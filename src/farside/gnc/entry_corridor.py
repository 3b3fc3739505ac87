"""The entry corridor at the interface: the flight-path angles a capsule can enter at and be
guided down, between the overshoot boundary (shallower, it skips out of the atmosphere even
flying lift down, bank 180 deg) and the undershoot boundary (steeper, its load passes the limit
even flying lift up, bank 0 deg) (the corridor of Chapman's lunar-return analysis, NASA TR R-55,
1960). Both come from the guidance's own predictor
(:mod:`farside.core.entry_predictor`, its USSA76 and its steps) at the interface's speed,
position and heading, the inertial flight-path angle varied in the plane of the trajectory. The
lateral reach, the footprint's half-width, comes from the same predictor
(:func:`lateral_reach_m`).
"""
import numpy as np

from farside.core import entry_predictor as P
from farside.errors import FarsideValueError
from farside.gnc.entry_heating import STANDARD_GRAVITY_M_S2

STEEPEST_DEG = -20.0
SHALLOWEST_DEG = -0.5
"""deg: the span the boundaries are searched in (inertial flight-path angle at the interface)."""


def flight_path_deg(y) -> float:
    """Inertial flight-path angle (deg) of the state ``y`` (GCRF, m and m/s)."""
    r, v = y[:3], y[3:6]
    return float(np.degrees(np.arcsin(np.dot(r, v) / (np.linalg.norm(r) * np.linalg.norm(v)))))


def with_flight_path(y, gamma_deg) -> np.ndarray:
    """``y`` with its velocity turned in the plane of ``r`` and ``v`` to the inertial flight-path
    angle ``gamma_deg``, its speed kept."""
    r, v = y[:3], y[3:6]
    up = r / np.linalg.norm(r)
    along = v - np.dot(v, up) * up
    along /= np.linalg.norm(along)
    gamma = np.radians(gamma_deg)
    out = np.array(y, dtype=float)
    out[3:6] = np.linalg.norm(v) * (np.cos(gamma) * along + np.sin(gamma) * up)
    return out


def _lands_lift_down(pred, g, ws, y):
    status, _, _ = P.predict_hf(pred, g, ws, 0.0, y, np.pi, 1.0, 0.0, np.pi, np.empty(3))
    return status == P.PREDICTED_LANDING


def _lift_up_load_g(pred, g, ws, y):
    P.predict_hf(pred, g, ws, 0.0, y, 0.0, 1.0, 0.0, 0.0, np.empty(3))
    return float(ws[2][P.B_PEAK_LOAD]) / STANDARD_GRAVITY_M_S2


def _edge(test, y, steep_deg, shallow_deg, iterations=24):
    """The flight-path angle (deg) where ``test`` turns from True (steep) to False (shallow), by
    bisection (to 20 deg / 2^24, 1e-6 deg)."""
    for _ in range(iterations):
        mid = 0.5 * (steep_deg + shallow_deg)
        if test(with_flight_path(y, mid)):
            steep_deg = mid
        else:
            shallow_deg = mid
    return 0.5 * (steep_deg + shallow_deg)


def corridor_deg(pred, g, ws, y, load_limit_g) -> tuple:
    """(steep edge, shallow edge) in deg at the interface state ``y``."""
    shallow = _edge(lambda s: _lands_lift_down(pred, g, ws, s), y, STEEPEST_DEG, SHALLOWEST_DEG)
    steep = _edge(lambda s: _lift_up_load_g(pred, g, ws, s) > load_limit_g, y, STEEPEST_DEG, shallow)
    return steep, shallow


def check_corridor(pred, g, ws, y, load_limit_g):
    """Raise `FarsideValueError` (argument ``state``) when the interface state ``y`` lies outside
    the corridor, naming its flight-path angle and the corridor; two predictions when inside."""
    fpa = flight_path_deg(y)
    if not _lands_lift_down(pred, g, ws, y):
        steep, shallow = corridor_deg(pred, g, ws, y, load_limit_g)
        raise FarsideValueError("state", f"an interface flight-path angle of {fpa:.2f} deg",
                                f"an entry steep enough not to skip out even flying lift down (bank 180 deg): "
                                f"the corridor is {steep:.2f} to {shallow:.2f} deg at this interface "
                                f"(too shallow: skips out)")
    load = _lift_up_load_g(pred, g, ws, y)
    if load > load_limit_g:
        steep, shallow = corridor_deg(pred, g, ws, y, load_limit_g)
        raise FarsideValueError("state", f"an interface flight-path angle of {fpa:.2f} deg",
                                f"an entry shallow enough to stay under the load limit even flying lift up "
                                f"(bank 0 deg; {load:.1f} g against {load_limit_g:g} g): the corridor is "
                                f"{steep:.2f} to {shallow:.2f} deg at this interface (too steep)")


LATERAL_BANKS_DEG = (45.0, 60.0, 75.0, 90.0)
"""Constant banks turned towards the target whose landings bound the lateral reach."""


def lateral_reach_m(pred, g, ws, y, v_rel, side) -> float:
    """The largest distance (m) off the interface's ground track, on ``side`` (+1 left, -1
    right), of the landings of constant banks turned that way with no reversal: the footprint's
    half-width at the ranges those banks fly, an estimate (other profiles may reach a little
    farther; a target beyond it by far is out of reach)."""
    flat = g.copy()
    flat[P.G_CORRIDOR_0_M], flat[P.G_CORRIDOR_SLOPE] = 1e12, 0.0
    landing = np.empty(3)
    reach = 0.0
    for bank in np.radians(LATERAL_BANKS_DEG):
        status, _, _ = P.predict_hf(pred, flat, ws, 0.0, y, bank, -side, 0.0, bank, landing)
        if status == P.PREDICTED_LANDING:
            flat[P.G_TARGET:P.G_TARGET + 3] = landing / np.linalg.norm(landing)
            cross, _ = P.target_geometry_hf(pred, flat, ws[2], 0.0, y, v_rel)
            reach = max(reach, side * cross)
    return reach


def check_lateral_reach(pred, g, ws, y, v_rel, cross_m):
    """Raise `FarsideValueError` (argument ``target``) for a target ``cross_m`` off the track
    (left > 0) beyond the lateral reach on its side (:func:`lateral_reach_m`)."""
    side = 1.0 if cross_m > 0.0 else -1.0
    reach = lateral_reach_m(pred, g, ws, y, v_rel, side)
    if abs(cross_m) > reach:
        raise FarsideValueError("target", f"{abs(cross_m) / 1000:.0f} km {'left' if side > 0 else 'right'} of the "
                                          f"interface's ground track",
                                f"a target within the lateral reach, {reach / 1000:.0f} km on that side (the "
                                f"landings of constant banks of {LATERAL_BANKS_DEG[0]:g} to "
                                f"{LATERAL_BANKS_DEG[-1]:g} deg turned towards it)")
