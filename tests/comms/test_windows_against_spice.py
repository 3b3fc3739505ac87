"""Contact windows against SPICE's geometry finder on the same kernels and the same spacecraft:
a relay in a frozen lunar orbit (written as an SPK type 13 by farside's writer), the Chang'e-6
site (LROC) and an Earth station, each given to SPICE as an SPK (type 9, fixed in MOON_ME or
ITRF93) and a topocentric TK frame. Elevation windows from ``gfposc`` (no light time, and with
light time), Moon occultation from ``gfoclt``; edges agree to < 1 s."""
import numpy as np
import pytest

import farside as fs
from farside.astro.sites import Site, enu_rotation
from farside.comms import windows as win
from farside.comms.visibility import Ground, elevation_margin, moon_clearance
from farside.gnc import frozen_orbit
from farside.io.spk import SpkSegment, write_spk

RELAY, STATION, LANDER = -2024, 399901, 301901
START = fs.Epoch("2024-06-01T22:23:16", "utc")
SPAN_S = 1.5 * 86400.0
SECOND = 1.0


@pytest.fixture(scope="module")
def relay():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 8)),
                                   fs.ThirdBodies(("earth", "sun"))])
    orbit = frozen_orbit.design(START - 86400.0, 86400.0, 330e3, 62.4, 0.0, 90.0, model)
    return fs.propagate(orbit.state, duration_s=7 * 86400.0, forces=model)


def _site_kernels(folder, site, body, center, fixed_frame, topo_id, topo_name, t0, t1):
    write_spk(folder / f"{topo_name}.bsp", [SpkSegment(body, center, np.array([t0, t1]),
                                                       np.tile(np.append(site.position_fixed_m, [0, 0, 0]), (2, 1)),
                                                       topo_name, frame=fixed_frame, degree=1)])
    matrix = "\n    ".join(repr(float(v)) for v in enu_rotation(site.lat_rad, site.lon_rad).ravel())
    (folder / f"{topo_name}.tf").write_text(
        "KPL/FK\n\\begindata\n"
        f"FRAME_{topo_name} = {topo_id}\nFRAME_{topo_id}_NAME = '{topo_name}'\nFRAME_{topo_id}_CLASS = 4\n"
        f"FRAME_{topo_id}_CLASS_ID = {topo_id}\nFRAME_{topo_id}_CENTER = {body}\n"
        f"TKFRAME_{topo_id}_RELATIVE = '{fixed_frame}'\nTKFRAME_{topo_id}_SPEC = 'MATRIX'\n"
        f"TKFRAME_{topo_id}_MATRIX = ( {matrix} )\n\\begintext\n")
    return [folder / f"{topo_name}.bsp", folder / f"{topo_name}.tf"]


def _spice_windows(spice, span, finder, *args):
    cnfine = spice.cell_double(2)
    spice.wninsd(span[0], span[1], cnfine)
    result = spice.cell_double(2000)
    finder(*args, 60.0, cnfine, result) if finder is spice.gfoclt else finder(*args, 60.0, 500, cnfine, result)
    return [spice.wnfetd(result, i) for i in range(spice.wncard(result))]


def _compare(ours, theirs):
    assert len(ours) == len(theirs) >= 2
    for (a0, a1), (b0, b1) in zip(ours, theirs):
        assert abs(a0 - b0) < SECOND and abs(a1 - b1) < SECOND


def test_windows_agree_with_spice(spice, relay, tmp_path):
    t0, t1 = relay.start.tdb_seconds, relay.end.tdb_seconds
    station = Site.from_degrees("test station near Jiamusi", "earth", 46.5, 130.8, 100.0)
    lander = Site.from_degrees("Chang'e-6 (LROC)", "moon", -41.6385, 206.0148, -5256.0 + 2.0)
    kernels = [tmp_path / "relay.bsp"]
    write_spk(kernels[0], [SpkSegment(RELAY, 301, t, x[:, :6], "RELAY")
                           for t, x in fs.dynamics.export.node_runs(relay)])
    kernels += _site_kernels(tmp_path, station, STATION, 399, "ITRF93", 1399901, "STN_TOPO", t0, t1)
    kernels += _site_kernels(tmp_path, lander, LANDER, 301, "MOON_ME_DE440_ME421", 1301901, "LANDER_TOPO", t0, t1)
    (tmp_path / "radii.tpc").write_text("KPL/PCK\n\\begindata\nBODY301_RADII = ( 1737.4 1737.4 1737.4 )\n\\begintext\n")
    kernels.append(tmp_path / "radii.tpc")
    for k in kernels:
        spice.furnsh(str(k))
    try:
        t_a, t_b = START.tdb_seconds, START.tdb_seconds + SPAN_S
        ten = np.radians(10.0)
        for abcorr, light in (("NONE", False), ("LT", True)):
            ground = Ground(station, ten)
            ours = win.windows(lambda t: elevation_margin(ground, relay, t, light)[0], t_a, t_b)
            theirs = _spice_windows(spice, (t_a, t_b), spice.gfposc, str(RELAY), "STN_TOPO", abcorr, str(STATION),
                                    "LATITUDINAL", "LATITUDE", ">", ten, 0.0)
            _compare(ours, theirs)
        surface = Ground(lander)
        ours = win.windows(lambda t: elevation_margin(surface, relay, t, False)[0], t_a, t_b)
        theirs = _spice_windows(spice, (t_a, t_b), spice.gfposc, str(RELAY), "LANDER_TOPO", "NONE", str(LANDER),
                                "LATITUDINAL", "LATITUDE", ">", 0.0, 0.0)
        _compare(ours, theirs)
        ground = Ground(station)
        t_c, t_d = t_a + 2.5 * 86400.0, t_a + 5.5 * 86400.0  # the relay passes behind the Moon from 4 June
        ours = win.windows(lambda t: -moon_clearance(ground, relay, t, False), t_c, t_d)
        theirs = _spice_windows(spice, (t_c, t_d), spice.gfoclt, "ANY", "MOON", "ELLIPSOID", "MOON_ME_DE440_ME421", str(RELAY), "POINT",
                                " ", "NONE", str(STATION))
        _compare(ours, theirs)
    finally:
        for k in kernels:
            spice.unload(str(k))
