"""The page around the timeline, without a browser: filter messages and option counts, typed dates
(BC, centuries, free phrases), the view in the address, stepping, undo, BC in the details and ticks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from test_callbacks import events  # noqa: F401 - the fixture: six events, one of them 490 BC

from timeline.app.address import PageState, read_query, view_address, view_query
from timeline.app.callbacks import delete_document, filter_choices, filtered_figure, listed_documents, step_event
from timeline.app.collection import add_documents
from timeline.app.details import event_details, find_event
from timeline.app.filters import EventFilter, filter_events, option_counts, read_filter, why_none
from timeline.app.prepared import FixedEvents, PreparedEvents
from timeline.app.store import StoredDocument, TimelineStore
from timeline.app.typed_dates import typed_period
from timeline.app.undo import DeletedDocuments
from timeline.events.timescale import epoch_ms
from timeline.figure import timeline_figure
from timeline.figure.layout import era_ticks, margins
from timeline.ingest.document import Document

NOW = datetime(2026, 12, 1, 15, 0)


# -- typed dates: BC, centuries, decades, phrases ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first", "after"),
    [
        ("500 BC", "-0499", "-0498"),
        ("44 BC", "-0043", "-0042"),
        ("44 B.C.", "-0043", "-0042"),
        ("1 BC", "0000", "0001"),
        ("AD 30", "0030", "0031"),
        ("30 AD", "0030", "0031"),
        ("1st century BC", "-0099", "0001"),  # 100 BC to 1 BC
        ("5th century BC", "-0499", "-0399"),
        ("20th century", "1901", "2001"),
        ("the 1990s", "1990", "2000"),
        ("the 490s BC", "-0498", "-0488"),  # 499-490 BC
        ("1914", "1914", "1915"),
        ("-0489", "-0489", "-0488"),
        ("2021-05", "2021-05", "2021-06"),
        ("last March", "2026-03", "2026-04"),
        ("2 weeks ago", "2026-11-17", "2026-11-18"),
        ("yesterday", "2026-11-30", "2026-12-01"),
        ("last year", "2025", "2026"),
    ],
)
def test_the_date_filters_read_bc_years_centuries_and_free_phrases(typed: str, first: str, after: str) -> None:
    period = typed_period(typed, now=NOW)
    assert (period.iso, period.end_iso) == (first, after)


@pytest.mark.parametrize("typed", ["0 BC", "0th century", "soon-ish", "BC", "12345"])
def test_what_is_not_a_date_says_what_can_be_typed(typed: str) -> None:
    with pytest.raises(ValueError, match="500 BC"):
        typed_period(typed, now=NOW)


def test_a_bc_filter_selects_the_bc_event(events: pd.DataFrame) -> None:  # noqa: F811
    wanted, messages = read_filter({"date_from": "500 BC", "date_to": "5th century BC"})
    assert messages == [] and list(filter_events(events, wanted)["event_id"]) == ["peace:60"]
    wanted, _ = read_filter({"date_to": "1st century BC"})
    assert list(filter_events(events, wanted)["event_id"]) == ["peace:60"]


# -- filter messages and counts ------------------------------------------------------------------------


def test_from_after_to_is_an_error_and_the_dates_are_not_applied(events: pd.DataFrame) -> None:  # noqa: F811
    wanted, messages = read_filter({"date_from": "2021", "date_to": "1914"})
    assert messages == ["From (2021) is after To (1914): swap them; the dates are not applied meanwhile."]
    assert wanted.date_from is None and wanted.date_to is None
    figure, count, message = filtered_figure(
        PreparedEvents(FixedEvents(events)), {"date_from": "2021", "date_to": "1914"}, "document", None, 1200, events
    )
    assert "after To" in message and count.endswith("6 events")


def test_a_filter_that_leaves_nothing_says_which_filter_would_let_events_through(events: pd.DataFrame) -> None:  # noqa: F811
    nothing = EventFilter(documents=("war",), grains=("none",))
    assert why_none(events, nothing) == (
        "No event matches these filters together: without the documents, 1 event would match; "
        "without the grains, 3 events would match."
    )
    assert why_none(events, EventFilter(search="zeppelin")) == "No event matches the search."
    _, count, message = filtered_figure(
        PreparedEvents(FixedEvents(events)), {"documents": ["war"], "grains": ["none"]}, "document", None, 900, events
    )
    assert count == "0 in view · 0 match · 6 in all" and message.startswith("No event matches these filters")


def test_option_counts_follow_the_other_filters_and_an_impossible_option_is_disabled(
    events: pd.DataFrame,  # noqa: F811
) -> None:
    assert option_counts(events, EventFilter(documents=("war",)), "grain").to_dict() == {
        "day": 1,
        "year": 1,
        "minute": 1,
    }
    grains, types = filter_choices(events, {"documents": ["war"]})
    by_value = {o["value"]: o for o in grains}
    assert by_value["year"]["label"] == "year · 1" and not by_value["year"]["disabled"]
    assert by_value["none"]["label"] == "none · 0" and by_value["none"]["disabled"]
    assert {o["value"]: o["label"] for o in types} == {"DATE": "DATE · 2", "TIME": "TIME · 1", "SET": "SET · 0"}
    # its own filter does not narrow a list: picking "year" still offers "day" with its count
    grains, _ = filter_choices(events, {"documents": ["war"], "grains": ["year"]})
    assert {o["value"]: o["label"] for o in grains}["day"] == "day · 1"


def test_the_documents_list_is_not_hidden_by_the_documents_filter() -> None:
    documents = [StoredDocument(f"doc{i}", f"Report {i}", None, "", 1) for i in range(3)]
    items = listed_documents(documents, ["doc1"])
    assert len(items) == 3
    assert [item.className for item in items] == [None, "selected", None]


# -- the address --------------------------------------------------------------------------------------


def test_a_view_goes_into_the_address_and_comes_back() -> None:
    filters = {
        "search": "border war",
        "documents": ["data/war.txt", "peace"],
        "grains": ["day"],
        "types": [],
        "languages": ["fr"],
        "date_from": "500 BC",
        "date_to": "2021-05",
    }
    view = ["2021-05-01 00:00:00", "2021-06-01"]
    query = view_query(filters, "grain", view, "war:10")
    assert query == (
        "q=border+war&doc=data%2Fwar.txt&doc=peace&grain=day&lang=fr&from=500+BC&to=2021-05&lanes=grain"
        "&view=2021-05-01+00%3A00%3A00%2C2021-06-01&event=war%3A10"
    )
    assert read_query("?" + query) == PageState(filters=filters, lane_by="grain", view=view, event="war:10")
    assert view_query({}, "document", None, None) == ""
    assert read_query("") == read_query(None) == PageState(filters=read_query("").filters)
    odd = read_query("lanes=colour&view=2021&event=&bogus=1")
    assert odd.lane_by == "document" and odd.view is None and odd.event is None


def test_the_address_of_a_view_is_the_pages_url_with_the_views_query() -> None:
    query = view_query({"search": "war"}, "grain", None, "war:10")
    assert view_address("http://127.0.0.1:8050/?q=old#top", query) == "http://127.0.0.1:8050/?" + query
    assert (
        view_address("https://box.lan/timeline/", query) == "https://box.lan/timeline/?q=war&lanes=grain&event=war%3A10"
    )
    assert view_address("http://127.0.0.1:8050", "") == "http://127.0.0.1:8050/"
    assert view_address(None, query) == "?" + query and view_address(None, "") is None


# -- details: BC in words, stepping -------------------------------------------------------------------------


def test_the_details_give_a_bc_date_in_words_then_its_iso_interval(events: pd.DataFrame) -> None:  # noqa: F811
    marathon = find_event(events, "peace:60")
    assert marathon is not None
    facts = event_details(marathon, None)[1]
    pairs = {dt.children: dd.children for dt, dd in zip(facts.children[::2], facts.children[1::2], strict=True)}
    assert pairs["When"] == "490 BC"
    assert pairs["Interval"] == "1 January 490 BC – 1 January 489 BC · -0489-01-01 → -0488-01-01 (end excluded)"
    century = dict(marathon, value="BC04", grain="century", interval_start="-0399-01-01", interval_end="-0299-01-01")
    facts = event_details(century, None)[1]
    assert "the 400s BC (4th century BC)" in [dd.children for dd in facts.children[1::2]]


def test_previous_and_next_step_in_time_order_among_the_filtered_events(events: pd.DataFrame) -> None:  # noqa: F811
    order = ["peace:60", "peace:5", "peace:99", "war:80", "war:10", "war:120"]
    assert [step_event(events, {}, current, 1) for current in order] == [*order[1:], None]
    assert [step_event(events, {}, current, -1) for current in order] == [None, *order[:-1]]
    assert step_event(events, {"documents": ["war"]}, "war:80", -1) is None  # peace:99 is filtered out
    assert step_event(events, {"documents": ["war"]}, "peace:5", 1) == "war:80"  # from outside: the first


# -- undo ------------------------------------------------------------------------------------------------


def test_a_deleted_document_is_put_back_as_it_was(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        add_documents(store, [Document(id="b.txt", text="The border closed on May 13, 2021.", title="Border")])
        before = store.events().copy()
        deleted = DeletedDocuments(store)
        notice = delete_document(store, "b.txt", deleted)
        assert notice[0].children[0] == "Deleted Border and its events"
        assert store.events().empty
        assert deleted.undo("b.txt") is not None
        pd.testing.assert_frame_equal(store.events(), before)
        assert deleted.undo("b.txt") is None  # once


# -- the figure: BC ticks, narrow plots -----------------------------------------------------------------------


def test_bc_ticks_read_bc_and_ad_and_sit_on_their_years() -> None:
    ticks = era_ticks((epoch_ms("-0566-11-26"), epoch_ms("-0402-04-12")))
    assert ticks["ticktext"] == ["550 BC", "525 BC", "500 BC", "475 BC", "450 BC", "425 BC"]
    assert ticks["tickvals"][2] == "-0499-01-01"
    across = era_ticks((epoch_ms("-0100-01-01"), epoch_ms("0100-01-01")))
    assert across["ticktext"] == ["100 BC", "50 BC", "AD 50", "AD 100"]
    assert era_ticks((epoch_ms("1914-01-01"), epoch_ms("1918-01-01"))) == {}


def test_a_figure_reaching_before_year_1_has_bc_ticks(events: pd.DataFrame) -> None:  # noqa: F811
    figure = timeline_figure(events, x_range=("-0566-11-26", "-0402-04-12"), width=1200)
    assert "500 BC" in figure.layout.xaxis.ticktext
    overview = figure.layout.xaxis2.ticktext  # the overview spans 490 BC to 2021
    assert overview and all(t.startswith("AD ") or t.endswith(" BC") for t in overview)


def test_a_narrow_figure_draws_lane_names_inside_and_a_wide_one_caps_the_margin(
    events: pd.DataFrame,  # noqa: F811
) -> None:
    long_names = ["Armenia Requests Russian Military Help Over Renewed Azerbaijan Land Grab"]
    assert margins(long_names, title=False, controls=True)["l"] == 240
    assert margins(long_names, title=False, controls=True, width=800)["l"] == 200
    narrow = timeline_figure(events, width=400)
    assert narrow.layout.margin.l < 20 and narrow.layout.yaxis.showticklabels is False
    assert {"WAR", "PEACE"} <= {a.text for a in narrow.layout.annotations}
    wide = timeline_figure(events, width=1200)
    assert wide.layout.yaxis.showticklabels is not False and set(wide.layout.yaxis.ticktext) == {"PEACE", "WAR"}


# -- weight -------------------------------------------------------------------------------------------------


def test_plotly_js_and_the_page_are_sent_compressed_and_callback_answers_are_not(tmp_path: Path) -> None:
    import gzip
    import json

    from timeline.app import create_app

    with TimelineStore(tmp_path / "t.sqlite3") as store:
        client = create_app(store).server.test_client()
        plotly_js = "/_dash-component-suites/plotly/package_data/plotly.min.js"
        plain = client.get(plotly_js)
        packed = client.get(plotly_js, headers={"Accept-Encoding": "gzip"})
        assert packed.headers["Content-Encoding"] == "gzip" and plain.headers.get("Content-Encoding") is None
        assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 2
        assert client.get("/", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"
        layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
        assert layout.headers.get("Content-Encoding") is None and json.loads(layout.data)  # JSON: sharing.py's
