"""Cube-corner retroreflectors and the laser link to them (J. J. Degnan 1993, "Millimeter accuracy
satellite laser ranging: a review", AGU Geodynamics Series 25, 133; Degnan 2023, Photonics 10,
1215).

A circular cube corner of diameter D and reflectivity rho has, at normal incidence, the peak
optical cross-section ``sigma = rho (4 pi / lambda^2) A^2``, A = pi D^2 / 4, in a central lobe of
half-width ~1.22 lambda / D. Off normal (incidence theta, refraction theta_r = asin(sin theta / n))
the entrance and the inverted exit aperture overlap on an effective area ``A eta(theta)`` with

    eta = (2 / pi) (acos x - x sqrt(1 - x^2)) cos theta,    x = sqrt(2) tan theta_r

(the normalised overlap of two discs whose centres are 2 x radii apart), and the cross-section
goes as ``eta^2``. The photoelectrons per shot of a transmitter of energy E at wavelength lambda,
gain ``G_t = 8 / theta_t^2`` (theta_t the 1/e^2 half-angle), pointing offset theta_p, to a target
of cross-section sigma at range R and back into a receiver of area A_r:

    N = eta_all (E lambda / h c) G_t exp(-2 theta_p^2 / theta_t^2) sigma A_r / (4 pi R^2)^2

``eta_all`` the product of the detector's quantum efficiency, the optics' transmissions and the
two-way atmospheric transmission (1 in vacuum). Velocity aberration (2 v / c ~ 11 urad from a
lunar orbiter) is far inside the lobe of a centimetre cube corner at 1064 nm (~100 urad) and is
left out.
"""
import numpy as np

PLANCK_J_S = 6.62607015e-34
SPEED_OF_LIGHT_M_S = 299792458.0


def disc_overlap(x):
    """Overlap of two equal discs whose centres are ``2 x`` radii apart, over one disc's area."""
    x = np.clip(np.asarray(x, dtype=float), 0.0, 1.0)
    return 2.0 / np.pi * (np.arccos(x) - x * np.sqrt(1.0 - x * x))


def effective_area_fraction(incidence_rad, refractive_index):
    """Degnan's ``eta(theta)`` of a circular cube corner (0 beyond its cut-off)."""
    theta = np.asarray(incidence_rad, dtype=float)
    refracted = np.arcsin(np.clip(np.sin(theta) / refractive_index, -1.0, 1.0))
    x = np.sqrt(2.0) * np.tan(refracted)
    return np.where((x < 1.0) & (np.abs(theta) < np.pi / 2), disc_overlap(x) * np.cos(theta), 0.0)


def peak_cross_section_m2(diameter_m, wavelength_m, reflectivity):
    """``rho (4 pi / lambda^2) (pi D^2 / 4)^2`` (m^2)."""
    area = np.pi * diameter_m ** 2 / 4.0
    return reflectivity * 4.0 * np.pi / wavelength_m ** 2 * area ** 2


def cross_section_m2(diameter_m, wavelength_m, reflectivity, refractive_index, incidence_rad):
    """Cross-section (m^2) at ``incidence_rad``: the peak times ``eta^2``."""
    eta = effective_area_fraction(incidence_rad, refractive_index)
    return peak_cross_section_m2(diameter_m, wavelength_m, reflectivity) * eta ** 2


def photoelectrons(energy_j, wavelength_m, divergence_half_angle_rad, cross_section, range_m,
                   receiver_area_m2, efficiency, pointing_rad=0.0):
    """Degnan's link equation: photoelectrons per shot."""
    photons = energy_j * wavelength_m / (PLANCK_J_S * SPEED_OF_LIGHT_M_S)
    gain = 8.0 / divergence_half_angle_rad ** 2 * np.exp(-2.0 * (pointing_rad / divergence_half_angle_rad) ** 2)
    return efficiency * photons * gain * cross_section * receiver_area_m2 / (4.0 * np.pi * np.asarray(range_m) ** 2) ** 2


def hit_probability(peak_photoelectrons, threshold, footprint_radius_m, beam_offsets_m, miss_sigma_m, grid=401):
    """Probability that at least one beam (centres ``beam_offsets_m``, (k, 2) m about the aim)
    returns ``threshold`` photoelectrons from a point target, the aim missing by a circular
    Gaussian of ``miss_sigma_m`` per axis; a beam of 1/e^2 radius ``footprint_radius_m`` returns
    ``peak exp(-2 d^2 / w^2)`` at distance d from its centre. Integrated on a fixed grid over
    +-5 sigma (deterministic)."""
    if peak_photoelectrons <= threshold:
        return 0.0
    reach = footprint_radius_m * np.sqrt(0.5 * np.log(peak_photoelectrons / threshold))
    half = 5.0 * miss_sigma_m + np.max(np.abs(beam_offsets_m)) + reach
    u = np.linspace(-half, half, grid)
    x, y = np.meshgrid(u, u)
    weight = np.exp(-0.5 * (x * x + y * y) / miss_sigma_m ** 2)
    offsets = np.asarray(beam_offsets_m, dtype=float)
    d2 = np.min((x[None] - offsets[:, 0, None, None]) ** 2 + (y[None] - offsets[:, 1, None, None]) ** 2, axis=0)
    return float(np.sum(weight * (d2 <= reach * reach)) / np.sum(weight))
