"""The Rn-222 and Rn-220 decay chains and their Bateman solution.

Half-lives, alpha energies and branching ratios are the evaluated nuclear data of NNDC NuDat 3 /
ENSDF (Brookhaven National Laboratory). A chain is a list of members, each fed by the one before it
with branching ratio ``feed`` (the fraction of the parent's decays that make this member).

The Bateman closed form (H. Bateman 1910, Proc. Cambridge Philos. Soc. 15, 423; with branching,
e.g. L. Moral & A. F. Pacheco 2003, Am. J. Phys. 71, 684): for a chain started by ``N_1(0)`` atoms
of its first member, member n holds

    N_n(t) = N_1(0) (prod_{i<n} b_i lambda_i) sum_{j<=n} exp(-lambda_j t) / prod_{k<=n, k!=j} (lambda_k - lambda_j)

(b_i the branching from member i to i+1); initial amounts of later members add the same form of
their own sub-chain.
"""
from dataclasses import dataclass

import numpy as np

from farside.errors import FarsideValueError

DAY_S = 86400.0
YEAR_S = 365.25 * DAY_S
AVOGADRO_PER_MOL = 6.02214076e23
"""SI 2019 exact value."""


@dataclass(frozen=True)
class Nuclide:
    """``half_life_s``; ``alphas`` the (energy MeV, intensity per decay) of its alpha lines;
    ``feed`` the fraction of the previous member's decays that produce it."""
    name: str
    half_life_s: float
    alphas: tuple = ()
    feed: float = 1.0

    @property
    def decay_constant_s(self) -> float:
        return np.log(2.0) / self.half_life_s


RN222_CHAIN = (
    Nuclide("Rn-222", 3.8235 * DAY_S, ((5.490, 1.0),)),
    Nuclide("Po-218", 3.098 * 60.0, ((6.002, 1.0),)),
    Nuclide("Pb-214", 26.8 * 60.0),
    Nuclide("Bi-214", 19.9 * 60.0),
    Nuclide("Po-214", 164.3e-6, ((7.687, 1.0),)),
    Nuclide("Pb-210", 22.2 * YEAR_S),
    Nuclide("Bi-210", 5.012 * DAY_S),
    Nuclide("Po-210", 138.376 * DAY_S, ((5.304, 1.0),)),
)
"""Rn-222 to Po-210 (Bi-214's 0.02 % alpha branch is left out)."""

RN220_CHAIN = (
    Nuclide("Rn-220", 55.6, ((6.288, 1.0),)),
    Nuclide("Po-216", 0.145, ((6.778, 1.0),)),
    Nuclide("Pb-212", 10.64 * 3600.0),
    Nuclide("Bi-212", 60.55 * 60.0, ((6.051, 0.2513), (6.090, 0.0975))),
    Nuclide("Po-212", 0.299e-6, ((8.785, 1.0),), feed=0.6406),
)
"""Rn-220 to Po-212: Bi-212 decays by alpha (35.94 %, to Tl-208) or beta (64.06 %, to Po-212)."""

U238_HALF_LIFE_S = 4.468e9 * YEAR_S
U238_ABUNDANCE = 0.992742
U238_MOLAR_MASS_KG = 0.2380508
TH232_HALF_LIFE_S = 1.40e10 * YEAR_S
TH232_MOLAR_MASS_KG = 0.2320381


def specific_activity_bq_kg_per_ppm(half_life_s, molar_mass_kg, abundance=1.0) -> float:
    """Activity (Bq) of the parent in 1 kg of material holding 1 ppm (1 mg/kg) of the element:
    lambda N = ln2 / T_half x abundance x 1e-6 kg / M x N_A."""
    return np.log(2.0) / half_life_s * abundance * 1e-6 / molar_mass_kg * AVOGADRO_PER_MOL


def chain_constants(chain) -> tuple:
    """Decay constants (1/s) and feeds of ``chain``; raises if two decay constants coincide (the
    closed form divides by their differences)."""
    lam = np.array([n.decay_constant_s for n in chain])
    if len(np.unique(lam)) != len(lam):
        raise FarsideValueError("chain", [n.name for n in chain], "distinct half-lives")
    return lam, np.array([n.feed for n in chain])


def bateman(chain, initial_atoms, t_s) -> np.ndarray:
    """Atoms of each member of ``chain`` at ``t_s`` (s, array (m,)) from ``initial_atoms`` (n,)
    at t = 0 and no source: the closed form above. Returns (m, n)."""
    lam, feed = chain_constants(chain)
    t = np.atleast_1d(np.asarray(t_s, dtype=float))
    n0 = np.asarray(initial_atoms, dtype=float)
    out = np.zeros((t.size, len(chain)))
    for start in range(len(chain)):
        if n0[start] == 0.0:
            continue
        for n in range(start, len(chain)):
            ks = np.arange(start, n + 1)
            coefficient = n0[start] * np.prod(feed[start + 1:n + 1] * lam[start:n])
            for j in ks:
                others = ks[ks != j]
                out[:, n] += coefficient * np.exp(-lam[j] * t) / np.prod(lam[others] - lam[j])
    return out


def decay_matrix(chain) -> np.ndarray:
    """``A`` of dN/dt = A N for ``chain`` (1/s): -lambda_n on the diagonal, b_n lambda_{n-1} below."""
    lam, feed = chain_constants(chain)
    a = np.diag(-lam)
    a[np.arange(1, len(chain)), np.arange(len(chain) - 1)] = feed[1:] * lam[:-1]
    return a


def alpha_lines(chain) -> list:
    """``[(member index, energy MeV, intensity)]`` of the chain's alpha lines."""
    return [(i, e, f) for i, n in enumerate(chain) for e, f in n.alphas]
