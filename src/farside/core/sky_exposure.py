"""Exposure of sky pixels to a conical field of view on a time grid, and geodetic coordinates of
many points (numba).

Exposure: a pixel (unit vector) collects ``dt`` at a sample when it is within the field's half
angle of the boresight, farther than the Earth's angular radius from the nadir (not occulted),
and the instrument is live. The boresight is piecewise constant: ``pointing_id`` gives each
sample's pointing (-1: not exposing, e.g. slewing); the pixels in the field are found once per
run of equal ids, then only they are tested against the Earth.
"""
import numpy as np

from farside.core.geodesy import geodetic_from_fixed_hf
from farside.core.jit import jit


@jit
def exposure_vf(pixels, pointings, pointing_id, nadir, cos_earth_radius, live, dt, cos_half_angle, out):
    """Add to ``out`` (m,) the seconds each of ``pixels`` (m, 3) is exposed: samples with
    ``pointing_id`` (n,) >= 0 index ``pointings`` (k, 3); ``nadir`` (n, 3) unit vectors,
    ``cos_earth_radius`` (n,), ``live`` (n,) booleans, ``dt`` (n,) seconds."""
    m = pixels.shape[0]
    members = np.empty(m, dtype=np.int64)
    count = 0
    current = -1
    for i in range(pointing_id.shape[0]):
        k = pointing_id[i]
        if k < 0 or not live[i]:
            continue
        if k != current:
            current = k
            count = 0
            for j in range(m):
                d = pixels[j, 0] * pointings[k, 0] + pixels[j, 1] * pointings[k, 1] + pixels[j, 2] * pointings[k, 2]
                if d >= cos_half_angle:
                    members[count] = j
                    count += 1
        for c in range(count):
            j = members[c]
            e = pixels[j, 0] * nadir[i, 0] + pixels[j, 1] * nadir[i, 1] + pixels[j, 2] * nadir[i, 2]
            if e < cos_earth_radius[i]:
                out[j] += dt[i]


@jit
def geodetic_vf(r, a, f, out):
    """(n, 3) geodetic latitude (rad), longitude (rad) and height (m) of body-fixed ``r`` (n, 3)."""
    for i in range(r.shape[0]):
        lat, lon, h = geodetic_from_fixed_hf(r[i, 0], r[i, 1], r[i, 2], a, f)
        out[i, 0] = lat
        out[i, 1] = lon
        out[i, 2] = h
