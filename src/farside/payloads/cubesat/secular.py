"""The long-period evolution of a lunar orbit under the Earth's tide: the doubly averaged
quadrupole equations (Y. Kozai 1962, Astron. J. 67, 591; for lunar orbits T. A. Ely 2005,
J. Astronaut. Sci. 53, 301), with i and omega relative to the plane of the Earth's apparent orbit
about the Moon:

    de/dt = (15/8) (n_E^2 / n) e sqrt(1 - e^2) sin^2 i sin 2w
    di/dt = -(15/16) (n_E^2 / n) e^2 / sqrt(1 - e^2) sin 2w sin 2i
    dw/dt = (3/4) (n_E^2 / n) (1 - e^2)^(-1/2) [2 (1 - e^2) + 5 sin^2 w (e^2 - sin^2 i)]

``n_E^2 = GM_earth / a_E^3`` (a_E the Earth's distance), n the orbit's mean motion. The periapsis
radius a (1 - e) then moves at ``-a de/dt`` (a is constant on average).
"""
import numpy as np

from farside.core.kepler import state_to_elements_hf


def earth_plane_axes(r_earth_m, v_earth_m_s) -> np.ndarray:
    """Rows x, y, z of axes whose z is the normal of the Earth's orbit about the Moon (from the
    Earth's position and velocity relative to the Moon, GCRF)."""
    z = np.cross(r_earth_m, v_earth_m_s)
    z = z / np.linalg.norm(z)
    x = np.cross([0.0, 0.0, 1.0], z)
    x = x / np.linalg.norm(x)
    return np.array([x, np.cross(z, x), z])


def elements(gm_m3_s2, r_m, v_m_s, axes=np.eye(3)) -> np.ndarray:
    """Osculating (a m, e, i, raan, argp, true anomaly; rad) of the state in ``axes`` (rows)."""
    out = np.empty(6)
    state_to_elements_hf(gm_m3_s2, axes @ np.asarray(r_m, float), axes @ np.asarray(v_m_s, float), out)
    return out


def tidal_rates(a_m, e, i_rad, w_rad, gm_moon_m3_s2, gm_earth_m3_s2, earth_distance_m) -> tuple:
    """(de/dt, di/dt, dw/dt) per second from the doubly averaged equations above."""
    n = np.sqrt(gm_moon_m3_s2 / a_m ** 3)
    k = gm_earth_m3_s2 / earth_distance_m ** 3 / n
    s = np.sqrt(1.0 - e * e)
    de = 15.0 / 8.0 * k * e * s * np.sin(i_rad) ** 2 * np.sin(2 * w_rad)
    di = -15.0 / 16.0 * k * e * e / s * np.sin(2 * w_rad) * np.sin(2 * i_rad)
    dw = 0.75 * k / s * (2.0 * s * s + 5.0 * np.sin(w_rad) ** 2 * (e * e - np.sin(i_rad) ** 2))
    return de, di, dw
