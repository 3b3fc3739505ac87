"""Linear-tangent ascent guidance against the analytic optimal solution (Bryson & Ho 1975, §2.7)
for a flat Moon, constant gravity and constant thrust acceleration: with tan(theta) = tan(theta0)
- c t, the cut-off speeds and altitude have closed forms; the solver's (theta0, c, T) put them on
the targets. Then the guidance is flown closed loop (re-solved every 2 s, with mass flow)."""
import numpy as np
import pytest

from farside.errors import FarsideValueError
from farside.gnc.linear_tangent import AscentTarget, fly, pitch, solve

G = 1.62
TARGET = AscentTarget(altitude_m=15_000.0, horizontal_speed_m_s=1690.0)


def _analytic(a, tan0, c, t):
    """Cut-off (y, vx, vy) of constant-acceleration linear-tangent steering, from rest at y = 0."""
    sec0 = np.sqrt(1 + tan0 ** 2)
    tanf = tan0 - c * t
    secf = np.sqrt(1 + tanf ** 2)
    log = np.log((tan0 + sec0) / (tanf + secf))
    vx = a / c * log
    vy = a / c * (sec0 - secf) - G * t
    integral_sec = (tan0 * sec0 + np.log(tan0 + sec0) - tanf * secf - np.log(tanf + secf)) / (2 * c)
    y = a / c * (sec0 * t - integral_sec) - G * t ** 2 / 2
    return y, vx, vy


def test_solution_matches_the_closed_form():
    mass, thrust = 800.0, 3000.0  # constant acceleration: no mass flow
    tan0, c, t = solve([0, 0, 0, 0, mass], TARGET, thrust, 0.0, G)
    y, vx, vy = _analytic(thrust / mass, tan0, c, t)
    assert y == pytest.approx(TARGET.altitude_m, abs=1.0)
    assert vx == pytest.approx(TARGET.horizontal_speed_m_s, abs=0.05)
    assert vy == pytest.approx(0.0, abs=0.05)


def test_closed_loop_ascent_reaches_the_target():
    thrust, isp = 3000.0, 305.0
    flow = thrust / (isp * 9.80665)
    state = np.array([0.0, 0.0, 0.0, 0.0, 800.0])
    guess = solve(state, TARGET, thrust, flow, G)
    t_total, t, cycle = guess[2], 0.0, 2.0
    while t_total - t > cycle:
        tan0, c, remaining = solve(state, TARGET, thrust, flow, G, guess)
        state = fly(state, thrust, flow, G, tan0, c, cycle, steps=20)  # the command held over a cycle
        guess = (tan0 - c * cycle, c, remaining - cycle)
        t_total, t = t + remaining, t + cycle
    tan0, c, remaining = solve(state, TARGET, thrust, flow, G, guess)
    final = fly(state, thrust, flow, G, tan0, c, remaining)
    assert final[1] == pytest.approx(TARGET.altitude_m, abs=2.0)
    assert final[2] == pytest.approx(TARGET.horizontal_speed_m_s, abs=0.05)
    assert abs(final[3]) < 0.05
    assert 0.0 < pitch(tan0, c) < np.pi / 2


def test_an_engine_too_weak_is_refused():
    with pytest.raises(FarsideValueError, match="thrust_n"):
        solve([0, 0, 0, 0, 3000.0], TARGET, 3000.0, 1.0, G)
