"""Radon physics of the DORN model against closed forms and independent numerics: the decay chains
(Bateman against the matrix exponential, secular and transient equilibrium), the ballistic hops
(quadrature against the closed forms), the detector's plane law (against a ring integral) and the
column's mass balance."""
import numpy as np
import pytest
from scipy import integrate
from scipy.linalg import expm

from farside.payloads.radon import column, decay, detector, exosphere


@pytest.mark.parametrize("chain", [decay.RN222_CHAIN, decay.RN220_CHAIN])
def test_bateman_closed_form_matches_the_matrix_exponential(chain):
    n0 = np.zeros(len(chain))
    n0[0], n0[2] = 1e12, 3e9                       # a parent and a daughter present at the start
    times = np.array([10.0, 600.0, 3600.0, 86400.0, 10 * 86400.0])
    closed = decay.bateman(chain, n0, times)
    numeric = np.array([expm(decay.decay_matrix(chain) * t) @ n0 for t in times])
    big = numeric > 1e-3 * n0.max()
    # the closed form sums terms of alternating sign; measured worst 3e-12 relative on these members
    assert np.allclose(closed[big], numeric[big], rtol=1e-9, atol=0)


def test_secular_equilibrium_under_a_long_lived_parent():
    radium = decay.Nuclide("Ra-226", 1600 * decay.YEAR_S, ((4.784, 0.94),))
    chain = (radium,) + decay.RN222_CHAIN[:5]
    lam, _ = decay.chain_constants(chain)
    n = decay.bateman(chain, [1e20, 0, 0, 0, 0, 0], [60 * 86400.0])[0]
    activity = lam * n
    # after 60 d (11 Rn-222 half-lives) the transient is exp(-60 ln2 / 3.82) = 2e-5 and the
    # secular ratio lambda_Rn / (lambda_Rn - lambda_Ra) differs from 1 by 7e-6
    assert np.allclose(activity[1:] / activity[0], 1.0, rtol=4e-5)


def test_transient_equilibrium_of_the_short_lived_daughters():
    chain = decay.RN222_CHAIN[:5]
    lam, _ = decay.chain_constants(chain)
    n = decay.bateman(chain, [1e12, 0, 0, 0, 0], [10 * 3600.0])[0]
    expected = np.cumprod(np.r_[1.0, lam[1:] / (lam[1:] - lam[0])])   # A_k / A_1 (Bateman, t >> daughters)
    # after 10 h Pb-214 (26.8 min) has e-folded 15.5 times: its transient, exp(-15.5) = 1.8e-7 times
    # Bi-214's factor lambda_Bi / (lambda_Bi - lambda_Pb) = 4.1, is the 8.6e-7 measured on Bi-214
    assert np.allclose(lam * n / (lam[0] * n[0]), expected, rtol=2e-6, atol=0)


def test_specific_activities_of_uranium_and_thorium():
    u = decay.specific_activity_bq_kg_per_ppm(decay.U238_HALF_LIFE_S,
                                              decay.U238_MOLAR_MASS_KG, decay.U238_ABUNDANCE)
    th = decay.specific_activity_bq_kg_per_ppm(decay.TH232_HALF_LIFE_S, decay.TH232_MOLAR_MASS_KG)
    # IAEA-TECDOC-1363 (2003) conversion factors: 1 ppm U = 12.35 Bq/kg, 1 ppm Th = 4.06 Bq/kg
    assert u == pytest.approx(12.35, abs=0.005)
    # ENSDF's Th-232 half-life 1.40(1)e10 y gives 4.072; the IAEA factor rests on 1.405e10 y: 0.3 %
    # apart, inside the half-life's own 0.7 % uncertainty
    assert th == pytest.approx(4.06, abs=0.015)


@pytest.mark.parametrize("temperature_k", [100.0, 250.0, 390.0])
def test_hop_time_and_scale_height_against_their_closed_forms(temperature_k):
    time, height = exosphere.hop_statistics(temperature_k)
    # quadrature at epsrel 1e-12 of smooth integrands: agreement to ~1e-13 measured
    assert time == pytest.approx(float(exosphere.hop_time_s(temperature_k)), rel=1e-10)
    assert height == pytest.approx(float(exosphere.scale_height_m(temperature_k)), rel=1e-10)


@pytest.mark.parametrize("temperature_k, height_km", [(100.0, 2.3), (250.0, 5.8), (390.0, 9.0)])
def test_radon_scale_heights_against_the_published_estimates(temperature_k, height_km):
    # kT/(mg) for Rn as tabulated to two figures in the DORN physics estimates: half a unit of the
    # last figure
    assert float(exosphere.scale_height_m(temperature_k)) / 1e3 == pytest.approx(height_km, abs=0.06)


def test_the_plane_law_against_a_ring_integral():
    h, half = 1.3, np.radians(40.0)
    rho_max = h * np.tan(half)
    ring = integrate.quad(lambda rho: 2 * np.pi * rho * h / (4 * np.pi * (h * h + rho * rho) ** 1.5), 0.0, rho_max,
                          epsabs=0, epsrel=1e-12)[0]
    assert float(detector.plane_count_rate_s(1.0, 1.0, half)) == pytest.approx(ring, rel=1e-10)


