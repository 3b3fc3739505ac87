"""Fixed-step propagation (RK4, RK8) for guidance loops and quick looks.

    t, x = fixed_step(state, step_s=10.0, n_steps=360, forces=model, method="RK8")

``t`` are TDB seconds past J2000, ``x`` the states ``(x, y, z, vx, vy, vz, mass)`` (m, m/s, kg) in
GCRF axes about the force model's central body. No error control: the caller chooses the step.
"""
import numpy as np

from farside.core.rk78 import fixed_step_hf
from farside.dynamics.force_model import ForceModel
from farside.dynamics.propagator import _check_start, _in_center
from farside.errors import FarsideValueError, PropagationError

ORDERS = {"RK4": 4, "RK8": 8}


def fixed_step(state, step_s: float, n_steps: int, forces: ForceModel | None = None, method: str = "RK4"):
    """``n_steps`` steps of ``step_s`` seconds (negative: backwards) by ``method`` (RK4 or RK8)."""
    if method not in ORDERS:
        raise FarsideValueError("method", method, ", ".join(ORDERS))
    h = float(step_s)
    if not (np.isfinite(h) and h != 0.0):
        raise FarsideValueError("step_s", step_s, "a finite non-zero step, s")
    if not (isinstance(n_steps, (int, np.integer)) and n_steps >= 1):
        raise FarsideValueError("n_steps", n_steps, "an integer >= 1")
    forces = forces if forces is not None else ForceModel(state.center)
    state = _in_center(state, forces)
    _check_start(state, forces)
    out = np.empty((n_steps + 1, 7))
    fixed_step_hf(forces.arrays(state.epoch.tdb_seconds), state.epoch.tdb_seconds, state.vector(), h, int(n_steps), ORDERS[method], out)
    if not np.all(np.isfinite(out)):
        bad = int(np.argmax(~np.all(np.isfinite(out), axis=1)))
        raise PropagationError(f"fixed-step {method} produced a non-finite state at step {bad} "
                               f"({bad * h:.3f} s after the start, step {h:g} s); reduce the step")
    return state.epoch.tdb_seconds + h * np.arange(n_steps + 1), out
