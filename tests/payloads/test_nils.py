"""NILS: the sputtered spectrum's peak at U_b/2 (closed form), the incident flux's cosine law
against the site's sky, the aberration of the flow, the H- yield against NILS's published
fraction, and the burst schedule."""
import numpy as np
import pytest

from farside.payloads.ions import surface_ions
from farside.payloads.nils import Nils, NilsParameters, incident, operating, spectra
from tests.payloads import flown as F


@pytest.mark.parametrize("binding_ev", [1.0, 5.5, 8.0])
def test_thompson_spectrum_peaks_at_half_the_binding_energy(binding_ev):
    spectrum = surface_ions.normalised(surface_ions.thompson, 500.0, binding_ev)
    e = np.linspace(1e-4, 5 * binding_ev, 500001)
    # d/dE [E / (E + U)^3] = 0 at E = U/2; the grid spacing is 1e-5 U
    assert e[np.argmax(spectrum(e))] == pytest.approx(binding_ev / 2, abs=2e-5 * binding_ev)


def test_flux_follows_the_cosine_of_the_solar_zenith_angle():
    mission = F.mission(mask=False)
    sky = mission.surface_stays[0].sky
    p = NilsParameters(orbital_aberration=False, density_cm3=5.0, speed_km_s=400.0)
    flux, theta, speed = incident(p, F.SITE, sky.times_s)
    cos_sza = np.sin(np.radians(sky.sun_elevation_deg))
    # the sky's Sun has light time (8.3 min: the Moon moves 1e-4 rad about the Sun meanwhile); the
    # flow is the geometric anti-Sun direction: measured 7e-6 apart in cos
    assert np.allclose(flux / (5e6 * speed), cos_sza, atol=3e-5, rtol=0)
    assert np.ptp(cos_sza) > 0.05          # the Sun did move over the stay


def test_the_flow_is_aberrated_by_the_moons_orbital_speed():
    t = F.LANDING.tdb_seconds + np.array([0.0, 86400.0])
    _, straight, _ = incident(NilsParameters(orbital_aberration=False, speed_km_s=400.0), F.SITE, t)
    _, aberrated, _ = incident(NilsParameters(speed_km_s=400.0), F.SITE, t)
    # atan(29.8 / 400) = 4.26 deg; its projection on the zenith angle (measured 2.1 and 1.5 deg here) is
    # at most that
    shift = np.degrees(np.abs(aberrated - straight))
    assert np.all(shift > 0.5) and np.all(shift < 4.4)


def test_negative_ions_per_incident_proton_match_the_published_fraction():
    for fraction in (0.07, 0.20):            # the NILS-fitted range of f-; yields 22 % and 8 %
        p = NilsParameters(negative_fraction=fraction)
        scattered, sputtered = spectra(p, 470.0)
        total = sum(surface_ions.bin_integral(s, [0.0], [470.0])[0] for s in (scattered, sputtered))
        # the spectra are normalised by quadrature at 1e-10: their integrals are the yields' product
        assert total == pytest.approx(0.30 * fraction, rel=1e-7)
        assert 0.02 <= total <= 0.061        # "2-6 %" of the incident flux


def test_bursts_after_the_first_data():
    p = NilsParameters(first_data_after_landing_min=280.0, burst_min=10.0, cooldown_min=50.0)
    w = F.window("2024-06-02T00:00:00", "2024-06-02T12:00:00")
    t = np.arange(w.start_s, w.end_s, 1.0)
    on = operating(p, F.LANDING.tdb_seconds, [w], t)
    first = F.LANDING.tdb_seconds + 280 * 60.0
    assert t[np.argmax(on)] == pytest.approx(first, abs=1.0)
    # from 03:03:16 to 12:00: 8.95 h, 9 bursts of 10 min (the last one whole): 1 s sampling
    assert on.sum() == pytest.approx(9 * 600, abs=2)


def test_the_model_runs_on_a_surface_stay_and_reports_its_figures():
    mission = F.mission()
    model = Nils()
    out = model.run(mission, F.request(model, "lander", [F.window("2024-06-02T02:00:00", "2024-06-02T23:00:00")]))
    assert out.figures["first_data_utc"] == "2024-06-02T03:03:16"
    assert out.figures["data_hours"] == pytest.approx(20 / 6, abs=1e-9)
    assert {c.basis for c in out.comparisons} <= {"input", "target", "prediction"}
