"""Case B+ of shared/reference/bench-cases.md against nyx-space, an independent implementation.

GRGM1200A to degree 100 in the DE440 Moon PA frame, Earth and Sun point masses from DE440s,
100 km circular polar orbit from 2024-06-01T00:00:00 TDB for one day. nyx-space loads the same
DE440s, Moon PA kernel and field file offline, set up by the benchmark's nyx peer
(bench/peers/nyx_peer.py).
"""
import warnings

import numpy as np
import pytest

import farside as fs
from bench.cases import DAY, R0
from bench.peers.nyx_peer import MOON_GM_KM3_S2, final_position
from tests.units import METRE


@pytest.mark.slow
def test_case_b_plus_agrees_with_nyx_to_a_metre(tmp_path):
    reference = final_position(tmp_path, 100, DAY)
    field = fs.gravity.load("GRGM1200A", 100)
    assert field.gm_m3_s2 == MOON_GM_KM3_S2 * 1e9
    start = fs.State(fs.Epoch("2024-06-01T00:00:00", "tdb"), [R0, 0.0, 0.0],
                     [0.0, 0.0, np.sqrt(field.gm_m3_s2 / R0)], 1000.0, "moon")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the field flown in DE440's PA frame, as nyx does
        model = fs.ForceModel("moon", [fs.SphericalHarmonics(field, "MOON_PA"), fs.ThirdBodies(("earth", "sun"))])
    seg = fs.propagate(start, duration_s=DAY, forces=model, rtol=1e-13, atol=1e-10, dense=False)
    assert np.linalg.norm(seg.final_state().r_m - reference) < 1 * METRE
