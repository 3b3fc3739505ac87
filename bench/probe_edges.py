"""Probes of farside's edges, by the classes of issue 20: bad values in every numeric field of the
three file kinds, bad files, files of another kind, bad options, markup in values, output
names and folders, trajectories through a body, Quantities at the API. Each probe is classed:

- clear: refused on one line (exit 2 / a farside error) naming the field or option;
- unclear: refused, but not on one line or without naming it;
- traceback: any other exception (exit code 1);
- silent: accepted when it must be refused (or a Quantity read in the wrong unit);
- nan: accepted and a NaN or infinity printed or returned.

    PYTHONPATH=src python bench/probe_edges.py          # prints the totals per class and per group

Mission files are probed through ``farside validate`` (in process, with Typer's runner), relay
and campaign files through their loaders (their commands would fly after loading).
"""
import math
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

import farside as fs
from farside.campaign.spec import validate_campaign
from farside.cli import app
from farside.errors import FarsideError
from farside.mission import scenario_paths
from farside.mission.relay_scenario import load_relay_scenario

ROOT = Path(__file__).parents[1]
SCENARIOS = ROOT / "scenarios"
BAD_NUMBERS = (".nan", ".inf", "-.inf", "true")
RESULTS = []


def _record(group, name, outcome):
    RESULTS.append((group, name, outcome))


def _cli(group, name, args, needle):
    run = CliRunner().invoke(app, args)
    lines = run.output.strip().splitlines()
    last = lines[-1] if lines else ""
    if run.exit_code == 0:
        outcome = "nan" if " nan" in run.output.lower() else "silent"
    elif run.exit_code == 2:
        outcome = "clear" if last.startswith(("error:", "Error")) or "Invalid value" in run.output else "unclear"
        if outcome == "clear" and needle not in run.output:
            outcome = "unclear"
        if outcome == "clear" and not last.startswith("error:") and "Invalid value" not in run.output:
            outcome = "unclear"
    else:
        outcome = "traceback"
    _record(group, name, outcome)


def _api(group, name, call, needle):
    try:
        value = call()
    except FarsideError as error:
        text = str(error)
        _record(group, name, "clear" if needle in text and "\n" not in text and len(text) <= 600 else "unclear")
        return
    except Exception:  # noqa: BLE001 - a probe counts what it catches
        _record(group, name, "traceback")
        return
    _record(group, name, "nan" if _has_non_finite(value) else "silent")


def _has_non_finite(value):
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_non_finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_non_finite(v) for v in value)
    return False


