"""Terrain slopes from the DEM against a synthetic plane of known gradient."""
import numpy as np

from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.terrain import slope_rad


def test_slope_of_a_tilted_plane():
    rows, cols = 1440, 2880
    lat = np.radians(90.0 - (np.arange(rows) + 0.5) * 0.125)
    dem = np.repeat((MOON_MEAN_RADIUS_M * lat * 0.02)[:, None], cols, axis=1)  # rises 2 m per 100 m northwards
    assert abs(slope_rad(np.radians(-41.6), np.radians(206.0), dem) - np.arctan(0.02)) < 1e-9
