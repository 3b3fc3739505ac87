"""Solar-wind protons onto the lunar surface and the hydrogen that leaves it.

The flux onto a surface element is ``F = n |u| cos(theta)``, ``u`` the solar wind's velocity
relative to the Moon (radially outward from the Sun at the stated speed, less the Moon's
heliocentric velocity: the ~4 deg aberration) and ``theta`` the angle between ``-u`` and the local
vertical (zero when the flow is below the horizon or the terrain).

Per incident proton a fraction ``eta_sc`` leaves scattered and ``eta_sp`` as sputtered surface
hydrogen; a fraction ``f_minus`` of both leaves as H-. The sputtered atoms' energy spectrum is
Thompson's, ``f(E) ~ E / (E + U_b)^3`` (M. W. Thompson 1968, Philos. Mag. 18, 377), whose peak is
at ``U_b / 2``; it is cut at the incident energy. The scattered atoms' spectrum is a
Maxwellian-flux form ``E exp(-E / kT_s)`` cut at the incident energy, ``kT_s`` a stated input (the
empirical ENA spectra of Y. Futaana et al. 2012, J. Geophys. Res. 117, E05005, are of this kind).
Both leave the surface with a cosine (Lambert) angular law.
"""
import numpy as np

PROTON_MASS_KG = 1.67262192369e-27
ELECTRON_VOLT_J = 1.602176634e-19


def incident_energy_ev(speed_m_s):
    """Kinetic energy (eV) of a proton at ``speed_m_s``."""
    return 0.5 * PROTON_MASS_KG * np.asarray(speed_m_s) ** 2 / ELECTRON_VOLT_J


def thompson(energy_ev, binding_ev):
    """Thompson's sputtered-atom energy distribution, unnormalised: ``E / (E + U_b)^3``."""
    e = np.asarray(energy_ev, dtype=float)
    return e / (e + binding_ev) ** 3


def maxwellian_flux(energy_ev, temperature_ev):
    """``E exp(-E / kT)``, unnormalised."""
    e = np.asarray(energy_ev, dtype=float)
    return e * np.exp(-e / temperature_ev)


def normalised(shape, cut_ev, *args):
    """``shape(E, *args)`` normalised to 1 over 0..``cut_ev`` (per eV), zero above the cut."""
    from scipy import integrate   # imported here: scipy.integrate takes 0.4 s to import
    total = integrate.quad(lambda e: shape(e, *args), 0.0, cut_ev, epsabs=0, epsrel=1e-10, limit=200)[0]

    def spectrum(energy_ev):
        e = np.asarray(energy_ev, dtype=float)
        return np.where((e >= 0) & (e <= cut_ev), shape(np.clip(e, 0, cut_ev), *args) / total, 0.0)
    return spectrum


def bin_integral(spectrum, lower_ev, upper_ev):
    """Integral of ``spectrum`` (per eV) over each bin ``lower..upper`` (arrays, eV)."""
    from scipy import integrate   # imported here: scipy.integrate takes 0.4 s to import
    return np.array([integrate.quad(spectrum, a, b, epsabs=0, epsrel=1e-8, limit=100)[0]
                     for a, b in zip(lower_ev, upper_ev)])
