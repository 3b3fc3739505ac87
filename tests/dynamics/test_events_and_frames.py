"""Body-frame events (site elevation, equator crossings) against farside's SPICE-checked frames,
and a field flown in its own frame or another."""
import warnings

import numpy as np
import pytest

import farside as fs
from farside.astro import frames
from farside.astro.sites import Site
from farside.dynamics.force_model import FieldFrameWarning
from farside.errors import FarsideValueError
from tests.units import ARCSEC

T0 = fs.Epoch("2024-06-01T22:00:00", "utc")
APOLLO_BASIN_SITE = Site.from_degrees("landing site", "moon", -41.6385, 206.0148, -5256.0)
KASHI = Site.from_degrees("Kashi", "earth", 39.5, 76.0, 1300.0)


def _circular(center, radius, inclination):
    v = np.sqrt(fs.bodies.get(center).gm_m3_s2 / radius)
    return fs.State(T0, [radius, 0.0, 0.0], [0.0, v * np.cos(inclination), v * np.sin(inclination)], 1000.0, center)


def _overhead(site, radius):
    """A circular orbit starting overhead ``site``, heading north."""
    up = frames.rotation(site.frame, "GCRF", T0) @ (site.position_fixed_m / np.linalg.norm(site.position_fixed_m))
    north = np.cross(np.cross(up, [0.0, 0.0, 1.0]), up)
    v = np.sqrt(fs.bodies.get(site.body).gm_m3_s2 / radius)
    return fs.State(T0, radius * up, v * north / np.linalg.norm(north), 1000.0, site.body)


@pytest.mark.parametrize("site, start, frame", [
    (APOLLO_BASIN_SITE, _overhead(APOLLO_BASIN_SITE, 1837.4e3), "MOON_ME"),
    (KASHI, _overhead(KASHI, 6878e3), "ITRF93"),
])
def test_elevation_events_sit_on_the_mask(site, start, frame):
    mask = np.radians(5.0)
    seg = fs.propagate(start, duration_s=2 * 86400.0, events=[fs.events.elevation(site, mask, max_check_s=5.0)],
                       rtol=1e-12, atol=1e-9)
    times = np.array([o.epoch.tdb_seconds for o in seg.events])
    assert len(times) >= 2
    r, _ = seg.states(times, frame=frame)
    _, el, _ = site.aer(r)
    assert np.max(np.abs(el - mask)) < 1e-9  # ~1 microsecond of elevation rate
    # every crossing found: compare with a dense sampling of the elevation
    t = np.linspace(seg.start.tdb_seconds, seg.end.tdb_seconds, 20001)
    _, el_t, _ = site.aer(seg.states(t, frame=frame)[0])
    assert np.count_nonzero(np.diff(np.sign(el_t - mask))) == len(times)


def test_body_equator_nodes():
    seg = fs.propagate(_circular("moon", 1837.4e3, 1.5), duration_s=86400.0,
                       events=[fs.events.node("rising", frame="body")], rtol=1e-12, atol=1e-9)
    times = np.array([o.epoch.tdb_seconds for o in seg.events])
    r, v = seg.states(times, frame="MOON_PA")
    assert np.max(np.abs(r[:, 2])) < 2e-3  # 1.6 km/s over one microsecond
    assert np.all(v[:, 2] > 0)


def test_events_refuse_a_site_on_another_body():
    with pytest.raises(FarsideValueError, match="events"):
        fs.propagate(_circular("earth", 6878e3, 0.9), duration_s=100.0,
                     events=[fs.events.elevation(APOLLO_BASIN_SITE)])


def test_pa_realisations_differ_by_the_published_offset():
    angle = np.arccos((np.trace(frames.moon_pa_to_pa_de430()) - 1) / 2)
    assert angle == pytest.approx(0.1347 * ARCSEC, abs=0.0005 * ARCSEC)


def test_a_field_flies_in_its_own_frame_and_warns_in_another():
    field = fs.gravity.load("GRGM1200A", 8)
    assert field.frame == "MOON_PA_DE430"
    start = _circular("moon", 1837.4e3, 1.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        own = fs.propagate(start, duration_s=86400.0, forces=fs.ForceModel("moon", [fs.SphericalHarmonics(field)]))
    with pytest.warns(FieldFrameWarning, match="0.135 arcsec"):
        other = fs.propagate(start, duration_s=86400.0,
                             forces=fs.ForceModel("moon", [fs.SphericalHarmonics(field, "MOON_PA")]))
    difference = np.linalg.norm(own.final_state().r_m - other.final_state().r_m)
    assert 1e-4 < difference < 1.0
