"""The documentation's own records: every source key a scenario file cites is listed on the
Sources page, and the committed JSON Schema files are those the pydantic models give."""
import re
from pathlib import Path

import pytest

from farside.report import scenario_reference

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"\[([A-Z]+[0-9]+[a-z]?)\]")


def test_every_cited_source_is_listed():
    cited = {k for path in (ROOT / "scenarios").glob("*.yaml") for k in KEY.findall(path.read_text())}
    listed = set(re.findall(r"\*\*\[([A-Z]+[0-9]+[a-z]?)\]\*\*", (ROOT / "docs" / "sources.md").read_text()))
    assert cited and cited <= listed, sorted(cited - listed)


@pytest.mark.parametrize("kind", sorted(scenario_reference.FILES))
def test_the_committed_schema_is_current(kind):
    committed = (ROOT / "docs" / "schema" / f"{kind}.schema.json").read_text()
    assert committed == scenario_reference.json_schema(kind), "regenerate: python -m farside.report.scenario_reference docs/schema"


def test_the_reference_has_every_field_with_its_unit():
    text = scenario_reference.markdown("scenario")
    assert "| `thrust_N` | number | N | required | > 0 |" in text
    assert "| `max_duration_s` | number | s | `2592000.0` | > 0 |" in text
