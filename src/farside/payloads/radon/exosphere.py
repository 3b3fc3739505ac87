"""Radon in a collisionless exosphere above one site: ballistic hops, adsorption on landing, decay,
thermal escape, and the surface temperature that sets them.

Atoms leave the surface with the Maxwell-Boltzmann flux distribution of the local surface
temperature T (vertical speeds ``p(w) = w / s^2 exp(-w^2 / 2 s^2)``, ``s^2 = kT/m``) and fly
ballistic arcs in the surface gravity g; the closed forms of that distribution are the mean hop
time ``2/g <w> = (2 s / g) sqrt(pi / 2)`` and the barometric scale height of the time-averaged
density, ``H = kT / (m g)`` (e.g. J. W. Chamberlain 1963, Planet. Space Sci. 11, 901). Each landing
holds the atom for the residence time ``tau = tau0 exp(Q / R T)`` (Frenkel 1924), Q the adsorption
heat of Rn on lunar soil (8-9 kcal/mol, Friesen & Adams 1976, Geochim. Cosmochim. Acta 40, 375).
The fraction of launches faster than the escape speed u is ``(1 + u^2 / 2 s^2) exp(-u^2 / 2 s^2)``.

Surface temperature (regolith at the surface, K): radiative equilibrium under the Sun,
``T = [(1 - A) S cos(i) / (eps sigma)]^(1/4)``, which the lunar dayside follows closely (Diviner:
A. R. Vasavada et al. 2012, J. Geophys. Res. 117, E00H18), floored by a stated night-side
temperature; a site in the shadow of the terrain is at the floor.
"""
import numpy as np

from farside.astro import bodies
from farside.astro.bodies import MOON_MEAN_RADIUS_M

BOLTZMANN_J_K = 1.380649e-23
GAS_CONSTANT_J_MOL_K = 8.314462618
ATOMIC_MASS_KG = 1.66053906660e-27
STEFAN_BOLTZMANN_W_M2_K4 = 5.670374419e-8
SOLAR_CONSTANT_W_M2 = 1361.0
"""Total solar irradiance at 1 au (Kopp & Lean 2011, Geophys. Res. Lett. 38, L01706)."""
KCAL_J = 4184.0
RADON_MASS_KG = 222.0176 * ATOMIC_MASS_KG


def mass_of(nuclide: str) -> float:
    """Mass (kg) of ``"Rn-222"``-style nuclide names: the mass number in atomic mass units (the
    mass defect, under 0.01 %, is left out)."""
    return float(nuclide.split("-")[1]) * ATOMIC_MASS_KG


def surface_gravity_m_s2() -> float:
    """GM / R^2 of the Moon (DE440 GM, 1737.4 km mean radius)."""
    return bodies.get("moon").gm_m3_s2 / MOON_MEAN_RADIUS_M ** 2


def escape_speed_m_s() -> float:
    return float(np.sqrt(2.0 * bodies.get("moon").gm_m3_s2 / MOON_MEAN_RADIUS_M))


def thermal_speed_m_s(temperature_k, mass_kg=RADON_MASS_KG):
    """``s = sqrt(kT/m)`` (m/s)."""
    return np.sqrt(BOLTZMANN_J_K * np.asarray(temperature_k) / mass_kg)


def scale_height_m(temperature_k, mass_kg=RADON_MASS_KG):
    """Closed form ``kT / (m g)`` (m)."""
    return BOLTZMANN_J_K * np.asarray(temperature_k) / (mass_kg * surface_gravity_m_s2())


def hop_time_s(temperature_k, mass_kg=RADON_MASS_KG):
    """Closed form of the mean hop time ``(2 s / g) sqrt(pi / 2)`` (s)."""
    return 2.0 * thermal_speed_m_s(temperature_k, mass_kg) / surface_gravity_m_s2() * np.sqrt(np.pi / 2.0)


def hop_statistics(temperature_k, mass_kg=RADON_MASS_KG) -> tuple:
    """Mean hop time (s) and time-averaged height (m) by quadrature over the launch distribution
    and the ballistic arcs (flight time ``2w/g``, integral of the height over an arc
    ``2 w^3 / (3 g^2)``): the numerical counterparts of the closed forms."""
    from scipy import integrate   # imported here: scipy.integrate takes 0.4 s to import
    s = float(thermal_speed_m_s(temperature_k, mass_kg))
    g = surface_gravity_m_s2()

    def p(w):
        return w / s ** 2 * np.exp(-0.5 * (w / s) ** 2)
    top = 40.0 * s
    time = integrate.quad(lambda w: p(w) * 2.0 * w / g, 0.0, top, epsabs=0, epsrel=1e-12, limit=200)[0]
    height_time = integrate.quad(lambda w: p(w) * 2.0 * w ** 3 / (3.0 * g ** 2), 0.0, top, epsabs=0,
                                 epsrel=1e-12, limit=200)[0]
    return time, height_time / time


def escape_fraction(temperature_k, mass_kg=RADON_MASS_KG):
    """Fraction of launches faster than the escape speed (Maxwellian flux, cosine emission)."""
    x = 0.5 * escape_speed_m_s() ** 2 / thermal_speed_m_s(temperature_k, mass_kg) ** 2
    return (1.0 + x) * np.exp(-x)


def residence_time_s(temperature_k, adsorption_heat_kcal_mol, tau0_s=1e-13):
    """Frenkel's residence time ``tau0 exp(Q / R T)`` (s) of one adsorption."""
    return tau0_s * np.exp(adsorption_heat_kcal_mol * KCAL_J / (GAS_CONSTANT_J_MOL_K * np.asarray(temperature_k)))


def surface_temperature_k(sun_elevation_deg, sun_mask_deg, albedo, emissivity, night_k):
    """Radiative-equilibrium temperature (K) under a Sun at ``sun_elevation_deg`` (1 au), and
    ``night_k`` where the Sun is below the horizon or the terrain mask, or where that is warmer."""
    el = np.radians(np.asarray(sun_elevation_deg, dtype=float))
    lit = np.asarray(sun_elevation_deg) > np.maximum(np.asarray(sun_mask_deg), 0.0)
    flux = np.where(lit, (1.0 - albedo) * SOLAR_CONSTANT_W_M2 * np.sin(np.clip(el, 0.0, None)), 0.0)
    return np.maximum((flux / (emissivity * STEFAN_BOLTZMANN_W_M2_K4)) ** 0.25, night_k)
