"""Case B of shared/reference/bench-cases.md against heyoka's Taylor integrator at tol 1e-15.

GRGM1200A to degree and order 100 in a Moon-fixed frame turning uniformly about z, a 100 km
circular polar orbit, one day. heyoka's field is written independently, in the benchmark's
heyoka peer (bench/peers/heyoka_peer.py): the Cunningham recursion in Cartesian coordinates with
un-normalised coefficients, where farside uses the normalised Holmes-Featherstone recursion.
"""
import numpy as np
import pytest

import farside as fs
from bench.cases import OMEGA
from bench.peers.heyoka_peer import final_position
from tests.units import MILLIMETRE

DEGREE = 100
DAY = 86400.0


@pytest.mark.slow
def test_case_b_agrees_with_heyoka_to_a_millimetre():
    field = fs.gravity.load("GRGM1200A", DEGREE)
    r0 = 1837.4e3
    y0 = np.array([r0, 0.0, 0.0, 0.0, 0.0, np.sqrt(field.gm_m3_s2 / r0)])
    reference = final_position(field, DEGREE, y0, DAY, tol=1e-15)
    t0 = fs.Epoch("2024-06-01T00:00:00", "tdb")
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, fs.UniformRotation(OMEGA, t0.tdb_seconds))])
    start = fs.State(t0, y0[:3], y0[3:], 1000.0, "moon")
    seg = fs.propagate(start, duration_s=DAY, forces=model, rtol=1e-13, atol=1e-10, dense=False)
    assert np.linalg.norm(seg.final_state().r_m - reference) < 1 * MILLIMETRE