def _numeric_paths(data, parts=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _numeric_paths(v, parts + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _numeric_paths(v, parts + (i,))
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        yield scenario_paths.format_path(list(parts))


def probe_numeric_fields():
    mission = scenario_paths.read_yaml_file(SCENARIOS / "change6.yaml")
    for path in _numeric_paths(mission):
        for bad in BAD_NUMBERS:
            _cli("numbers: mission", f"{path}={bad}", ["validate", str(SCENARIOS / "change6.yaml"), "--set",
                                                        f"{path}={bad}"], path.split("[")[0].split(".")[0])
    relay = scenario_paths.read_yaml_file(SCENARIOS / "change6_relay.yaml")
    for path in _numeric_paths(relay):
        for bad in BAD_NUMBERS:
            value = scenario_paths.parse_assignment(f"x={bad}")[1]
            _api("numbers: relay", f"{path}={bad}",
                 lambda: load_relay_scenario(SCENARIOS / "change6_relay.yaml", {path: value}), path.split(".")[0])
    campaign = scenario_paths.read_yaml_file(SCENARIOS / "change6_tlc_campaign.yaml")
    for path in _numeric_paths(campaign):
        for bad in BAD_NUMBERS:
            value = scenario_paths.parse_assignment(f"x={bad}")[1]
            data = scenario_paths.with_overrides(campaign, {path: value})
            _api("numbers: campaign", f"{path}={bad}", lambda: validate_campaign(data, SCENARIOS),
                 path.split(".")[0].split("[")[0])


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi"))
BAD_FILES = {"alias bomb": BOMB.encode(), "non-UTF-8": b"name: \xff\xfe\n", "deep nesting": b"a: " + b"[" * 5000 + b"]" * 5000,
             "python tag": b"name: !!python/object:os.system x\n", "binary tag": b"name: !!binary aGVsbG8=\n",
             "malformed": b"a: [1, 2\n", "empty": b"", "list": b"- 1\n- 2\n", "scalar": b"just text\n"}


def probe_files(folder):
    for name, content in BAD_FILES.items():
        path = folder / f"{name.replace(' ', '_')}.yaml"
        path.write_bytes(content)
        for command in ("validate", "relay", "campaign"):
            _cli(f"files: {command}", name, [command, str(path), "-o", str(folder / "out")] if command != "validate"
                 else [command, str(path)], str(path))
    kinds = {"validate": ("change6_relay.yaml", "change6_tlc_campaign.yaml"),
             "relay": ("change6.yaml", "change6_tlc_campaign.yaml"), "campaign": ("change6.yaml", "change6_relay.yaml")}
    for command, files in kinds.items():
        for file in files:
            _cli("files: another kind", f"{command} {file}", [command, str(SCENARIOS / file)], "farside")


def probe_options(folder):
    campaign = str(ROOT / "tests" / "campaign" / "data" / "lunar_orbit_campaign.yaml")
    afile = folder / "afile"
    afile.write_text("")
    for args, needle in ((["frozen-orbit", "--days", "0"], "--days"), (["frozen-orbit", "--days", "-5"], "--days"),
                         (["frozen-orbit", "--period-h", "0"], "--period-h"),
                         (["campaign", campaign, "--workers", "0"], "--workers"),
                         (["campaign", campaign, "--workers", "-1"], "--workers"),
                         (["campaign", campaign, "--scheduler", "notaurl"], "--scheduler"),
                         (["campaign", campaign, "-n", "1e9"], "-n"), (["campaign", campaign, "-n", "1000000000"], "-n"),
                         (["relay", str(SCENARIOS / "change6_relay.yaml"), "-o", str(afile)], "--output"),
                         (["relay", str(SCENARIOS / "change6_relay.yaml"), "-o", str(afile / "sub")], "--output"),
                         (["frozen-orbit", "-o", str(afile)], "--output"),
                         (["campaign", campaign, "-o", str(afile)], "--output")):
        _cli("options", " ".join(args[:1] + args[2:] if args[0] != "frozen-orbit" else args), args, needle)


def probe_markup_and_names():
    capture = str(ROOT / "tests" / "mission" / "data" / "capture.yaml")
    for value in ("x[/b]", "[nan, nan]", "[bold]y[/]", "x" * 100_000):
        _cli("markup and size", value[:20], ["validate", capture, "--set", f"phases[1].burn.thrust_N={value}"],
             "phases[1].burn.thrust_N")
    for value in ("../X", "/tmp/X", "a/b", ".."):
        _cli("output names (validate)", value, ["validate", capture, "--set", f"spacecraft.name={value}"],
             "spacecraft.name")


def probe_api():
    t = fs.Epoch("2024-06-01T22:23:16", scale="utc")
    import astropy.units as u

    def through_moon():
        return fs.propagate(fs.State(t, np.array([2000e3, 0, 0]), np.array([0.0, 10.0, 0]), 1000.0, "moon"),
                            duration_s=4000.0)
    _api("bodies", "point-mass Moon, falling through", through_moon, "surface")

    def km_state():
        s = fs.State(t, [1837.4, 0, 0] * u.km, [0, 1.6, 0] * u.km / u.s, 2400.0, "moon")
        if s.r_m[0] != 1837.4e3:
            return "read in the wrong unit"
        raise FarsideError("converted: clear")
    _api("astropy", "State in km", km_state, "clear")
    _api("astropy", "State in seconds", lambda: fs.State(t, [1.0, 0, 0] * u.s, [0, 1, 0], 1.0, "moon"), "r_m")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        probe_numeric_fields()
        probe_files(folder)
        probe_options(folder)
        probe_markup_and_names()
        probe_api()
    totals = Counter(outcome for _, _, outcome in RESULTS)
    print(f"tried {len(RESULTS)}: " + ", ".join(f"{k} {totals.get(k, 0)}" for k in
                                                 ("clear", "unclear", "traceback", "silent", "nan")))
    for group in dict.fromkeys(g for g, _, _ in RESULTS):
        counts = Counter(o for g, _, o in RESULTS if g == group)
        bad = [n for g, n, o in RESULTS if g == group and o != "clear"]
        print(f"  {group:<26} {sum(counts.values()):>4}  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
              + (f"   not clear: {'; '.join(map(str, bad[:6]))}" if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
