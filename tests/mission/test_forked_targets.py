"""A scenario's target with its Jacobian's trials flown in forked processes (`forked_trials`, as
``farside run`` flies them) against the same target flown in one process: the corrector takes
the same path and the mission ends in the same state, bit for bit."""
import numpy as np
import pytest

from farside.gnc.forked_trials import forked_trials
from farside.io.forked_call import forking
from farside.mission import sequencer
from farside.mission.scenario import load_scenario

RAISE = """
name: apogee raise
spacecraft:
  name: PROBE
  modules:
    bus: {dry_mass_kg: 1000, propellant_kg: 2000, engines: {main: {thrust_N: 20000, isp_s: 315}}}
  stack: [bus]
initial_state:
  epoch: 2024-05-03T10:00:00
  center: earth
  frame: EME2000
  keplerian: {a_km: 6778.137, e: 0.0, i_deg: 28.5, raan_deg: 10, argp_deg: 0, ta_deg: 0}
force_models:
  earth: {gravity: {field: EGM2008, degree: 8}, third_bodies: [moon, sun]}
phases:
  - name: raise
    burn: {module: bus, engine: main, duration_s: 200, direction: [1, 0, 0]}
    target:
      from: raise
      vary:
        - {path: "phases[raise].burn.duration_s", step: 0.5, min: 10, max: 1500}
        - {path: "phases[raise].burn.direction[1]", step: 0.001}
      achieve:
        - {quantity: apoapsis_altitude_km, value: 12000, tolerance: 1}
        - {quantity: inclination_deg, value: 28.7, tolerance: 0.001}
  - name: coast
    coast: {until: {event: duration, duration_s: 3600}}
"""


@pytest.mark.skipif(not forking(), reason="fork or a second CPU missing")
def test_a_target_flown_in_forked_trials_is_the_one_flown_in_one_process(tmp_path):
    path = tmp_path / "raise.yaml"
    path.write_text(RAISE)
    plain = sequencer.run(load_scenario(path))
    with forked_trials(min_trial_s=0.0):
        forked = sequencer.run(load_scenario(path))
    assert forked.targeting_logs == plain.targeting_logs
    assert "converged" in plain.targeting_logs["raise"][-1]
    a, b = plain.flown[-1].segment.final, forked.flown[-1].segment.final
    assert np.concatenate([b.r_m, b.v_m_s, [b.mass_kg]]).tobytes() == \
        np.concatenate([a.r_m, a.v_m_s, [a.mass_kg]]).tobytes()
