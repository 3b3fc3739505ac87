"""Drag: NRLMSIS 2.1 densities against pymsis, and the energy a drag-only orbit loses against the
work of drag integrated independently (pymsis, erfa's geodetic conversion, farside's frames)."""
import erfa
import numpy as np
import pytest
from pymsis import msis, utils

import farside as fs
from farside.astro import data_files
from farside.dynamics import nrlmsis
from farside.errors import FarsideValueError, OutOfCoverageError

T0 = fs.Epoch("2024-06-01T00:00:00", "utc")


@pytest.fixture(scope="module", autouse=True)
def _pymsis_reads_the_same_space_weather():
    utils.use_space_weather_file(data_files.space_weather())


def _datetimes(epoch):
    seconds = np.atleast_1d(epoch.seconds("utc"))
    return np.datetime64("2000-01-01T12:00:00", "us") + np.round(seconds * 1e6).astype("timedelta64[us]")


def test_density_matches_pymsis_at_the_same_inputs():
    rng = np.random.default_rng(7)
    n = 300
    # whole UTC seconds: pymsis drops the fraction of a second
    epochs = fs.Epoch.from_seconds(T0.seconds("utc") + np.round(rng.uniform(-300, 300, n) * 86400.0), "utc")
    lon, lat, alt = rng.uniform(-180, 180, n), rng.uniform(-90, 90, n), rng.uniform(80, 1000, n)
    mine = nrlmsis.density(epochs, lon, lat, alt)
    ref = msis.calculate(_datetimes(epochs), lon, lat, alt, version=2.1)[:, 0]
    assert np.max(np.abs(mine / ref - 1.0)) < 1e-6


def _ussa1976(height_m):
    import ussa1976
    grid = np.arange(0.0, 1000e3, 50.0)
    log_rho = np.log(ussa1976.compute(z=grid, variables=["rho"])["rho"].values)
    return np.exp(np.interp(height_m, grid, log_rho))


@pytest.mark.parametrize("atmosphere", ["NRLMSIS2.1", "USSA76"])
def test_energy_lost_equals_the_work_of_drag(atmosphere):
    gm = fs.bodies.get("earth").gm_m3_s2
    r0 = 6378137.0 + 300e3
    v0 = np.sqrt(gm / r0)
    start = fs.State(T0, [r0, 0.0, 0.0], [0.0, v0 * np.cos(0.9), v0 * np.sin(0.9)], 500.0, "earth")
    cd, area = 2.2, 4.0
    model = fs.ForceModel("earth", [fs.Drag(cd, area, atmosphere)])
    duration = 5400.0
    seg = fs.propagate(start, duration_s=duration, forces=model, rtol=1e-12, atol=1e-9)
    t = T0.tdb_seconds + np.arange(0.0, duration + 0.5, 5.0)
    r, v = seg.state(t)
    energy = 0.5 * np.sum(v * v, axis=1) - gm / np.linalg.norm(r, axis=1)
    # independent density along the trajectory
    rot = fs.frames.rotation("GCRF", "ITRF93", t)
    fixed = np.einsum("nij,nj->ni", rot, r)
    lon, lat, height = erfa.gc2gd(1, fixed)
    if atmosphere == "USSA76":
        rho = _ussa1976(height)
    else:
        rho = msis.calculate(_datetimes(fs.Epoch.from_tdb_seconds(t)), np.degrees(lon), np.degrees(lat),
                             height / 1e3, version=2.1)[:, 0]
    pole = rot[:, 2, :]
    v_rel = v - 7.292115e-5 * np.cross(pole, r)
    power = -0.5 * rho * cd * area / 500.0 * np.linalg.norm(v_rel, axis=1) * np.einsum("ni,ni->n", v_rel, v)
    work = np.sum(0.5 * (power[1:] + power[:-1]) * 5.0)
    assert work < 0
    assert energy[-1] - energy[0] == pytest.approx(work, rel=2e-3)


def test_drag_needs_space_weather_and_the_earth():
    start = fs.State(fs.Epoch("2045-01-01T00:00:00", "utc"), [6678e3, 0.0, 0.0], [0.0, 7700.0, 0.0], 500.0, "earth")
    with pytest.raises(OutOfCoverageError, match="SW-All"):
        fs.propagate(start, duration_s=60.0, forces=fs.ForceModel("earth", [fs.Drag(2.2, 4.0)]))
    with pytest.raises(FarsideValueError, match="Drag"):
        fs.ForceModel("moon", [fs.Drag(2.2, 4.0)])
