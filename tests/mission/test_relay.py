"""The relay analysis of the Chang'e-6 surface stay: end-to-end windows lie in both links'
windows; the terrain mask's windows lie between those of flat horizons at its lowest and highest
elevation; the coverage (a prediction) against the published "more than 21 h a day" through
Queqiao-2 [Q5], also for the orbit held at the published periselene; the margin only where there
is a link; the volume at the operating rate against the windows' length; the command writes its
files and names a bad field."""
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from farside.cli import app
from farside.comms import windows as win
from farside.comms.horizon import horizon_mask
from farside.comms.visibility import Ground, elevation_margin
from farside.dynamics.propagator import propagate
from farside.mission.relay import analyse, hours_per_day, pa_elements, relay_forces
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


def test_coverage_against_the_published_21_hours_a_day(result):
    """Measured 20.14 h per day end to end, 0.86 h short of the published "more than 21 h"; held
    at the published 200 km periselene the same orbit gives 20.12 h (its osculating periselene is
    already 192 km at the stay): the site's view of the relay (20.6 h a day, flat horizon or
    terrain alike) is what limits it. Bounds: 0.1 h a day, a few minutes a pass, for changes of
    the orbit design."""
    t_a, t_b = result.times_s[0], result.times_s[-1]
    published = result.scenario.published.coverage_h_per_day
    assert abs(hours_per_day(result.end_to_end, t_a, t_b) - (published - 0.86)) < 0.1
    kept = result.station_kept
    assert abs(hours_per_day(kept.end_to_end, t_a, t_b) - (published - 0.88)) < 0.1
    assert abs(hours_per_day(result.flat_lander_windows, t_a, t_b) - hours_per_day(result.lander_windows, t_a, t_b)) < 0.05
    assert abs(result.stay_periselene_km - 191.5) < 5.0


def test_the_held_orbit_is_the_same_orbit_at_the_published_periselene(result):
    gm = relay_forces(result.scenario.relay.gravity_degree).gm_m3_s2
    kept = result.station_kept.state
    t = kept.epoch.tdb_seconds
    flown = pa_elements(result.trajectory, t, gm)
    held = pa_elements(propagate(kept, duration_s=1.0, forces=relay_forces(2)), t, gm)   # at its start
    assert (held[0] * (1.0 - held[1]) - 1737.4e3) == pytest.approx(200e3, abs=1e-3)
    assert held[0] == pytest.approx(flown[0], rel=1e-12)
    assert held[2:5] == pytest.approx(flown[2:5], abs=1e-12)


def test_margin_only_with_a_link_and_volumes_at_both_rates(result):
    lander = Ground(_site(result), 0.0, horizon_mask(_site(result).lat_rad, _site(result).lon_rad,
                                                     result.scenario.surface.antenna_height_m))
    above = elevation_margin(lander, result.trajectory, result.times_s)[0] > 0.0
    assert np.array_equal(np.isnan(result.lander_margin_db), ~above) and (~above).sum() > 100
    # the margin at 1 Mbit/s (9.7 dB at least) always clears its 3 dB: the operating volume is the
    # rate times the windows' length, to the 60 s sampling of the window edges (measured 0.013 %)
    rate = result.scenario.links.lander_to_relay.data_rate_bps
    assert result.operating_volume_bits[-1] == pytest.approx(rate * win.total_s(result.end_to_end), rel=5e-4)
    assert np.all(np.diff(result.max_rate_volume_bits) >= 0.0)
    assert result.max_rate_volume_bits[-1] > 10.0 * result.operating_volume_bits[-1]


def test_relay_command_writes_its_files(tmp_path):
    run = CliRunner().invoke(app, ["relay", str(SCENARIO), "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert {"relay_windows.csv", "relay_timeline.csv", "relay.png", "surface_stay.csv"} <= {p.name for p in tmp_path.iterdir()}
    text = " ".join(run.output.split())
    assert "below the horizon all the time" in text and "at the lander link's operating 1 Mbit/s" in text
    assert "held at the published 200 km (station kept)" in text
    bad = CliRunner().invoke(app, ["relay", str(SCENARIO), "--set", "links.lander_to_relay.tx_power_w=-1"])
    assert bad.exit_code == 2 and "links.lander_to_relay.tx_power_w=-1" in bad.output
