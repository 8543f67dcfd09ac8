"""The app in a real headless Chromium: drawing, clicking, pasting, zooming, filtering, uploading, deleting.

Run with ``pytest tests/browser --headless``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash.testing import errors as dash_testing_errors
from dash.testing.composite import DashComposite
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from timeline.app import create_app
from timeline.app.collection import add_documents, ingest_paths
from timeline.app.store import TimelineStore
from timeline.events.timescale import epoch_ms
from timeline.ingest.document import Document

pytestmark = pytest.mark.browser

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"
GRAPH = "#timeline-graph .js-plotly-plot"
DAY_MS = 86_400_000

_DRAWN_IDS = f"""
const gd = document.querySelector('{GRAPH}');
if (!gd || !gd._fullData) {{ return null; }}
return gd._fullData.flatMap(t => Array.from(t.customdata || []).filter(c => c[1] === 'event').map(c => c[0]));
"""
_META = f"""
const gd = document.querySelector('{GRAPH}');
return gd && gd.layout && gd.layout.meta ? gd.layout.meta : null;
"""
_SETTLED = f"""
// Whether the figure on screen is the one the server drew for the range shown (not a zoom in flight).
const gd = document.querySelector('{GRAPH}');
const shown = gd && gd.layout && gd.layout.xaxis && gd.layout.xaxis.range;
const drawn = gd && gd.layout && gd.layout.meta && gd.layout.meta.view;
return !!(shown && drawn && shown[0] === drawn[0] && shown[1] === drawn[1]);
"""
_X_RANGE_MS = f"""
const xa = document.querySelector('{GRAPH}')._fullLayout.xaxis;
return xa.range.map(v => xa.r2l(v));
"""
_ISOLATED_MARKERS = f"""
// The markers at least 15 px from every other marker, so that a click there can only mean it.
const gd = document.querySelector('{GRAPH}');
const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
const points = [];
for (const trace of gd._fullData) {{
  if (trace.type !== 'scatter' || !trace.customdata || !trace.mode.includes('markers')) continue;
  Array.from(trace.customdata).forEach((c, k) => points.push(
    [c[0], box.left + xa._offset + xa.l2p(trace.x[k]), box.top + ya._offset + ya.l2p(trace.y[k])]));
}}
const inside = p => p[1] > box.left + xa._offset + 5 && p[1] < box.left + xa._offset + xa._length - 5
  && p[2] > 5 && p[2] < window.innerHeight - 5;
return points.filter(p => inside(p) && points.every(q => q === p || Math.hypot(p[1] - q[1], p[2] - q[2]) > 15));
"""
_LABEL_BOXES = f"""
// Every text drawn on the plot (labels and cluster counts): its words and its box on screen.
return Array.from(document.querySelectorAll('{GRAPH} .scatterlayer .textpoint text')).map(t => {{
  const r = t.getBoundingClientRect();
  return [t.textContent, r.left, r.top, r.right, r.bottom];
}}).filter(b => b[0].trim());
"""
_ZOOM_TO_BIGGEST_CLUSTER = f"""
// A zoom (as a mouse drag does it) onto the span of the cluster that counts the most events; its count.
const gd = document.querySelector('{GRAPH}');
let best = null;
for (const trace of gd._fullData) {{
  if (trace.type !== 'scatter' || trace.mode !== 'text' || !trace.customdata) continue;
  Array.from(trace.customdata).forEach((c, k) => {{
    const count = parseInt(String(trace.text[k]).replace(/[^0-9]/g, ''));
    if (c[1] === 'zoom' && (!best || count > best[0])) best = [count, c[2], c[3]];
  }});
}}
if (!best) return null;
Plotly.relayout(gd, {{'xaxis.range': [best[1], best[2]]}});
return best[0];
"""
_COUNT = re.compile(r"^(?:([\d,]+) in view · )?(?:([\d,]+) match · )?([\d,]+) (?:events?|in all)$")


_SCRIPTS = "return performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('.js'))"


def start(dash_duo: DashComposite, store: TimelineStore, **options: Any) -> None:
    dash_duo.start_server(create_app(store, **options))
    until(lambda: dash_duo.driver.execute_script(_DRAWN_IDS), timeout=30, msg="the timeline was never drawn")


def drawn_ids(dash_duo: DashComposite) -> set[str]:
    return set(dash_duo.driver.execute_script(_DRAWN_IDS) or [])


def meta(dash_duo: DashComposite) -> dict[str, Any]:
    return dict(dash_duo.driver.execute_script(_META) or {})


def wait_until_settled(dash_duo: DashComposite) -> None:
    until(lambda: dash_duo.driver.execute_script(_SETTLED), timeout=20, msg="the server never drew the range on screen")


def counts(dash_duo: DashComposite) -> tuple[int, int, int] | None:
    """(in view, matching, in all) as the event count line says."""
    found = _COUNT.match(dash_duo.find_element("#event-count").text.strip())
    if found is None:
        return None
    in_view, matched, total = (int(g.replace(",", "")) if g else None for g in found.groups())
    assert total is not None
    return in_view if in_view is not None else total, matched if matched is not None else total, total


def wait_for_total(dash_duo: DashComposite, matched: int, total: int) -> None:
    until(
        lambda: (c := counts(dash_duo)) is not None and c[1:] == (matched, total),
        timeout=20,
        msg=f"the count never said {matched} of {total}: {dash_duo.find_element('#event-count').text!r}",
    )


def click_at(dash_duo: DashComposite, x: float, y: float) -> None:
    """A real mouse click, through Chrome's input pipeline."""
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        dash_duo.driver.execute_cdp_cmd(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 if kind != "mouseMoved" else 0},
        )


