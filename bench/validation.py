"""Print the dynamics validation figures: farside against Kepler, GMAT/Orekit histories, heyoka,
nyx-space, SPICE's gfoclt (shadow boundaries), pymsis, and the DE430/DE440 PA-frame difference.

    .venv/bin/python bench/validation.py          (needs the test extra: pip install -e .[test])

The tests under tests/dynamics assert these same comparisons; this prints the numbers.
"""
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import farside as fs  # noqa: E402
from farside.astro import frames  # noqa: E402
from farside.core.kepler import elements_to_state_hf, propagate_kepler_hf  # noqa: E402

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")


def row(name, value, unit, goal=""):
    print(f"  {name:<58} {value:>12.4g} {unit:<4} {goal}")


def kepler():
    print("Two-body against Kepler's equation (rtol 1e-14, atol 1e-12)")
    for center, a, e in (("earth", 7000e3, 0.001), ("moon", 3000e3, 0.35)):
        gm = fs.bodies.get(center).gm_m3_s2
        x = np.empty(6)
        elements_to_state_hf(gm, a, e, 0.9, 0.4, 1.1, 0.3, x)
        start = fs.State(T0, x[:3], x[3:], 1000.0, center)
        period = 2 * np.pi * np.sqrt(a ** 3 / gm)
        for method in ("DOP853", "RKF78"):
            seg = fs.propagate(start, duration_s=100 * period, rtol=1e-14, atol=1e-12, dense=False, method=method)
            ref = np.empty(6)
            propagate_kepler_hf(gm, start.r_m, start.v_m_s, 100 * period, ref)
            row(f"{center} a={a / 1e3:.0f} km e={e}, 100 orbits, {method}",
                np.linalg.norm(seg.final_state().r_m - ref[:3]) * 1e3, "mm", "goal < 1 mm")


def histories():
    print("ssa-data-benchmarks n-body histories (max position difference over the history)")
    from importlib.resources import files
    base = files("ssa_data_benchmarks").joinpath("data", "benchmarks")
    meta = json.loads(base.joinpath("nbody_propagation_results.json").read_text())
    t0 = fs.Epoch(meta["epoch_utc"], "utc")
    planets = ("mercury_barycenter", "venus_barycenter", "mars_barycenter", "jupiter_barycenter",
               "saturn_barycenter", "uranus_barycenter", "neptune_barycenter")
    for mode, bodies in (("earth_moon_sun", ("moon", "sun")), ("solar_system", ("moon", "sun") + planets)):
        for case in ("leo", "geo", "cislunar_radius"):
            ore = np.loadtxt(base.joinpath("nbody", f"{mode}_{case}_orekit_states.csv"), delimiter=",")
            gmat = np.loadtxt(base.joinpath("nbody", f"{mode}_{case}_gmat_states.csv"), delimiter=",")
            gmat[:, 1:] *= 1e3
            model = fs.ForceModel("earth", [fs.ThirdBodies(bodies)], central_gm_m3_s2=meta["earth_mu_m3_s2"])
            seg = fs.propagate(fs.State(t0, ore[0, 1:4], ore[0, 4:7], 1000.0, "earth"), duration_s=ore[-1, 0],
                               forces=model, rtol=1e-13, atol=1e-10)
            r, _ = seg.state(t0.tdb_seconds + ore[:, 0])
            reported = next(c for c in meta["cases"] if c["mode"] == mode and c["name"] == case)["tools"]
            print(f"  {mode:<15} {case:<16} farside-Orekit {np.max(np.linalg.norm(r - ore[:, 1:4], axis=1)):9.4f} m"
                  f"  farside-GMAT {np.max(np.linalg.norm(r - gmat[:, 1:4], axis=1)):9.4f} m"
                  f"  GMAT-Orekit {np.max(np.linalg.norm(gmat[:, 1:4] - ore[:, 1:4], axis=1)):9.4f} m"
                  f"  (Orekit vs package reference {reported['Orekit']['max_position_error_m']:.4f} m)")


def peers():
    print("Bench cases B (heyoka, Taylor tol 1e-15) and B+ (nyx-space RK89 tol 1e-12), final position after a day;")
    print("farside's DOP853 and RKF78 at atol = rtol x 1e3 m")
    from bench.cases import OMEGA
    from bench.peers import heyoka_peer, nyx_peer
    field = fs.gravity.load("GRGM1200A", 100)
    r0 = 1837.4e3
    y0 = np.array([r0, 0.0, 0.0, 0.0, 0.0, np.sqrt(field.gm_m3_s2 / r0)])
    start = fs.State(T0, y0[:3], y0[3:], 1000.0, "moon")
    tic = time.perf_counter()
    b_reference = heyoka_peer.final_position(field, 100, y0, 86400.0, tol=1e-15)
    heyoka_s = time.perf_counter() - tic
    b_model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, fs.UniformRotation(OMEGA, T0.tdb_seconds))])
    bplus_reference = nyx_peer.final_position(Path(tempfile.mkdtemp()), 100, 86400.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bplus_model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, "MOON_PA"), fs.ThirdBodies(("earth", "sun"))])
    for case, model, reference, goal in (("B vs heyoka", b_model, b_reference, f"heyoka incl. JIT {heyoka_s:.0f} s"),
                                         ("B+ vs nyx-space", bplus_model, bplus_reference, "nyx's own error ~0.2 mm")):
        for method in ("DOP853", "RKF78"):
            for rtol in (1e-12, 1e-13, 1e-14):
                seg = fs.propagate(start, duration_s=86400.0, forces=model, rtol=rtol, atol=rtol * 1e3, dense=False,
                                   method=method)
                row(f"{case}, {method} rtol {rtol:g}", np.linalg.norm(seg.final_state().r_m - reference) * 1e3, "mm",
                    goal)


