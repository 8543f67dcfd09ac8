"""TimelineJS exports in the real TimelineJS: Knight Lab's npm package in headless Chromium.

``bash bootstrap.sh test`` installs the package into ``.node/`` (see bootstrap.sh). Each test
loads an export into a page holding only TimelineJS, then reads what TimelineJS drew: slides,
markers, group labels, axis ticks, and whether any document text ran as script or markup.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROME_ARGUMENTS, SAMPLE_DATA  # tests/browser/conftest.py
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from timeline.export import timelinejs_json
from timeline.ingest import Document, read_documents
from timeline.pipeline import events_from_documents

pytestmark = pytest.mark.browser

TIMELINEJS = Path(__file__).resolve().parents[2] / ".node" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
HOSTILE_TITLE = 'Hi <img src=x onerror="window.__pwned=1"> there <b>doc</b>'
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n\n"
    'On May 13, 2021 <script>window.__pwned=2</script> the <img src=x onerror="window.__pwned=3"> talks '
    "<b>failed</b> &amp; stopped.\n"
    'Two days later <svg onload="window.__pwned=4"></svg> they met again.\n'
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """One headless Chromium for the module, on a page holding only TimelineJS (no network)."""
    if not (TIMELINEJS / "js" / "timeline.js").is_file():
        pytest.skip("TimelineJS is not installed: run `bash bootstrap.sh test` (it npm-installs it into .node/)")
    page = tmp_path_factory.mktemp("timelinejs") / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{(TIMELINEJS / 'css' / 'timeline.css').as_uri()}'>"
        f"<script src='{(TIMELINEJS / 'js' / 'timeline.js').as_uri()}'></script></head>"
        "<body><div id='embed' style='width:1200px;height:640px'></div></body></html>",
        encoding="utf-8",
    )
    options = Options()
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.get(page.as_uri())
    yield driver
    driver.quit()


def load(browser: WebDriver, export: str) -> dict[str, Any]:
    """Open ``export`` (TimelineJS JSON text) in TimelineJS; what it drew, once it has drawn it."""
    browser.execute_script(
        "document.getElementById('embed').innerHTML = ''; delete window.__pwned;"
        "window.tl = new TL.Timeline('embed', JSON.parse(arguments[0]));",
        export,
    )
    browser.set_script_timeout(20)
    return browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const drawn = () => window.tl.ready && document.querySelectorAll('.tl-timemarker').length
            === window.tl.config.events.length;
        const report = () => done({
            pwned: window.__pwned === undefined ? null : window.__pwned,
            slides: document.querySelectorAll('#embed .tl-slide').length,
            markers: Array.from(document.querySelectorAll('#embed .tl-timemarker')).map(m => ({
                text: m.innerText, left: parseFloat(m.style.left)})),
            ticks: Array.from(document.querySelectorAll('#embed .tl-timeaxis-tick')).map(t => ({
                text: t.innerText.trim(), left: parseFloat(t.style.left)})),
            groups: Array.from(document.querySelectorAll('#embed .tl-timegroup-message')).map(g => g.innerText),
            headlines: Array.from(document.querySelectorAll('#embed .tl-slide .tl-headline')).map(h => h.innerText),
            dates: Array.from(document.querySelectorAll('#embed .tl-slide .tl-headline-date')).map(h => h.innerText),
            injected: document.querySelectorAll(
                '#embed img[src="x"], #embed b, #embed svg[onload], #embed script').length,
            errors: window.tl.config.messages.errors.length,
        });
        const wait = (tries) => drawn() || tries === 0 ? setTimeout(report, 300) : setTimeout(() => wait(tries - 1), 100);
        wait(100);
    """)


def export_of(documents: list[Document], title: str | None = None) -> tuple[str, int]:
    """The TimelineJS export of ``documents`` and its number of slides."""
    text = timelinejs_json(events_from_documents(documents), title=title)
    return text, len(json.loads(text)["events"])


def test_the_sample_export_draws_one_slide_and_one_marker_per_slide(browser: WebDriver) -> None:
    documents = [item for item in read_documents([SAMPLE_DATA]) if isinstance(item, Document)]
    export, slides = export_of(documents, title="Sample documents")
    assert slides > 200
    drawn = load(browser, export)
    assert drawn["errors"] == 0
    assert drawn["slides"] == slides + 1  # and the title slide
    assert len(drawn["markers"]) == slides
    assert {"Greco-Persian Wars", "World War II"} <= set(drawn["groups"])
    assert not any("BC0" in date for date in drawn["dates"])  # dates in words, never TimeML values
    assert "499 BC – 493 BC" in drawn["dates"]  # "Ionian Revolt (499-493 BC)" is one slide


def test_a_hostile_document_stays_text(browser: WebDriver) -> None:
    export, slides = export_of([Document("hostile.txt", HOSTILE_TEXT, title=HOSTILE_TITLE)], title=HOSTILE_TITLE)
    drawn = load(browser, export)
    assert drawn["pwned"] is None  # no onerror, onload or script ran
    assert drawn["injected"] == 0  # and no element came from the text: no <img>, <b>, <svg>
    assert drawn["slides"] == slides + 1 and len(drawn["markers"]) == slides == 2
    assert drawn["groups"] == [HOSTILE_TITLE]  # the title reads as written, markup and all
    assert HOSTILE_TITLE in drawn["headlines"]
    slide_text = browser.execute_script("return document.getElementById('embed').innerText")
    assert "<script>window.__pwned=2</script>" in slide_text and "&amp; stopped" in slide_text


def test_a_490_bc_marker_sits_at_490_bce_on_the_axis(browser: WebDriver) -> None:
    text = (
        "Persian Wars\n\nDarius became king in 522 BC. The Athenians won at Marathon in 490 BC. "
        "Xerxes invaded Greece in 480 BC."
    )
    export, _ = export_of([Document("wars.txt", text, title="Persian Wars")])
    drawn = load(browser, export)
    (marathon,) = [marker for marker in drawn["markers"] if "Marathon" in marker["text"]]
    ticks = {tick["text"]: tick["left"] for tick in drawn["ticks"]}
    assert {"490 BCE", "480 BCE"} <= set(ticks), sorted(ticks)
    year_width = (ticks["480 BCE"] - ticks["490 BCE"]) / 10
    assert year_width > 0
    assert abs(marathon["left"] - ticks["490 BCE"]) < year_width / 2  # the old -489 sat a whole year right
