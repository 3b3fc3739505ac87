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

On each interval of the temperature record the rates are constant and the linear system is
advanced exactly: from the eigen-decomposition of its matrix (Moler & Van Loan 2003, SIAM Rev. 45,
3, method 14), the populations and their integrals over the interval (which feed the ledger) in
closed form, so the stiff members (Po-214, 164 us) need no care.
"""
from dataclasses import dataclass

import numpy as np
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


def _population_matrix(lam, feed, hop_s, residence_s, escape, return_fraction):
    """``P`` of dx/dt = P x + phi e_F over x = [F, A, S_2..S_n] (1/s)."""
    n = len(lam)
    m = np.zeros((n + 1, n + 1))
    desorb = min(1.0 / residence_s, MAX_DESORPTION_RATE_S)
    m[0, 0] = -1.0 / hop_s - lam[0]
    m[0, 1] = desorb
    m[1, 0] = (1.0 - escape) / hop_s
    m[1, 1] = -desorb - lam[0]
    if n > 1:
        m[2, 0] = return_fraction * feed[1] * lam[0]
        m[2, 1] = feed[1] * lam[0]
    for k in range(2, n + 1):
        m[k, k] = -lam[k - 1]
        if k > 2:
            m[k, k - 1] = feed[k - 1] * lam[k - 2]
    return m


def _step(matrix, source, dt_s):
    """``(E, I, x_s)`` of one interval: x(dt) = E (x0 - x_s) + x_s and the integral of x over it
    = I (x0 - x_s) + x_s dt, x_s = -P^-1 s the steady state; E = V exp(w dt) V^-1 and
    I = V (expm1(w dt) / w) V^-1 from the eigen-decomposition of P (real, distinct, negative
    eigenvalues: a compartment chain with distinct decay constants)."""
    w, v = np.linalg.eig(matrix)
    w, v = w.real, v.real
    v_inv = np.linalg.inv(v)
    steady = -np.linalg.solve(matrix, source)
    e = (v * np.exp(w * dt_s)) @ v_inv
    integral = (v * (np.expm1(w * dt_s) / w)) @ v_inv
    return e, integral, steady


def simulate(chain, times_s, temperature_k, exhalation_atoms_m2_s, adsorption_heat_kcal_mol,
             return_fraction=1.0, initial=None) -> ColumnHistory:
    """Advance the column over ``times_s`` (TDB s, increasing) with the temperature of each
    interval's start (``temperature_k[:-1]``; intervals of one temperature and length share one
    step, as on the night side), from ``initial`` (the populations at a previous history's end,
    :func:`final_state`) or empty."""
    n = len(chain)
    lam, feed = decay.chain_constants(chain)
    mass = exosphere.mass_of(chain[0].name)
    times_s = np.asarray(times_s, dtype=float)
    temperature_k = np.asarray(temperature_k, dtype=float)
    x = np.zeros(n + 1) if initial is None else np.array(initial, dtype=float)
    source = np.zeros(n + 1)
    source[0] = exhalation_atoms_m2_s
    states, ledger, total = [x.copy()], [np.zeros(3)], np.zeros(3)
    steps = {}
    for k in range(len(times_s) - 1):
        key = (float(temperature_k[k]), float(times_s[k + 1] - times_s[k]))
        if key not in steps:
            escape = float(exosphere.escape_fraction(key[0], mass))
            hop = float(exosphere.hop_time_s(key[0], mass))
            p = _population_matrix(lam, feed, hop, float(exosphere.residence_time_s(key[0], adsorption_heat_kcal_mol)),
                                   escape, return_fraction)
            steps[key] = _step(p, source, key[1]) + (escape / hop,)
        e, integral, steady, escape_rate = steps[key]
        held = integral @ (x - steady) + steady * key[1]
        total = total + (exhalation_atoms_m2_s * key[1], lam[0] * (held[0] + held[1]), escape_rate * held[0])
        x = e @ (x - steady) + steady
        states.append(x.copy())
        ledger.append(total.copy())
    s, book = np.array(states), np.array(ledger)
    surface = np.column_stack([s[:, 1], s[:, 2:]])
    return ColumnHistory(tuple(chain), times_s, s[:, 0], s[:, 1], surface, book[:, 0], book[:, 1], book[:, 2])


def final_state(history: ColumnHistory) -> np.ndarray:
    """The populations [F, A, S_2..S_n] at the end of ``history`` (to start the next one from)."""
    return np.concatenate([[history.flight[-1], history.adsorbed[-1]], history.surface[-1, 1:]])
