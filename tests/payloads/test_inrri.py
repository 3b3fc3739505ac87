"""INRRI: the cube corner's cross-section against Degnan's closed form, the link equation against
a hand computation with LOLA's published figures, the footprint's hit probability against the
Rayleigh closed form, and the orbiter's passes over the lander against SPICE's geometry finder
on an SPK of the same orbit written by farside."""
import numpy as np
import pytest

from farside.astro.sites import enu_rotation
from farside.dynamics.export import node_runs
from farside.io.spk import SpkSegment, write_spk
from farside.payloads.inrri import Inrri, InrriParameters, fly_orbiter, orbiter_track, passes
from farside.payloads.laser import retroreflector as rr
from tests.payloads import flown as F

ORBITER, LANDER, TOPO = -85, 301902, 1301902


def test_peak_cross_section_against_degnans_closed_form():
    # rho (4 pi / lambda^2) (pi D^2 / 4)^2 by hand for D = 1.27 cm: A = 1.2668e-4 m^2
    area = np.pi * 0.0127 ** 2 / 4
    for wavelength, by_hand in ((1064e-9, 4 * np.pi * area ** 2 / 1064e-9 ** 2), (532e-9, 4 * np.pi * area ** 2 / 532e-9 ** 2)):
        assert rr.peak_cross_section_m2(0.0127, wavelength, 1.0) == pytest.approx(by_hand, rel=1e-14)
    # the payload notes' figures, to their two digits: 1.8e5 m^2 (1064 nm), 7.1e5 m^2 (532 nm)
    assert rr.peak_cross_section_m2(0.0127, 1064e-9, 1.0) == pytest.approx(1.8e5, rel=0.02)
    assert rr.peak_cross_section_m2(0.0127, 532e-9, 1.0) == pytest.approx(7.1e5, rel=0.01)
    # an Apollo 3.8 cm cube corner is (3.8 / 1.27)^4 = 80 times larger
    assert rr.peak_cross_section_m2(0.038, 1064e-9, 1.0) / rr.peak_cross_section_m2(0.0127, 1064e-9, 1.0) == \
        pytest.approx(80.2, rel=1e-3)


@pytest.mark.parametrize("x", [0.1, 0.4, 0.7, 0.95])
def test_effective_area_is_the_overlap_of_two_discs(x):
    # count grid points inside both unit discs, centres 2x apart: 2000^2 points, error ~5e-4
    u = np.linspace(-1.0, 1.0 + 2 * x, 2000)
    v = np.linspace(-1.0, 1.0, 2000)
    xx, yy = np.meshgrid(u, v)
    inside = (xx ** 2 + yy ** 2 <= 1) & ((xx - 2 * x) ** 2 + yy ** 2 <= 1)
    cell = (u[1] - u[0]) * (v[1] - v[0])
    assert float(rr.disc_overlap(x)) == pytest.approx(inside.sum() * cell / np.pi, abs=2e-3)


def test_effective_area_cut_off_angle():
    # x = sqrt(2) tan(theta_r) reaches 1 at theta_r = 35.26 deg: theta = asin(1.4496 sin 35.26 deg) = 56.8 deg
    cut = np.degrees(np.arcsin(1.4496 * np.sin(np.arctan(1 / np.sqrt(2)))))
    assert float(rr.effective_area_fraction(np.radians(cut - 0.01), 1.4496)) > 0
    assert float(rr.effective_area_fraction(np.radians(cut + 0.01), 1.4496)) == 0
    assert float(rr.effective_area_fraction(0.0, 1.4496)) == 1.0


@pytest.mark.parametrize("range_km, published", [(50, 3.6e6), (100, 2.3e5), (200, 1.4e4)])
def test_link_equation_against_a_hand_computation_with_lolas_figures(range_km, published):
    # LOLA: 2.7 mJ in five beams, 1064 nm, 50 urad 1/e^2 half-angle, 14 cm receiver; rho = 0.8,
    # combined efficiency 0.17, one 1.27 cm cube corner at normal incidence, beam centred
    energy, wavelength, theta, eff = 0.54e-3, 1064e-9, 50e-6, 0.17
    sigma = 0.8 * 4 * np.pi / wavelength ** 2 * (np.pi * 0.0127 ** 2 / 4) ** 2
    photons = energy * wavelength / (6.62607015e-34 * 299792458.0)
    r = range_km * 1e3
    by_hand = eff * photons * (8 / theta ** 2) * sigma * (np.pi * 0.07 ** 2) / (4 * np.pi * r * r) ** 2
    got = rr.photoelectrons(energy, wavelength, theta, sigma, r, np.pi * 0.07 ** 2, eff)
    assert got == pytest.approx(by_hand, rel=1e-13)
    # the payload notes' estimates, to their two digits: they are not in the exact R^-4 ratio
    # (3.6e6 / 16 = 2.25e5, not 2.3e5); this is 3 %, 5 % and 2.5 % below them
    assert got == pytest.approx(published, rel=0.055)
    assert got * (r / 50e3) ** 4 == pytest.approx(3.497e6, rel=1e-3)


