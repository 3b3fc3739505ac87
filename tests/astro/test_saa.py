"""The AP8 SAA region against the Fermi/GBM SAA polygon (the boundary GBM flew until 2024-07-23,
published in the Fermi GBM Data Tools, USRA-STI gdt-fermi, ``missions/fermi/gbm/saa.py``), at
Fermi's height (~530 km) and an epoch of its mission."""
import numpy as np
import pytest

from farside.astro.saa import ap8_saa, inside_gbm_polygon
from farside.astro.time import Epoch
from farside.errors import FarsideValueError


def test_ap8_region_inside_the_gbm_polygon():
    model = ap8_saa(Epoch("2014-01-01T00:00:00"), 530e3, threshold_cm2_s=1.0, energy_mev=10.0, max_lat_deg=35.0)
    lat, lon = np.meshgrid(np.arange(-29.9, 30.0, 0.2), np.arange(-179.9, 180.0, 0.2), indexing="ij")
    in_polygon = inside_gbm_polygon(np.radians(lat), np.radians(lon))
    in_ap8 = model.inside(np.radians(lat), np.radians(lon))
    area = np.cos(np.radians(lat))
    both = np.sum(area * (in_ap8 & in_polygon))
    # The GBM polygon is a conservative operational boundary (drawn round the detectors' rate
    # increase, electrons included): the AP8 >10 MeV, 1 /cm^2/s region lies within it and covers
    # 59 % of it (measured: overlap over union 0.591, 99.6 % of the AP8 area inside the polygon).
    assert both / np.sum(area * (in_ap8 | in_polygon)) == pytest.approx(0.591, abs=0.02)
    assert both / np.sum(area * in_ap8) > 0.99


def test_bad_threshold_refused():
    with pytest.raises(FarsideValueError, match="threshold_cm2_s"):
        ap8_saa(Epoch("2024-06-22T00:00:00"), 625e3, threshold_cm2_s=-1.0)
