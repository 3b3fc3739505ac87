"""Two-body (Keplerian) motion: classical elements <-> Cartesian state, and propagation.

Elliptic orbits only (0 <= e < 1). Elements: semi-major axis a (m), eccentricity e, inclination
i, right ascension of the ascending node, argument of periapsis and true anomaly (rad), in the
frame of the state. Formulas: Vallado, *Fundamentals of Astrodynamics and Applications* (4th ed.
2013), algorithms 9 (RV2COE) and 10 (COE2RV); Kepler's equation by Newton's method from
``E0 = M + e sin M`` (Danby 1988, §6.6), converged to machine precision.
"""
import numpy as np

from farside.core.jit import jit


@jit
def eccentric_anomaly_hf(mean_anomaly, e):
    """E with ``E - e sin E = M`` (rad), for 0 <= e < 1."""
    m = np.fmod(mean_anomaly, 2.0 * np.pi)
    big = m + e * np.sin(m)
    for _ in range(50):
        delta = (big - e * np.sin(big) - m) / (1.0 - e * np.cos(big))
        big -= delta
        if abs(delta) <= 4e-16 * max(1.0, abs(big)):
            break
    return big + (mean_anomaly - m)


@jit
def elements_to_state_hf(gm, a, e, inc, raan, argp, nu, out):
    """Position (m) and velocity (m/s) into ``out[0:6]``."""
    p = a * (1.0 - e * e)
    r = p / (1.0 + e * np.cos(nu))
    x_pf = r * np.cos(nu)
    y_pf = r * np.sin(nu)
    k = np.sqrt(gm / p)
    vx_pf = -k * np.sin(nu)
    vy_pf = k * (e + np.cos(nu))
    co, so = np.cos(raan), np.sin(raan)
    cw, sw = np.cos(argp), np.sin(argp)
    ci, si = np.cos(inc), np.sin(inc)
    p1 = (co * cw - so * sw * ci, so * cw + co * sw * ci, sw * si)
    q1 = (-co * sw - so * cw * ci, -so * sw + co * cw * ci, cw * si)
    for j in range(3):
        out[j] = x_pf * p1[j] + y_pf * q1[j]
        out[3 + j] = vx_pf * p1[j] + vy_pf * q1[j]


@jit
def state_to_elements_hf(gm, r, v, out):
    """(a, e, i, raan, argp, nu) into ``out[0:6]`` from position (m) and velocity (m/s) of an
    elliptic orbit; for a circular or equatorial orbit the undefined angles are set to 0 and the
    anomaly is measured from the node or the x axis."""
    hx = r[1] * v[2] - r[2] * v[1]
    hy = r[2] * v[0] - r[0] * v[2]
    hz = r[0] * v[1] - r[1] * v[0]
    h = np.sqrt(hx * hx + hy * hy + hz * hz)
    rr = np.sqrt(r[0] ** 2 + r[1] ** 2 + r[2] ** 2)
    v2 = v[0] ** 2 + v[1] ** 2 + v[2] ** 2
    rv = r[0] * v[0] + r[1] * v[1] + r[2] * v[2]
    ex = ((v2 - gm / rr) * r[0] - rv * v[0]) / gm
    ey = ((v2 - gm / rr) * r[1] - rv * v[1]) / gm
    ez = ((v2 - gm / rr) * r[2] - rv * v[2]) / gm
    e = np.sqrt(ex * ex + ey * ey + ez * ez)
    a = 1.0 / (2.0 / rr - v2 / gm)
    inc = np.arccos(max(-1.0, min(1.0, hz / h)))
    nx, ny = -hy, hx
    n = np.sqrt(nx * nx + ny * ny)
    raan = np.arctan2(ny, nx) % (2.0 * np.pi) if n > 0.0 else 0.0
    # unit vectors of the node line and of its perpendicular in the orbit plane
    if n > 0.0:
        ux, uy, uz = nx / n, ny / n, 0.0
    else:
        ux, uy, uz = 1.0, 0.0, 0.0
    wx = (hy * uz - hz * uy) / h
    wy = (hz * ux - hx * uz) / h
    wz = (hx * uy - hy * ux) / h
    if e > 1e-14:
        argp = np.arctan2(ex * wx + ey * wy + ez * wz, ex * ux + ey * uy + ez * uz) % (2.0 * np.pi)
        px, py, pz = ex / e, ey / e, ez / e
        qx = (hy * pz - hz * py) / h
        qy = (hz * px - hx * pz) / h
        qz = (hx * py - hy * px) / h
        nu = np.arctan2(r[0] * qx + r[1] * qy + r[2] * qz, r[0] * px + r[1] * py + r[2] * pz) % (2.0 * np.pi)
    else:
        argp = 0.0
        nu = np.arctan2(r[0] * wx + r[1] * wy + r[2] * wz, r[0] * ux + r[1] * uy + r[2] * uz) % (2.0 * np.pi)
    out[0] = a
    out[1] = e
    out[2] = inc
    out[3] = raan
    out[4] = argp
    out[5] = nu


@jit
def true_to_mean_anomaly_hf(nu, e):
    big = 2.0 * np.arctan2(np.sqrt(1.0 - e) * np.sin(0.5 * nu), np.sqrt(1.0 + e) * np.cos(0.5 * nu))
    return big - e * np.sin(big)


@jit
def mean_to_true_anomaly_hf(mean_anomaly, e):
    big = eccentric_anomaly_hf(mean_anomaly, e)
    return 2.0 * np.arctan2(np.sqrt(1.0 + e) * np.sin(0.5 * big), np.sqrt(1.0 - e) * np.cos(0.5 * big))


@jit
def propagate_kepler_hf(gm, r0, v0, dt, out):
    """State ``dt`` seconds after ``(r0, v0)`` on the same ellipse, into ``out[0:6]``."""
    el = np.empty(6)
    state_to_elements_hf(gm, r0, v0, el)
    a, e = el[0], el[1]
    m0 = true_to_mean_anomaly_hf(el[5], e)
    nu = mean_to_true_anomaly_hf(m0 + np.sqrt(gm / (a * a * a)) * dt, e)
    elements_to_state_hf(gm, a, e, el[2], el[3], el[4], nu, out)


@jit(_nrt=False)
def time_to_falling_radius_hf(gm, y, radius):
    """Seconds until the two-body orbit of the state ``y`` (position m, velocity m/s; rising,
    above ``radius``) falls back to ``radius`` (m): Kepler's equation between the eccentric
    anomalies of now and of ``radius`` on the descending branch (Vallado 2013, §2.2, eqs. 2-35
    and 2-65). ``inf`` for an open orbit or one whose periapsis stays above ``radius``."""
    r = np.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    v2 = y[3] ** 2 + y[4] ** 2 + y[5] ** 2
    rv = y[0] * y[3] + y[1] * y[4] + y[2] * y[5]
    energy = 0.5 * v2 - gm / r
    if energy >= 0.0:
        return np.inf
    a = -0.5 * gm / energy
    e_cos = 1.0 - r / a
    e_sin = rv / np.sqrt(gm * a)
    e = np.sqrt(e_cos * e_cos + e_sin * e_sin)
    if a * (1.0 - e) >= radius:
        return np.inf
    now = np.arctan2(e_sin, e_cos)
    below = np.arccos(min(max((1.0 - radius / a) / e, -1.0), 1.0))
    mean_now = now - e * np.sin(now)
    mean_down = 2.0 * np.pi - (below - e * np.sin(below))
    return (mean_down - mean_now) * np.sqrt(a * a * a / gm)
