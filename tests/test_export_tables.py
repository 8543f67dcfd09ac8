"""CSV, JSON and JSONL exports of the events table read back to an equal table; bad files are named."""

from __future__ import annotations

import json
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.events import EVENT_COLUMNS, EventsTableError, events_frame
from timeline.export import (
    events_from_csv,
    events_from_json,
    events_from_jsonl,
    events_to_csv,
    events_to_json,
    events_to_jsonl,
)
from timeline.extract.model import AnchorKind, Grain, TimexType
from timeline.ingest import Document
from timeline.pipeline import events_from_documents

FORMATS = {
    "csv": (events_to_csv, events_from_csv),
    "json": (events_to_json, events_from_json),
    "jsonl": (events_to_jsonl, events_from_jsonl),
}


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    documents = [
        Document("a.txt", "The treaty was signed on May 13, 2021, in Vienna.\nIt recalled the crisis of 1997.",
                 title='Treaty, "final" text'),
        Document("b.txt", "東京では1997年に、そして May 13, 2021 にも雨が降った。", title="東京の記録\n第二版"),
    ]
    table = events_from_documents(documents)
    assert {"May 13, 2021", "1997"} <= set(table["text"])
    assert table["mod"].isna().any()  # a missing value must survive too
    return table


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_extracted_table_reads_back_equal(events: pd.DataFrame, fmt: str) -> None:
    write, read = FORMATS[fmt]
    pd.testing.assert_frame_equal(read(write(events)), events)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_table_reads_back_equal(events: pd.DataFrame, fmt: str) -> None:
    write, read = FORMATS[fmt]
    empty = events.iloc[0:0].reset_index(drop=True)
    pd.testing.assert_frame_equal(read(write(empty)), empty)


def test_json_is_an_array_of_event_objects_with_null_for_missing(events: pd.DataFrame) -> None:
    records = json.loads(events_to_json(events))
    assert isinstance(records, list) and len(records) == len(events)
    assert all(list(record) == list(EVENT_COLUMNS) for record in records)
    assert any(record["mod"] is None for record in records)
    assert records[0]["start"] == int(events["start"].iloc[0])


def test_jsonl_has_one_event_object_a_line(events: pd.DataFrame) -> None:
    lines = events_to_jsonl(events).splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == list(events["event_id"])


def test_csv_has_a_header_and_keeps_unicode(events: pd.DataFrame) -> None:
    text = events_to_csv(events)
    assert text.splitlines()[0] == ",".join(EVENT_COLUMNS)
    assert "東京の記録" in text


# -- any text, any number: hypothesis ----------------------------------------------------------------

_texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@st.composite
def event_tables(draw: st.DrawFn) -> pd.DataFrame:
    count = draw(st.integers(min_value=1, max_value=6))
    rows = []
    for number in range(count):
        x_start = draw(st.floats(min_value=-9999, max_value=9999, allow_nan=False))
        rows.append({
            "event_id": f"doc:{number}",
            "doc_id": draw(_texts),
            "doc_title": draw(_texts),
            "text": draw(_texts),
            "start": draw(st.integers(min_value=0, max_value=2**40)),
            "end": draw(st.integers(min_value=0, max_value=2**40)),
            "type": draw(st.sampled_from(list(TimexType))),
            "value": draw(st.text(string.digits + "-WSUPXT", max_size=12)),
            "mod": draw(st.none() | st.sampled_from(["APPROX", "START", "BEFORE"])),
            "grain": draw(st.sampled_from(list(Grain))),
            "interval_start": "2021-05-13",
            "interval_end": "2021-05-14T19:45",
            "sentence": draw(_texts),
            "label": draw(_texts),
            "anchor": draw(st.sampled_from(list(AnchorKind))),
            "anchor_value": draw(st.none() | st.just("2021-05-15")),
            "explanation": draw(_texts),
            "kind": draw(st.sampled_from(["instant", "period", "anchored duration"])),
            "x_start": x_start,
            "x_end": x_start + draw(st.floats(min_value=0, max_value=100, allow_nan=False)),
        })
    return events_frame(rows)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=event_tables())
def test_any_text_and_any_float_read_back_equal(fmt: str, table: pd.DataFrame) -> None:
    write, read = FORMATS[fmt]
    pd.testing.assert_frame_equal(read(write(table)), table)


# -- bad files: one clear error naming what is wrong -----------------------------------------------------


def test_a_csv_without_a_column_names_it(events: pd.DataFrame) -> None:
    text = events.drop(columns=["x_end"]).to_csv(index=False)  # a table written by another tool
    with pytest.raises(EventsTableError, match=r"events CSV: missing column.*x_end"):
        events_from_csv(text)


def test_a_csv_row_with_a_bad_grain_is_named(events: pd.DataFrame) -> None:
    broken = events.copy()
    broken.loc[1, "grain"] = "fortnight"
    with pytest.raises(EventsTableError, match=r"row 1 .*grain 'fortnight'"):
        events_from_csv(events_to_csv(broken))


def test_a_csv_with_text_in_a_number_column_names_the_column(events: pd.DataFrame) -> None:
    text = events_to_csv(events).replace(f",{events['start'].iloc[0]},", ",soon,", 1)
    with pytest.raises(EventsTableError, match="column 'start'"):
        events_from_csv(text)


def test_json_that_is_not_an_array_of_objects_is_refused() -> None:
    with pytest.raises(EventsTableError, match="expected an array of event objects"):
        events_from_json('{"events": []}')
    with pytest.raises(EventsTableError, match="not JSON"):
        events_from_json("[{")


def test_a_bad_jsonl_line_is_named_by_number(events: pd.DataFrame) -> None:
    lines = events_to_jsonl(events).splitlines()
    lines.insert(1, "{not json")
    with pytest.raises(EventsTableError, match="JSONL line 2"):
        events_from_jsonl("\n".join(lines))
