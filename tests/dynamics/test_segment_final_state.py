"""A segment made from its pieces alone (as guidance assembles one) answers its final state from
its dense output, instead of None: the propagator's own end state."""
import numpy as np
import pytest

import farside as fs
from farside.dynamics.segment import Segment


def test_a_segment_of_pieces_gives_its_end_state():
    t = fs.Epoch("2024-06-01T00:00:00", scale="tdb")
    flown = fs.propagate(fs.State(t, np.array([1.9374e6, 0.0, 0.0]), np.array([0.0, 1.5906e3, 0.0]), 1000.0, "moon"),
                         duration_s=7200.0, forces=fs.ForceModel("moon"))
    assembled = Segment(flown.center, flown.pieces)
    end = assembled.final_state()
    assert end.epoch.tdb_seconds == flown.final_state().epoch.tdb_seconds
    # the dense output at the last step's end against the integrator's own end state: measured
    # equal to the bit; 1 nm and 1e-12 m/s leave room for a last-bit difference of the interpolant
    assert np.linalg.norm(end.r_m - flown.final_state().r_m) < 1e-9
    assert np.linalg.norm(end.v_m_s - flown.final_state().v_m_s) < 1e-12
    assert end.mass_kg == 1000.0


def test_the_end_state_of_a_vector_equals_the_constructors():
    """`State.from_vector` (the propagator's end states) gives the fields the checked constructor
    gives; a vector the constructor refuses is refused with the constructor's error."""
    t = fs.Epoch("2024-06-01T00:00:00", scale="tdb")
    y = np.array([1.9374e6, -2.0, 3.0, 0.5, 1.5906e3, -0.25, 812.5])
    fast, checked = fs.State.from_vector(t, y, "moon"), fs.State(t, y[:3], y[3:6], y[6], "moon", "GCRF")
    for name in ("r_m", "v_m_s"):
        assert np.array_equal(getattr(fast, name), getattr(checked, name)) and getattr(fast, name).dtype == float
    assert (fast.epoch, fast.mass_kg, fast.center, fast.frame) == (checked.epoch, checked.mass_kg, checked.center,
                                                                    checked.frame)
    assert type(fast.mass_kg) is float
    assert fast.r_m.base is None and fast.v_m_s.base is None   # copies: the kernel's buffer may be reused
    for bad in (np.nan, 0.0):
        y_bad = y.copy()
        y_bad[6] = bad
        with pytest.raises(fs.errors.FarsideValueError, match="mass_kg"):
            fs.State.from_vector(t, y_bad, "moon")
