"""Descent orbit insertion: the impulse that lowers an orbit's periapsis (a lunar orbit's
periselene) to a given height over a given place — the start of the powered descent, ``uprange_m`` before a site along the
ground track.

The periselene point is where the orbit passes ``uprange_m`` short of the site on the pass that
goes nearest to it (found on the coasting orbit); the burn is ``arc_deg`` of orbit earlier, and
the arrival half a transfer orbit later (a Hohmann-like half ellipse down to the periselene). The
burn's three components are varied by the differential corrector until the state reached at the
periselene epoch, flown in the full force model, is at the periselene point and height with no
vertical speed. The site must lie close to the orbit plane on that pass: a plane change is not
attempted, and the cross-track distance of the pass is returned so the caller can judge it. The
body (`farside.astro.central_body.CentralBody`) is the force model's central body's unless another
is given. Units: m, m/s, s.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro import central_body
from farside.astro.sites import spherical_to_fixed
from farside.astro.time import Epoch
from farside.dynamics.maneuvers import Impulse
from farside.dynamics.propagator import propagate
from farside.dynamics.tolerances import Tolerances
from farside.errors import FarsideValueError
from farside.gnc import differential_corrector


@dataclass
class DescentOrbit:
    burn_epoch: Epoch
    delta_v_m_s: np.ndarray
    periselene_epoch: Epoch
    periselene_state: object
    cross_track_m: float


def _site_inertial(body, fixed, epoch):
    return body.rotation_from_fixed(epoch) @ fixed


def _abeam(body, seg, site, t0, t1):
    """The epoch (TDB s) in [t0, t1] when the site is abeam of the vehicle (velocity normal to
    the site's direction: the closest pass), by false position (regula falsi) on that projection."""
    def along(t):
        x = seg.state_vectors(t)
        return float(np.dot(x[3:6], _site_inertial(body, site, Epoch.from_tdb_seconds(t))))
    f0, f1 = along(t0), along(t1)
    if f0 * f1 > 0.0:
        return 0.5 * (t0 + t1)
    for _ in range(30):
        t = t1 - f1 * (t1 - t0) / (f1 - f0)
        f = along(t)
        if abs(t - t1) < 1e-4:
            return t
        t0, f0, t1, f1 = (t0, f0, t, f) if f0 * f < 0.0 else (t, f, t1, f1)
    return t


def plan(state, forces, lat_rad, lon_rad, uprange_m=580e3, periselene_height_m=15e3, search_s=86400.0,
         arc_deg=175.0, near_s=None, body=None, tolerances: Tolerances = Tolerances()) -> DescentOrbit:
    """The descent orbit insertion on the pass nearest the site within ``search_s`` of ``state``
    or, given ``near_s`` (TDB s), on the pass closest in time to it; every propagation to ``tolerances``."""
    tol = tolerances.options()
    body = body or central_body.for_name(forces.body.name)
    site = spherical_to_fixed(lat_rad, lon_rad, 0.0, body.radius_m)
    seg = propagate(state, duration_s=search_s, forces=forces, **tol)
    t = np.arange(state.epoch.tdb_seconds + 600.0, state.epoch.tdb_seconds + search_s, 30.0)
    r = seg.state_vectors(t)[:, :3]
    sites = np.array([_site_inertial(body, site, Epoch.from_tdb_seconds(x)) for x in t])
    angle = np.arccos(np.clip(np.einsum("ij,ij->i", r, sites) / (np.linalg.norm(r, axis=1)
                                                                  * np.linalg.norm(sites, axis=1)), -1, 1))
    if near_s is None:
        k = int(np.argmin(angle))
    else:
        # the passes: the site turns from ahead of the vehicle to behind it, on its side of the Moon
        along = np.einsum("ij,ij->i", seg.state_vectors(t)[:, 3:6], sites)
        passes = np.flatnonzero((along[:-1] > 0.0) & (along[1:] <= 0.0) & (angle[:-1] < np.pi / 2))
        if passes.size == 0:
            raise FarsideValueError("near_s", near_s, "an epoch with a pass over the site within the search span")
        k = int(passes[np.argmin(np.abs(t[passes] - near_s))])
    t_site = _abeam(body, seg, site, t[max(k - 1, 0)], t[min(k + 1, len(t) - 1)])
    sites[k] = _site_inertial(body, site, Epoch.from_tdb_seconds(t_site))
    x_site = seg.state_vectors(t_site)
    h = np.cross(x_site[:3], x_site[3:6])
    h /= np.linalg.norm(h)
    cross = float(np.dot(sites[k], h))
    speed = np.linalg.norm(x_site[3:6])
    period = 2 * np.pi * np.linalg.norm(x_site[:3]) / speed
    lead_s = uprange_m / (body.radius_m * 2 * np.pi) * period
    t_burn = t_site - lead_s - arc_deg / 360.0 * period
    if t_burn <= state.epoch.tdb_seconds:
        raise FarsideValueError("search_s", search_s, "a span whose nearest pass over the site comes at least "
                                                      "half an orbit after the state")
    burn_state = seg.truncated(t_burn).final_state()
    r_burn = np.linalg.norm(burn_state.r_m)
    r_peri = body.radius_m + periselene_height_m
    dt = np.pi * np.sqrt(((r_burn + r_peri) / 2.0) ** 3 / forces.gm_m3_s2) * arc_deg / 180.0
    aim_dir = seg.state_vectors(t_burn + arc_deg / 360.0 * period)[:3]
    aim = aim_dir / np.linalg.norm(aim_dir) * r_peri
    t_peri = t_burn + dt

    def arrive(dv):
        s = Impulse(burn_state.epoch, tuple(dv), "inertial").apply(burn_state)
        return propagate(s, duration_s=dt, forces=forces, dense=False, **tol).final_state().r_m

    guess = -burn_state.v_m_s / np.linalg.norm(burn_state.v_m_s) * 50.0
    solution = differential_corrector.solve(arrive, guess, [1e-3] * 3, aim, [100.0] * 3, max_iterations=20)
    final = Impulse(burn_state.epoch, tuple(solution.variables), "inertial").apply(burn_state)
    peri = propagate(final, duration_s=dt, forces=forces, dense=False, **tol).final_state()
    return DescentOrbit(burn_state.epoch, solution.variables, Epoch.from_tdb_seconds(t_peri), peri, cross)
