"""Horizon masks from the lunar DEM against geometry with known answers: the horizon dip of a
smooth sphere, a synthetic mountain, and the DEM's height at the published Chang'e-6 site (LROC,
-5,256 m) and at the Moon's highest point (Selenean summit, 5.4 N 201.4 E, ~10.6 km)."""
import numpy as np

from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.terrain import dem_height_m, moon_dem
from farside.comms.horizon import horizon_mask

R = MOON_MEAN_RADIUS_M


def test_smooth_sphere_gives_the_horizon_dip():
    flat = np.zeros((1440, 2880))
    mask = horizon_mask(np.radians(-41.6), np.radians(206.0), antenna_height_m=2.0, dem=flat, step_m=20.0,
                        max_range_m=10e3)
    dip = -np.arccos(R / (R + 2.0))
    assert np.max(np.abs(mask.elevation_rad - dip)) < 2e-5


def test_a_mountain_stands_where_geometry_puts_it():
    dem = np.zeros((1440, 2880))
    # a plateau 3 km high whose near edge (grid row centred on 0.5625 N) is 17.1 km north of a
    # site on the equator at 0.0625 E
    dem[713:716, 1438:1444] = 3000.0
    mask = horizon_mask(0.0, np.radians(0.0625), antenna_height_m=0.0, dem=dem, step_m=50.0, max_range_m=40e3)
    theta = np.radians(0.5625)
    expected = np.arctan2((R + 3000.0) * np.cos(theta) - R, (R + 3000.0) * np.sin(theta))
    assert abs(mask.at(0.0) - expected) < np.radians(0.1)
    assert mask.at(np.pi) < 0.0


def test_dem_at_published_points():
    site = dem_height_m(np.radians(-41.6385), np.radians(206.0148))
    assert abs(site - (-5256.0)) < 150.0
    dem = moon_dem()
    i, j = np.unravel_index(np.argmax(dem), dem.shape)
    lat, lon = 90.0 - (i + 0.5) * 0.125, (-180.0 + (j + 0.5) * 0.125) % 360.0
    assert abs(lat - 5.4) < 0.2 and abs(lon - 201.4) < 0.2 and 10.0e3 < dem.max() < 11.0e3
