"""The guidance's on-line estimates: the sensed lift and drag against the closed form of the
aerodynamic force, and the lift factor's filter against the lift actually flown."""
import numpy as np

from farside.core import atmospheric_flight as kernel
from farside.core import entry_flight as flight
from farside.core import entry_predictor as P
from farside.core.entry_estimation import sensed_aerodynamics_hf
from farside.dynamics.atmospheric_flight import FlightModel
from farside.gnc.capsule_aerodynamics import CapsuleShape
from farside.gnc.entry_guidance import EntrySpec, EntryTarget, GuidanceSettings
from tests.core.test_entry_predictor import interface_state


def test_sensed_lift_and_drag_are_the_aerodynamic_force():
    # a state 70 km up on the interface orbit, banked 40 deg: the derivative less gravity split
    # along and across the Earth-relative velocity against q S C / m (C_L times the lift factor);
    # measured 1e-15 relative, rounding
    t1, y0 = interface_state()
    model = FlightModel([0.0, 50.0], [1.3, 1.3], [0.35, 0.35], 1.33, atmosphere="USSA76", lift_factor=0.9)
    arrays = model.arrays(t1)
    y = y0.copy()
    y[0:3] *= (6378137.0 + 70e3) / np.linalg.norm(y0[0:3])
    p, trig, buf, v_rel, dy = np.empty((7, 7)), np.empty((2, 5)), np.zeros(kernel.BUF_SIZE), np.empty(3), np.empty(7)
    control = np.zeros(kernel.N_CONTROLS)
    control[kernel.C_BANK] = np.radians(40.0)
    kernel.flight_derivatives_hf(arrays, control, p, trig, buf, v_rel, 0.0, y, dy)
    lift, drag = sensed_aerodynamics_hf(arrays, p, trig, buf, y, dy, v_rel, np.empty(3))
    q_s_m = 0.5 * buf[kernel.B_DENSITY] * np.dot(v_rel, v_rel) * 1.33 / y[6]
    assert abs(drag / (q_s_m * 1.3) - 1.0) < 1e-12
    assert abs(lift / (q_s_m * 0.35 * 0.9) - 1.0) < 1e-12


def test_lift_estimate_converges_to_the_flown_lift():
    # a guided entry flying 8 % less lift than the guidance's model: the filter's factor at the
    # touchdown against the flown 0.92: measured 4e-16 (the sensed ratio is the flown factor at
    # every cycle, the filter converges geometrically, ~10-cycle memory); 1e-12 allows rounding
    spec = EntrySpec(CapsuleShape(1.3, 1.56, 18.0), EntryTarget(42.07, 111.6, 1400.0), lift_factor=0.92,
                     guidance=GuidanceSettings(final_bank_deg=30.0, corridor_km=0.25, corridor_per_km=0.01))
    t1, y0 = interface_state()
    flown, pred = spec.flight_model().arrays(t1), spec.flight_model("USSA76").arrays(t1)
    status, _, _, _ = flight.fly_hf(flown, pred, spec.guidance_vector(pred), P.workspace(4), y0, 1.0, -1e6, -1.0)
    assert status == flight.LANDED
    assert abs(pred.reals[kernel.R_LIFT_FACTOR] - 0.92) < 1e-12
