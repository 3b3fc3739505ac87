"""Guided skip entry from the interface to the ground, and its refusals of bad input."""
import numpy as np
import pytest

from farside.astro.time import Epoch
from farside.dynamics.state import State
from farside.errors import FarsideValueError
from farside.gnc.capsule_aerodynamics import CapsuleShape
from farside.gnc.entry_guidance import EntrySpec, EntryTarget, Parachute, fly_entry
from tests.core.test_entry_predictor import interface_state

CAPSULE = CapsuleShape(1.3, 1.56, 18.0)
TARGET = EntryTarget(42.07, 111.6, 1400.0)


def _state():
    t, y = interface_state()
    return State(Epoch.from_tdb_seconds(t), y[:3], y[3:6], y[6], "earth", "GCRF")


@pytest.mark.slow
def test_guided_entry_lands_near_the_target_after_a_skip():
    outcome = fly_entry(_state(), EntrySpec(CAPSULE, TARGET))
    report = outcome.report
    # measured 1,218 m from the target point with the library's default guidance (1,162 m before
    # the lift estimate; the predictor's USSA76, scaled by its density estimate, against the flown
    # NRLMSIS above 86 km; reversals in the final phase's frozen profile); 2 km pins it
    assert report.miss_m < 2000.0
    assert report.skip_exit_utc is not None and report.second_entry_utc is not None
    assert report.parachute_altitude_km == pytest.approx(10.0, abs=0.01)
    names = [e.name for e in outcome.events]
    assert names == ["first entry", "first dip lowest point", "skip exit", "skip apogee", "second entry",
                     "parachute", "touchdown"]
    # the dense segment ends on the touchdown state
    r_end, _ = outcome.segment.state(outcome.touchdown.epoch)
    assert np.linalg.norm(r_end - outcome.touchdown.r_m) < 1e-3


def test_bad_parachute_and_target_values_are_named():
    with pytest.raises(FarsideValueError, match="parachute.drag_area_m2"):
        Parachute(drag_area_m2=-3.0)
    with pytest.raises(FarsideValueError, match="target.lat_deg"):
        EntryTarget(95.0, 0.0)
    with pytest.raises(FarsideValueError, match="density_factor"):
        EntrySpec(CAPSULE, TARGET, density_factor=float("nan"))
