"""A spacecraft state: epoch, position, velocity and mass relative to a centre, in a frame."""
import math
from dataclasses import dataclass

import numpy as np

from farside.astro import bodies, frames
from farside.astro.quantities import to_si
from farside.astro.time import Epoch
from farside.errors import FarsideValueError


@dataclass(frozen=True)
class State:
    """``r_m`` (m) and ``v_m_s`` (m/s) of a spacecraft of ``mass_kg`` relative to ``center``,
    in the axes of ``frame`` (any name of :mod:`farside.astro.frames`), at ``epoch`` (an `Epoch`,
    astropy ``Time``, ``datetime`` or ISO string). Each of ``r_m``, ``v_m_s``, ``mass_kg`` may be an
    astropy ``Quantity`` (``[1837.4, 0, 0] * u.km``): it is converted; another dimension is refused."""
    epoch: Epoch
    r_m: np.ndarray
    v_m_s: np.ndarray
    mass_kg: float = 1000.0
    center: str = "earth"
    frame: str = "GCRF"

    def __post_init__(self):
        object.__setattr__(self, "epoch", Epoch(self.epoch) if not isinstance(self.epoch, Epoch) else self.epoch)
        for name, unit in (("r_m", "m"), ("v_m_s", "m/s")):
            value = np.asarray(to_si(getattr(self, name), unit, name), dtype=float)
            if value.shape != (3,) or not np.all(np.isfinite(value)):
                raise FarsideValueError(name, getattr(self, name), "a finite 3-vector")
            object.__setattr__(self, name, value)
        mass = float(to_si(self.mass_kg, "kg", "mass_kg"))
        if not (np.isfinite(mass) and mass > 0.0):
            raise FarsideValueError("mass_kg", self.mass_kg, "a finite mass > 0 kg")
        object.__setattr__(self, "mass_kg", mass)
        object.__setattr__(self, "center", bodies.get(self.center).name)
        object.__setattr__(self, "frame", frames.canonical(self.frame))

    @classmethod
    def from_vector(cls, epoch: Epoch, y: np.ndarray, center: str) -> "State":
        """The GCRF state of a propagator's vector ``y`` ``(x, y, z, vx, vy, vz, mass)`` (m, m/s,
        kg) about ``center``, a body's canonical name (a `State`'s ``center``). The constructor's
        checks on plain numbers only: a vector that would fail them goes through the constructor,
        which names the field."""
        r, v, mass = y[:3].copy(), y[3:6].copy(), float(y[6])
        if not (mass > 0.0 and math.isfinite(mass) and np.isfinite(y[:6]).all()):
            return cls(epoch, r, v, mass, center, "GCRF")
        state = object.__new__(cls)
        for name, value in (("epoch", epoch), ("r_m", r), ("v_m_s", v), ("mass_kg", mass), ("center", center),
                            ("frame", "GCRF")):
            object.__setattr__(state, name, value)
        return state

    def in_gcrf(self) -> "State":
        """The same state with GCRF axes (the propagator's)."""
        if self.frame == "GCRF":
            return self
        x = frames.transform(self.frame, "GCRF", self.epoch) @ np.concatenate([self.r_m, self.v_m_s])
        return State(self.epoch, x[:3], x[3:], self.mass_kg, self.center, "GCRF")

    def vector(self) -> np.ndarray:
        """``(x, y, z, vx, vy, vz, mass)``, the propagator's state vector."""
        return np.concatenate([self.r_m, self.v_m_s, [self.mass_kg]])
