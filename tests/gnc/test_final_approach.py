"""Final approach and docking in the full lunar force model (GRGM1200A degree 20, Earth, Sun): a
chaser 20 km behind a passive target in a 210 km circular orbit (the Chang'e-6 rendezvous orbit,
change6.md §3.3) reaches contact inside a capture envelope of the order of the International
Docking System Standard's soft capture (closing speed 0.05-0.10 m/s, lateral offset within
0.1 m), through V-bar holding points reached to metres by re-targeted CW transfers."""
import numpy as np
import pytest

import farside as fs
from farside.gnc.final_approach import fly
from farside.gnc.relative_motion import inertial_state


@pytest.fixture(scope="module")
def result():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 20)),
                                   fs.ThirdBodies(("earth", "sun"))])
    gm, r = model.gm_m3_s2, 1947.4e3
    v, inc = np.sqrt(gm / r), np.radians(137.0)
    t0 = fs.Epoch("2024-06-06T03:00:00", "utc")
    target = fs.State(t0, [r, 0.0, 0.0], [0.0, v * np.cos(inc), v * np.sin(inc)], 750.0, "moon")
    r, v = inertial_state(target.r_m, target.v_m_s, [0.0, -20000.0, 0.0, 0.0, 0.0, 0.0])
    chaser = fs.State(t0, r, v, 2400.0, "moon")
    return fly(target, chaser, model)


def test_contact_inside_the_capture_envelope(result):
    # guidance accuracy: the commanded 0.05 m/s, measured -4.0e-6 m/s off, inside the 0.05-0.10 m/s envelope
    assert abs(result.closing_speed_m_s - 0.05) < 2e-5
    assert result.lateral_offset_m < 1e-5                   # measured 9.2e-7 m, against the 0.1 m envelope
    assert [name for name, _, _ in result.log][-1] == "contact"


def test_holding_points_reached_and_delta_v_modest(result):
    misses = [miss for name, _, miss in result.log if name.startswith("holding point")]
    # measured 3.2, 0.22, 0.035 and 0.0034 m: each re-targeted CW leg ends closer than the one before
    assert len(misses) == 4 and max(misses) < 5.0 and np.all(np.diff(misses) < 0.0)
    assert abs(result.delta_v_m_s - 22.46) < 1.0            # measured 22.46 m/s; 1 m/s for the legs' timing
