"""Powered descent and ascent about a body other than the Moon: a toy body of Mars's radius
(3389.5 km), a point mass of GM 1e13 m^3/s^2 (surface gravity 0.87 m/s^2, circular speed near the
surface 1.72 km/s: the lunar regime, so the Chang'e-6 lander's 7,500 N engine and profile fit),
turning at Mars's sidereal rate about the ICRF z axis, with a flat surface. Nothing of the Moon is
used: the guidance reads the body's sphere, frame and terrain from a CentralBody.

References: energy conservation on the unpowered drop from engine cut-off to touchdown (point
mass, no other force); the constant mass flow of a constant-thrust burn (m0 - m = F / (Isp g0) t);
on a flat surface the divert keeps the aim (every slope is zero)."""
import numpy as np
import pytest

import farside as fs
from farside.astro.central_body import CentralBody, Spin
from farside.astro.sites import spherical_to_fixed
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2
from farside.gnc import powered_ascent
from farside.gnc.powered_descent import DescentPlan, DescentVehicle, descent_start, fly

MARS_SIDEREAL_RATE_RAD_S = 7.088218e-5
"""Mars's rotation, 350.891983 deg/day (IAU WGCCRE 2015, Archinal et al. 2018)."""
TOY = CentralBody("mars_barycenter", 3389.5e3, Spin(MARS_SIDEREAL_RATE_RAD_S))
SITE = DescentPlan(np.radians(18.4), np.radians(77.5))
LANDER = DescentVehicle(max_thrust_n=7500.0, min_thrust_n=600.0, isp_s=310.0, dry_mass_kg=1400.0)


@pytest.fixture(scope="module")
def model():
    return fs.ForceModel("mars_barycenter", [], central_gm_m3_s2=1.0e13)


@pytest.fixture(scope="module")
def landing(model):
    start = descent_start("2024-06-01T22:09:00", SITE, 580e3, np.radians(-60.0), 15e3, 200e3, model.gm_m3_s2,
                          3200.0, body=TOY)
    return fly(start, model, LANDER, SITE, body=TOY)


def _energy(r, v, gm):
    return 0.5 * float(np.dot(v, v)) - gm / float(np.linalg.norm(r))


def test_the_descent_lands_on_the_aim(landing):
    # guidance accuracy: 0.046 m measured; the margin covers the last 0.2 s cycle and the drop
    assert landing.miss_m < 0.2
    names = [name for name, _ in landing.events]
    assert names == ["powered descent start", "high gate", "hover", "vertical descent", "engine cut-off", "touchdown"]
    aim = spherical_to_fixed(SITE.lat_rad, SITE.lon_rad, 0.0, TOY.radius_m)
    assert np.linalg.norm(landing.target_fixed_m - aim) < 1e-6   # flat: the divert keeps the aim


def test_the_drop_after_cut_off_conserves_energy(landing, model):
    cut_off = next(epoch for name, epoch in landing.events if name == "engine cut-off")
    r, v = landing.segment.state(cut_off)
    td = landing.touchdown
    drift = _energy(td.r_m, td.v_m_s, model.gm_m3_s2) - _energy(r, v, model.gm_m3_s2)
    # 4.7e-10 J/kg measured: round-off of a 3e6 J/kg energy at rtol 1e-12; 20x margin
    assert abs(drift) < 1e-8
    assert np.linalg.norm(td.r_m) == pytest.approx(TOY.radius_m, abs=1e-3)


@pytest.mark.slow
def test_the_ascent_reaches_its_orbit(model):
    plan = powered_ascent.AscentPlan(SITE.lat_rad, SITE.lon_rad, 0.0, np.radians(-45.0), 15e3, 180e3)
    liftoff = "2024-06-03T23:38:10"
    result = powered_ascent.fly(liftoff, 800.0, 1600.0, 305.0, plan, model, body=TOY)
    # guidance accuracy: 3.5 m and 0.02 m measured; the aposelene cut-off is located within 1 m
    assert abs(result.periapsis_altitude_m - 15e3) < 10.0
    assert abs(result.apoapsis_altitude_m - 180e3) < powered_ascent.CUTOFF_TOLERANCE_M + 1e-6
    burn_s = result.insertion.epoch.tdb_seconds - fs.Epoch(liftoff).tdb_seconds
    flow = 1600.0 / (305.0 * STANDARD_GRAVITY_M_S2)
    assert result.propellant_kg == pytest.approx(flow * burn_s, abs=1e-9)   # 3e-13 kg measured
