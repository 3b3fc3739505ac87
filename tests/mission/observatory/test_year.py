"""SVOM's year (slow): the figures that come out of the physics against the published ones, with
margins for what the scenario states in place of unpublished numbers."""
from pathlib import Path

import pytest

from farside.mission.observatory.outputs import figures
from farside.mission.observatory.scenario import load_observatory_scenario
from farside.mission.observatory.simulation import simulate

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"


@pytest.mark.slow
def test_svom_year_against_published_figures():
    f = figures(simulate(load_observatory_scenario(SCENARIOS / "svom.yaml")))
    # period: 97.2-97.3 min from the published altitude (96 min quoted); measured 97.24 min
    assert f["period_s"] / 60.0 == pytest.approx(97.24, abs=0.05)
    # SAA: ~13 % published (pre-launch); the AP8 >10 MeV, 1 /cm^2/s region gives 12.4 %, the
    # Fermi/GBM polygon 13.1 %: both within 1 point of each other
    assert f["saa_fraction"] == pytest.approx(0.124, abs=0.005)
    assert abs(f["gbm_polygon_fraction"] - f["saa_fraction"]) < 0.01
    # exposure highest near a Galactic pole, the poles far above the plane (year 1 as flown)
    assert abs(f["exposure_peak_b_deg"]) > 60.0 and f["exposure_poles_over_plane"] > 10.0
    # the node's period relative to the Sun from the full model within 0.5 % of the J2 closed form
    assert f["node_sun_period_days"] == pytest.approx(f["node_sun_period_j2_days"], rel=0.005)
    # trigger to narrow field: ~200 s published; the stated slew limits give a median of 163 s
    assert 100.0 < f["response_median_s"] < 250.0