def test_hit_probability_of_one_beam_is_the_rayleigh_law():
    peak, threshold, w, sigma = 1e4, 1.0, 5.0, 4.0
    reach2 = w * w * 0.5 * np.log(peak / threshold)
    closed = 1 - np.exp(-reach2 / (2 * sigma * sigma))
    # a 401-point grid over +-(5 sigma + reach): the disc's edge is resolved to ~0.5 % of its area
    assert rr.hit_probability(peak, threshold, w, np.zeros((1, 2)), sigma) == pytest.approx(closed, rel=5e-3)
    assert rr.hit_probability(peak, threshold, w, np.zeros((1, 2)), sigma, grid=1601) == pytest.approx(closed, rel=1e-3)


def _lander_kernels(folder, site, t0, t1):
    write_spk(folder / "lander.bsp", [SpkSegment(LANDER, 301, np.array([t0, t1]),
                                                  np.tile(np.append(site.position_fixed_m, [0, 0, 0]), (2, 1)),
                                                  "LANDER", frame="MOON_ME_DE440_ME421", degree=1)])
    matrix = "\n    ".join(repr(float(v)) for v in enu_rotation(site.lat_rad, site.lon_rad).ravel())
    (folder / "topo.tf").write_text(
        "KPL/FK\n\\begindata\n"
        f"FRAME_LANDER_TOPO = {TOPO}\nFRAME_{TOPO}_NAME = 'LANDER_TOPO'\nFRAME_{TOPO}_CLASS = 4\n"
        f"FRAME_{TOPO}_CLASS_ID = {TOPO}\nFRAME_{TOPO}_CENTER = {LANDER}\n"
        f"TKFRAME_{TOPO}_RELATIVE = 'MOON_ME_DE440_ME421'\nTKFRAME_{TOPO}_SPEC = 'MATRIX'\n"
        f"TKFRAME_{TOPO}_MATRIX = ( {matrix} )\n\\begintext\n")
    return [folder / "lander.bsp", folder / "topo.tf"]


def test_passes_agree_with_spice(spice, tmp_path):
    # a plane 10 deg east of the site's meridian at the start: a group of passes within the day
    p = InrriParameters(gravity_degree=8, orbiter={"raan_deg": 216.0})
    w = F.window("2024-06-02T00:00:00", "2024-06-03T00:00:00")
    segment = fly_orbiter(p, w.start_s, w.end_s)
    ours = passes(p, F.SITE, 0.0127, 8, np.radians(45), segment, [w], orbiter_track(segment, [w]))
    kernels = [tmp_path / "orbiter.bsp"] + _lander_kernels(tmp_path, F.SITE, w.start_s, w.end_s)
    write_spk(kernels[0], [SpkSegment(ORBITER, 301, t, x[:, :6], "ORBITER") for t, x in node_runs(segment)])
    for k in kernels:
        spice.furnsh(str(k))
    try:
        cnfine, result = spice.cell_double(2), spice.cell_double(200)
        spice.wninsd(w.start_s, w.end_s, cnfine)
        spice.gfposc(str(ORBITER), "LANDER_TOPO", "NONE", str(LANDER), "LATITUDINAL", "LATITUDE", ">",
                     np.radians(30.0), 0.0, 20.0, 200, cnfine, result)
        theirs = [spice.wnfetd(result, i) for i in range(spice.wncard(result))]
        assert len(ours) == len(theirs) >= 5
        for ours_pass, (a, b) in zip(ours, theirs):
            # rise and set: the model interpolates 401 samples linearly, SPICE converges to 1e-6 s:
            # measured 5e-6 s apart
            assert abs(ours_pass.start_s - a) < 5e-5 and abs(ours_pass.end_s - b) < 5e-5
            position = spice.spkpos(str(ORBITER), ours_pass.max_s, "LANDER_TOPO", "NONE", str(LANDER))[0]
            elevation = np.arcsin(position[2] / np.linalg.norm(position))
            # the same epoch, the same geometry: measured 1e-8 rad and 1.4 mm (SPK type 13's Hermite
            # interpolation of the nodes against the dense output)
            assert elevation == pytest.approx(ours_pass.elevation_rad, abs=1e-7)
            assert np.linalg.norm(position) * 1e3 == pytest.approx(ours_pass.range_m, abs=5e-3)
    finally:
        for k in kernels:
            spice.unload(str(k))


def test_the_model_runs_and_no_earth_station_sees_the_far_side_site():
    mission = F.mission()
    model = Inrri()
    out = model.run(mission, F.request(model, "lander", [F.window("2024-06-02T00:00:00", "2024-06-16T00:00:00")],
                                       gravity_degree=8))
    assert out.figures["passes"] >= 5
    assert out.figures["site_earth_max_elevation_deg"] < -30          # the Earth never rises there
    assert out.figures["Apollo 15: earth_visible_fraction"] == 1.0      # the near side always sees it
    assert 0 < out.figures["best_hit_probability"] < 1