def _night_and_day(n_days=12, step_s=1800.0):
    t = np.arange(0.0, n_days * 86400.0, step_s)
    temperature = np.where((t // 43200.0) % 2 == 0, 105.0, 330.0)     # 12 h nights at 105 K and days at 330 K
    return t, temperature


@pytest.mark.parametrize("chain", [decay.RN222_CHAIN, decay.RN220_CHAIN])
def test_mass_balance_of_the_column(chain):
    t, temperature = _night_and_day()
    hist = column.simulate(chain, t, temperature, 30.0, 8.5, return_fraction=0.7)
    # the ledger takes the populations' integrals in closed form: measured 3e-13 (Rn-222), 2e-16
    # (Rn-220); 1e-6 is what the model promises, 1e-11 what this one keeps
    assert np.max(np.abs(hist.balance_residual())) < 1e-11
    assert hist.adsorbed.max() > 1e-3 * hist.flight.max()      # the nights do hold radon


def test_the_column_reaches_its_steady_state_and_the_daughters_their_parent():
    chain = decay.RN222_CHAIN
    t = np.arange(0.0, 80 * 86400.0, 6 * 3600.0)
    phi = 30.0
    hist = column.simulate(chain, t, np.full(t.size, 300.0), phi, 8.5, return_fraction=1.0)
    lam = chain[0].decay_constant_s
    # by day nothing sticks: the column decays as fast as it is fed, phi = lambda N (80 d: e^-14.5 left)
    assert hist.flight[-1] + hist.adsorbed[-1] == pytest.approx(phi / lam, rel=1e-5)
    activity = hist.surface_activity_bq_m2()[-1]
    # Po-218 .. Po-214 in equilibrium with the radon decay rate (within their transient factors, 1e-2)
    assert np.allclose(activity[1:5], phi, rtol=1.2e-2)


def _augmented(chain, hop, residence, escape, return_fraction, phi):
    """The column and its ledger as one linear system [F, A, S_2..S_n, produced, decayed,
    escaped, 1], written out independently of the model's eigen-decomposition."""
    lam, feed = decay.chain_constants(chain)
    n = len(chain)
    m = np.zeros((n + 5, n + 5))
    m[0, 0], m[0, 1], m[0, n + 4] = -1 / hop - lam[0], 1 / residence, phi
    m[1, 0], m[1, 1] = (1 - escape) / hop, -1 / residence - lam[0]
    m[2, 0], m[2, 1] = return_fraction * feed[1] * lam[0], feed[1] * lam[0]
    for k in range(2, n + 1):
        m[k, k] = -lam[k - 1]
        if k > 2:
            m[k, k - 1] = feed[k - 1] * lam[k - 2]
    m[n + 1, n + 4] = phi
    m[n + 2, 0] = m[n + 2, 1] = lam[0]
    m[n + 3, 0] = escape / hop
    return m


def test_column_steps_against_an_implicit_integration_of_the_augmented_system():
    chain, temperature, phi = decay.RN222_CHAIN, 110.0, 25.0
    t = np.arange(0.0, 3 * 86400.0 + 1, 3 * 3600.0)
    hist = column.simulate(chain, t, np.full(t.size, temperature), phi, 8.5, return_fraction=0.6)
    mass = exosphere.mass_of("Rn-222")
    m = _augmented(chain, float(exosphere.hop_time_s(temperature, mass)),
                   float(exosphere.residence_time_s(temperature, 8.5)), float(exosphere.escape_fraction(temperature, mass)),
                   0.6, phi)
    x0 = np.zeros(m.shape[0])
    x0[-1] = 1.0
    want = integrate.solve_ivp(lambda _, y: m @ y, (0.0, t[-1]), x0, method="BDF", jac=m, rtol=1e-13,
                               atol=1e-20).y[:len(chain) + 3, -1]
    got = np.r_[hist.flight[-1], hist.adsorbed[-1], hist.surface[-1, 1:], hist.produced[-1], hist.decayed[-1]]
    # BDF at rtol 1e-13: measured 2e-14 apart on the radon, the short-lived daughters and the
    # ledger, 2e-10 on Pb-210 and Bi-210 (1e-6 of the radon), 1e-7 on Po-210 (1e-12 of it)
    assert np.allclose(got[:6], want[:6], rtol=1e-12, atol=0)
    assert np.allclose(got[-2:], want[-2:], rtol=1e-12, atol=0)
    assert np.allclose(got[6:8], want[6:8], rtol=1e-9, atol=0)
    assert got[8] == pytest.approx(want[8], rel=1e-6)


@pytest.mark.parametrize("height_km, half_deg", [(0.0, 40.0), (200.0, 45.0), (8600.0, 10.0), (8600.0, 90.0)])
def test_the_sphere_law_against_its_integral_over_the_field_of_view(height_km, half_deg):
    radius = 1737.4e3
    d = radius + height_km * 1e3
    top = min(np.radians(half_deg), np.arcsin(radius / d))

    def seen(beta):           # sigma / 2 cos(beta) sin(beta) / cos(gamma): the rays' integrand
        return 0.5 * np.cos(beta) * np.sin(beta) / np.sqrt(max(1 - (d / radius * np.sin(beta)) ** 2, 1e-300))
    reference = integrate.quad(seen, 0.0, top, epsabs=0, epsrel=1e-12, limit=400)[0]
    # quadrature of an integrable 1/sqrt singularity at the horizon: measured 1e-13
    assert float(detector.sphere_count_rate_s(1.0, 1.0, np.radians(half_deg), radius, d)) == \
        pytest.approx(reference, rel=1e-11)


def test_the_sphere_law_limits():
    radius, half = 1737.4e3, np.radians(40.0)
    assert float(detector.sphere_count_rate_s(1.0, 1.0, half, radius, radius)) == \
        pytest.approx(float(detector.plane_count_rate_s(1.0, 1.0, half)), rel=1e-14)
    assert float(detector.sphere_count_rate_s(1.0, 1.0, np.pi / 2, radius, 400 * radius)) == \
        pytest.approx(1.0 / (2 * 400.0 ** 2), rel=1e-12)
