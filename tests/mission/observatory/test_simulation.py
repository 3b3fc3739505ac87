"""Two days of the SVOM scenario and one of the small survey satellite through the same code:
the exposure map conserves the live field's solid angle times time, each follow-up's response
is the onboard delay plus the closed-form slew and settling, and alerts wait for a station."""
from pathlib import Path

import numpy as np
import pytest

from farside.dynamics.attitude import body_angles
from farside.gnc.slew import SlewLimits, slew_duration
from farside.mission.observatory.outputs import comparison_rows
from farside.mission.observatory.scenario import load_observatory_scenario
from farside.mission.observatory.simulation import field_of, simulate
from farside.payloads.svom.field_of_view import cap_intersection

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"


@pytest.fixture(scope="module")
def svom():
    sc = load_observatory_scenario(SCENARIOS / "svom.yaml", {"orbit.days": 2.0, "bursts.rate_per_year": 20000.0,
                                                              "bursts.follow_up_h": 1.0})
    return simulate(sc)


def test_exposure_conserves_field_times_time(svom):
    g, field = svom.grid, field_of(svom.scenario.wide)
    holding = svom.live & (svom.timeline.pointing_id >= 0)
    earth_angle = np.arccos(np.clip(np.sum(svom.timeline.boresight * g.nadir, axis=1), -1.0, 1.0))
    seen = field.solid_angle_sr - cap_intersection(field.half_angle_rad, g.earth_radius_rad, earth_angle)
    expected = np.sum(seen[holding]) * g.dt_s
    pixel_sr = 4.0 * np.pi / svom.exposure.seconds.size
    # HEALPix centres counted inside a 47 deg cone and outside the Earth's disc stand for the
    # areas: the boundary pixels' errors largely cancel; measured 0.05 % at nside 32, bound 0.3 %
    assert np.sum(svom.exposure.seconds) * pixel_sr == pytest.approx(expected, rel=0.003)


def test_response_is_delay_plus_slew_plus_settling(svom):
    sc = svom.scenario
    limits = SlewLimits(np.radians(sc.slew.rate_deg_s), np.radians(sc.slew.accel_deg_s2), sc.slew.settle_s)
    followed = [t for t in svom.triggers if t.accepted]
    assert followed, "the dense burst stream gives follow-ups in two days"
    on_time = 0
    for t in followed:
        shortest = sc.bursts.onboard_delay_s + float(slew_duration(t.slew_angle_rad, limits)) + sc.slew.settle_s
        if abs(t.response_s - shortest) < 1e-6:
            on_time += 1
            continue
        # later only while the burst was within the limb margin when the platform had settled; the
        # onboard check runs on the 30 s grid, in which the limb angle moves by up to 1.9 deg
        settled = t.burst.t_s + shortest
        r, _ = svom.segment.state(settled)
        limb = body_angles(t.burst.direction[None], np.array([settled]), r[None]).earth_limb[0]
        assert t.response_s > shortest and limb < np.radians(sc.pointing.earth_limb_exclusion_deg + 1.9)
    assert on_time > 0
    assert all(t.slew_angle_rad < field_of(sc.wide).half_angle_rad for t in followed)


def test_alert_latency_at_least_the_delays(svom):
    sc = svom.scenario
    latency = svom.alert_latency_s[np.isfinite(svom.alert_latency_s)]
    assert latency.size and np.all(latency >= sc.bursts.onboard_delay_s + sc.alerts.ground_delay_s)


def test_second_survey_satellite_runs_through_the_same_code():
    sc = load_observatory_scenario(SCENARIOS / "survey_smallsat.yaml", {"orbit.days": 1.0})
    result = simulate(sc)
    rows = {r[0]: r for r in comparison_rows(result)}
    assert "WFC exposure maximum" in rows and rows["XT field"][4] == "input"
    assert 500e3 < np.mean(result.grid.height_m) < 600e3
