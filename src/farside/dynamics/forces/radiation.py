"""Solar radiation pressure (cannonball, conical shadows) and the post-Newtonian correction as
force terms."""
from dataclasses import dataclass

from farside.astro import bodies, ephemeris
from farside.core import force_terms as kernels
from farside.dynamics.forces.term import ForceTerm, Packing, positive

SOLAR_PRESSURE_1AU_N_M2 = 1361.0 / bodies.SPEED_OF_LIGHT_M_S
"""Solar radiation pressure on an absorbing surface at 1 AU: total solar irradiance 1361 W/m^2
(Kopp & Lean 2011, GRL 38:L01706) over the speed of light, 4.54e-6 N/m^2."""


@dataclass(frozen=True)
class SolarRadiationPressure(ForceTerm):
    """Cannonball radiation pressure ``Cr A / m`` with conical shadows of ``occulting`` bodies
    (spheres of their mean radii)."""
    cr: float
    area_m2: float
    occulting: tuple = ("earth", "moon")
    pressure_1au_n_m2: float = SOLAR_PRESSURE_1AU_N_M2
    rank = 30

    def __post_init__(self):
        positive("cr", self.cr)
        positive("area_m2", self.area_m2)
        positive("pressure_1au_n_m2", self.pressure_1au_n_m2)

    def pack(self, packing: Packing):
        eph = ephemeris.default()
        rows = [eph.index(x) for x in self.occulting]
        radii = [bodies.get(x).mean_radius_m for x in self.occulting]
        packing.add(SolarRadiationPressure, kernels.radiation_pressure_term, [len(rows), *rows],
                    [self.pressure_1au_n_m2, self.cr * self.area_m2, *radii])


@dataclass(frozen=True)
class Schwarzschild(ForceTerm):
    """Post-Newtonian correction of the central body's attraction (IERS 2010 eq. 10.12)."""
    rank = 40

    def pack(self, packing: Packing):
        packing.add(Schwarzschild, kernels.schwarzschild_term)