def shadows():
    print("Shadow boundaries against SPICE's gfoclt (spheres, 4 h, rtol 1e-13): max |farside - SPICE|")
    import spiceypy as spice

    from farside.astro import data_files
    from tests.conftest import AUTHORITIES
    from tests.dynamics.test_shadow_and_srp import _sphere_kernel, _spice_boundaries, _write_spk
    folder = Path(tempfile.mkdtemp())
    _sphere_kernel(folder / "spheres.tpc")
    for kernel in (data_files.leapseconds(), data_files.de440s(), data_files.moon_pa_de440(),
                   data_files.earth_itrf93(), AUTHORITIES / "moon_de440_frames.tf", folder / "spheres.tpc"):
        spice.furnsh(str(kernel))
    for center, body_frame, a, inc in (("moon", "MOON_PA_DE440", 1837.4e3, 1.57), ("earth", "IAU_EARTH", 6878e3, 0.9)):
        v = np.sqrt(fs.bodies.get(center).gm_m3_s2 / a)
        start = fs.State(T0, [a, 0.0, 0.0], [0.0, v * np.cos(inc), v * np.sin(inc)], 1000.0, center)
        seg = fs.propagate(start, duration_s=4 * 3600.0, rtol=1e-13, atol=1e-10,
                           events=[fs.events.shadow(center, "penumbra"), fs.events.shadow(center, "umbra")])
        kernel = folder / f"{center}.bsp"
        _write_spk(spice, kernel, seg, fs.bodies.get(center).naif_id)
        spice.furnsh(str(kernel))
        for kind, name in (("ANY", "penumbra"), ("FULL", "umbra")):
            mine = np.array([o.epoch.tdb_seconds for o in seg.events if o.name.endswith(" " + name)])
            ref = _spice_boundaries(spice, kind, center.upper(), body_frame, seg.start.tdb_seconds, seg.end.tdb_seconds)
            row(f"{center} {a / 1e3:.0f} km, {name}, {len(mine)} boundaries", np.max(np.abs(mine - ref)) * 1e6, "us",
                "goal < 10 us")
        spice.unload(str(kernel))
    spice.kclear()


def pa_frames():
    print("GRGM1200A's frame (DE430 PA) against DE440's PA")
    angle = np.arccos((np.trace(frames.moon_pa_to_pa_de430()) - 1) / 2)
    row("constant rotation PA440 -> PA430 (published PA->ME421 angles)", angle / frames.ARCSEC, "as")
    row("  at the lunar surface", angle * 1737.4e3, "m")
    field = fs.gravity.load("GRGM1200A", 100)
    start = fs.State(T0, [1837.4e3, 0.0, 0.0], [0.0, 0.0, np.sqrt(field.gm_m3_s2 / 1837.4e3)], 1000.0, "moon")
    t = T0.tdb_seconds + np.linspace(0.0, 86400.0, 1441)
    states = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for frame in ("MOON_PA", "MOON_PA_DE430"):
            model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, frame)])
            states.append(fs.propagate(start, duration_s=86400.0, forces=model, rtol=1e-13, atol=1e-10).state(t)[0])
    row("100 km polar orbit, degree 100, one day: max position difference",
        np.max(np.linalg.norm(states[0] - states[1], axis=1)), "m")


def drag():
    print("NRLMSIS 2.1 densities against pymsis at the same inputs (whole UTC seconds)")
    from pymsis import msis, utils

    from farside.astro import data_files
    from farside.dynamics import nrlmsis
    utils.use_space_weather_file(data_files.space_weather())
    rng = np.random.default_rng(7)
    n = 1000
    epochs = fs.Epoch.from_seconds(fs.Epoch("2024-06-01T00:00:00", "utc").seconds("utc")
                                   + np.round(rng.uniform(-300, 300, n) * 86400.0), "utc")
    lon, lat, alt = rng.uniform(-180, 180, n), rng.uniform(-90, 90, n), rng.uniform(80, 1000, n)
    dates = np.datetime64("2000-01-01T12:00:00", "us") + np.round(epochs.seconds("utc") * 1e6).astype("timedelta64[us]")
    ref = msis.calculate(dates, lon, lat, alt, version=2.1)[:, 0]
    row("max relative difference, 1000 random points 80-1000 km", np.max(np.abs(nrlmsis.density(epochs, lon, lat, alt) / ref - 1)),
        "", "goal < 1e-6")


if __name__ == "__main__":
    for section in (kepler, histories, peers, shadows, pa_frames, drag):
        section()
