"""The page's callbacks as plain functions: filters, counts, the view range, choices, downloads."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image

from timeline.app.callbacks import (
    DOCUMENT_OPTIONS_LIMIT,
    IMAGE_WIDTH,
    add_pasted,
    delete_document,
    document_options,
    download,
    filter_choices,
    filtered_figure,
    zoom_window,
)
from timeline.app.filters import EventFilter, count_text, filter_events, read_filter
from timeline.app.prepared import FixedEvents, PreparedEvents
from timeline.app.store import StoredDocument, TimelineStore
from timeline.app.view import UNCHANGED, held_height, same_view, view_after_relayout
from timeline.events import events_frame, validate_events
from timeline.events.timescale import epoch_ms, fractional_year
from timeline.export import events_from_csv, events_from_json, stop_image_renderer

NO_FILTER: dict[str, object] = {}


def event(
    doc: str,
    start: int,
    text: str,
    value: str,
    grain: str,
    interval: tuple[str, str],
    sentence: str,
    *,
    type_: str = "DATE",
    label: str | None = None,
) -> dict[str, object]:
    """One row of the events table, as the events helper would write it."""
    return {
        "event_id": f"{doc}:{start}",
        "doc_id": doc,
        "doc_title": doc.upper(),
        "text": text,
        "start": start,
        "end": start + len(text),
        "type": type_,
        "value": value,
        "mod": None,
        "grain": grain,
        "interval_start": interval[0],
        "interval_end": interval[1],
        "sentence": sentence,
        "label": label or sentence.replace(text, "").strip(),
        "anchor": "absolute",
        "anchor_value": None,
        "explanation": "written in full",
        "kind": "instant" if grain in ("day", "hour", "minute") else "period",
        "x_start": fractional_year(interval[0]),
        "x_end": fractional_year(interval[1]),
    }


@pytest.fixture
def events() -> pd.DataFrame:
    table = events_frame(
        [
            event(
                "war",
                10,
                "May 13, 2021",
                "2021-05-13",
                "day",
                ("2021-05-13", "2021-05-14"),
                "Troops crossed the border on May 13, 2021.",
            ),
            event("war", 80, "2020", "2020", "year", ("2020-01-01", "2021-01-01"), "The war of 2020 ended in a truce."),
            event(
                "war",
                120,
                "14:30",
                "2021-05-14T14:30",
                "minute",
                ("2021-05-14T14:30", "2021-05-14T14:31"),
                "Shelling began at 14:30.",
                type_="TIME",
            ),
            event("peace", 5, "1648", "1648", "year", ("1648-01-01", "1649-01-01"), "The Peace of Westphalia, 1648."),
            event(
                "peace",
                60,
                "490 BC",
                "-0489",
                "year",
                ("-0489-01-01", "-0488-01-01"),
                "Marathon was fought in 490 BC.",
                label="Marathon was fought",
            ),
            event(
                "peace",
                99,
                "every year",
                "P1Y",
                "none",
                ("1939-09-01", "1945-09-02"),
                "The war went on every year.",
                type_="SET",
            ),
        ]
    )
    validate_events(table)
    return table


# -- filters ---------------------------------------------------------------------------------------


def test_each_filter_narrows_and_they_combine(events: pd.DataFrame) -> None:
    def ids(wanted: EventFilter) -> list[str]:
        return sorted(filter_events(events, wanted)["event_id"])

    assert ids(EventFilter()) == sorted(events["event_id"])
    assert ids(EventFilter(documents=("peace",))) == ["peace:5", "peace:60", "peace:99"]
    assert ids(EventFilter(grains=("year",))) == ["peace:5", "peace:60", "war:80"]
    assert ids(EventFilter(types=("TIME", "SET"))) == ["peace:99", "war:120"]
    assert ids(EventFilter(search="BORDER")) == ["war:10"]
    assert ids(EventFilter(search="marathon was")) == ["peace:60"]  # label and sentence both hold it
    assert ids(EventFilter(documents=("war",), grains=("year",))) == ["war:80"]


def test_a_date_range_keeps_the_events_overlapping_it(events: pd.DataFrame) -> None:
    wanted, messages = read_filter({"date_from": "2020-12", "date_to": "2021-05-13"})
    assert messages == []
    assert sorted(filter_events(events, wanted)["event_id"]) == ["war:10", "war:80"]  # not the 14th, 14:30
    wanted, _ = read_filter({"date_from": "-0500", "date_to": "-0489"})
    assert list(filter_events(events, wanted)["event_id"]) == ["peace:60"]


def test_an_unreadable_date_is_reported_and_the_other_filters_still_apply(events: pd.DataFrame) -> None:
    wanted, messages = read_filter({"date_from": "last spring", "types": ["TIME"], "search": ""})
    assert len(messages) == 1 and messages[0].startswith("From: 'last spring' is not a date")
    assert list(filter_events(events, wanted)["event_id"]) == ["war:120"]


def test_the_count_says_how_many_are_in_view_match_and_exist() -> None:
    assert count_text(5, 16, 540) == "5 in view · 16 match · 540 in all"
    assert count_text(5, 540, 540) == "5 in view · 540 events"
    assert count_text(540, 540, 540) == "540 events"
    assert count_text(1, 1, 1) == "1 event"
    assert count_text(0, 0, 100_000) == "0 in view · 0 match · 100,000 in all"


def drawn_ids(figure: go.Figure) -> set[str]:
    return {
        point[0]
        for trace in figure.data
        if trace.customdata is not None
        for point in trace.customdata
        if point[1] == "event"
    }


def test_the_figure_callback_draws_the_filtered_events_and_counts_them(events: pd.DataFrame) -> None:
    source = PreparedEvents(FixedEvents(events))
    figure, count, message = filtered_figure(source, {"documents": ["war"]}, "document", None, 1200)
    assert isinstance(figure, go.Figure)
    assert count == "3 in view · 3 match · 6 in all" and message == ""
    assert drawn_ids(figure) == {"war:10", "war:80", "war:120"}
    assert source.get({"documents": ["war"]}, "document") is source.get({"documents": ["war"]}, "document")


def test_the_figure_callback_draws_what_the_zoomed_range_holds(events: pd.DataFrame) -> None:
    source = PreparedEvents(FixedEvents(events))
    zoomed, count, _ = filtered_figure(source, NO_FILTER, "grain", ["2021-05-01 00:00:00", "2021-06-01"], 1200)
    fitted, *_ = filtered_figure(source, NO_FILTER, "grain", None, 1200)
    assert zoomed.layout.xaxis.range != fitted.layout.xaxis.range
    assert [epoch_ms(v) for v in zoomed.layout.xaxis.range] == [epoch_ms("2021-05-01"), epoch_ms("2021-06-01")]
    assert drawn_ids(zoomed) == {"war:10", "war:120"} and count == "2 in view · 6 events"


def test_a_zoom_into_bc_years_reads_back_as_a_bc_range(events: pd.DataFrame) -> None:
    plotly_zoom = {"xaxis.range[0]": "-0566-11-26 01:46:40", "xaxis.range[1]": "-0402-04-12 05:20"}
    figure, *_ = filtered_figure(
        PreparedEvents(FixedEvents(events)), NO_FILTER, "document", view_after_relayout(plotly_zoom, None), 1200
    )
    assert drawn_ids(figure) == {"peace:60"}
    first, last = (epoch_ms(v) for v in figure.layout.xaxis.range)
    marathon = epoch_ms("-0489-01-01")
    assert first < marathon < last < epoch_ms("-0400-01-01")


# -- the view range ------------------------------------------------------------------------------------


def test_the_pan_out_from_under_the_details_keeps_the_graph_as_tall(events: pd.DataFrame) -> None:
    source = PreparedEvents(FixedEvents(events))
    view = ["2021-05-01", "2021-06-01"]
    plain, _, _ = filtered_figure(source, NO_FILTER, "document", view, 900)
    pan = {"xaxis.range": view, "hold_height": plain.layout.height + 300, "at": 1}
    held, _, _ = filtered_figure(source, NO_FILTER, "document", view, 900, min_height=held_height(pan))
    assert held.layout.height == plain.layout.height + 300
    assert held.layout.yaxis.range == plain.layout.yaxis.range  # the same rows, spaced out
    assert held.layout.yaxis.domain[1] > plain.layout.yaxis.domain[1]
    assert [held_height(r) for r in (None, {"xaxis.range": view}, {"hold_height": "9"}, {"hold_height": True})] == [
        0
    ] * 4
    short, _, _ = filtered_figure(source, NO_FILTER, "document", view, 900, min_height=10)
    assert short.layout.height == plain.layout.height  # never shorter than its rows need


def test_a_step_to_an_event_in_view_draws_the_view_again() -> None:
    view = ["2021-05-01 00:00:00", "2021-06-01"]
    assert view_after_relayout(same_view(view), None) == view
    assert view_after_relayout(same_view(None), view) is None  # the first view, drawn again


def test_the_view_follows_zoom_pan_range_buttons_and_reset() -> None:
    zoom = {"xaxis.range[0]": "2021-05-01 06:00:00", "xaxis.range[1]": "2021-06-01"}
    assert view_after_relayout(zoom, None) == ["2021-05-01 06:00:00", "2021-06-01"]
    assert view_after_relayout({"xaxis.range": ["1990-01-01", "2000-01-01"]}, None) == ["1990-01-01", "2000-01-01"]
    assert view_after_relayout({"xaxis.range[1]": "2022-01-01"}, ["2021-01-01", "2021-06-01"]) == [
        "2021-01-01",
        "2022-01-01",
    ]
    assert view_after_relayout({"xaxis.autorange": True}, ["2021-01-01", "2021-06-01"]) is None
    assert view_after_relayout({"autosize": True}, ["2021-01-01", "2021-06-01"]) is UNCHANGED
    assert view_after_relayout({"yaxis.range[0]": 0, "yaxis.range[1]": 2}, None) is UNCHANGED
    assert view_after_relayout(None, None) is UNCHANGED


# -- choices ---------------------------------------------------------------------------------------


def test_grain_and_type_choices_are_the_values_present_in_calendar_order_with_counts(events: pd.DataFrame) -> None:
    grains, types = filter_choices(events)
    assert [o["value"] for o in grains] == ["year", "day", "minute", "none"]
    assert grains[0]["label"] == "year · 3"
    assert [o["value"] for o in types] == ["DATE", "TIME", "SET"]


def test_document_options_are_searched_and_capped_but_keep_the_selected_ones() -> None:
    documents = [StoredDocument(f"doc{i}", f"Report {i}", None, "", 1) for i in range(500)]
    assert len(document_options(documents, None, None)) == DOCUMENT_OPTIONS_LIMIT
    assert [o["value"] for o in document_options(documents, "report 49", None)] == [
        "doc49",
        *(f"doc{i}" for i in range(490, 500)),
    ]
    with_selected = document_options(documents, "report 7", ["doc400"])
    assert with_selected[0] == {"label": "Report 400", "value": "doc400"}
    assert {"label": "Report 7", "value": "doc7"} in with_selected


# -- adding, deleting, downloading -------------------------------------------------------------------------


def test_pasting_adds_a_document_and_its_events_then_delete_removes_them(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        notices, added = add_pasted(store, "Troops crossed the border on May 13, 2021.", "Border", "2021-05-15")
        assert added
        assert "Added 1 document" in str(notices[0].children)
        [document] = store.documents()
        assert document.title == "Border" and document.date == "2021-05-15" and document.events >= 1
        assert "May 13, 2021" in set(store.events()["text"])

        again, added_again = add_pasted(store, "Troops crossed the border on May 13, 2021.", None, None)
        assert added_again and "1 unchanged" in str(again[0].children)

        gone = delete_document(store, document.id)
        assert gone[0].children == "Deleted Border and its events"
        assert store.events().empty and store.documents() == []
        assert "already deleted" in str(delete_document(store, document.id)[0].children)


def test_an_empty_paste_says_so_and_adds_nothing(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        notices, added = add_pasted(store, "  ", None, None)
        assert not added and store.documents() == []
        assert [n.className for n in notices] == ["notice problem"]
        assert "the box is empty" in str(notices[0].children)


def test_the_table_downloads_hold_the_filtered_events(events: pd.DataFrame) -> None:
    filters = {"grains": ["year"]}
    csv, _ = download(events, filters, "document", None, "csv")
    json_file, _ = download(events, filters, "document", None, "json")
    assert csv is not None and csv["filename"] == "timeline-events.csv"
    assert json_file is not None and json_file["filename"] == "timeline-events.json"
    expected = events[events["grain"] == "year"].reset_index(drop=True)
    pd.testing.assert_frame_equal(events_from_csv(csv["content"]), expected)
    pd.testing.assert_frame_equal(events_from_json(json_file["content"]), expected)
    assert len(json.loads(json_file["content"])) == 3


def test_the_html_download_is_a_self_contained_page_of_the_view(events: pd.DataFrame) -> None:
    page, messages = download(events, NO_FILTER, "document", ["2021-05-01", "2021-06-01"], "html")
    assert messages == [] and page is not None and page["filename"] == "timeline.html"
    html = page["content"]
    assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:500].lower()
    assert re.search(r"<script[^>]*\bsrc=", html) is None and len(html) > 1_000_000  # plotly.js inlined: offline
    assert "Troops crossed the border" in html
    assert 'id="timeline-view"' in html and "?view=2021-05-01%2C2021-06-01" in html  # its address, no page URL known


def test_the_html_download_says_its_address_and_the_selected_event(events: pd.DataFrame) -> None:
    view = ["2021-05-01", "2021-06-01"]
    page, _ = download(
        events, {"grains": ["day"]}, "grain", view, "html", selected="war:10", page_url="http://127.0.0.1:8050/?q=x"
    )
    assert page is not None
    address = "http://127.0.0.1:8050/?grain=day&amp;lanes=grain&amp;view=2021-05-01%2C2021-06-01&amp;event=war%3A10"
    assert f'<a class="view-address" href="{address}">{address}</a>' in page["content"]
    assert '<b class="view-selected">13 May 2021 · Troops crossed the border on . · WAR</b>' in page["content"]
    gone, _ = download(events, {"grains": ["year"]}, "document", None, "html", selected="war:10")
    assert gone is not None and "view-selected" not in gone["content"]  # filtered out: not named


@pytest.mark.browser
def test_the_png_download_is_an_image_of_the_view(events: pd.DataFrame) -> None:
    file, messages = download(events, {"documents": ["war"]}, "document", None, "png")
    assert messages == [] and file is not None and file["filename"] == "timeline.png" and file["base64"]
    image = Image.open(io.BytesIO(base64.b64decode(file["content"])))
    assert image.format == "PNG" and image.width == IMAGE_WIDTH
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50  # drawn: text, markers, bars, grid; not a blank page


def test_an_image_download_without_a_browser_says_why_and_points_to_the_plot_camera(
    events: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    stop_image_renderer()  # a browser started by an earlier test would be reused
    file, messages = download(events, NO_FILTER, "document", None, "pdf")
    assert file is None
    [notice] = messages
    assert notice.className == "notice problem"
    assert str(notice.children).startswith("PDF download: BROWSER_PATH='/nonexistent/chromium' is not an executable")
    assert "camera icon" in str(notice.children)


def test_a_click_on_a_cluster_asks_to_zoom_to_its_span_padded() -> None:
    click = {"points": [{"customdata": ["", "zoom", "2021-05-13T00:00", "2021-05-14T00:00"]}]}
    request = zoom_window(click)
    assert request is not None
    first, last = (epoch_ms(v) for v in request["xaxis.range"])
    assert first < epoch_ms("2021-05-13") and epoch_ms("2021-05-14") < last < epoch_ms("2021-05-15")
    assert view_after_relayout(request, None) == request["xaxis.range"]
    assert zoom_window({"points": [{"customdata": ["a.txt:4", "event", "", ""]}]}) is None
    assert zoom_window(None) is None
