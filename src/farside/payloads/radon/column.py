"""Radon above one site, per square metre: the atoms in flight and adsorbed, their daughters on the
surface, and a ledger of where the exhaled atoms went.

Per unit area, with exhalation ``phi`` (atoms m^-2 s^-1) into flight, hop time ``t_h(T)``,
residence time ``tau(T)`` and escape fraction ``f_e(T)`` (:mod:`.exosphere`):

    dF/dt = phi - F / t_h - lambda F + A / tau         (in flight)
    dA/dt = (1 - f_e) F / t_h - A / tau - lambda A     (adsorbed)
    dS_2/dt = r lambda F + lambda A - lambda_2 S_2,   dS_k/dt = b_k lambda_{k-1} S_{k-1} - lambda_k S_k

the daughters S_k of the chain (:mod:`.decay`) on the surface, ``r`` the fraction of the daughters
of decays in flight that come down at the site. The ledger integrates the production, the decays in
flight and adsorbed, and the escapes, so that at every time

    produced = decayed + escaped + (F + A)(t) - (F + A)(0)

On each interval of the temperature record the rates are constant and the linear system, ledger
included, is advanced exactly with the matrix exponential of its augmented matrix (Moler & Van
Loan 2003, SIAM Rev. 45, 3, method 10), so the stiff members (Po-214, 164 us) need no care.
"""
from dataclasses import dataclass

import numpy as np
from scipy.linalg import expm

from farside.payloads.radon import decay, exosphere

MAX_DESORPTION_RATE_S = 1e3
"""Desorption faster than this (residence under 1 ms, i.e. the dayside) is taken at this rate: the
adsorbed share it leaves, tau / t_h < 1e-5, is below anything counted."""


@dataclass(frozen=True)
class ColumnHistory:
    """``times_s`` (TDB s); ``flight``, ``adsorbed`` (atoms m^-2 of the chain's radon); ``surface``
    (m, n) atoms m^-2 of each chain member on the surface (column 0: the adsorbed radon);
    ``produced``, ``decayed``, ``escaped`` (cumulative atoms m^-2 since the first time)."""
    chain: tuple
    times_s: np.ndarray
    flight: np.ndarray
    adsorbed: np.ndarray
    surface: np.ndarray
    produced: np.ndarray
    decayed: np.ndarray
    escaped: np.ndarray

    def balance_residual(self) -> np.ndarray:
        """``produced - decayed - escaped - change of the radon in flight and adsorbed``, over
        the production (dimensionless; 0 where nothing was produced yet)."""
        held = self.flight + self.adsorbed
        residual = self.produced - self.decayed - self.escaped - (held - held[0])
        return np.divide(residual, self.produced, out=np.zeros_like(residual), where=self.produced > 0)

    def surface_activity_bq_m2(self) -> np.ndarray:
        """Activity (Bq m^-2) of each member on the surface, (m, n)."""
        lam, _ = decay.chain_constants(self.chain)
        return self.surface * lam


def _rate_matrix(lam, feed, hop_s, residence_s, escape, return_fraction):
    """The (n + 5) square augmented matrix over [F, A, S_2..S_n, produced, decayed, escaped, 1]."""
    n = len(lam)
    m = np.zeros((n + 5, n + 5))
    f, a, prod, dec, esc, one = 0, 1, n + 1, n + 2, n + 3, n + 4
    desorb = min(1.0 / residence_s, MAX_DESORPTION_RATE_S)
    m[f, f] = -1.0 / hop_s - lam[0]
    m[f, a] = desorb
    m[a, f] = (1.0 - escape) / hop_s
    m[a, a] = -desorb - lam[0]
    if n > 1:
        m[2, f] = return_fraction * feed[1] * lam[0]
        m[2, a] = feed[1] * lam[0]
    for k in range(2, n + 1):
        m[k, k] = -lam[k - 1]
        if k > 2:
            m[k, k - 1] = feed[k - 1] * lam[k - 2]
    m[dec, f] = m[dec, a] = lam[0]
    m[esc, f] = escape / hop_s
    return m, (f, a, prod, one)


def simulate(chain, times_s, temperature_k, exhalation_atoms_m2_s, adsorption_heat_kcal_mol,
             return_fraction=1.0, initial=None) -> ColumnHistory:
    """Advance the column over ``times_s`` (TDB s, increasing) with the temperature of each
    interval's start (``temperature_k[:-1]``; intervals of one temperature and length share one
    exponential, as on the night side), from ``initial`` (the state vector of a previous
    history's end, :func:`final_state`) or empty."""
    n = len(chain)
    times_s = np.asarray(times_s, dtype=float)
    temperature_k = np.asarray(temperature_k, dtype=float)
    x = np.zeros(n + 5)
    if initial is not None:
        x[:n + 1] = initial
    x[n + 4] = 1.0
    states = [x.copy()]
    mass = exosphere.mass_of(chain[0].name)
    lam, feed = decay.chain_constants(chain)
    steps = {}
    for k in range(len(times_s) - 1):
        key = (float(temperature_k[k]), float(times_s[k + 1] - times_s[k]))
        if key not in steps:
            m, (f, _, prod, one) = _rate_matrix(lam, feed, float(exosphere.hop_time_s(key[0], mass)),
                                                float(exosphere.residence_time_s(key[0], adsorption_heat_kcal_mol)),
                                                float(exosphere.escape_fraction(key[0], mass)), return_fraction)
            m[f, one] = m[prod, one] = exhalation_atoms_m2_s
            steps[key] = expm(m * key[1])
        x = steps[key] @ x
        states.append(x.copy())
    s = np.array(states)
    surface = np.column_stack([s[:, 1], s[:, 2:n + 1]])
    return ColumnHistory(tuple(chain), times_s, s[:, 0], s[:, 1], surface, s[:, n + 1], s[:, n + 2], s[:, n + 3])


def final_state(history: ColumnHistory) -> np.ndarray:
    """The populations at the end of ``history`` (to start the next one from)."""
    return np.concatenate([[history.flight[-1], history.adsorbed[-1]], history.surface[-1, 1:]])
