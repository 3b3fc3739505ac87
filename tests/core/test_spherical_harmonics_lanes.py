"""The field's acceleration in vector lanes against the single-point kernel
:func:`farside.core.spherical_harmonics.potential_and_acceleration_hf` (the reference), bit for
bit in every lane."""
import numpy as np
import pytest

import farside as fs
from farside.core.lane_vectors import LANES
from farside.core.spherical_harmonics import potential_and_acceleration_hf
from farside.core.spherical_harmonics_lanes import acceleration_lanes_hf, lane_scratch
from farside.dynamics.spherical_harmonic_gravity import SphericalHarmonicGravity


def _points(n, seed):
    """Positions 1,740-2,100 km from the centre in every direction, a few within 1e-6 rad of the
    poles and on the equator, in (3, n)."""
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(n, 3))
    u[0] = [1e-6, 2e-7, 1.0]
    u[1] = [-3e-7, 1e-6, -1.0]
    u[2] = [0.6, -0.8, 0.0]
    u /= np.linalg.norm(u, axis=1)[:, None]
    return (u * rng.uniform(1.740e6, 2.1e6, n)[:, None]).T.copy()


@pytest.mark.parametrize("degree", [1, 2, 20, 50])
def test_every_lane_is_the_single_point_kernel(degree):
    gravity = SphericalHarmonicGravity(fs.gravity.load("GRGM1200A", degree))
    args = gravity.kernel_args()
    points = _points(4 * LANES, seed=degree)
    p, trig = lane_scratch(degree)
    acc = np.empty((3, LANES))
    p_one = np.empty((degree + 3, degree + 3))
    trig_one = np.empty((2, degree + 1))
    want = np.empty(3)
    for start in range(0, points.shape[1], LANES):
        block = points[:, start:start + LANES].copy()
        acceleration_lanes_hf(*args, p, trig, block, acc)
        for lane in range(LANES):
            potential_and_acceleration_hf(*args, p_one, trig_one, block[:, lane].copy(), want)
            assert np.array_equal(acc[:, lane], want), (start, lane)
