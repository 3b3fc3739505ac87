"""The same propagation gives the same bits whether the kernels were compiled in this process
(cold cache) or loaded from numba's on-disk cache (warm): two fresh processes share one new
cache folder, the first compiles, the second loads.

A lunar orbit under GRGM1200A to degree 30 with radiation pressure and shadows, five days: with
the reassociated (``fastmath``) sums the spherical-harmonic kernel once had, the warm process
ended ~1 km away from the cold one on this case (the total delta-v of the Chang'e-6 scenario moved
by 0.6 m/s)."""
import os
import subprocess
import sys

import pytest

CASE = """
import warnings
import numpy as np
import farside as fs
warnings.simplefilter("ignore")
t = fs.Epoch("2024-05-08T02:30:00", scale="utc")
model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", degree=30), "MOON_PA"),
                               fs.SolarRadiationPressure(1.3, 20.0)])
state = fs.State(t, np.array([1937.4e3, 0.0, 0.0]), np.array([0.0, 1000.0, 1300.0]), 2400.0, "moon")
seg = fs.propagate(state, duration_s=400000.0, forces=model, rtol=1e-11, atol=1e-6)
print(" ".join(float(c).hex() for c in seg.final.vector()))
"""


@pytest.mark.slow
def test_cold_and_warm_kernel_caches_give_the_same_bits(tmp_path):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"))
    runs = [subprocess.run([sys.executable, "-c", CASE], env=env, capture_output=True, text=True, timeout=900)
            for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    assert any((tmp_path / "numba").rglob("*.nbi")), "the first process wrote no kernel cache"
    assert runs[0].stdout == runs[1].stdout
