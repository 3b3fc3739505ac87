"""Force-model terms: each is a small value object with its own parameters (SI units).

A :class:`farside.dynamics.force_model.ForceModel` is a central body plus a list of these; it
packs them into the arrays of the compiled force sum (:mod:`farside.core.force_model`).
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import bodies
from farside.dynamics.gravity_field import GravityField
from farside.errors import FarsideValueError

SOLAR_PRESSURE_1AU_N_M2 = 1361.0 / bodies.SPEED_OF_LIGHT_M_S
"""Solar radiation pressure on an absorbing surface at 1 AU: total solar irradiance 1361 W/m^2
(Kopp & Lean 2011, GRL 38:L01706) over the speed of light, 4.54e-6 N/m^2."""


def _positive(name, value, allowed="a finite number > 0"):
    value = float(value)
    if not (np.isfinite(value) and value > 0.0):
        raise FarsideValueError(name, value, allowed)
    return value


@dataclass(frozen=True)
class UniformRotation:
    """A body-fixed frame turning about the inertial z axis at ``rate_rad_s``, its x axis at
    ``angle_rad`` from the inertial x axis at ``epoch_tdb_s`` (TDB seconds past J2000)."""
    rate_rad_s: float
    epoch_tdb_s: float = 0.0
    angle_rad: float = 0.0


@dataclass(frozen=True)
class SphericalHarmonics:
    """The central body's field in its body-fixed frame: ``"MOON_PA"`` (DE440 principal axes,
    binary PCK), ``"ITRF93"`` (NAIF high-precision Earth PCK), ``"inertial"`` (the field's axes
    are the ICRF's) or a :class:`UniformRotation`; cut to ``degree`` and ``order`` (None: the
    field's; ``order=0``: zonal terms only). The cut coefficients are made once, here."""
    field: GravityField
    frame: object = None
    degree: int | None = None
    order: int | None = None

    def __post_init__(self):
        top = self.field.degree
        degree = top if self.degree is None else self.degree
        if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)) or not 0 <= degree <= top:
            raise FarsideValueError("degree", self.degree, f"a whole degree from 0 to {top} (the field's), or None")
        order = degree if self.order is None else self.order
        if isinstance(order, bool) or not isinstance(order, (int, np.integer)) or not 0 <= order <= degree:
            raise FarsideValueError("order", self.order, f"a whole order from 0 to the degree {degree}, or None")
        c, s = self.field.c, self.field.s
        if degree < top or order < degree:
            c = np.ascontiguousarray(c[:degree + 1, :degree + 1])
            s = np.ascontiguousarray(s[:degree + 1, :degree + 1])
            c[:, order + 1:] = 0.0
            s[:, order + 1:] = 0.0
        object.__setattr__(self, "_coefficients", (np.ascontiguousarray(c), np.ascontiguousarray(s)))

    @property
    def coefficients(self):
        """``(c, s)`` (degree+1, degree+1), fully normalised, zero beyond the order."""
        return self._coefficients

    @property
    def cut_degree(self) -> int:
        return self._coefficients[0].shape[0] - 1


@dataclass(frozen=True)
class ThirdBodies:
    """Point-mass perturbations of ephemeris bodies, with the indirect term; GMs (m^3/s^2) from
    ``gm_m3_s2`` (one per body, to match another tool's constants) or DE440's."""
    bodies: tuple
    gm_m3_s2: tuple | None = None

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


@dataclass(frozen=True)
class SolarRadiationPressure:
    """Cannonball radiation pressure ``Cr A / m`` with conical shadows of ``occulting`` bodies
    (spheres of their mean radii)."""
    cr: float
    area_m2: float
    occulting: tuple = ("earth", "moon")
    pressure_1au_n_m2: float = SOLAR_PRESSURE_1AU_N_M2

    def __post_init__(self):
        _positive("cr", self.cr)
        _positive("area_m2", self.area_m2)
        _positive("pressure_1au_n_m2", self.pressure_1au_n_m2)


@dataclass(frozen=True)
class Schwarzschild:
    """Post-Newtonian correction of the central body's attraction (IERS 2010 eq. 10.12)."""


ATMOSPHERES = ("NRLMSIS2.1", "USSA76")


@dataclass(frozen=True)
class Drag:
    """Atmospheric drag on a cannonball of ``cd`` and ``area_m2`` about the Earth, the atmosphere
    co-rotating with the Earth; densities from ``atmosphere``: ``"NRLMSIS2.1"`` (pymsis, with
    CelesTrak space weather) or ``"USSA76"``; none above ``ceiling_m`` (default 2500 km)."""
    cd: float
    area_m2: float
    atmosphere: str = "NRLMSIS2.1"
    ceiling_m: float = 2.5e6

    def __post_init__(self):
        if self.atmosphere not in ATMOSPHERES:
            raise FarsideValueError("atmosphere", self.atmosphere, ", ".join(ATMOSPHERES))
        _positive("cd", self.cd)
        _positive("area_m2", self.area_m2)
        _positive("ceiling_m", self.ceiling_m)


THRUST_AXES = ("inertial", "VNC", "RIC", "LVLH")
STANDARD_GRAVITY_M_S2 = 9.80665


@dataclass(frozen=True)
class Thrust:
    """A constant thrust ``thrust_n`` with specific impulse ``isp_s`` along ``direction`` (unit
    vector, normalised here) in ``axes``: ``"inertial"`` (ICRF), ``"VNC"`` ((1, 0, 0) is along
    the velocity, (-1, 0, 0) against it), ``"RIC"`` or ``"LVLH"`` (CCSDS: z to nadir, y against
    the orbit normal). Mass flow ``thrust / (isp g0)``."""
    thrust_n: float
    isp_s: float
    direction: tuple = (1.0, 0.0, 0.0)
    axes: str = "VNC"

    def __post_init__(self):
        _positive("thrust_n", self.thrust_n)
        _positive("isp_s", self.isp_s)
        if self.axes not in THRUST_AXES:
            raise FarsideValueError("axes", self.axes, ", ".join(THRUST_AXES))
        d = np.asarray(self.direction, dtype=float)
        if d.shape != (3,) or not np.all(np.isfinite(d)) or np.linalg.norm(d) == 0.0:
            raise FarsideValueError("direction", self.direction, "a finite non-zero 3-vector")
        object.__setattr__(self, "direction", tuple(d / np.linalg.norm(d)))

    @property
    def mass_flow_kg_s(self) -> float:
        return self.thrust_n / (self.isp_s * STANDARD_GRAVITY_M_S2)
