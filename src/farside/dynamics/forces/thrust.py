"""A constant thrust with its mass flow as a force term; its row is rewritten in place by guidance."""
from dataclasses import dataclass

import numpy as np

from farside.core import force_terms as kernels
from farside.dynamics.forces.term import ForceTerm, Packing, Slot, kernel_address, positive
from farside.errors import FarsideValueError

THRUST_AXES = ("inertial", "VNC", "RIC", "LVLH")
STANDARD_GRAVITY_M_S2 = 9.80665


@dataclass(frozen=True)
class Thrust(ForceTerm):
    """A constant thrust ``thrust_n`` with specific impulse ``isp_s`` along ``direction`` (unit
    vector, normalised here) in ``axes``: ``"inertial"`` (ICRF), ``"VNC"`` ((1, 0, 0) is along
    the velocity, (-1, 0, 0) against it), ``"RIC"`` or ``"LVLH"`` (CCSDS: z to nadir, y against
    the orbit normal). Mass flow ``thrust / (isp g0)``."""
    thrust_n: float
    isp_s: float
    direction: tuple = (1.0, 0.0, 0.0)
    axes: str = "VNC"
    rank = 60

    def __post_init__(self):
        positive("thrust_n", self.thrust_n)
        positive("isp_s", self.isp_s)
        if self.axes not in THRUST_AXES:
            raise FarsideValueError("axes", self.axes, ", ".join(THRUST_AXES))
        d = np.asarray(self.direction, dtype=float)
        if d.shape != (3,) or not np.all(np.isfinite(d)) or np.linalg.norm(d) == 0.0:
            raise FarsideValueError("direction", self.direction, "a finite non-zero 3-vector")
        object.__setattr__(self, "direction", tuple(d / np.linalg.norm(d)))

    @property
    def mass_flow_kg_s(self) -> float:
        return self.thrust_n / (self.isp_s * STANDARD_GRAVITY_M_S2)

    def _reals(self) -> list:
        reals = [0.0] * kernels.N_THRUST_REALS
        reals[kernels.THRUST_N] = self.thrust_n
        reals[kernels.THRUST_MASS_FLOW] = self.mass_flow_kg_s
        reals[kernels.THRUST_DIRECTION:kernels.THRUST_DIRECTION + 3] = self.direction
        return reals

    def pack(self, packing: Packing):
        packing.add(Thrust, kernels.thrust_term, [THRUST_AXES.index(self.axes)], self._reals())

    @staticmethod
    def pack_off(packing: Packing):
        """A thrust row that is off, for a propagator whose guidance sets the thrust later."""
        packing.add(Thrust, None, [0], [0.0] * kernels.N_THRUST_REALS)

    def write(self, arrays, slot: Slot):
        """Fly this thrust from the row at ``slot`` (in place: nothing is rebuilt)."""
        arrays.terms[slot.row, 0] = kernel_address(kernels.thrust_term)
        arrays.ints[slot.i0] = THRUST_AXES.index(self.axes)
        arrays.reals[slot.r0:slot.r0 + kernels.N_THRUST_REALS] = self._reals()

    @staticmethod
    def clear(arrays, slot: Slot):
        """Turn the thrust row at ``slot`` off (no thrust, no mass flow)."""
        arrays.terms[slot.row, 0] = 0
        arrays.ints[slot.i0] = 0
        arrays.reals[slot.r0:slot.r0 + kernels.N_THRUST_REALS] = 0.0
