"""Targets of a launch: the orbit plane through the pad, the launch azimuth, the cut-off conditions
of the parking-orbit insertion and the trans-lunar injection (for :mod:`farside.core.launch_guidance`),
and the ideal delta-v a target needs (a reachability check before flight).

Frame: GCRF, Earth-centred; ``pole`` the Earth's rotation axis (ITRF z) in it. Units: m, m/s, rad.
"""
from dataclasses import dataclass

import numpy as np

from farside.core import launch_guidance as lg
from farside.errors import FarsideValueError


@dataclass(frozen=True)
class OrbitPlane:
    """Unit normal ``normal`` (GCRF) of an orbit plane of inclination ``inclination_rad`` to the
    equator of ``pole``; ``node`` the ascending node's unit vector."""
    normal: np.ndarray
    node: np.ndarray
    inclination_rad: float


def plane_through(r_pad, pole, inclination_rad, descending: bool) -> OrbitPlane:
    """The plane of inclination ``inclination_rad`` containing the pad's position ``r_pad``
    (GCRF, at lift-off) that the vehicle crosses going south (``descending``) or north. The
    normal is ``cos(psi) u1 + sin(psi) u2`` with ``u1`` the pole's part normal to ``r_pad``
    (``|u1| = cos`` of the pad's geocentric latitude) and ``u2 = r_hat x u1``: ``n . pole = cos i``
    needs ``cos i <= cos(latitude)``."""
    r_hat = r_pad / np.linalg.norm(r_pad)
    k = pole / np.linalg.norm(pole)
    u1 = k - np.dot(k, r_hat) * r_hat
    cos_lat = np.linalg.norm(u1)
    cos_psi = np.cos(inclination_rad) / cos_lat
    if cos_psi > 1.0:
        lat_deg = np.degrees(np.arccos(cos_lat))
        raise FarsideValueError("inclination_deg", np.degrees(inclination_rad),
                                f"at least the pad's geocentric latitude, {lat_deg:.4f} deg (no dog-leg is flown)")
    u1 = u1 / cos_lat
    u2 = np.cross(r_hat, u1)
    for sign in (1.0, -1.0):
        normal = cos_psi * u1 + sign * np.sqrt(max(1.0 - cos_psi ** 2, 0.0)) * u2
        going_north = np.dot(np.cross(normal, r_hat), k) > 0.0
        if going_north != descending:
            node = np.cross(k, normal)
            return OrbitPlane(normal, node / np.linalg.norm(node), inclination_rad)
    raise AssertionError("one of the two planes is descending")


def plane_of_azimuth(r_pad, pole, azimuth_rad) -> OrbitPlane:
    """The plane through the pad's position ``r_pad`` (GCRF, at lift-off) whose inertial track there
    heads ``azimuth_rad`` from north (east positive) about ``pole`` (the rotation axis): normal
    ``r_hat x (cos Az north + sin Az east)``, inclination ``acos(cos(latitude) sin Az)`` (the
    spherical triangle of Vallado 2013, §6.4), here to the GCRF equator as every plane's."""
    r_hat = r_pad / np.linalg.norm(r_pad)
    k = pole / np.linalg.norm(pole)
    east = np.cross(k, r_hat)
    east /= np.linalg.norm(east)
    north = np.cross(r_hat, east)
    normal = np.cross(r_hat, np.cos(azimuth_rad) * north + np.sin(azimuth_rad) * east)
    normal /= np.linalg.norm(normal)
    node = np.cross([0.0, 0.0, 1.0], normal)
    return OrbitPlane(normal, node / np.linalg.norm(node), float(np.arccos(np.clip(normal[2], -1.0, 1.0))))


def launch_azimuth_rad(r_pad, pole, plane: OrbitPlane, orbital_speed_m_s, spin_rate_rad_s) -> float:
    """Azimuth (rad from north, east positive) of the Earth-relative velocity that puts the inertial
    velocity in ``plane`` at ``orbital_speed_m_s``: the inertial direction ``n x r_hat`` less the
    pad's rotation speed ``w R cos(lat)`` eastward (Vallado 2013, §6.4, the launch-window
    azimuth with the Earth's rotation)."""
    r_hat = r_pad / np.linalg.norm(r_pad)
    k = pole / np.linalg.norm(pole)
    east = np.cross(k, r_hat)
    east /= np.linalg.norm(east)
    north = np.cross(r_hat, east)
    v_inertial = orbital_speed_m_s * np.cross(plane.normal, r_hat)
    v_rel = v_inertial - spin_rate_rad_s * np.linalg.norm(r_pad) * np.linalg.norm(np.cross(k, r_hat)) * east
    return float(np.arctan2(np.dot(v_rel, east), np.dot(v_rel, north)) % (2.0 * np.pi))


def insertion_target(gm, perigee_radius_m, apogee_radius_m, plane: OrbitPlane) -> np.ndarray:
    """Cut-off at perigee of the ``perigee x apogee`` orbit in ``plane``: radius, no radial speed,
    the perigee speed ``sqrt(gm (2/rp - 1/a))``."""
    a = 0.5 * (perigee_radius_m + apogee_radius_m)
    tg = np.zeros(lg.N_TARGET)
    tg[0] = lg.TARGET_INSERTION
    tg[1] = perigee_radius_m
    tg[3] = np.sqrt(gm * (2.0 / perigee_radius_m - 1.0 / a))
    tg[4:7] = plane.normal
    return tg


def orbit_target(gm, semi_major_axis_m, eccentricity, argument_of_perigee_rad, plane: OrbitPlane) -> np.ndarray:
    """Cut-off on the conic of ``a``, ``e`` and argument of perigee in ``plane`` (any true anomaly)."""
    tg = np.zeros(lg.N_TARGET)
    tg[0] = lg.TARGET_ORBIT
    tg[1] = -gm / (2.0 * semi_major_axis_m)
    tg[2] = eccentricity
    tg[4:7] = plane.normal
    p_hat = np.cos(argument_of_perigee_rad) * plane.node \
        + np.sin(argument_of_perigee_rad) * np.cross(plane.normal, plane.node)
    tg[7:10] = p_hat
    tg[10:13] = np.cross(plane.normal, p_hat)
    return tg


def perigee_ahead(target, r_m, lead_rad) -> np.ndarray:
    """``target`` (an `orbit_target`) with its perigee ``lead_rad`` ahead of the position ``r_m``
    (GCRF) along the motion in the target's plane: where the relight puts the line of apsides."""
    normal = target[4:7]
    r_in = r_m - np.dot(r_m, normal) * normal
    r_hat = r_in / np.linalg.norm(r_in)
    p_hat = np.cos(lead_rad) * r_hat + np.sin(lead_rad) * np.cross(normal, r_hat)
    tg = target.copy()
    tg[7:10] = p_hat
    tg[10:13] = np.cross(normal, p_hat)
    return tg


def ideal_delta_v_m_s(stages, mass_kg) -> float:
    """Delta-v (m/s) the stage rows (``launch_guidance.S_*``; thrust, mass flow, burn time, mass
    dropped) give from ``mass_kg`` by the rocket equation, ``ve ln(m0 / m1)`` a stage."""
    total = 0.0
    m = mass_kg
    for thrust, mdot, time_s, drop in stages:
        if mdot > 0.0:
            total += thrust / mdot * np.log(m / (m - mdot * time_s))
            m -= mdot * time_s
        m -= drop
    return float(total)
