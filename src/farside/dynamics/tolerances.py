"""Integration tolerances as one value: what a phase hands to its guidance, and the guidance to
every propagation it makes (the kernels' error control, Hairer, Norsett & Wanner 1993, §II.4)."""
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Tolerances:
    """Relative tolerance ``rtol`` and absolute tolerance ``atol``: one number, or one per state
    component (position m, velocity m/s, mass kg). The defaults are `propagate`'s."""
    rtol: float = 1e-12
    atol: object = 1e-9

    def options(self) -> dict:
        """``rtol`` and ``atol`` as keyword arguments of `propagate` and `Propagator`."""
        return {"rtol": self.rtol, "atol": np.array(self.atol, dtype=float) if np.ndim(self.atol) else self.atol}
