"""Property-based fuzzing of the three file kinds: every numeric, string and list field of the
mission (validated), relay and campaign files replaced by adversarial values. Each case must end
in a one-line `ScenarioError` naming a YAML path (at most 600 characters), or validate with every
number finite - never another exception, nor a RuntimeWarning (an overflow or an invalid value on
the way to an accepted model is a silent infinity or NaN). Bounded by ``FUZZ_EXAMPLES`` per kind (CI: ~2 min)."""
import math
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from farside.campaign.spec import validate_campaign
from farside.errors import FarsideValueError
from farside.mission import scenario_paths
from farside.mission.relay_scenario import RelayScenario
from farside.mission.scenario import validate_scenario
from farside.mission.scenario_fields import scenario_error

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

ROOT = Path(__file__).parents[1]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
COUNTS = {}

ADVERSARIAL = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, True, False, None, 0, -1, 1e308, -1e308, 5e-324, 2**63, -2**63,
                     "", "x[/b]", "../../etc/passwd", "/tmp/x", "\x00", "é" * 3, "1e3", ".nan", [], {}, [[]],
                     [math.nan] * 3, [1, True, 0], "x" * 100_000]),
    st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(max_size=40),
    st.lists(st.floats(allow_nan=True), max_size=4))


def _leaves(data, parts=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, parts + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, parts + (i,))
    if isinstance(data, (int, float, str, list)) and parts:
        yield scenario_paths.format_path(list(parts))


def _raw(name):
    return scenario_paths.read_yaml_file(ROOT / "scenarios" / name)


def _finite(value):
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(_finite(v) for v in value)
    return True


def _validate_mission(data):
    return validate_scenario(data)


def _validate_relay(data):
    from pydantic import ValidationError
    try:
        return RelayScenario.model_validate(data)
    except ValidationError as error:
        raise scenario_error(error, data) from None


def _validate_campaign(data):
    return validate_campaign(data, ROOT / "scenarios")


KINDS = {"mission": ("change6.yaml", _validate_mission), "relay": ("change6_relay.yaml", _validate_relay),
         "campaign": ("change6_tlc_campaign.yaml", _validate_campaign)}


def _check(kind, path, value):
    name, validate = KINDS[kind]
    data = _raw(name)
    try:
        data = scenario_paths.with_overrides(data, {path: value})
        model = validate(data)
    except FarsideValueError as error:
        text = str(error)
        assert "\n" not in text and len(text) <= 600, text[:700]
        COUNTS[kind, "refused"] = COUNTS.get((kind, "refused"), 0) + 1
        return
    assert _finite(model.model_dump()), f"{path}={value!r} validated with a non-finite number"
    COUNTS[kind, "accepted"] = COUNTS.get((kind, "accepted"), 0) + 1


def _fuzz(kind):
    paths = sorted(set(_leaves(_raw(KINDS[kind][0]))))

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(path=st.sampled_from(paths), value=ADVERSARIAL)
    def case(path, value):
        _check(kind, path, value)
    case()
    print(f"fuzz {kind}: {COUNTS.get((kind, 'refused'), 0)} refused, {COUNTS.get((kind, 'accepted'), 0)} accepted "
          f"over {len(paths)} fields")


def test_fuzz_mission_file():
    _fuzz("mission")


def test_fuzz_relay_file():
    _fuzz("relay")


def test_fuzz_campaign_file():
    _fuzz("campaign")
