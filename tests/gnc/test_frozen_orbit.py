"""The frozen-orbit design tool: the designed Queqiao-2-like orbit (24 h, 62.4 deg, change6.md §6;
month-mean periselene 300 km) keeps its month-mean eccentricity and argument of periselene when
flown again with another integrator (RKF7(8)) at another tolerance."""
import numpy as np

import farside as fs
from farside.gnc import frozen_orbit


def test_mean_e_and_omega_stay_over_a_month_with_another_integrator():
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 10)), fs.ThirdBodies(("earth", "sun"))])
    orbit = frozen_orbit.design("2024-05-01T00:00:00", 86400.0, 300e3, 62.4, 0.0, 90.0, model)
    assert orbit.inclination_deg == 62.4 and len(orbit.log) >= 2
    gm = model.gm_m3_s2
    period = 86400.0
    month = frozen_orbit.LUNAR_MONTH_DAYS * 86400.0
    seg = fs.propagate(orbit.state, duration_s=2 * month, forces=model, method="RKF78", rtol=1e-12, atol=1e-5)
    t0 = orbit.state.epoch.tdb_seconds
    e0, w0 = frozen_orbit.mean_e_omega(seg, t0, period, gm, month)
    e1, w1 = frozen_orbit.mean_e_omega(seg, t0 + month, period, gm, month - period)
    assert abs(e1 - e0) < 2e-5
    assert abs(np.degrees(w1 - w0)) < 0.02
    assert abs(orbit.a_m * (1.0 - e0) - (1737.4e3 + 300e3)) < 100.0


def test_a_year_without_station_keeping_stays_above_100_km(tmp_path):
    from typer.testing import CliRunner

    from farside.cli import app
    run = CliRunner().invoke(app, ["frozen-orbit", "--periselene-km", "330", "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "frozen_orbit.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rows = (tmp_path / "frozen_orbit.csv").read_text().splitlines()
    assert len(rows) > 360
    lowest = min(float(r.split(",")[3]) for r in rows[1:])
    assert lowest > 100.0


def test_a_periselene_above_the_orbit_is_refused():
    import pytest

    from farside.errors import FarsideValueError
    model = fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 4))])
    with pytest.raises(FarsideValueError, match="mean_periapsis_altitude_m"):
        frozen_orbit.design("2024-05-01T00:00:00", 86400.0, 20_000e3, 62.4, 0.0, 90.0, model)


def test_a_span_shorter_than_the_drift_measure_is_named(tmp_path):
    """The drift is measured month-mean to month-mean: fewer days than a lunar month is refused by
    name (the library's ``days``, the command's ``--days``), not by an internal argument."""
    import pytest
    from typer.testing import CliRunner

    from farside.cli import app
    from farside.errors import FarsideValueError
    run = CliRunner().invoke(app, ["frozen-orbit", "--days", "3", "-o", str(tmp_path / "out")])
    assert run.exit_code == 2
    line = run.output.strip()
    assert "\n" not in line and "--days" in line and "lunar month" in line and "array" not in line
    assert not (tmp_path / "out").exists()
    model = fs.ForceModel("moon")
    state = frozen_orbit.initial_state("2024-05-01T00:00:00", 6000e3, 0.6, 62.4, 0.0, 90.0, model.gm_m3_s2)
    orbit = frozen_orbit.FrozenOrbit(state, 6000e3, 0.6, 62.4, 0.0, 90.0)
    with pytest.raises(FarsideValueError) as error:
        frozen_orbit.stability(orbit, model, days=3.0)
    assert error.value.argument == "days"