def click_isolated_event(dash_duo: DashComposite, done: Any, pick: Any = None) -> str:
    """A real mouse click on a marker no other marker crowds (the first, or ``pick(markers)`` of the
    [event_id, x, y] of each), until ``done(event_id)``; its event_id."""
    clicked: list[str] = []

    def settled() -> bool:
        return bool(clicked) and done(clicked[-1])

    def target() -> Any:
        markers = dash_duo.driver.execute_script(_ISOLATED_MARKERS) or []
        found = (pick or (lambda found: found[0]))(markers) if markers else None
        if found is not None:
            clicked.append(str(found[0]))
        return found

    wait_until_settled(dash_duo)
    for _ in range(3):
        found = target()
        assert found is not None, "no marker stands alone on the timeline"
        click_at(dash_duo, found[1], found[2])
        try:
            until(settled, timeout=10)
            return clicked[-1]
        except dash_testing_errors.TestingTimeoutError:
            continue
    raise AssertionError("three clicks on a marker never filled the details panel")


def words(text: str) -> str:
    return " ".join(text.split())


def overlapping(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap (by more than a pixel's rounding)."""
    pairs = []
    for i, (text, left, top, right, bottom) in enumerate(boxes):
        for other, o_left, o_top, o_right, o_bottom in boxes[i + 1 :]:
            if left < o_right - 1 and o_left < right - 1 and top < o_bottom - 1 and o_top < bottom - 1:
                pairs.append((text, other))
    return pairs


def test_the_app_loads_with_the_sample_events_drawn(dash_duo: DashComposite, sample_store: TimelineStore) -> None:
    events = sample_store.events()
    start(dash_duo, sample_store)

    wait_for_total(dash_duo, len(events), len(events))
    drawn = drawn_ids(dash_duo)
    assert drawn <= set(events["event_id"]) and len(drawn) >= 10
    in_view = counts(dash_duo)[0]  # type: ignore[index]
    assert meta(dash_duo)["in_view"] == in_view == meta(dash_duo)["placed"] + meta(dash_duo)["counted"]
    assert overlapping(dash_duo.driver.execute_script(_LABEL_BOXES)) == []
    listed = dash_duo.find_elements("#document-list li")
    assert len(listed) == len(sample_store.documents()) > 1
    assert dash_duo.get_logs() == [], "the browser console reported errors"
    scripts = dash_duo.driver.execute_script(_SCRIPTS)
    assert any("plotly-basic.min.js" in name for name in scripts), scripts
    assert not any("plotly.min.js" in name for name in scripts), "the full plotly.js was loaded too"


def test_the_seed_article_reads_without_hovering(dash_duo: DashComposite, tmp_path: Path) -> None:
    """The article the product was specified from, alone, at 1440x900: labelled, stacked, every button useful."""
    with TimelineStore(tmp_path / "seed.sqlite3") as store:
        assert ingest_paths(store, [SAMPLE_DATA / "armenia-azerbaijan-2021-05-15.txt"]).added
        events = store.events()
        dash_duo.driver.set_window_size(1440, 900)
        start(dash_duo, store)
        wait_for_total(dash_duo, len(events), len(events))

        first, last = dash_duo.driver.execute_script(_X_RANGE_MS)
        assert (
            epoch_ms("2020-01-01")
            < first
            < epoch_ms("2021-05-12")
            < epoch_ms("2021-05-15")
            < last
            < epoch_ms("2021-07-01")
        )  # the months around May 2021, not 1896-2025
        boxes = dash_duo.driver.execute_script(_LABEL_BOXES)
        labelled = {
            event_id
            for event_id, label in zip(events["event_id"], events["label"], strict=True)
            if any(label[:12] in text for text, *_ in boxes)
        }
        assert len(labelled) >= 10, boxes
        assert overlapping(boxes) == []
        dash_duo.driver.save_screenshot(str(tmp_path / "seed.png"))

        for label in ("1m", "6m", "1y", "10y", "all"):
            [button] = [b for b in dash_duo.find_elements("g.updatemenu-button") if b.text == label]
            before = dash_duo.driver.execute_script(_X_RANGE_MS)
            button.click()
            until(
                lambda before=before, label=label: (
                    dash_duo.driver.execute_script(_X_RANGE_MS) != before or label == "all"
                ),
                timeout=10,
                msg=f"{label} did not move the view",
            )
            wait_until_settled(dash_duo)
            assert meta(dash_duo)["in_view"] > 0, f"{label} shows no events"
            assert overlapping(dash_duo.driver.execute_script(_LABEL_BOXES)) == [], label


def test_a_zoom_on_a_big_store_splits_a_cluster_into_labelled_events(dash_duo: DashComposite, tmp_path: Path) -> None:
    """Three thousand dated mentions over two days, in one wire service: counted at first, labelled once zoomed."""
    lines = [
        f"At {hour % 24:02d}:{minute:02d} on May {13 + hour // 24}, 2021, unit {hour}-{minute} reported shelling."
        for hour in range(48)
        for minute in range(0, 60, 1)
    ]
    text = "Wire\n" + "\n".join(lines)
    with TimelineStore(tmp_path / "big.sqlite3") as store:
        report = add_documents(store, [Document(id="wire.txt", text=text, title="Wire", date="2021-05-15")])
        assert report.added == ["wire.txt"]
        total = len(store.events())
        assert total > 2500
        start(dash_duo, store)
        wait_for_total(dash_duo, total, total)
        before = meta(dash_duo)
        assert before["counted"] > 0 and before["placed"] + before["counted"] == before["in_view"]
        placed_before = drawn_ids(dash_duo)

        count = dash_duo.driver.execute_script(_ZOOM_TO_BIGGEST_CLUSTER)
        until(lambda: drawn_ids(dash_duo) - placed_before, timeout=20, msg="zooming in drew no new event")
        wait_until_settled(dash_duo)
        after = meta(dash_duo)
        assert after["in_view"] < before["in_view"] and after["placed"] + after["counted"] == after["in_view"]
        assert overlapping(dash_duo.driver.execute_script(_LABEL_BOXES)) == []
        new_labels = [
            t for t, *_ in dash_duo.driver.execute_script(_LABEL_BOXES) if "reported shelling" in t or "Unit" in t
        ]
        assert new_labels, "the split events carry their labels"
        assert count > 1


def test_clicking_an_event_fills_the_details_panel_with_its_sentence(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    events = sample_store.events().set_index("event_id")
    start(dash_duo, sample_store)

    def shown(event_id: str) -> bool:
        return words(events.loc[event_id, "sentence"]) in words(dash_duo.find_element("#event-details").text)

    event = events.loc[click_isolated_event(dash_duo, shown)]
    marks = dash_duo.find_elements("#event-details .document-text mark")
    assert [m.text for m in marks] == [event["text"]]
    assert event["value"] in dash_duo.find_element("#event-details .details-facts").text


def test_pasting_a_document_adds_its_events(dash_duo: DashComposite, sample_store: TimelineStore) -> None:
    before = len(sample_store.events())
    start(dash_duo, sample_store)
    wait_for_total(dash_duo, before, before)

    dash_duo.find_element("#paste-text").send_keys("The ceasefire was signed in Moscow on May 13, 2021.")
    dash_duo.find_element("#paste-title").send_keys("Ceasefire")
    dash_duo.find_element("#paste-date").send_keys("2021-05-15")
    dash_duo.find_element("#paste-add").click()

    dash_duo.wait_for_contains_text("#notices", "Added 1 document", timeout=20)
    added = sample_store.events().query("doc_title == 'Ceasefire'")
    assert "May 13, 2021" in set(added["text"])
    wait_for_total(dash_duo, before + len(added), before + len(added))
    until(lambda: set(added["event_id"]) <= drawn_ids(dash_duo), timeout=10, msg="the new events were not drawn")
    assert "Ceasefire" in dash_duo.find_element("#document-list").text
    assert dash_duo.find_element("#paste-text").get_attribute("value") == ""


def test_a_range_button_changes_the_visible_range(dash_duo: DashComposite, sample_store: TimelineStore) -> None:
    start(dash_duo, sample_store)
    first, last = dash_duo.driver.execute_script(_X_RANGE_MS)

    [one_year] = [b for b in dash_duo.find_elements("g.updatemenu-button") if b.text == "1y"]
    one_year.click()

    until(
        lambda: dash_duo.driver.execute_script(_X_RANGE_MS) != [first, last], timeout=10, msg="the range did not change"
    )
    new_first, new_last = dash_duo.driver.execute_script(_X_RANGE_MS)
    assert 364 * DAY_MS <= new_last - new_first <= 367 * DAY_MS
    wait_until_settled(dash_duo)
    assert meta(dash_duo)["in_view"] > 0, "the year shows no events"


def test_a_filter_changes_the_event_count(dash_duo: DashComposite, sample_store: TimelineStore) -> None:
    events = sample_store.events()
    in_2021 = events[events["x_end"] > 2021.0]
    assert 0 < len(in_2021) < len(events), "the sample should have events before and in 2021"
    start(dash_duo, sample_store)
    wait_for_total(dash_duo, len(events), len(events))

    dash_duo.find_element("#filter-date-from").send_keys("2021", Keys.ENTER)

    wait_for_total(dash_duo, len(in_2021), len(events))
    until(
        lambda: drawn_ids(dash_duo) and drawn_ids(dash_duo) <= set(in_2021["event_id"]),
        timeout=10,
        msg="the plot was not filtered",
    )

    dash_duo.find_element("#reset-view").click()
    wait_for_total(dash_duo, len(events), len(events))
    assert dash_duo.find_element("#filter-date-from").get_attribute("value") == ""


def test_uploads_are_added_and_files_over_the_limit_refused_with_a_message(
    dash_duo: DashComposite, sample_store: TimelineStore, tmp_path: Path
) -> None:
    small = tmp_path / "treaty.md"
    small.write_text("# Treaty\n\nThe treaty was signed on May 13, 2021.", encoding="utf-8")
    big = tmp_path / "archive.txt"
    big.write_text("It rained in 1997. " * 200, encoding="utf-8")  # 3.8 KB
    start(dash_duo, sample_store, upload_limit=2048)

    dash_duo.find_element("#upload input[type=file]").send_keys(f"{small}\n{big}")

    dash_duo.wait_for_contains_text("#notices", "Added 1 document", timeout=20)
    notices = dash_duo.find_element("#notices").text
    assert "archive.txt: 3.7 KB is over the 2 KB upload limit" in notices
    assert [d.id for d in sample_store.documents()][-1] == "treaty.md"
    until(
        lambda: any(i.startswith("treaty.md:") for i in drawn_ids(dash_duo)),
        timeout=10,
        msg="the uploaded document's events were not drawn",
    )


def test_downloading_the_events_as_csv_gives_the_filtered_table(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    events = sample_store.events()
    start(dash_duo, sample_store)
    dash_duo.find_element("#filter-date-from").send_keys("2021", Keys.ENTER)
    wait_for_total(dash_duo, int((events["x_end"] > 2021.0).sum()), len(events))

    dash_duo.find_element("""[id*='"format":"csv"']""").click()

    target = Path(dash_duo.download_path) / "timeline-events.csv"
    until(target.exists, timeout=20, msg="the CSV was not downloaded")
    downloaded = pd.read_csv(target)
    assert set(downloaded["event_id"]) == set(events.loc[events["x_end"] > 2021.0, "event_id"])


def test_without_a_browser_for_images_the_image_buttons_say_why_and_the_other_downloads_work(
    dash_duo: DashComposite, sample_store: TimelineStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.export import image_export_problem, stop_image_renderer

    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    stop_image_renderer()
    problem = image_export_problem()
    assert problem is not None
    start(dash_duo, sample_store, image_problem=problem)

    for fmt in ("png", "svg", "pdf"):
        button = dash_duo.find_element(f"""[id*='"format":"{fmt}"']""")
        assert not button.is_enabled()
        assert "apt-get install chromium" in (button.get_attribute("title") or "")
    off = dash_duo.find_element("#image-export-off")
    assert off.text == "Images need Chromium" and "apt-get install chromium" in (off.get_attribute("title") or "")

    # One click at a time: the buttons share one callback, and Dash drops the answer of a callback
    # still running when it is asked again (on a loaded machine the CSV was lost to the HTML click).
    for fmt, name in (("csv", "timeline-events.csv"), ("html", "timeline.html")):
        dash_duo.find_element(f"""[id*='"format":"{fmt}"']""").click()
        target = Path(dash_duo.download_path) / name
        until(target.exists, timeout=30, msg=f"{name} was not downloaded")
    assert len(pd.read_csv(Path(dash_duo.download_path) / "timeline-events.csv")) == len(sample_store.events())


def test_a_file_type_that_is_not_read_is_named_and_the_rest_added(
    dash_duo: DashComposite, sample_store: TimelineStore, tmp_path: Path
) -> None:
    word = tmp_path / "minutes.docx"
    word.write_bytes(b"PK\x03\x04 not really a word document")
    note = tmp_path / "note.txt"
    note.write_text("The treaty was signed on May 13, 2021.", encoding="utf-8")
    start(dash_duo, sample_store)
    picker = dash_duo.find_element("#upload input[type=file]")
    assert not picker.get_attribute("accept"), "the picker must not hide (and drop) other file types"

    picker.send_keys(f"{word}\n{note}")

    dash_duo.wait_for_contains_text("#notices", "Added 1 document", timeout=30)
    assert "minutes.docx: unsupported file type '.docx'" in dash_duo.find_element("#notices").text
    assert [d.id for d in sample_store.documents()][-1] == "note.txt"
    until(
        lambda: any(i.startswith("note.txt:") for i in drawn_ids(dash_duo)),
        timeout=20,
        msg="the uploaded document's events were not drawn",
    )


def test_an_upload_is_read_in_the_background_with_its_progress_shown(
    dash_duo: DashComposite, sample_store: TimelineStore, tmp_path: Path
) -> None:
    import json

    corpus = tmp_path / "wires.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"w{i}",
                    "text": f"Talks resumed on May {i % 28 + 1}, 2021 in "
                    f"Moscow, {i} days after the {1990 + i % 30} accord.",
                }
            )
            + "\n"
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    start(dash_duo, sample_store)

    dash_duo.find_element("#upload input[type=file]").send_keys(str(corpus))

    dash_duo.wait_for_contains_text("#job-progress", "Reading 1 dropped file", timeout=20)
    dash_duo.wait_for_contains_text("#notices", "Added 3,000 documents", timeout=120)
    until(lambda: dash_duo.find_element("#job-progress").text == "", timeout=10, msg="the progress line stayed")
    assert sample_store.document_count() == 3013
    until(
        lambda: any(i.startswith("w0:") for i in drawn_ids(dash_duo)),
        timeout=60,
        msg="the uploaded documents' events were not drawn",
    )
