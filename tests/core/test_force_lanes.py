"""The lane force sum against the single-state force sum
:func:`farside.core.force_model.derivatives_hf` (the reference), bit for bit in every lane, for
both frames the lanes fly."""
import numpy as np
import pytest

import farside as fs
from farside.core.force_lanes import FIELD_INERTIAL, FIELD_SPIN, derivatives_lanes_hf, field_lane_scratch
from farside.core.force_model import derivatives_hf, scratch_hf
from farside.core.lane_vectors import LANES
from tests.core.test_spherical_harmonics_lanes import _points

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
OMEGA = 2 * np.pi / (27.321661 * 86400.0)


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
