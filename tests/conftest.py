"""Shared fixtures: SPICE loaded with the same kernels farside reads, as the independent reference."""
from pathlib import Path

import pytest
import spiceypy

from farside.astro import data_files

AUTHORITIES = Path(__file__).parent / "authorities"


@pytest.fixture(scope="session")
def spice():
    """spiceypy with the LSK, DE440s, Moon PA and Earth ITRF93 PCKs and the lunar frame kernel."""
    kernels = [data_files.leapseconds(), data_files.de440s(), data_files.moon_pa_de440(),
               data_files.earth_itrf93(), AUTHORITIES / "moon_de440_frames.tf"]
    for kernel in kernels:
        spiceypy.furnsh(str(kernel))
    yield spiceypy
    spiceypy.kclear()


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Parsed gravity coefficients go to a cache private to the test session."""
    import os
    os.environ["FARSIDE_CACHE_DIR"] = str(tmp_path_factory.mktemp("farside-cache"))
