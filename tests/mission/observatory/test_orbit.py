"""The observatory orbit's nodal precession against the J2 closed form, in a zonal-only field."""
import numpy as np
import pytest

from farside.astro.time import Epoch
from farside.core.kepler import elements_to_state_hf
from farside.dynamics import gravity_field
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import SphericalHarmonics
from farside.dynamics.propagator import propagate
from farside.dynamics.state import State
from farside.mission.observatory.orbit import orbit_figures


def test_nodal_rate_against_the_j2_closed_form():
    field = gravity_field.load("EGM2008", 2, order=0)
    model = ForceModel("earth", [SphericalHarmonics(field, "inertial")])
    out = np.empty(6)
    elements_to_state_hf(model.gm_m3_s2, field.radius_m + 629e3, 0.0005, np.radians(30.0), 0.8, 0.0, 0.0, out)
    state = State(Epoch("2024-06-22T08:00:00"), out[:3], out[3:], 930.0)
    seg = propagate(state, duration_s=4 * 86400.0, forces=model)
    t = seg.start.tdb_seconds + np.arange(0.0, 4 * 86400.0, 60.0)
    x = seg.state_vectors(t)
    figures = orbit_figures(t, x[:, :3], x[:, 3:6], model, scale_height_m=70e3)
    # The fit is to osculating nodes, the closed form is for mean elements evaluated at the mean
    # osculating a, e, i: the two differ at order J2^2 and by the J2 short-period offset of a
    # (a few km); measured: fitted -6.2290, closed form -6.2145 deg/day (0.23 %); 0.4 % margin
    assert figures.nodal_rate_deg_day == pytest.approx(figures.nodal_rate_j2_deg_day, rel=0.004)
    # no drag: the orbit-averaged semi-major axis keeps constant but for what is left of the ~10 km
    # twice-an-orbit J2 oscillation in whole-orbit means (measured -2.8 m/day over 4 days, i.e. 11 m;
    # over a year it is 0.03 m/day, against SVOM's ~16 m/day of decay)
    assert figures.decay_m_day == pytest.approx(0.0, abs=4.0)
