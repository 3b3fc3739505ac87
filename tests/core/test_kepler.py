"""Kepler kernels: element round trips, Kepler's equation, conservation along the ellipse."""
import numpy as np

from farside.core.kepler import (eccentric_anomaly_hf, elements_to_state_hf, propagate_kepler_hf,
                                 state_to_elements_hf)

GM = 3.986004418e14


def test_elements_round_trip():
    rng = np.random.default_rng(5)
    for _ in range(500):
        el = np.array([rng.uniform(6.6e6, 5e7), rng.uniform(0.0, 0.95), rng.uniform(0.01, 3.13),
                       rng.uniform(0, 2 * np.pi), rng.uniform(0, 2 * np.pi), rng.uniform(0, 2 * np.pi)])
        x = np.empty(6)
        elements_to_state_hf(GM, *el, x)
        back = np.empty(6)
        state_to_elements_hf(GM, x[:3], x[3:], back)
        assert abs(back[0] - el[0]) < 1e-9 * el[0]
        assert abs(back[1] - el[1]) < 1e-12
        angles = np.angle(np.exp(1j * (back[2:] - el[2:])))
        assert np.max(np.abs(angles)) < 1e-9


def test_kepler_equation_residual():
    for e in (0.0, 0.1, 0.5, 0.9, 0.99):
        for m in np.linspace(-20.0, 20.0, 401):
            big = eccentric_anomaly_hf(m, e)
            assert abs(big - e * np.sin(big) - m) < 1e-13 * max(1.0, abs(m))


def test_propagation_conserves_energy_and_momentum():
    x0 = np.empty(6)
    elements_to_state_hf(GM, 2.4e7, 0.7, 0.5, 1.0, 2.0, 0.1, x0)
    h0 = np.cross(x0[:3], x0[3:])
    e0 = 0.5 * x0[3:] @ x0[3:] - GM / np.linalg.norm(x0[:3])
    for dt in (1.0, 1e3, 1e5, 1e6):
        x = np.empty(6)
        propagate_kepler_hf(GM, x0[:3], x0[3:], dt, x)
        assert np.allclose(np.cross(x[:3], x[3:]), h0, rtol=1e-12, atol=0)
        assert abs(0.5 * x[3:] @ x[3:] - GM / np.linalg.norm(x[:3]) - e0) < 1e-12 * abs(e0)
