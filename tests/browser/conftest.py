"""What the browser tests need: Debian's headless Chromium through dash[testing]'s ``dash_duo``.

Run them with ``pytest tests/browser --headless`` (they also run headless without the flag). The driver is /usr/bin/chromedriver, found on
PATH by selenium; nothing is downloaded, and the browser is kept off the network except for the
local app server.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from timeline.app.collection import ingest_paths
from timeline.app.store import TimelineStore

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"
CHROME_ARGUMENTS = (
    "--headless=new",  # also without pytest's --headless flag: there is no display here
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
    "--window-size=1366,768",
)


def pytest_setup_options() -> Options:
    """dash[testing]'s hook for the webdriver's Chrome options."""
    options = Options()
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    return options


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if shutil.which("chromedriver") is None:
        skip = pytest.mark.skip(reason="chromedriver is not installed (apt install chromium-driver)")
        for item in items:
            if item.get_closest_marker("browser"):
                item.add_marker(skip)


@pytest.fixture
def sample_store(tmp_path: Path) -> Iterator[TimelineStore]:
    """A store holding the repository's sample documents, as ``timeline serve`` opens them."""
    with TimelineStore(tmp_path / "timeline.sqlite3") as store:
        report = ingest_paths(store, [SAMPLE_DATA])
        assert report.added and not report.problems, report.problems
        yield store
