"""The SVOM instrument plug-ins on a flown low orbit: their SAA passages are the AP8 region's along
the track, an instrument off in the SAA produces data only outside it (rate x on-time), and each
registers under its name. Needs the payload interface (farside.payloads.base)."""
import numpy as np
import pytest

base = pytest.importorskip("farside.payloads.base")

from farside.astro.saa import ap8_saa  # noqa: E402
from farside.astro.sites import fixed_to_spherical  # noqa: E402
from farside.astro.time import Epoch  # noqa: E402
from farside.dynamics import gravity_field  # noqa: E402
from farside.dynamics.force_model import ForceModel  # noqa: E402
from farside.dynamics.forces import SphericalHarmonics  # noqa: E402
from farside.dynamics.propagator import propagate  # noqa: E402
from farside.dynamics.state import State  # noqa: E402
from farside.payloads.svom.instruments import Eclairs, Mxt  # noqa: E402


@pytest.fixture(scope="module")
def flown():
    model = ForceModel("earth", [SphericalHarmonics(gravity_field.load("EGM2008", 8), "ITRF93")])
    a, i = 6378137.0 + 629e3, np.radians(30.0)
    v = np.sqrt(model.gm_m3_s2 / a)
    seg = propagate(State(Epoch("2024-06-22T08:00:00"), [a, 0, 0], [0, v * np.cos(i), v * np.sin(i)]),
                    duration_s=86400.0, forces=model)
    trajectory = lambda t, center="moon", frame="GCRF": seg.states(t, center, frame)  # noqa: E731
    span = (seg.start.tdb_seconds, seg.end.tdb_seconds)
    return base.FlownMission("svom", seg.start, seg.end, {"svom": trajectory}, {"svom": (span,)}), span


def _request(span, **parameters):
    window = base.Window(Epoch.from_tdb_seconds(span[0]), Epoch.from_tdb_seconds(span[1]))
    return base.PayloadRequest("eclairs", "svom", (window,), Eclairs.Parameters(**parameters))


def test_off_in_the_saa_and_data_volume(flown):
    mission, span = flown
    request = _request(span, field_solid_angle_sr=2.0, band="4-150 keV", off_in_saa=True, data_rate_bps=1e4)
    outcome = Eclairs().run(mission, request)
    series = outcome.series[0]
    r, _ = mission.state("svom", series.times_s, center="earth", frame="ITRF93")
    lat, lon, _ = fixed_to_spherical(r, 6378137.0)
    # geocentric latitude differs from geodetic by < 0.2 deg at 30 deg and the table here is at the
    # nominal, not the mean, height: samples on the region's edge may flip (measured 4 of 2880,
    # 0.14 %; bound 0.5 %)
    direct = ap8_saa(Epoch.from_tdb_seconds(span[0]), 629e3, max_lat_deg=33.0, step_deg=1.5).inside(lat, lon)
    assert np.mean(series.columns["in_saa"] != direct) < 0.005
    on_s = np.sum(series.columns["on"]) * request.parameters.sample_s
    assert outcome.data_volume.bits == pytest.approx(1e4 * on_s, rel=1e-15)
    assert np.all(series.columns["on"][series.columns["in_saa"] == 1.0] == 0.0)
    assert [c.basis for c in outcome.comparisons] == ["input", "input", "prediction"]


def test_narrow_field_on_throughout(flown):
    mission, span = flown
    request = _request(span, field_side_deg=1.1, band="0.2-10 keV", off_in_saa=False, data_rate_bps=1e3)
    outcome = Mxt().run(mission, request)
    assert np.all(outcome.series[0].columns["on"] == 1.0)
    assert outcome.figures["field_half_angle_rad"] == pytest.approx(np.radians(1.1) / np.sqrt(np.pi), rel=1e-3)
