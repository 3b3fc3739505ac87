"""The public API of shared design (``fs.load_scenario``, ``fs.run``, `Epoch`, the ephemeris and
frame functions) is annotated and type-checks with mypy: the modules themselves, a use of them as
documented, and a misuse, which mypy must refuse line by line."""
import inspect
import textwrap

import pytest

import farside as fs

mypy_api = pytest.importorskip("mypy.api", reason="mypy comes with the test extra")

PUBLIC_MODULES = ["farside/__init__.py", "farside/astro/time.py", "farside/astro/ephemeris.py", "farside/astro/frames.py",
                  "farside/dynamics/propagator.py", "farside/dynamics/segment.py", "farside/dynamics/gravity_field.py"]
PUBLIC_CALLABLES = [fs.load_scenario, fs.run, fs.ephemeris.state, fs.frames.rotation, fs.frames.transform,
                    fs.Epoch.__init__, fs.Epoch.from_tdb_seconds, fs.Epoch.from_seconds, fs.Epoch.from_astropy,
                    fs.Epoch.to_astropy, fs.Epoch.seconds, fs.Epoch.iso, fs.Epoch.doy, fs.Epoch.to_datetime,
                    fs.Epoch.__add__, fs.Epoch.__sub__, fs.Epoch.__eq__, fs.Epoch.__lt__,
                    fs.propagate, fs.gravity.load, fs.Segment.final_state]

USE = """
import datetime as dt
import farside as fs
import numpy as np
from astropy.time import Time

t = fs.Epoch("2024-06-01T22:23:16", scale="utc")
later: fs.Epoch = t + 60.0
r, v = fs.ephemeris.state("moon", t, center="earth", frame="GCRF")
r2, _ = fs.ephemeris.state("moon", dt.datetime(2024, 6, 1, 22, 23, 16))
rotation = fs.frames.rotation("GCRF", "MOON_PA", Time("2024-06-01T22:23:16", scale="utc"))
when: dt.datetime = t.to_datetime()
scenario = fs.load_scenario("scenarios/change6.yaml", {"phases[LOI].burn.duration_s": 900})
result = fs.run(scenario)
segment: fs.Segment = fs.propagate(fs.State(t, np.array([1.8e6, 0.0, 0.0]), np.array([0.0, 1.6e3, 0.0]), 1000.0, "moon"),
                                   duration_s=600.0, forces=fs.ForceModel("moon", [fs.SphericalHarmonics(fs.gravity.load("GRGM1200A", 10))]))
end: fs.State = segment.final_state()
"""
MISUSE = """
import farside as fs

t = fs.Epoch("2024-06-01T22:23:16", scale=3)
r, v = fs.ephemeris.state("moon", t, frame=3)
fs.frames.rotation("GCRF", "MOON_PA", t, 4)
fs.run(42)
name: int = t.to_datetime()
"""


@pytest.fixture(scope="module")
def mypy_errors(request, tmp_path_factory):
    """``{file name: set of line numbers with an error}`` of one mypy run over the public modules,
    the documented use and the misuse (one run: mypy's start, reading numpy and astropy's stubs,
    is most of its time)."""
    src = request.config.rootpath / "src"
    folder = tmp_path_factory.mktemp("mypy")
    (folder / "use.py").write_text(textwrap.dedent(USE))
    (folder / "misuse.py").write_text(textwrap.dedent(MISUSE))
    mp = pytest.MonkeyPatch()
    mp.setenv("MYPYPATH", str(src))
    try:
        out, err, _ = mypy_api.run(["--follow-imports=silent", "--ignore-missing-imports", "--no-error-summary",
                                    "--cache-dir", str(folder / "cache"), *[str(src / m) for m in PUBLIC_MODULES],
                                    str(folder / "use.py"), str(folder / "misuse.py")])
    finally:
        mp.undo()
    errors = {}
    for line in out.splitlines():
        if ": error:" in line:
            path, number = line.split(":")[:2]
            errors.setdefault(path.rsplit("/", 1)[-1], set()).add(int(number))
    return errors, out + err


def test_public_callables_are_annotated():
    for function in PUBLIC_CALLABLES:
        signature = inspect.signature(function)
        for name, parameter in signature.parameters.items():
            if name not in ("self", "cls"):
                assert parameter.annotation is not inspect.Parameter.empty, f"{function.__qualname__}({name})"
        assert signature.return_annotation is not inspect.Signature.empty, function.__qualname__


@pytest.mark.slow   # one mypy run, ~16 s on 2 busy cores
def test_the_public_modules_and_their_documented_use_type_check(mypy_errors):
    errors, text = mypy_errors
    assert set(errors) <= {"misuse.py"}, text


@pytest.mark.slow
def test_a_misuse_is_refused_line_by_line(mypy_errors):
    errors, text = mypy_errors
    assert errors.get("misuse.py") == {4, 5, 6, 7, 8}, text
