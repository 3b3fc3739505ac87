"""The field's acceleration in vector lanes against the single-point kernel
:func:`farside.core.spherical_harmonics.potential_and_acceleration_hf` (the reference), bit for
bit in every lane, and the lane force sum against the single-state force sum
:func:`farside.core.force_model.derivatives_hf`, bit for bit, for both frames the lanes fly."""
import numpy as np
import pytest

import farside as fs
from farside.core.force_lanes import FIELD_INERTIAL, FIELD_SPIN, derivatives_lanes_hf, field_lane_scratch
from farside.core.force_model import derivatives_hf, scratch_hf
from farside.core.lane_vectors import LANES
from farside.core.spherical_harmonics import potential_and_acceleration_hf
from farside.core.spherical_harmonics_lanes import acceleration_lanes_hf, lane_scratch
from farside.dynamics.spherical_harmonic_gravity import SphericalHarmonicGravity

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
OMEGA = 2 * np.pi / (27.321661 * 86400.0)


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


@pytest.mark.parametrize("frame, kind", [(fs.UniformRotation(OMEGA, T0.tdb_seconds + 500.0), FIELD_SPIN),
                                         ("inertial", FIELD_INERTIAL)])
def test_the_lane_force_sum_is_the_single_state_sum(frame, kind):
    field = fs.gravity.load("GRGM1200A", 20)
    fa = fs.ForceModel("moon", [fs.SphericalHarmonics(field, frame)]).arrays(T0.tdb_seconds)
    rng = np.random.default_rng(3)
    y = np.vstack([_points(LANES, seed=11), rng.normal(0.0, 1.6e3, (3, LANES)), np.full((1, LANES), 900.0)])
    t2 = rng.uniform(-4e4, 4e4, LANES)
    dy = np.empty((7, LANES))
    derivatives_lanes_hf(fa, np.array([kind]), *field_lane_scratch(20), T0.tdb_seconds, t2, y, dy)
    p, trig, buf = scratch_hf(fa)
    want = np.empty(7)
    for lane in range(LANES):
        derivatives_hf(fa, p, trig, buf, T0.tdb_seconds, t2[lane], y[:, lane].copy(), want)
        assert np.array_equal(dy[:, lane], want), lane
