"""Dispersions against their definitions: the sample covariance of a correlated initial-state
dispersion matches the requested one (likelihood-ratio chi-square test, which rejects a wrong
covariance), the scalar kinds have their mean, spread and bounds, a sample is the same whatever
the order samples are drawn in, and bad campaign fields are named."""
from pathlib import Path

import numpy as np
import pytest

from farside.campaign import dispersions, statistics
from farside.campaign.spec import load_campaign, validate_campaign
from farside.dynamics.state import State
from farside.astro.time import Epoch
from farside.errors import ScenarioError
from farside.mission import scenario_paths

DATA = Path(__file__).parent / "data"
SCENARIO = DATA / "lunar_orbit.yaml"
N = 3000


def _campaign(dispersion_list):
    return validate_campaign({"name": "t", "scenario": str(SCENARIO), "seed": 11, "dispersions": dispersion_list,
                              "outputs": [{"name": "a", "phase": "coast", "quantity": "altitude_km"}]})


def _draws(campaign, n=N):
    data = scenario_paths.load_yaml(SCENARIO.read_text())
    state = State(Epoch("2024-06-01T00:00:00"), np.array([1.9e6, 0.0, 0.0]), np.array([0.0, 1200.0, 1000.0]), 1.0,
                  "moon")
    return [dispersions.draw(campaign, data, state, i) for i in range(n)], data


def test_state_covariance_matches_the_request():
    sigma = np.array([100.0, 300.0, 50.0, 0.1, 0.05, 0.2])
    corr = np.eye(6)
    corr[0, 4] = corr[4, 0] = -0.6
    corr[1, 3] = corr[3, 1] = 0.4
    covariance = corr * np.outer(sigma, sigma)
    campaign = _campaign([{"name": "inj", "state": {"frame": "RIC", "covariance": covariance.tolist()}}])
    draws, _ = _draws(campaign)
    x = np.array([[inputs[f"in.inj.{a}"] for a in ("x", "y", "z", "vx", "vy", "vz")] for _, inputs in draws])
    statistic, p = statistics.covariance_test(x, covariance)
    assert p > 1e-3, (statistic, p)
    wrong = covariance.copy()
    wrong[0, 0] *= 1.2
    assert statistics.covariance_test(x, wrong)[1] < 1e-6


def test_scalar_kinds():
    campaign = _campaign([
        {"path": "spacecraft.modules.probe.engines.main.thrust_N", "normal": {"sigma_percent": 2.0}},
        {"path": "spacecraft.modules.probe.engines.main.isp_s", "uniform": {"low": -3.0, "high": 1.0}},
        {"path": "spacecraft.modules.probe.dry_mass_kg", "truncated_normal": {"sigma": 5.0, "low_sigmas": -1.0,
                                                                             "high_sigmas": 2.0}},
        {"name": "aim", "pointing": {"phase": "raise", "sigma_deg": 0.5}},
    ])
    draws, data = _draws(campaign)
    thrust = np.array([i["in.spacecraft.modules.probe.engines.main.thrust_N"] for _, i in draws])
    assert abs(thrust.mean()) < 4 * 10.0 / np.sqrt(N) and thrust.std() == pytest.approx(10.0, rel=0.06)
    isp = np.array([i["in.spacecraft.modules.probe.engines.main.isp_s"] for _, i in draws])
    assert isp.min() >= -3.0 and isp.max() <= 1.0 and isp.mean() == pytest.approx(-1.0, abs=0.1)
    dry = np.array([i["in.spacecraft.modules.probe.dry_mass_kg"] for _, i in draws])
    assert dry.min() >= -5.0 and dry.max() <= 10.0
    angles = np.array([i["in.aim.angle_deg"] for _, i in draws])
    assert angles.std() == pytest.approx(0.5, rel=0.06)
    overrides = draws[0][0]
    turned = np.array(overrides["phases[raise].burn.direction"])
    assert np.degrees(np.arccos(turned[0] / np.linalg.norm(turned))) == pytest.approx(abs(draws[0][1]["in.aim.angle_deg"]))
    assert overrides["spacecraft.modules.probe.engines.main.thrust_N"] == pytest.approx(500.0 + thrust[0])


def test_a_sample_does_not_depend_on_the_order():
    campaign = load_campaign(DATA / "lunar_orbit_campaign.yaml")
    data = scenario_paths.load_yaml(SCENARIO.read_text())
    state = State(Epoch("2024-06-01T00:00:00"), np.array([1.9e6, 0.0, 0.0]), np.array([0.0, 1600.0, 0.0]), 1.0,
                  "moon")
    forward = [dispersions.draw(campaign, data, state, i)[1] for i in range(6)]
    backward = [dispersions.draw(campaign, data, state, i)[1] for i in reversed(range(6))][::-1]
    assert forward == backward
    assert forward[0] != forward[1]


@pytest.mark.parametrize("change, words", [
    ({"dispersions": [{"path": "x.y", "normal": {"sigma": 1, "sigma_percent": 1}}]}, "exactly one of sigma"),
    ({"dispersions": [{"name": "s", "state": {"sigma_m": [1, 1, 1], "sigma_m_s": [1, 1, 1],
                                              "correlation": [[1, 2, 0, 0, 0, 0]] + [[0] * 6] * 5}}]}, "symmetric matrix"),
    ({"dispersions": [{"name": "s", "state": {"sigma_m": [1e200, 1, 1], "sigma_m_s": [1, 1, 1]}}]},
     "finite variances"),   # 1e200 squared overflows: once an infinite covariance, accepted with a RuntimeWarning
    ({"outputs": [{"name": "a", "quantity": "altitude_km"}]}, "a phase with quantity"),
    ({"samples": 0}, "greater than or equal to 1"),
    ({"ellipse": ["a", "b"]}, "ellipse, limit and landing-map outputs among the outputs"),
    ({"limits": [{"output": "g", "max": 10, "reason": "g limit"}]}, "outputs among the outputs (not g)"),
    ({"limits": [{"output": "a", "reason": "g limit"}]}, "max, min or both"),
    ({"landing_map": {"lat": "a", "lon": "lon"}}, "outputs among the outputs (not lon)"),
])
@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_bad_campaign_fields_are_named(change, words):
    data = {"name": "t", "scenario": str(SCENARIO), "outputs": [{"name": "a", "phase": "coast", "quantity": "altitude_km"}]}
    data.update(change)
    with pytest.raises(ScenarioError) as error:
        validate_campaign(data)
    assert words in str(error.value)

