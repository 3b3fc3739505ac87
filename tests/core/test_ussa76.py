"""USSA76 density against the ussa1976 package (an independent implementation of the standard).

ussa1976 integrates the diffusion equations over the heights it is given, so it is asked on a
fine sorted grid (50 m) that contains the test heights."""
import numpy as np
import ussa1976

from farside.core.ussa76 import density_hf


def test_density_matches_the_standard_from_0_to_1000_km():
    rng = np.random.default_rng(76)
    z = np.concatenate([rng.uniform(0.0, 86e3, 400), rng.uniform(86e3, 1000e3, 600),
                        [0.0, 11e3, 20e3, 32e3, 47e3, 51e3, 71e3, 86e3, 1000e3]])
    grid, index = np.unique(np.concatenate([z, np.arange(0.0, 1000e3, 50.0)]), return_inverse=True)
    ref = ussa1976.compute(z=grid, variables=["rho"])["rho"].values[index[:z.shape[0]]]
    mine = np.array([density_hf(h) for h in z])
    assert np.max(np.abs(mine / ref - 1.0)) < 3e-5
    assert abs(density_hf(0.0) - 1.225) < 1e-5  # the standard's sea-level density


def test_density_above_the_table_keeps_falling():
    assert 0.0 < density_hf(1500e3) < density_hf(1200e3) < density_hf(1000e3)
