"""The sequencer on a short lunar capture: targeting converges from perturbed first guesses, the
budgets follow the rocket equation, the outputs read back with SPICE and the `oem` package."""
import json
from pathlib import Path

import numpy as np
import pytest
import spiceypy
from astropy import units as u
from astropy.time import Time
from czml3 import Document, Packet
from oem import OrbitEphemerisMessage

import farside as fs

from farside.dynamics.forces import STANDARD_GRAVITY_M_S2
from farside.mission import outputs, sequencer
from farside.errors import ScenarioError
from farside.mission.scenario import load_scenario, validate_scenario
from farside.report.timeline import write_timeline
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


def test_a_scan_starts_the_corrector_from_the_nearest_guess():
    scan = {"path": "phases[LOI].burn.duration_s", "start": 200, "stop": 2800, "step": 200}
    result = sequencer.run(load_scenario(CAPTURE, {"phases[LOI].burn.duration_s": 2900.0,
                                                   "phases[LOI].target.scan": scan}))
    log = result.targeting_logs["LOI"]
    assert log[0].startswith("scan of phases[LOI].burn.duration_s: first guess ")
    first = float(log[0].split("first guess ")[1].split()[0])
    assert abs(first - result.burns[0].duration_s) <= 100.0
    loi = next(p for p in result.phases if p.name == "LOI")
    assert abs(loi.end_quantities["apoapsis_altitude_km"] - 8600.0) <= 5.0


@pytest.mark.parametrize("scan", [None, {"path": "phases[LOI].burn.duration_s", "start": 200, "stop": 2800,
                                          "step": 200}])
def test_the_correctors_first_trial_is_the_span_just_flown(monkeypatch, scan):
    """The span flown before the corrector starts (at the first guess, or a scan's best point) is
    its first trial: LOI flies once plainly, once per scan point, once per corrector run but the
    first, and once more converged."""
    flights = []
    fly_phase = sequencer._Run.fly_phase
    monkeypatch.setattr(sequencer._Run, "fly_phase", lambda run, i: (flights.append(i), fly_phase(run, i))[1])
    overrides = {} if scan is None else {"phases[LOI].target.scan": scan}
    result = sequencer.run(load_scenario(CAPTURE, overrides))
    runs = int(result.targeting_logs["LOI"][-1].split(", ")[1].split()[0])
    points = 0 if scan is None else len(range(200, 2801, 200))
    assert runs >= 2 and flights.count(1) == 1 + points + (runs - 1) + 1


def test_a_scan_of_a_value_not_varied_is_refused():
    with pytest.raises(ScenarioError, match="scan.path"):
        load_scenario(CAPTURE, {"phases[LOI].target.scan": {"path": "phases[LOI].burn.thrust_N", "start": 1,
                                                            "stop": 2, "step": 1}})


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
    paths = outputs.write_all(capture, tmp_path) + [write_timeline(capture, tmp_path)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    assert "change6.czml" in {p.name for p in paths}
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
    document = Document(packets=[Packet(**p) for p in json.loads((tmp_path / "change6.czml").read_text())])
    lander = next(p for p in document.packets if p.id == "lander")
    assert lander.position.referenceFrame == "INERTIAL"
    samples = np.reshape(lander.position.cartesian.values, (-1, 4))
    epoch = Time(str(lander.position.epoch).replace("Z", ""), scale="utc")
    t = fs.Epoch.from_astropy(epoch + samples[7, 0] * u.s)
    r, _ = capture.state("lander", t, center="earth")
    assert np.linalg.norm(samples[7, 1:] - r) < 0.01  # written to the millimetre, epochs via astropy
    assert "| LOI | orbiter.main |" in (tmp_path / "timeline.md").read_text()


def test_a_failed_write_leaves_no_partial_file(capture, tmp_path, monkeypatch):
    def broken(result, folder, step_s=60.0):
        raise RuntimeError("killed while writing")
    monkeypatch.setattr(outputs, "write_csv_files", broken)
    with pytest.raises(RuntimeError):
        outputs.write_all(capture, tmp_path)
    for path in tmp_path.iterdir():
        assert not path.name.startswith(".") and path.suffix in (".oem", ".bsp", ".czml")
        if path.suffix == ".oem":
            assert list(OrbitEphemerisMessage.open(str(path)))


def test_dock_and_transfer_after_a_separation():
    """Separate, coast the main stack, dock the separated one back (coasted to the same epoch,
    same orbit: zero relative motion) and hand a sample over; masses add up."""
    scenario = load_scenario(CAPTURE)
    data = scenario.model_dump(by_alias=True, mode="json")
    data["phases"] += [
        {"name": "together again", "dock": {"with": "LANDER"}},
        {"name": "sample", "transfer": {"from": "lander", "to": "returner", "mass_kg": 1.9353}},
    ]
    result = sequencer.run(validate_scenario(data))
    events = [e.event for e in result.timeline]
    assert "docking with LANDER" in events and "transfer lander -> returner" in events
    final = result.phases[-1]
    assert final.end_state.mass_kg == pytest.approx(result.phases[-3].end_state.mass_kg + 1200 + 1500, abs=1e-6)
    assert result.trajectory("lander")[-1].end.tdb_seconds == pytest.approx(final.end.tdb_seconds)


def test_dock_outside_the_envelope_is_named():
    scenario = load_scenario(CAPTURE)
    data = scenario.model_dump(by_alias=True, mode="json")
    data["phases"].insert(3, {"name": "nudge", "stack": "LANDER", "burn": {"module": "lander", "engine": "descent",
                                                                           "delta_v_m_s": [0.5, 0, 0]}})
    data["phases"].append({"name": "dock", "stack": "CHANGE6", "dock": {"with": "LANDER"}})
    with pytest.raises(ScenarioError, match=r"phases\[5\]\.dock"):
        sequencer.run(validate_scenario(data))


@pytest.mark.slow
def test_a_killed_run_leaves_only_whole_files(tmp_path):
    """SIGKILL ``farside run`` as soon as its first output appears: every visible file is whole, and
    the temporaries it left go with the next command into the folder."""
    import signal
    import subprocess
    import sys
    import time
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "farside.cli", "run", str(CAPTURE), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300.0
    while proc.poll() is None and time.monotonic() < deadline:
        if out.exists() and any(not p.name.startswith(".") for p in out.iterdir()):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()
    for path in out.iterdir() if out.exists() else []:
        if path.name.startswith("."):
            continue  # a temporary file of the write that was cut off: never a named output
        if path.suffix == ".oem":
            assert list(OrbitEphemerisMessage.open(str(path)))
        elif path.suffix == ".bsp":
            spiceypy.furnsh(str(path))
            spiceypy.unload(str(path))
        elif path.suffix in (".json", ".czml"):
            json.loads(path.read_text())
    if out.exists():   # the next command into the folder removes what the killed run left half-written
        from farside.io.atomic import prepare_output_folder
        prepare_output_folder(out)
        assert not list(out.glob(".*.tmp"))
