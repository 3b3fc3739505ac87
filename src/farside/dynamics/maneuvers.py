"""Manoeuvres: finite burns (thrust with mass flow over a time window) and impulses.

An impulse changes the velocity by ``dv_m_s`` in ``axes`` (inertial, VNC or RIC, as
:class:`farside.dynamics.forces.Thrust`) and the mass by the rocket equation when ``isp_s`` is
given (Tsiolkovsky: ``m1 = m0 exp(-|dv| / (isp g0))``).
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import local_frames
from farside.astro.time import Epoch
from farside.dynamics.forces import STANDARD_GRAVITY_M_S2, THRUST_AXES, Thrust
from farside.dynamics.state import State
from farside.errors import FarsideValueError


def local_axes(axes: str, r, v) -> np.ndarray:
    """Rows: the unit axes of ``axes`` in inertial coordinates (identity for inertial)."""
    if axes == "inertial":
        return np.eye(3)
    return {"VNC": local_frames.vnc, "RIC": local_frames.ric, "LVLH": local_frames.lvlh}[axes](r, v)


@dataclass(frozen=True)
class FiniteBurn:
    """``thrust`` from ``start`` (`Epoch`) for ``duration_s`` seconds (> 0)."""
    start: Epoch
    duration_s: float
    thrust: Thrust

    def __post_init__(self):
        object.__setattr__(self, "start", Epoch(self.start))
        d = float(self.duration_s)
        if not (np.isfinite(d) and d > 0.0):
            raise FarsideValueError("duration_s", self.duration_s, "a finite duration > 0 s")
        object.__setattr__(self, "duration_s", d)

    @property
    def start_s(self) -> float:
        return self.start.tdb_seconds

    @property
    def end_s(self) -> float:
        return self.start.tdb_seconds + self.duration_s


@dataclass(frozen=True)
class Impulse:
    """A velocity change ``dv_m_s`` (3,) in ``axes`` at ``epoch``; ``isp_s`` > 0 also spends mass."""
    epoch: Epoch
    dv_m_s: tuple
    axes: str = "VNC"
    isp_s: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "epoch", Epoch(self.epoch))
        dv = np.asarray(self.dv_m_s, dtype=float)
        if dv.shape != (3,) or not np.all(np.isfinite(dv)):
            raise FarsideValueError("dv_m_s", self.dv_m_s, "a finite 3-vector, m/s")
        if self.axes not in THRUST_AXES:
            raise FarsideValueError("axes", self.axes, ", ".join(THRUST_AXES))
        if self.isp_s is not None and not (np.isfinite(self.isp_s) and self.isp_s > 0):
            raise FarsideValueError("isp_s", self.isp_s, "a finite specific impulse > 0 s, or None")
        object.__setattr__(self, "dv_m_s", tuple(dv))

    def apply(self, state: State) -> State:
        """The state just after the impulse (``state`` in GCRF axes)."""
        dv = np.asarray(self.dv_m_s) @ local_axes(self.axes, state.r_m, state.v_m_s)
        mass = state.mass_kg
        if self.isp_s is not None:
            mass *= np.exp(-np.linalg.norm(dv) / (self.isp_s * STANDARD_GRAVITY_M_S2))
        return State(state.epoch, state.r_m, state.v_m_s + dv, mass, state.center, state.frame)
