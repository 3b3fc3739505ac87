"""The lunar surface segment's scenario checks, which fail before any flight (engine too weak for
the lunar weight, a site outside the DEM, an ascent orbit that is not one), and the plane goal
against its geometric definition."""
from pathlib import Path

import numpy as np
import pytest

from farside.astro import frames
from farside.astro.time import Epoch
from farside.dynamics.state import State
from farside.errors import ScenarioError
from farside.mission.orbit_quantities import site_out_of_plane_deg
from farside.mission.scenario import load_scenario
from farside.mission import sequencer
from farside.mission.sequencer import preflight

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6.yaml"


@pytest.mark.parametrize("path, value, field, words", [
    ("spacecraft.modules.lander.engines.descent.thrust_N", 3000, "powered_descent.engine", "lunar weight of lander, ascender"),
    ("spacecraft.modules.ascender.engines.ascent.thrust_N", 1000, "ascent.engine", "lunar weight of ascender"),
])
def test_an_engine_too_weak_fails_before_any_flight(path, value, field, words):
    scenario = load_scenario(SCENARIO, {path: value})
    with pytest.raises(ScenarioError) as error:
        preflight(scenario)
    assert field in str(error.value) and words in str(error.value)


@pytest.mark.parametrize("path, value, words", [
    ("phases[powered descent].powered_descent.site.lat_deg", 89.95, "latitude the lunar DEM covers"),
    ("phases[ascent].ascent.apoapsis_altitude_km", 10.0, "aposelene at or above the periselene"),
    ("phases[surface stay].surface_stay.until", "2024-13-01T00:00:00", "ISO 8601"),
    ("phases[orbit adjustments].rendezvous.transfer_fraction", 0.5, "less than 0.5"),
])
def test_bad_lunar_fields_name_the_field(path, value, words):
    with pytest.raises(ScenarioError) as error:
        load_scenario(SCENARIO, {path: value})
    message = str(error.value)
    assert words in message
    assert message.startswith("phases[")


def test_the_published_scenario_passes_preflight():
    preflight(load_scenario(SCENARIO))


def _state_over(lat_deg, lon_deg, epoch, normal_to_site):
    """A 200 km circular lunar orbit whose plane contains the site (or is normal to it)."""
    lat, lon = np.radians([lat_deg, lon_deg])
    site = frames.rotation("MOON_ME", "GCRF", epoch) @ np.array(
        [np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    other = np.cross(site, [0.0, 0.0, 1.0])
    other /= np.linalg.norm(other)
    r_hat, v_hat = (other, np.cross(site, other)) if normal_to_site else (site, other)
    radius, speed = 1937.4e3, 1590.0
    return State(epoch, r_hat * radius, v_hat * speed, 1000.0, "moon"), site


def test_site_out_of_plane_is_the_angle_from_the_plane():
    epoch = Epoch("2024-06-01T22:09:00")
    in_plane, _ = _state_over(-41.6385, 206.0148, epoch, False)
    assert abs(site_out_of_plane_deg(in_plane, -41.6385, 206.0148)) < 1e-9
    normal, site = _state_over(-41.6385, 206.0148, epoch, True)
    h = np.cross(normal.r_m, normal.v_m_s)
    assert site_out_of_plane_deg(normal, -41.6385, 206.0148) == pytest.approx(
        np.degrees(np.arcsin(np.clip(np.dot(site, h) / np.linalg.norm(h), -1, 1))), abs=1e-6)
    assert abs(site_out_of_plane_deg(normal, -41.6385, 206.0148)) == pytest.approx(90.0, abs=1e-9)


@pytest.mark.slow
def test_an_unreachable_hand_over_is_named():
    scenario = load_scenario(SCENARIO, {"phases[orbit adjustments].rendezvous.hand_over_epoch": "2024-06-04T01:00:00",
                                        "phases[orbiter-returner wait].coast.until.epoch": "2024-06-04T01:00:00"})
    with pytest.raises(ScenarioError) as error:
        sequencer.run(scenario)
    assert "rendezvous.hand_over_epoch" in str(error.value) and "two orbits after" in str(error.value)
