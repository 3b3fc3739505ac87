"""Link budgets against textbook figures: the free-space loss formula's 92.45 dB constant
(d in km, f in GHz), the gain of a DSN 34 m antenna at X band (68.2 dBi at 8.42 GHz with ~70 %
efficiency, DSN Telecommunications Link Design Handbook 810-005, module 104), the half-power
beamwidth and pointing loss of SMAD §13.3, and the identity margin = Eb/N0 - required."""
import numpy as np
import pytest

from farside.comms.link_budget import (Antenna, Link, dish_gain_dbi, free_space_loss_db, half_power_beamwidth_deg,
                                       pointing_loss_db)


def test_free_space_loss_constant():
    assert free_space_loss_db(1e3, 1e9) == pytest.approx(92.45, abs=0.01)
    assert free_space_loss_db(384_400e3, 8.4e9) - free_space_loss_db(1e3, 1e9) == pytest.approx(
        20 * np.log10(384_400) + 20 * np.log10(8.4), abs=1e-9)


def test_dsn_34m_x_band_gain():
    assert dish_gain_dbi(34.0, 8.42e9, efficiency=0.70) == pytest.approx(68.2, abs=0.3)


def test_pointing_loss_at_half_the_beamwidth_is_3_db():
    beam = half_power_beamwidth_deg(4.2, 8.4e9)
    assert beam == pytest.approx(70.0 * 299792458.0 / 8.4e9 / 4.2)
    assert pointing_loss_db(beam / 2.0, beam) == pytest.approx(3.0)


def test_highest_rate_leaves_exactly_the_margin():
    link = Link("test", 8.4e9, 20.0, Antenna(diameter_m=0.6), Antenna(diameter_m=4.2, pointing_error_deg=0.1),
                300.0, required_ebn0_db=2.5, margin_db=3.0)
    b = link.budget(10_000e3)
    assert link.margin(10_000e3, b["max_rate_bps"]) == pytest.approx(3.0)
    assert link.budget(20_000e3)["max_rate_bps"] == pytest.approx(b["max_rate_bps"] / 4.0)
