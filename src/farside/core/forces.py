"""Elementary accelerations as numba kernels: each adds its term to ``acc`` (m/s^2).

Positions in metres, velocities in m/s, gravitational parameters in m^3/s^2, all in one inertial
frame. References: Montenbruck & Gill, *Satellite Orbits* (Springer 2000), §3.2-3.4 (third body
with the indirect term, cannonball radiation pressure, conical shadow); IERS Conventions 2010,
§10.3 eq. 10.12 (Schwarzschild term, beta = gamma = 1).
"""
import numpy as np

from farside.core.jit import jit


@jit(_nrt=False, inline="always")
def point_mass_hf(gm, r, acc):
    """Keplerian attraction ``-gm r / |r|^3`` of a body at the origin."""
    d2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2]
    f = -gm / (d2 * np.sqrt(d2))
    for i in range(3):
        acc[i] += f * r[i]


@jit(_nrt=False)
def third_body_hf(gm, r, r_body, acc):
    """Perturbation of a body at ``r_body`` (from the central body) on a satellite at ``r``: the
    direct pull minus the pull on the central body (indirect term), M&G eq. 3.37."""
    dx = r_body[0] - r[0]
    dy = r_body[1] - r[1]
    dz = r_body[2] - r[2]
    d2 = dx * dx + dy * dy + dz * dz
    b2 = r_body[0] * r_body[0] + r_body[1] * r_body[1] + r_body[2] * r_body[2]
    fd = gm / (d2 * np.sqrt(d2))
    fb = gm / (b2 * np.sqrt(b2))
    acc[0] += fd * dx - fb * r_body[0]
    acc[1] += fd * dy - fb * r_body[1]
    acc[2] += fd * dz - fb * r_body[2]


@jit(_nrt=False)
def apparent_disks_hf(r, r_sun, sun_radius, r_body, body_radius):
    """Apparent radii of the Sun and an occulting body seen from ``r``, and the angle between
    their centres (rad): ``(a_sun, a_body, separation)``."""
    sx = r_sun[0] - r[0]
    sy = r_sun[1] - r[1]
    sz = r_sun[2] - r[2]
    bx = r_body[0] - r[0]
    by = r_body[1] - r[1]
    bz = r_body[2] - r[2]
    ds = np.sqrt(sx * sx + sy * sy + sz * sz)
    db = np.sqrt(bx * bx + by * by + bz * bz)
    a_sun = np.arcsin(min(1.0, sun_radius / ds))
    a_body = np.arcsin(min(1.0, body_radius / db))
    # angle between the two directions by atan2 of |cross| and dot: accurate at small angles
    cx = sy * bz - sz * by
    cy = sz * bx - sx * bz
    cz = sx * by - sy * bx
    sep = np.arctan2(np.sqrt(cx * cx + cy * cy + cz * cz), sx * bx + sy * by + sz * bz)
    return a_sun, a_body, sep


@jit(_nrt=False)
def _segment_shape_hf(theta):
    """``theta - sin(theta) cos(theta)``: a circular segment of half-angle theta is r^2 times this.
    A series below 0.05 rad, where the difference cancels."""
    if theta < 0.05:
        u = 2.0 * theta
        u2 = u * u
        return 0.5 * u * u2 * (1.0 / 6.0 - u2 * (1.0 / 120.0 - u2 * (1.0 / 5040.0 - u2 / 362880.0)))
    return theta - np.sin(theta) * np.cos(theta)


@jit(_nrt=False)
def sunlit_fraction_hf(a_sun, a_body, sep):
    """Fraction of the solar disk visible past a spherical occulting body (conical model, M&G
    §3.4.2): 1 in full sunlight, 0 in the umbra, ``1 - (a_body/a_sun)^2`` when annular. The
    overlap of the two disks is the sum of two circular segments, each from the half-angle at
    its centre (atan2 of the half chord), so a body far larger than the Sun loses no digits."""
    if sep >= a_sun + a_body:
        return 1.0
    if sep <= a_body - a_sun:
        return 0.0
    if sep <= a_sun - a_body:
        return 1.0 - (a_body * a_body) / (a_sun * a_sun)
    x = ((sep - a_body) * (sep + a_body) + a_sun * a_sun) / (2.0 * sep)
    half_chord = np.sqrt(max(0.0, (a_sun - x) * (a_sun + x)))
    alpha = np.arctan2(half_chord, x)
    beta = np.arctan2(half_chord, sep - x)
    overlap = a_sun * a_sun * _segment_shape_hf(alpha) + a_body * a_body * _segment_shape_hf(beta)
    return 1.0 - overlap / (np.pi * a_sun * a_sun)


@jit(_nrt=False)
def radiation_pressure_hf(pressure_1au, au, cr_area_over_mass, fraction, r, r_sun, acc):
    """Cannonball solar radiation pressure, pushing away from the Sun (M&G eq. 3.75):
    ``P(1 AU) (AU/d)^2 Cr A/m nu`` along Sun -> satellite; ``pressure_1au`` in N/m^2."""
    dx = r[0] - r_sun[0]
    dy = r[1] - r_sun[1]
    dz = r[2] - r_sun[2]
    d2 = dx * dx + dy * dy + dz * dz
    f = fraction * pressure_1au * cr_area_over_mass * au * au / (d2 * np.sqrt(d2))
    acc[0] += f * dx
    acc[1] += f * dy
    acc[2] += f * dz


@jit(_nrt=False)
def schwarzschild_hf(gm, c_light, r, v, acc):
    """Post-Newtonian correction of the central body (IERS 2010 eq. 10.12, beta = gamma = 1):
    ``gm/(c^2 r^3) [(4 gm/r - v^2) r + 4 (r.v) v]``."""
    rr = np.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2])
    v2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2]
    rv = r[0] * v[0] + r[1] * v[1] + r[2] * v[2]
    f = gm / (c_light * c_light * rr * rr * rr)
    for i in range(3):
        acc[i] += f * ((4.0 * gm / rr - v2) * r[i] + 4.0 * rv * v[i])


@jit(_nrt=False)
def _unit_hf(a, out):
    n = np.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2])
    for i in range(3):
        out[i] = a[i] / n


@jit(_nrt=False)
def _cross_hf(a, b, out):
    out[0] = a[1] * b[2] - a[2] * b[1]
    out[1] = a[2] * b[0] - a[0] * b[2]
    out[2] = a[0] * b[1] - a[1] * b[0]


@jit(_nrt=False)
def local_axes_hf(kind, r, v, axes):
    """Rows of ``axes`` (3x3): unit axes of a local orbital frame in inertial coordinates.
    kind 1: VNC (velocity; orbit normal r x v; co-normal V x N). kind 2: RIC (radial; in-track
    C x R; cross-track along r x v). kind 3: LVLH as CCSDS OEM defines it (z to nadir -r,
    y along -(r x v), x = y x z, close to the velocity)."""
    _cross_hf(r, v, axes[1])
    _unit_hf(axes[1], axes[1])
    if kind == 3:
        for i in range(3):
            axes[1, i] = -axes[1, i]
            axes[2, i] = -r[i]
        _unit_hf(axes[2], axes[2])
        _cross_hf(axes[1], axes[2], axes[0])
    elif kind == 1:
        _unit_hf(v, axes[0])
        _cross_hf(axes[0], axes[1], axes[2])
    else:
        for i in range(3):
            axes[2, i] = axes[1, i]
        _unit_hf(r, axes[0])
        _cross_hf(axes[2], axes[0], axes[1])
