"""The browser of the report tests: headless Chromium (the Debian package; .ci/run installs it)."""
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def browser():
    from tests.report.browser import CHROMIUM, Browser
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    b = Browser()
    yield b
    b.close()
