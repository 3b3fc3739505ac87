"""Shadow events against SPICE's ``gfoclt`` and radiation pressure against its closed form."""
import numpy as np
import pytest

import farside as fs
from farside.core.forces import sunlit_fraction_hf
from tests.units import MICROSECOND

SPACECRAFT = -999
T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")


def _sphere_kernel(path):
    """Sun, Earth and Moon as spheres of the radii farside uses, with IAU_SUN/IAU_EARTH
    orientation constants (irrelevant for spheres, but the frames must exist)."""
    radii = {b: fs.bodies.get(b).mean_radius_m / 1e3 for b in ("sun", "earth")}
    radii["sun"] = fs.bodies.get("sun").equatorial_radius_m / 1e3
    path.write_text(f"""KPL/PCK
\\begindata
BODY10_RADII = ( {radii['sun']} {radii['sun']} {radii['sun']} )
BODY10_POLE_RA = ( 286.13 0.0 0.0 )
BODY10_POLE_DEC = ( 63.87 0.0 0.0 )
BODY10_PM = ( 84.176 14.1844 0.0 )
BODY399_RADII = ( {radii['earth']} {radii['earth']} {radii['earth']} )
BODY399_POLE_RA = ( 0.0 -0.641 0.0 )
BODY399_POLE_DEC = ( 90.0 -0.557 0.0 )
BODY399_PM = ( 190.147 360.9856235 0.0 )
BODY301_RADII = ( 1737.4 1737.4 1737.4 )
\\begintext
""")


def _write_spk(spice, path, seg, center_id):
    t = np.linspace(seg.start.tdb_seconds, seg.end.tdb_seconds, 1441)
    r, v = seg.state(t)
    states = np.hstack([r, v]) / 1e3
    handle = spice.spkopn(str(path), "farside test", 0)
    spice.spkw13(handle, SPACECRAFT, center_id, "J2000", t[0], t[-1], "propagated", 7, len(t), states, t)
    spice.spkcls(handle)


def _spice_boundaries(spice, kind, body, frame, t0, t1):
    cnfine = spice.cell_double(2)
    spice.wninsd(t0, t1, cnfine)
    result = spice.cell_double(1000)
    spice.gfoclt(kind, body, "ELLIPSOID", frame, "SUN", "ELLIPSOID", "IAU_SUN", "NONE", str(SPACECRAFT),
                 30.0, cnfine, result)
    edges = [spice.wnfetd(result, i) for i in range(spice.wncard(result))]
    return np.array([e for pair in edges for e in pair if t0 + 1 < e < t1 - 1])


@pytest.mark.parametrize("center, body_frame, a, inc", [("moon", "MOON_PA_DE440", 1837.4e3, 1.57),
                                                         ("earth", "IAU_EARTH", 6878e3, 0.9)])
def test_shadow_boundaries_match_gfoclt(spice, tmp_path, center, body_frame, a, inc):
    gm = fs.bodies.get(center).gm_m3_s2
    v = np.sqrt(gm / a)
    start = fs.State(T0, [a, 0.0, 0.0], [0.0, v * np.cos(inc), v * np.sin(inc)], 1000.0, center)
    events = [fs.events.shadow(center, "penumbra"), fs.events.shadow(center, "umbra")]
    seg = fs.propagate(start, duration_s=4 * 3600.0, events=events, rtol=1e-13, atol=1e-10)
    _sphere_kernel(tmp_path / "spheres.tpc")
    spice.furnsh(str(tmp_path / "spheres.tpc"))
    _write_spk(spice, tmp_path / "sc.bsp", seg, fs.bodies.get(center).naif_id)
    spice.furnsh(str(tmp_path / "sc.bsp"))
    try:
        t0, t1 = seg.start.tdb_seconds, seg.end.tdb_seconds
        for kind, name in (("ANY", "penumbra"), ("FULL", "umbra")):
            mine = np.array([o.epoch.tdb_seconds for o in seg.events if o.name.endswith(" " + name)])
            ref = _spice_boundaries(spice, kind, center.upper(), body_frame, t0, t1)
            assert len(mine) == len(ref) >= 4
            assert np.max(np.abs(mine - ref)) < 0.1
            assert np.max(np.abs(mine - ref)) < 10 * MICROSECOND  # observed 0.5 us: float epochs
    finally:
        spice.unload(str(tmp_path / "sc.bsp"))
        spice.unload(str(tmp_path / "spheres.tpc"))


def test_sunlit_fraction_closed_forms():
    a_sun = 4.65e-3
    assert sunlit_fraction_hf(a_sun, 0.5, 0.6) == 1.0
    assert sunlit_fraction_hf(a_sun, 0.5, 0.3) == 0.0
    assert sunlit_fraction_hf(a_sun, 1e-3, 0.0) == pytest.approx(1 - (1e-3 / a_sun) ** 2, rel=1e-15)
    # a straight edge (body far larger than the Sun) through the Sun's centre hides half of it
    assert sunlit_fraction_hf(a_sun, 1000.0, 1000.0) == pytest.approx(0.5, abs=1e-5)
    # monotonic across the penumbra
    sep = np.linspace(0.5 - a_sun, 0.5 + a_sun, 201)
    f = [sunlit_fraction_hf(a_sun, 0.5, s) for s in sep]
    assert np.all(np.diff(f) >= 0) and f[0] == 0.0 and f[-1] == 1.0


def test_radiation_pressure_closed_form():
    cr, area, mass = 1.3, 20.0, 500.0
    model = fs.ForceModel("earth", [fs.SolarRadiationPressure(cr, area, occulting=())])
    base = fs.ForceModel("earth")
    r = np.array([0.0, 0.0, 1e11])  # far above the pole: gravity is small, no digits lost
    from farside.core.force_model import BUF_SIZE, derivatives_hf
    y = np.concatenate([r, [0.0, 3000.0, 0.0], [mass]])
    t1 = T0.tdb_seconds
    out = []
    for m in (model, base):
        dy = np.empty(7)
        derivatives_hf(m.arrays(), np.empty((3, 3)), np.empty((2, 2)), np.empty(BUF_SIZE), t1, 0.0, y, dy)
        out.append(dy[3:6])
    r_sun, _ = fs.ephemeris.state("sun", T0, center="earth")
    d = r - r_sun
    expected = (fs.SolarRadiationPressure(cr, area).pressure_1au_n_m2 * cr * area / mass
                * (fs.bodies.AU_M / np.linalg.norm(d)) ** 2 * d / np.linalg.norm(d))
    assert np.allclose(out[0] - out[1], expected, rtol=1e-12, atol=0)
