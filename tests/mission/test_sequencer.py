"""The sequencer on a short lunar capture: targeting converges from perturbed first guesses, the
budgets follow the rocket equation, the outputs read back with SPICE and the `oem` package."""
import json
from pathlib import Path

import numpy as np
import pytest
import spiceypy
from oem import OrbitEphemerisMessage

from farside.dynamics.forces import STANDARD_GRAVITY_M_S2
from farside.mission import outputs, sequencer
from farside.mission.scenario import load_scenario
from tests.units import MILLIMETRE

CAPTURE = Path(__file__).parent / "data" / "capture.yaml"


@pytest.fixture(scope="module")
def capture():
    return sequencer.run(load_scenario(CAPTURE))


def test_targeting_converges_from_perturbed_guesses(capture):
    wanted = 8600.0
    durations = []
    for guess in (1000.0, 1700.0):
        result = sequencer.run(load_scenario(CAPTURE, {"phases[LOI].burn.duration_s": guess}))
        loi = next(p for p in result.phases if p.name == "LOI")
        assert abs(loi.end_quantities["apoapsis_altitude_km"] - wanted) <= 5.0
        assert result.targeting_logs["LOI"][0].startswith(f"iteration 0: phases[LOI].burn.duration_s={guess:g}")
        durations.append(result.burns[0].duration_s)
    assert abs(durations[0] - durations[1]) < 1.0
    assert abs(capture.burns[0].duration_s - durations[0]) < 1.0


def test_budgets_follow_the_rocket_equation(capture):
    burn = capture.burns[0]
    scenario = load_scenario(CAPTURE)
    engine = scenario.spacecraft.modules["orbiter"].engines["main"]
    flow = engine.thrust_N / (engine.isp_s * STANDARD_GRAVITY_M_S2)
    assert burn.propellant_kg == pytest.approx(flow * burn.duration_s, rel=1e-9)
    assert burn.delta_v_m_s == pytest.approx(engine.isp_s * STANDARD_GRAVITY_M_S2 *
                                             np.log(burn.mass_before_kg / burn.mass_after_kg), rel=1e-12)
    assert capture.propellant_left_kg["orbiter"] == pytest.approx(3700.0 - burn.propellant_kg, abs=1e-6)
    assert capture.propellant_left_kg["lander"] == 1500.0


def test_separation_splits_the_trajectories(capture):
    assert capture.modules() == ["orbiter", "returner", "lander"]
    end_lander = capture.trajectory("lander")[-1].end.tdb_seconds
    end_orbiter = capture.trajectory("orbiter")[-1].end.tdb_seconds
    assert end_orbiter > end_lander
    events = [e.event for e in capture.timeline]
    assert "enters the Moon's sphere of influence" in events and "separation of LANDER" in events


def test_outputs_read_back_by_spice_and_the_oem_package(capture, tmp_path):
    paths = outputs.write_all(capture, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    ids = outputs.module_naif_ids(capture.scenario)
    t = capture.trajectory("orbiter")[-1].end.tdb_seconds - 1234.5
    spiceypy.furnsh(str(tmp_path / "change6.bsp"))
    try:
        got = np.array(spiceypy.spkezr(str(ids["orbiter"]), t, "J2000", "NONE", "MOON")[0]) * 1e3
    finally:
        spiceypy.unload(str(tmp_path / "change6.bsp"))
    r, _ = capture.state("orbiter", t, center="moon")
    assert np.linalg.norm(got[:3] - r) < 1 * MILLIMETRE
    message = OrbitEphemerisMessage.open(str(tmp_path / "orbiter.oem"))
    segments = list(message)
    assert segments[0].metadata["OBJECT_NAME"] == "CHANGE6 ORBITER"
    assert [s.metadata["CENTER_NAME"] for s in segments[:2]] == ["EARTH", "MOON"]
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["burns"][0]["module"] == "orbiter"
    assert "| LOI | orbiter.main |" in (tmp_path / "timeline.md").read_text()


def test_a_failed_write_leaves_no_partial_file(capture, tmp_path, monkeypatch):
    def broken(result, folder, step_s=60.0):
        raise RuntimeError("killed while writing")
    monkeypatch.setattr(outputs, "write_csv_files", broken)
    with pytest.raises(RuntimeError):
        outputs.write_all(capture, tmp_path)
    for path in tmp_path.iterdir():
        assert not path.name.startswith(".") and path.suffix in (".oem", ".bsp")
        if path.suffix == ".oem":
            assert list(OrbitEphemerisMessage.open(str(path)))
