"""Point-mass perturbations of ephemeris bodies as a force term."""
from dataclasses import dataclass

import numpy as np

from farside.astro import bodies, ephemeris
from farside.core import force_model as core
from farside.core import force_terms as kernels
from farside.dynamics.forces.term import ForceTerm, Packing
from farside.errors import FarsideValueError


@dataclass(frozen=True)
class ThirdBodies(ForceTerm):
    """Point-mass perturbations of ephemeris bodies, with the indirect term; GMs (m^3/s^2) from
    ``gm_m3_s2`` (one per body, to match another tool's constants) or DE440's."""
    bodies: tuple
    gm_m3_s2: tuple | None = None
    rank = 20

    def __post_init__(self):
        if self.gm_m3_s2 is None:
            return
        gms = tuple(float(g) for g in self.gm_m3_s2)
        if len(gms) != len(self.bodies) or not all(np.isfinite(g) and g > 0.0 for g in gms):
            raise FarsideValueError("gm_m3_s2", self.gm_m3_s2, f"{len(self.bodies)} finite GMs > 0 m^3/s^2, "
                                    "one per body, or None")
        object.__setattr__(self, "gm_m3_s2", gms)

    def gms(self) -> list:
        """The GM of each body, m^3/s^2."""
        if self.gm_m3_s2 is not None:
            return list(self.gm_m3_s2)
        return [bodies.get(x).gm_m3_s2 for x in self.bodies]

    def pack(self, packing: Packing):
        eph = ephemeris.default()
        rows = [eph.index(x) for x in self.bodies]
        if packing.ints[core.I_CENTER_ROW] in rows:
            raise FarsideValueError("ThirdBodies.bodies", self.bodies,
                                    f"bodies other than the central body {packing.model.body.name}")
        packing.add(ThirdBodies, kernels.third_bodies_term, [len(rows), *rows], self.gms())
