"""Aerodynamic coefficients of a blunt capsule by modified Newtonian theory on a spherical segment.

Modified Newtonian flow (Lees 1955; Anderson, *Hypersonic and High-Temperature Gas Dynamics*,
2nd ed. 2006, §3.2): on every surface element facing the flow the pressure coefficient is
``Cp = Cp_max (n . d)^2``, with ``n`` the outward normal and ``d`` the direction of motion; in
its shadow ``Cp = 0``. The force coefficient is ``-(1/A_ref) integral(Cp n dA)`` over the forebody,
a spherical segment of radius ``R`` cut at half-angle ``theta_c`` (``sin(theta_c) = r_base / R``).
The afterbody lies in the shadow while the angle of attack is below its cone half-angle, as for
the Apollo and Shenzhou shapes at trim, so it carries no force here.

Mach dependence (the transonic/subsonic correction): ``Cp_max`` is the stagnation-pressure
coefficient, from Rayleigh's pitot formula behind the normal shock for M > 1 and from isentropic
compression for M <= 1 (Anderson, *Modern Compressible Flow*, 3rd ed. 2003, eqs. 3.13 and 8.80),
gamma = 1.4: 1.839 hypersonic, 1.276 at M = 1, 1.06 at M = 0.5. Lift and drag scale together,
so the trimmed L/D stays the hypersonic one; base pressure is not modelled (the capsule spends
under a minute below Mach 1.5 before its parachute opens).
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from farside.errors import FarsideValueError

GAMMA = 1.4
N_THETA = 400
N_PHI = 720


def stagnation_pressure_coefficient(mach):
    """``(p_0' - p_inf) / q_inf`` at Mach ``mach`` (scalar or array), gamma = 1.4."""
    m = np.asarray(mach, dtype=float)
    g = GAMMA
    sub = ((1.0 + 0.5 * (g - 1.0) * m * m) ** (g / (g - 1.0)) - 1.0) / np.maximum(0.5 * g * m * m, 1e-300)
    ms = np.maximum(m, 1.0)
    pitot = ((g + 1.0) ** 2 * ms * ms / (4.0 * g * ms * ms - 2.0 * (g - 1.0))) ** (g / (g - 1.0)) \
        * (1.0 - g + 2.0 * g * ms * ms) / (g + 1.0)
    sup = (pitot - 1.0) / (0.5 * g * ms * ms)
    out = np.where(m > 1.0, sup, np.where(m > 0.0, sub, 1.0))
    return out if out.ndim else float(out)


HYPERSONIC_CP_MAX = ((GAMMA + 1.0) ** 2 / (4.0 * GAMMA)) ** (GAMMA / (GAMMA - 1.0)) * 4.0 / (GAMMA + 1.0)
"""The limit of :func:`stagnation_pressure_coefficient` as M -> infinity (1.8394 for gamma = 1.4)."""


@lru_cache(maxsize=1)
def _nodes():
    x, w = np.polynomial.legendre.leggauss(N_THETA)
    return x, w


@lru_cache(maxsize=256)
def newtonian_coefficients(sphere_radius_m, cap_half_angle_rad, alpha_rad, cp_max, ref_area_m2):
    """(C_A, C_N, C_D, C_L) of a spherical segment at angle of attack ``alpha_rad`` (between the
    direction of motion and the symmetry axis) under ``Cp = cp_max (n . d)^2``. ``cap_half_angle_rad``
    up to pi (pi: a whole sphere). C_A along the axis (positive: decelerating), C_N across it;
    C_D along ``-d``, C_L the magnitude of the force across ``d``. Gauss-Legendre in the polar
    angle (400 nodes) and the midpoint rule in azimuth (720 nodes); results are cached."""
    x, w = _nodes()
    theta = 0.5 * cap_half_angle_rad * (x + 1.0)
    w_theta = 0.5 * cap_half_angle_rad * w
    phi = (np.arange(N_PHI) + 0.5) * (2.0 * np.pi / N_PHI)
    th, ph = np.meshgrid(theta, phi, indexing="ij")
    normal = np.stack([np.cos(th), np.sin(th) * np.cos(ph), np.sin(th) * np.sin(ph)])
    d = np.array([np.cos(alpha_rad), 0.0, np.sin(alpha_rad)])
    cos_incidence = np.tensordot(d, normal, axes=1)
    cp = cp_max * np.where(cos_incidence > 0.0, cos_incidence, 0.0) ** 2
    area = sphere_radius_m ** 2 * np.sin(th) * (w_theta[:, None] * (2.0 * np.pi / N_PHI))
    force = -np.tensordot(normal, cp * area, axes=([1, 2], [0, 1])) / ref_area_m2
    c_a, c_n = -force[0], -force[2]
    c_d = -float(force @ d)
    c_l = float(np.linalg.norm(force + c_d * d))
    return float(c_a), float(c_n), c_d, c_l


@dataclass(frozen=True)
class CapsuleShape:
    """A spherical-segment heat shield: ``diameter_m`` at its rim, ``nose_radius_m`` its sphere,
    flown trimmed at ``trim_alpha_deg``."""
    diameter_m: float
    nose_radius_m: float
    trim_alpha_deg: float

    def __post_init__(self):
        for name in ("diameter_m", "nose_radius_m"):
            value = getattr(self, name)
            if not (np.isfinite(value) and value > 0.0):
                raise FarsideValueError(name, value, "a finite length > 0 m")
        if not self.nose_radius_m >= 0.5 * self.diameter_m:
            raise FarsideValueError("nose_radius_m", self.nose_radius_m,
                                    f"a sphere radius >= half the diameter ({0.5 * self.diameter_m:g} m)")
        if not (np.isfinite(self.trim_alpha_deg) and 0.0 <= self.trim_alpha_deg < 40.0):
            raise FarsideValueError("trim_alpha_deg", self.trim_alpha_deg, "a trim angle of 0 to 40 deg")

    @property
    def reference_area_m2(self) -> float:
        return np.pi * (0.5 * self.diameter_m) ** 2

    @property
    def cap_half_angle_rad(self) -> float:
        return float(np.arcsin(0.5 * self.diameter_m / self.nose_radius_m))

    def hypersonic(self):
        """(C_D, C_L) at trim in the Newtonian limit (Cp_max = 1.839)."""
        _, _, c_d, c_l = newtonian_coefficients(float(self.nose_radius_m), self.cap_half_angle_rad,
                                                float(np.radians(self.trim_alpha_deg)), HYPERSONIC_CP_MAX,
                                                float(self.reference_area_m2))
        return c_d, c_l

    def table(self, mach=None):
        """``(mach, c_d, c_l)`` arrays for the flight kernel: the trimmed hypersonic coefficients
        scaled by ``Cp_max(M) / Cp_max(inf)``."""
        mach = np.array([0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 40.0]) \
            if mach is None else np.asarray(mach, dtype=float)
        c_d, c_l = self.hypersonic()
        scale = stagnation_pressure_coefficient(mach) / HYPERSONIC_CP_MAX
        return mach, c_d * scale, c_l * scale
