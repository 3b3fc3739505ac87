"""Osculating quantities of a state about a body, the goals of targeting and the figures of the
mission tables: altitudes of periapsis and apoapsis, inclination, flight-path angle, ...

Conic quantities from the angular-momentum and eccentricity vectors (Vallado 2013, Algorithm 9),
valid for ellipses and hyperbolas: ``p = h^2 / mu``, ``r_p = p / (1 + e)``, ``r_a = p / (1 - e)``.
Angles are measured in the body's equatorial axes: the Moon's MOON_PA (the equator the published
lunar inclinations refer to) and the Earth's GCRF; the frame's transport velocity is not added
(these are inertial elements in axes aligned with the body's equator at the epoch). Altitudes
are above the body's mean radius (Moon 1737.4 km) or, for the Earth, above the WGS84 ellipsoid
for ``altitude_km``, and above the equatorial radius for the apsides.
"""
import numpy as np

from farside.astro import bodies, ephemeris, frames
from farside.astro.bodies import WGS84_A_M, WGS84_F
from farside.core.geodesy import geodetic_from_fixed_hf

EQUATOR_FRAMES = {"moon": "MOON_PA", "earth": "GCRF"}
FIXED_FRAMES = {"moon": "MOON_PA", "earth": "ITRF93"}


def about(state, center):
    """``(r, v)`` (m, m/s) of ``state`` about ``center`` in that body's equatorial axes."""
    state = state.in_gcrf()
    r, v = state.r_m, state.v_m_s
    if state.center != center:
        rc, vc = ephemeris.state(state.center, state.epoch, center=center)
        r, v = r + rc, v + vc
    axes = EQUATOR_FRAMES.get(center, "GCRF")
    if axes != "GCRF":
        rot = frames.rotation("GCRF", axes, state.epoch)
        r, v = rot @ r, rot @ v
    return r, v


def reference_radius_m(body) -> float:
    """The radius altitudes are measured from: the Moon's mean radius, the Earth's equatorial one."""
    return body.mean_radius_m if body.naif_id == 301 else body.equatorial_radius_m or body.mean_radius_m


def quantities(state, center=None) -> dict:
    """Every quantity of :data:`farside.mission.scenario.GOALS` for ``state`` about ``center``
    (default: the state's centre), in the units of its name."""
    center = bodies.get(center or state.center).name
    body = bodies.get(center)
    mu = body.gm_m3_s2
    r, v = about(state, center)
    rn, vn = np.linalg.norm(r), np.linalg.norm(v)
    h = np.cross(r, v)
    hn = np.linalg.norm(h)
    e_vec = ((vn * vn - mu / rn) * r - np.dot(r, v) * v) / mu
    e = np.linalg.norm(e_vec)
    p = hn * hn / mu
    radius = reference_radius_m(body)
    energy = 0.5 * vn * vn - mu / rn
    node = np.array([-h[1], h[0], 0.0])
    out = {
        "eccentricity": e,
        "semi_major_axis_km": (-mu / (2.0 * energy)) / 1e3 if energy != 0.0 else np.inf,
        "periapsis_altitude_km": (p / (1.0 + e) - radius) / 1e3,
        "apoapsis_altitude_km": (p / (1.0 - e) - radius) / 1e3 if e < 1.0 else np.inf,
        "inclination_deg": np.degrees(np.arccos(np.clip(h[2] / hn, -1.0, 1.0))),
        "raan_deg": np.degrees(np.arctan2(node[1], node[0])) % 360.0,
        "argument_of_periapsis_deg": _angle_from_node(node, e_vec, h),
        "flight_path_angle_deg": np.degrees(np.arcsin(np.clip(np.dot(r, v) / (rn * vn), -1.0, 1.0))),
        "speed_m_s": vn,
    }
    out.update(_surface_point(state, center, body))
    return out


def time_to_periapsis_s(state, center=None) -> float:
    """Seconds from ``state`` to the next periapsis of its osculating conic about ``center``
    (Kepler's equation; an ellipse's next pass, a hyperbola's only one, NaN once past it)."""
    center = bodies.get(center or state.center).name
    mu = bodies.get(center).gm_m3_s2
    r, v = about(state, center)
    rn = np.linalg.norm(r)
    energy = 0.5 * np.dot(v, v) - mu / rn
    a = -mu / (2.0 * energy)
    e_vec = ((np.dot(v, v) - mu / rn) * r - np.dot(r, v) * v) / mu
    e = np.linalg.norm(e_vec)
    cos_nu = np.clip(np.dot(e_vec, r) / (e * rn), -1.0, 1.0)
    nu = np.arccos(cos_nu) * (1.0 if np.dot(r, v) >= 0.0 else -1.0)
    n = np.sqrt(mu / abs(a) ** 3)
    if e < 1.0:
        big_e = 2.0 * np.arctan(np.sqrt((1.0 - e) / (1.0 + e)) * np.tan(nu / 2.0))
        mean = (big_e - e * np.sin(big_e)) % (2.0 * np.pi)
        return (2.0 * np.pi - mean) / n
    big_f = 2.0 * np.arctanh(np.sqrt((e - 1.0) / (e + 1.0)) * np.tan(nu / 2.0))
    mean = e * np.sinh(big_f) - big_f
    return -mean / n if mean < 0.0 else np.nan


def _angle_from_node(node, e_vec, h):
    n, e = np.linalg.norm(node), np.linalg.norm(e_vec)
    if n == 0.0 or e == 0.0:
        return 0.0
    angle = np.degrees(np.arccos(np.clip(np.dot(node, e_vec) / (n * e), -1.0, 1.0)))
    return angle if np.dot(np.cross(node, e_vec), h) >= 0.0 else 360.0 - angle


def _surface_point(state, center, body):
    """Altitude, latitude and longitude below the state in the body-fixed frame."""
    g = state.in_gcrf()
    r = g.r_m
    if g.center != center:
        r = r + ephemeris.state(g.center, g.epoch, center=center)[0]
    fixed_frame = FIXED_FRAMES.get(center)
    if fixed_frame is None:
        rn = np.linalg.norm(r)
        return {"altitude_km": (rn - body.mean_radius_m) / 1e3, "latitude_deg": np.degrees(np.arcsin(r[2] / rn)),
                "longitude_deg": np.degrees(np.arctan2(r[1], r[0]))}
    x = frames.rotation("GCRF", fixed_frame, g.epoch) @ r
    if center == "earth":
        lat, lon, height = geodetic_from_fixed_hf(x[0], x[1], x[2], WGS84_A_M, WGS84_F)
        return {"altitude_km": height / 1e3, "latitude_deg": np.degrees(lat), "longitude_deg": np.degrees(lon)}
    rn = np.linalg.norm(x)
    return {"altitude_km": (rn - body.mean_radius_m) / 1e3, "latitude_deg": np.degrees(np.arcsin(x[2] / rn)),
            "longitude_deg": np.degrees(np.arctan2(x[1], x[0]))}


def site_out_of_plane_deg(state, lat_deg, lon_deg) -> float:
    """Angle (deg) of a lunar site (planetocentric, MOON_ME) from the orbit plane of ``state``
    about the Moon at its epoch, positive on the side of the orbit's angular momentum: the
    cross-track angle the site's pass will have while the plane and the Moon turn slowly."""
    r, v = about(state, "moon")
    h = np.cross(r, v)
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    site = frames.rotation("MOON_ME", "MOON_PA", state.epoch) @ np.array(
        [np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    return float(np.degrees(np.arcsin(np.clip(np.dot(site, h) / np.linalg.norm(h), -1.0, 1.0))))
