"""The relay analysis of the Chang'e-6 surface stay: end-to-end windows lie in both links'
windows; the terrain mask's windows lie between those of flat horizons at its lowest and highest
elevation; the coverage is near the published "more than 21 h a day" through Queqiao-2 [Q5]; the
command writes its files and names a bad field."""
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from farside.cli import app
from farside.comms import windows as win
from farside.comms.horizon import horizon_mask
from farside.comms.visibility import Ground, elevation_margin
from farside.mission.relay import analyse
from farside.mission.relay_scenario import load_relay_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6_relay.yaml"
HOUR = 3600.0


@pytest.fixture(scope="module")
def result():
    return analyse(load_relay_scenario(SCENARIO))


def _inside(inner, outer):
    return all(any(lo >= a - 1e-6 and hi <= b + 1e-6 for a, b in outer) for lo, hi in inner)


def test_window_algebra(result):
    assert result.end_to_end and _inside(result.end_to_end, result.lander_windows)
    assert _inside(result.end_to_end, result.ground_windows)
    mask = horizon_mask(_site(result).lat_rad, _site(result).lon_rad, result.scenario.surface.antenna_height_m)
    t_a, t_b = result.times_s[0], result.times_s[-1]

    def flat(threshold):
        ground = Ground(_site(result), threshold)
        return win.windows(lambda t: elevation_margin(ground, result.trajectory, t)[0], t_a, t_b)
    lowest, highest = flat(mask.elevation_rad.min()), flat(mask.elevation_rad.max())
    assert _inside(result.lander_windows, lowest) and _inside(highest, result.lander_windows)
    assert win.total_s(highest) < win.total_s(result.lander_windows) < win.total_s(lowest)


def _site(result):
    from farside.astro.sites import Site
    s = result.scenario.surface
    return Site.from_degrees(s.name, "moon", s.lat_deg, s.lon_deg, s.height_m + s.antenna_height_m)


def test_coverage_is_about_the_published_21_hours_a_day(result):
    days = (result.times_s[-1] - result.times_s[0]) / 86400.0
    per_day = win.total_s(result.lander_windows) / HOUR / days
    assert 19.0 < per_day < 24.0
    assert np.all(np.diff(result.volume_bits) >= 0.0)


def test_relay_command_writes_its_files(tmp_path):
    run = CliRunner().invoke(app, ["relay", str(SCENARIO), "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert {"relay_windows.csv", "relay_timeline.csv", "relay.png", "surface_stay.csv"} <= {p.name for p in tmp_path.iterdir()}
    assert "below the horizon all the time" in " ".join(run.output.split())
    bad = CliRunner().invoke(app, ["relay", str(SCENARIO), "--set", "links.lander_to_relay.tx_power_w=-1"])
    assert bad.exit_code == 2 and "links.lander_to_relay.tx_power_w=-1" in bad.output
