"""The propagated covariance of a short coast from a Gaussian initial state, Monte Carlo against
linear covariance propagation: 1,000 samples drawn by the campaign's state dispersion in a 100 km
lunar orbit, flown one hour in the full lunar force model (GRGM1200A degree 8, Earth), against
P(t) = Phi P0 Phi^T with the state transition matrix Phi of the same dynamics (central
differences of the propagator). Agreement within sampling error: the likelihood-ratio chi-square
test does not reject, and each standard deviation is within 4 sigma of its sampling error."""
from pathlib import Path

import numpy as np
import pytest

import farside as fs
from farside.astro.local_frames import ric
from farside.campaign import dispersions, statistics
from farside.campaign.spec import validate_campaign
from farside.core.kepler import elements_to_state_hf

SCENARIO = Path(__file__).parent / "data" / "lunar_orbit.yaml"
N = 1000


@pytest.mark.slow
def test_monte_carlo_covariance_matches_linear_propagation():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 8)), fs.ThirdBodies(("earth",))])
    x = np.empty(6)
    elements_to_state_hf(model.gm_m3_s2, 1837.4e3, 0.01, np.radians(137.0), 0.3, 0.2, 0.1, x)
    epoch = fs.Epoch("2024-06-01T00:00:00")
    nominal = fs.State(epoch, x[:3], x[3:], 1000.0, "moon")
    sigma = np.array([200.0, 500.0, 200.0, 0.2, 0.1, 0.2])
    corr = np.eye(6)
    corr[0, 4] = corr[4, 0] = -0.5
    campaign = validate_campaign({"name": "lin", "scenario": str(SCENARIO), "seed": 3,
                                  "dispersions": [{"name": "s", "state": {"frame": "RIC",
                                                                          "sigma_m": sigma[:3].tolist(),
                                                                          "sigma_m_s": sigma[3:].tolist(),
                                                                          "correlation": corr.tolist()}}],
                                  "outputs": [{"name": "a", "phase": "coast", "quantity": "altitude_km"}]})
    states = []
    for i in range(N):
        overrides, _ = dispersions.draw(campaign, {}, nominal, i)
        c = overrides["initial_state.cartesian"]
        states.append(fs.State(epoch, np.array(c["r_km"]) * 1e3, np.array(c["v_km_s"]) * 1e3, 1000.0, "moon"))
    duration = 3600.0
    finals = np.array([s.final_state().r_m.tolist() + s.final_state().v_m_s.tolist()
                       for s in fs.propagate_batch(states, duration_s=duration, forces=model, dense=False)])
    end = fs.propagate(nominal, duration_s=duration, forces=model, dense=False).final_state()
    centre = np.concatenate([end.r_m, end.v_m_s])

    steps = np.array([1.0] * 3 + [1e-3] * 3)
    phi = np.empty((6, 6))
    for k in range(6):
        columns = []
        for sign in (1, -1):
            d = np.zeros(6)
            d[k] = sign * steps[k]
            s = fs.State(epoch, nominal.r_m + d[:3], nominal.v_m_s + d[3:], 1000.0, "moon")
            f = fs.propagate(s, duration_s=duration, forces=model, dense=False).final_state()
            columns.append(np.concatenate([f.r_m, f.v_m_s]))
        phi[:, k] = (columns[0] - columns[1]) / (2 * steps[k])
    axes = ric(nominal.r_m, nominal.v_m_s)
    rot = np.zeros((6, 6))
    rot[:3, :3] = rot[3:, 3:] = axes.T
    p0 = rot @ (corr * np.outer(sigma, sigma)) @ rot.T
    predicted = phi @ p0 @ phi.T

    deviations = finals - centre
    statistic, p = statistics.covariance_test(deviations, predicted)
    print(f"chi-square {statistic:.1f} (21 dof), p = {p:.3f}")
    assert p > 1e-3, (statistic, p)
    measured = deviations.std(axis=0)
    linear = np.sqrt(np.diag(predicted))
    print("sigma Monte Carlo / linear:", np.round(measured / linear, 4))
    assert np.all(np.abs(measured / linear - 1.0) < 4.0 * np.sqrt(1.0 / (2 * N))), measured / linear
