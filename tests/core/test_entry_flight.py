"""The corrector's secant slope: renewed from two predictions, kept where they cannot give one."""
import pytest

from farside.core import entry_flight as K


def test_the_slope_of_two_predictions_is_their_secant():
    # z linear in sigma0 (-2e6 m/rad): the secant gives it back (to rounding)
    assert K.renewed_slope_hf(-5e4, 1.0, -2e6 * 1.0 + 3e5, 0.9, -2e6 * 0.9 + 3e5) == pytest.approx(-2e6, rel=1e-12)


def test_the_slope_is_kept_where_the_predictions_cannot_give_one():
    old = -5e4
    assert K.renewed_slope_hf(old, 1.0, 100.0, 1.0 + 0.5 * K.SECANT_MIN_STEP, 50.0) == old   # too close
    assert K.renewed_slope_hf(old, 1.0, K.SKIP_OUT_Z, 0.9, 100.0) == old                     # a skip-out
    assert K.renewed_slope_hf(old, 1.0, 100.0, 0.9, 200.0) != old                             # -1,000 m/rad
    assert K.renewed_slope_hf(old, 1.0, 100.0, 0.9, 90.0) == old                              # z rising: kept


def test_the_scan_bracket_gives_its_slope_unless_its_long_end_skips_out():
    assert K.bracket_slope_hf(1.0, 4e5, 1.2, -2e5) == pytest.approx(-3e6, rel=1e-12)
    assert K.bracket_slope_hf(1.0, K.SKIP_OUT_Z, 1.2, -2e5) == K.NO_SLOPE
