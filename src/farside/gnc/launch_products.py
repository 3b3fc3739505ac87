"""What a launch flight (:class:`farside.gnc.launch_ascent.AscentFlight`) gives the rest of the
mission: a `Segment` about the Earth (one piece between jumps of the mass or the thrust, its
interpolants the cubic Hermite polynomials of the recorded states and derivatives), the events'
epochs, the load histories and the figures (maximum dynamic pressure, peak axial load).

Loads: the acceleration the vehicle senses (thrust and drag, over ``g0``) along its axis (the
thrust direction) and across it. The drag acts along the Earth-relative velocity and no normal-force
coefficient is modelled: in the gravity turn the axis is on the velocity (no normal load); under the
vacuum guidance the axis leaves it by the angle of attack and the drag's part across the axis is the
normal load. ``q alpha`` (Pa rad), the usual measure of a launcher's bending load, is recorded too.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro.time import Epoch
from farside.core import launch_flight as lf
from farside.core.dense_output import hermite_coefficients
from farside.dynamics.launch_vehicle import G0_M_S2
from farside.dynamics.segment import Piece, Segment
from farside.dynamics.state import State


@dataclass(frozen=True)
class LoadHistory:
    """Per recorded node: seconds since lift-off, height (m), Earth-relative speed (m/s), dynamic
    pressure (Pa), Mach, axial and normal load (g), angle of attack (deg), mass (kg), geodetic
    latitude and longitude (deg)."""
    t_s: np.ndarray
    height_m: np.ndarray
    speed_m_s: np.ndarray
    q_pa: np.ndarray
    mach: np.ndarray
    axial_g: np.ndarray
    normal_g: np.ndarray
    alpha_deg: np.ndarray
    mass_kg: np.ndarray
    lat_deg: np.ndarray
    lon_deg: np.ndarray


def loads(flight) -> LoadHistory:
    h = flight.history[:flight.n_rows]
    aux = h[:, lf.H_AUX:]
    mass = h[:, lf.H_Y + 6]
    return LoadHistory(h[:, lf.H_TAU], aux[:, lf.A_HEIGHT], aux[:, lf.A_SPEED_REL], aux[:, lf.A_Q],
                       aux[:, lf.A_MACH], aux[:, lf.A_AXIAL_ACC] / G0_M_S2, aux[:, lf.A_NORMAL_ACC] / G0_M_S2,
                       np.degrees(aux[:, lf.A_ALPHA]), mass, np.degrees(aux[:, lf.A_LAT]), np.degrees(aux[:, lf.A_LON]))


def segment(flight, lift_off_tdb_s, payload_kg) -> Segment:
    """The flight as a `Segment` about the Earth (GCRF), one piece from each break to the next (a
    break's node of its own, at the end of a flight cut off where it stops, is no piece). Its
    mass is the payload's, ``payload_kg``, throughout: the segment is the spacecraft's trajectory
    (its modules' files), which rides the launcher; the launcher's own mass, stages and
    propellant included, is the `loads` history's ``mass_kg``."""
    h = flight.history[:flight.n_rows]
    end = h.shape[0] - 1
    starts = list(flight.breaks) + [end + 1]
    pieces = []
    for a, b in zip(starts[:-1], starts[1:]):
        rows = h[a:b]
        if rows.shape[0] < 2 or rows[-1, lf.H_TAU] <= rows[0, lf.H_TAU]:
            continue
        taus = rows[:, lf.H_TAU] - rows[0, lf.H_TAU]
        y, f = rows[:, lf.H_Y:lf.H_Y + 7].copy(), rows[:, lf.H_F:lf.H_F + 7].copy()
        y[:, 6], f[:, 6] = payload_kg, 0.0
        coefs = hermite_coefficients(taus, y, f)
        pieces.append(Piece(lift_off_tdb_s + rows[0, lf.H_TAU], taus, coefs, taus[-1]))
    last = h[end]
    final = State(Epoch.from_tdb_seconds(lift_off_tdb_s + last[lf.H_TAU]), last[lf.H_Y:lf.H_Y + 3].copy(),
                  last[lf.H_Y + 3:lf.H_Y + 6].copy(), payload_kg, "earth", "GCRF")
    return Segment("earth", pieces, final=final)


def event_tau(flight, name) -> float:
    """Seconds after lift-off of the first event ``name``."""
    return next(tau for event, tau, _ in flight.events if event == name)


def state_at(flight, tau) -> np.ndarray:
    """The recorded state (7,) at the node of time ``tau`` (the last node at that time: after a jump)."""
    h = flight.history[:flight.n_rows]
    k = int(np.searchsorted(h[:, lf.H_TAU], tau + 1e-9)) - 1
    return h[k, lf.H_Y:lf.H_Y + 7].copy()
