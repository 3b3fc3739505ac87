"""Drawing one sample's dispersed inputs: scenario overrides by path, and the drawn values.

Sample ``i`` draws from its own stream, ``numpy.random.default_rng(SeedSequence(seed,
spawn_key=(i,)))`` — the i-th child of ``SeedSequence(seed).spawn`` — so a sample is the same
whatever the chunking, the number of workers or the order the samples run in. The dispersions
draw in the order of the campaign file. Units: those of the scenario paths; the initial state's
covariance in m and m/s.
"""
import numpy as np
from scipy.stats import truncnorm

from farside.astro import local_frames
from farside.mission import scenario_paths


def rng_for(seed: int, index: int) -> np.random.Generator:
    """The random stream of sample ``index``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))


def _axes(frame, r, v):
    if frame == "inertial":
        return np.eye(3)
    return local_frames.ric(r, v) if frame == "RIC" else local_frames.vnc(r, v)


def _turned(direction, sigma_rad, rng):
    """``direction`` turned by a normal angle (sigma ``sigma_rad``) about a random axis normal to it."""
    d = np.asarray(direction, dtype=float)
    size = np.linalg.norm(d)
    u = d / size
    helper = np.array([1.0, 0.0, 0.0]) if abs(u[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
    e1 = np.cross(u, helper)
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(u, e1)
    phi = rng.uniform(0.0, 2.0 * np.pi)
    axis = np.cos(phi) * e1 + np.sin(phi) * e2
    angle = rng.normal(0.0, sigma_rad)
    turned = u * np.cos(angle) + np.cross(axis, u) * np.sin(angle)
    return (turned * size).tolist(), float(np.degrees(angle))


def draw(campaign, data, nominal_state, index):
    """``(overrides, inputs)`` of sample ``index``: ``data`` is the nominal scenario's raw data,
    ``nominal_state`` its initial `State` (GCRF) for a state dispersion; ``inputs`` maps a column
    name to the drawn deviation (value - nominal) of every dispersed quantity."""
    rng = rng_for(campaign.seed, index)
    overrides, inputs = {}, {}
    for d in campaign.dispersions:
        if d.kind in ("normal", "uniform", "truncated_normal"):
            nominal = float(scenario_paths.get(data, d.path))
            if d.normal is not None:
                sigma = d.normal.sigma if d.normal.sigma is not None else abs(nominal) * d.normal.sigma_percent / 100
                delta = rng.normal(0.0, sigma)
            elif d.uniform is not None:
                u = d.uniform
                lo, hi = (u.low, u.high) if u.low is not None else (abs(nominal) * u.low_percent / 100,
                                                                      abs(nominal) * u.high_percent / 100)
                delta = rng.uniform(lo, hi)
            else:
                t = d.truncated_normal
                delta = t.sigma * truncnorm.rvs(t.low_sigmas, t.high_sigmas, random_state=rng)
            overrides[d.path] = nominal + delta
            inputs[f"in.{d.label}"] = delta
        elif d.kind == "group":
            cov = np.array(d.group.covariance)
            delta = rng.multivariate_normal(np.zeros(len(d.group.paths)), cov, method="eigh")
            for path, x in zip(d.group.paths, delta):
                overrides[path] = float(scenario_paths.get(data, path)) + float(x)
                inputs[f"in.{d.label}.{path}"] = float(x)
        elif d.kind == "state":
            delta = rng.multivariate_normal(np.zeros(6), d.state.matrix(), method="eigh")
            axes = _axes(d.state.frame, nominal_state.r_m, nominal_state.v_m_s)
            r = nominal_state.r_m + axes.T @ delta[:3]
            v = nominal_state.v_m_s + axes.T @ delta[3:]
            overrides["initial_state.keplerian"] = None
            overrides["initial_state.cartesian"] = {"r_km": (r / 1e3).tolist(), "v_km_s": (v / 1e3).tolist()}
            overrides["initial_state.frame"] = "GCRF"
            overrides["initial_state.center"] = nominal_state.center
            for k, axis in enumerate(("x", "y", "z", "vx", "vy", "vz")):
                inputs[f"in.{d.label}.{axis}"] = float(delta[k])
        else:
            burn = scenario_paths.get(data, f"phases[{d.pointing.phase}].burn")
            key = "direction" if burn.get("delta_v_m_s") is None else "delta_v_m_s"
            vector = burn.get(key) or [1.0, 0.0, 0.0]
            turned, angle = _turned(vector, np.radians(d.pointing.sigma_deg), rng)
            overrides[f"phases[{d.pointing.phase}].burn.{key}"] = turned
            inputs[f"in.{d.label}.angle_deg"] = angle
    return overrides, inputs
