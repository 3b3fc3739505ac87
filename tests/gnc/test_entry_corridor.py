"""The entry corridor at the Chang'e-6 interface, and the guided entry's refusal of an interface
outside it, before the guided flight, with the corridor named."""
import numpy as np
import pytest

from farside.core import entry_predictor as P
from farside.errors import FarsideValueError
from farside.gnc import entry_corridor as C
from farside.gnc.entry_guidance import EntrySpec, EntryTarget, fly_entry
from tests.gnc.test_entry_guidance import CAPSULE, TARGET, _state


def _predictor():
    state = _state()
    spec = EntrySpec(CAPSULE, TARGET)
    pred = spec.flight_model("USSA76").arrays(state.epoch.tdb_seconds)
    return state, pred, spec.guidance_vector(pred), P.workspace(int(pred.ints[0]))


def test_the_corridor_brackets_the_amateur_orbit_entry():
    state, pred, g, ws = _predictor()
    y = state.vector()
    steep, shallow = C.corridor_deg(pred, g, ws, y, 10.0)
    # measured -6.953 and -4.787 deg (the amateur orbit enters at -5.454 deg, inside); the
    # bisection stops at 1e-6 deg, 0.005 deg covers the compiled sums' rounding on other machines.
    # The same physics at each edge, checked independently of the search: 0.05 deg beyond it the
    # lift-down flight skips out and the lift-up load passes 10 g, 0.05 deg inside they do not
    assert steep == pytest.approx(-6.953, abs=0.005)
    assert shallow == pytest.approx(-4.787, abs=0.005)
    assert C._lands_lift_down(pred, g, ws, C.with_flight_path(y, shallow - 0.05))
    assert not C._lands_lift_down(pred, g, ws, C.with_flight_path(y, shallow + 0.05))
    assert C._lift_up_load_g(pred, g, ws, C.with_flight_path(y, steep - 0.05)) > 10.0
    assert C._lift_up_load_g(pred, g, ws, C.with_flight_path(y, steep + 0.05)) < 10.0


def test_with_flight_path_keeps_the_speed_and_the_plane():
    y = _state().vector()
    turned = C.with_flight_path(y, -7.0)
    assert C.flight_path_deg(turned) == pytest.approx(-7.0, abs=1e-12)
    assert np.linalg.norm(turned[3:6]) == pytest.approx(np.linalg.norm(y[3:6]), rel=1e-15)
    normal = np.cross(y[:3], y[3:6])
    # the turned velocity's component out of the original plane, in units of the speed: rounding
    assert abs(np.dot(normal / np.linalg.norm(normal), turned[3:6])) / np.linalg.norm(y[3:6]) < 1e-14


@pytest.mark.parametrize("gamma_deg, words", [(-3.0, "(too shallow: skips out)"), (-9.0, "(too steep)")])
def test_an_interface_outside_the_corridor_is_refused_with_the_corridor(gamma_deg, words):
    # before the corridor check a -9 deg entry flew on to a 20 g dip, and a -3 deg one was
    # refused without the corridor
    state = _state()
    y = C.with_flight_path(state.vector(), gamma_deg)
    steep_entry = type(state)(state.epoch, y[:3], y[3:6], state.mass_kg, "earth", "GCRF")
    with pytest.raises(FarsideValueError) as error:
        fly_entry(steep_entry, EntrySpec(CAPSULE, TARGET))
    text = str(error.value)
    assert f"an interface flight-path angle of {gamma_deg:.2f} deg" in text
    assert "the corridor is -6.95 to -4.79 deg at this interface" in text and words in text


def test_a_target_short_of_the_footprint_is_refused_with_the_reachable_ranges():
    # 359 km down the track from the interface: every bank profile that lands flies farther
    # (measured 1,245 km lift down to 7,976 km; 7,974 km with the exact USSA76 and the geodetic
    # height in the predictor, 7,995 km with the degree-4 field); the message gives the ranges the
    # scan found
    with pytest.raises(FarsideValueError) as error:
        fly_entry(_state(), EntrySpec(CAPSULE, EntryTarget(19.0, 61.0, 0.0)))
    assert str(error.value).startswith("target='359 km from the interface' is not allowed")
    assert "a target within the reachable ranges, 1245 to 7976 km" in str(error.value)


def test_a_target_beyond_the_lateral_reach_is_refused_before_the_flight():
    # 3,295 km left of the track (60 N, 60 E): before the lateral check the guidance flew it and
    # landed 3,806 km away; the constant banks turned left land at most 168 km off the track
    with pytest.raises(FarsideValueError) as error:
        fly_entry(_state(), EntrySpec(CAPSULE, EntryTarget(60.0, 60.0, 0.0)))
    text = str(error.value)
    assert text.startswith('target="3295 km left of the interface\'s ground track" is not allowed')
    assert "a target within the lateral reach, 168 km on that side" in text
