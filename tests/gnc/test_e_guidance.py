"""E-guidance against the analytic flat-Moon, constant-gravity case: flown open loop, the linear
acceleration profile reaches the targets exactly (integrated in closed form); re-solved at 10 Hz
with a zero-order hold on the command, the vehicle reaches them to centimetres and cm/s."""
import numpy as np
import pytest

from farside.errors import FarsideValueError
from farside.gnc.e_guidance import coefficients, command

G = np.array([0.0, 0.0, -1.62])
R0, V0 = np.array([-20000.0, 300.0, 2000.0]), np.array([600.0, -5.0, -40.0])
RF, VF = np.array([0.0, 0.0, 100.0]), np.array([0.0, 0.0, -1.0])
T = 120.0


def test_the_profile_meets_the_boundary_conditions():
    a0, a1 = coefficients(R0, V0, RF, VF, G, T)
    v_end = V0 + (G + a0) * T + a1 * T ** 2 / 2
    r_end = R0 + V0 * T + (G + a0) * T ** 2 / 2 + a1 * T ** 3 / 6
    assert np.allclose(v_end, VF, atol=1e-9) and np.allclose(r_end, RF, atol=1e-6)


def test_closed_loop_at_10_hz_lands_on_target():
    dt = 0.1
    r, v = R0.copy(), V0.copy()
    t = 0.0
    while T - t > 1.0:
        a = command(r, v, RF, VF, G, T - t)
        r = r + v * dt + 0.5 * (G + a) * dt ** 2  # exact for a constant command over the cycle
        v = v + (G + a) * dt
        t += dt
    a0, a1 = coefficients(r, v, RF, VF, G, T - t)
    tau = T - t
    r_end = r + v * tau + (G + a0) * tau ** 2 / 2 + a1 * tau ** 3 / 6
    v_end = v + (G + a0) * tau + a1 * tau ** 2 / 2
    assert np.linalg.norm(r_end - RF) < 0.05 and np.linalg.norm(v_end - VF) < 0.01


def test_throttle_limits_and_bad_time():
    a = command(R0, V0, RF, VF, G, T, max_accel=2.0)
    assert np.linalg.norm(a) == pytest.approx(2.0)
    with pytest.raises(FarsideValueError, match="t_go"):
        coefficients(R0, V0, RF, VF, G, 0.0)
