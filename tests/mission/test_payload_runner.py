"""The payload runner: the read-only view of a `MissionResult` given to the models, and (slow) the
Chang'e-6 demo flying the four payloads and writing their files."""
import tomllib

import numpy as np
import pytest
from typer.testing import CliRunner

from farside.astro.time import Epoch
from farside.cli import app
from farside.comms import site_sky
from farside.comms.horizon import HorizonMask
from farside.mission import payload_runner
from farside.mission.result import FlownSegment, MissionResult, PhaseRecord, TimelineEntry
from tests.payloads import flown as F
from tests.payloads.conftest import PYPROJECT, install


def _result():
    """A lander's last orbit before it 'lands' at the segment's end, and a stay's sky there."""
    orbit = F.orbit_segment("2024-06-01T12:00:00", 0.25, a_m=1937.4e3, e=0.0, i_deg=137.0)
    t0, t1 = orbit.end.tdb_seconds, orbit.end.tdb_seconds + 86400.0
    r, _ = orbit.states(t0, center="moon", frame="MOON_ME")
    site = F.Site("under the orbit", "moon", float(np.arcsin(r[2] / np.linalg.norm(r))), float(np.arctan2(r[1], r[0])),
                  float(np.linalg.norm(r) - 1737.4e3))
    sky = site_sky.sky(site, HorizonMask(np.array([0.0, np.pi]), np.zeros(2)), t0, t1, 3600.0)
    timeline = [TimelineEntry(Epoch.from_tdb_seconds(t0), "landing", "LANDER", "touchdown", "here")]
    phases = [PhaseRecord("landing", "LANDER", orbit.start, orbit.end, "moon"),
              PhaseRecord("surface stay", "LANDER", orbit.end, Epoch.from_tdb_seconds(t1), "moon")]
    return MissionResult("test", [FlownSegment("LANDER", ("lander",), orbit)], timeline, [], phases,
                         products={"surface stay": {"sky": sky}}), orbit, site


def test_the_view_answers_like_the_result():
    result, orbit, site = _result()
    flown = payload_runner.flown_mission(result)
    t = np.linspace(orbit.start.tdb_seconds, orbit.end.tdb_seconds, 7)
    r, v = flown.state("lander", t, center="earth", frame="MOON_ME")
    for k, tk in enumerate(t):
        rk, vk = result.state("lander", tk, center="earth", frame="MOON_ME")
        assert np.array_equal(r[k], rk) and np.array_equal(v[k], vk)
    assert flown.flies("lander", t[3]) and not flown.flies("lander", t[-1] + 10.0)
    assert [e.event for e in flown.timeline] == ["touchdown"]
    stay = flown.stays_of("lander")[0]
    # the stay's site is where the segment ends, in MOON_ME (to the metre: same state, same frame)
    assert abs(stay.site.lat_rad - site.lat_rad) * 1737.4e3 < 1e-3 and abs(stay.site.lon_rad - site.lon_rad) * 1737.4e3 < 1e-3
    assert stay.sky is result.surface_stays["surface stay"]
    with pytest.raises(Exception, match="an epoch the module flew"):
        flown.state("lander", t[-1] + 3600.0)


@pytest.mark.slow
def test_the_change6_demo_runs_the_four_payloads(tmp_path, monkeypatch):
    table = tomllib.loads(PYPROJECT.read_text())["project"]["entry-points"]["farside.payloads"]
    monkeypatch.syspath_prepend(str(install(tmp_path / "eps", "farside-payload-table", table)))
    out = tmp_path / "change6"
    run = CliRunner().invoke(app, ["run", "scenarios/change6.yaml", "-o", str(out)])
    assert run.exit_code == 0, run.output
    for label in ("DORN", "NILS", "INRRI", "ICUBE-Q"):
        assert f"{label} ({label} on " in run.output
        assert (out / "payloads" / f"{label}_comparison.csv").is_file()
    files = {p.name for p in (out / "payloads").iterdir()}
    assert {"DORN_surface.csv", "NILS_spectrum.png", "INRRI_passes.csv", "ICUBE-Q_perilune.csv", "data_volume.csv"} <= files
    assert "payloads: 4 models in" in run.output
