"""The details panel of a clicked event: sentence, resolution, and the document with the expression marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import html
from dash.development.base_component import Component

from timeline.app.callbacks import clicked_details
from timeline.app.collection import add_documents
from timeline.app.details import clicked_event_id, event_details, find_event, marked
from timeline.app.store import TimelineStore
from timeline.ingest.document import Document

HOSTILE = Document(
    id="upload.html",
    title="Report <b>bold</b>",
    text='Intro <img src=x onerror="alert(1)"> text.\nTroops crossed the border on May 13, 2021, '
    "officials said.\n<script>alert('owned')</script> The end.",
    source="upload.html",
)


def _texts(children: list[Component | str]) -> str:
    """The text a list of children shows, components flattened."""
    out = []
    for child in children:
        if isinstance(child, str):
            out.append(child)
        else:
            inner = child.children
            out.append(_texts(inner if isinstance(inner, list) else [inner]) if inner is not None else "")
    return "".join(out)


def _find(children: list[Component | str], class_name: str) -> Component:
    return next(c for c in children if isinstance(c, Component) and getattr(c, "className", None) == class_name)


@pytest.fixture
def store(tmp_path: Path) -> TimelineStore:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        add_documents(store, [HOSTILE])
        yield store


def _click(event_id: str) -> dict[str, object]:
    return {"points": [{"curveNumber": 0, "pointNumber": 3, "customdata": [event_id], "x": "2021-05-13 12:00"}]}


def test_marked_wraps_exactly_the_expression_and_keeps_the_rest_as_plain_text() -> None:
    text = "On May 13, 2021 <b>they</b> left."
    pieces = marked(text, 3, 15)
    assert pieces[0] == "On " and pieces[2] == " <b>they</b> left."
    assert isinstance(pieces[1], html.Mark) and pieces[1].children == "May 13, 2021"
    assert marked(text, 0, len(text))[0].children == text
    assert marked(text, 5, 99) == [text]  # offsets that do not fit: no mark, nothing lost


def test_clicking_an_event_shows_its_sentence_facts_and_the_marked_document(store: TimelineStore) -> None:
    events = store.events()
    row = events[events["text"] == "May 13, 2021"].iloc[0]

    panel = clicked_details(store, _click(row["event_id"]))

    sentence = _find(panel, "details-sentence")
    assert "Troops crossed the border on May 13, 2021" in _texts(sentence.children)
    facts = _texts(_find(panel, "details-facts").children)
    assert "2021-05-13" in facts and "day" in facts and "2021-05-14" in facts
    assert row["explanation"] in facts
    document = _find(panel, "document-text")
    [mark] = [c for c in document.children if isinstance(c, html.Mark)]
    assert mark.children == HOSTILE.text[row["start"] : row["end"]] == "May 13, 2021"
    assert _texts(document.children) == HOSTILE.text


def test_markup_in_an_uploaded_document_stays_text(store: TimelineStore) -> None:
    row = store.events().iloc[0]
    panel = clicked_details(store, _click(row["event_id"]))
    document = _find(panel, "document-text")
    # every child is a plain string or the Mark: no component was made from the document's tags
    assert all(isinstance(c, str) or type(c) is html.Mark for c in document.children)
    assert "<script>alert('owned')</script>" in "".join(c for c in document.children if isinstance(c, str))


def test_clicks_that_name_no_stored_event_explain_themselves(store: TimelineStore) -> None:
    assert "Click an event" in _texts(clicked_details(store, {"points": [{"x": 3, "y": 10}]}))
    assert "Click an event" in _texts(clicked_details(store, {"points": [{"customdata": ["", "zoom", "", ""]}]}))
    assert "no longer stored" in _texts(clicked_details(store, _click("gone.txt:12")))
    assert "Click an event" in _texts(clicked_details(store, None))


def test_clicked_event_id_reads_customdata() -> None:
    assert clicked_event_id(_click("a:1")) == "a:1"
    assert clicked_event_id({"points": [{"customdata": "a:2"}]}) == "a:2"
    assert clicked_event_id({"points": [{"customdata": [17, 3]}]}) is None
    assert clicked_event_id({"points": []}) is None and clicked_event_id(None) is None


def test_an_event_whose_document_was_deleted_still_shows_its_sentence(store: TimelineStore) -> None:
    event = find_event(store.events(), store.events().iloc[0]["event_id"])
    assert event is not None and event["mod"] is None  # missing values come back as None, not NaN
    panel = event_details(event, None)
    assert "no longer stored" in _texts(panel)
    assert _find(panel, "details-sentence")
