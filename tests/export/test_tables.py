"""CSV, JSON and JSONL exports of the events table read back to an equal table; bad files are named."""

from __future__ import annotations

import csv
import io
import json
import string

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.events import EVENT_COLUMNS, EventsTableError, events_frame
from timeline.export import (
    CSV_DTYPES,
    events_from_csv,
    events_from_json,
    events_from_jsonl,
    events_to_csv,
    events_to_json,
    events_to_jsonl,
)
from timeline.export.readable import READABLE_COLUMNS
from timeline.export.tables import BYTE_ORDER_MARK
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
        Document(
            "a.txt",
            "The treaty was signed on May 13, 2021, in Vienna.\nIt recalled the crisis of 1997.",
            title='Treaty, "final" text',
        ),
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


def test_json_says_what_each_column_means_then_holds_the_event_objects(events: pd.DataFrame) -> None:
    document = json.loads(events_to_json(events))
    assert "exclusive" in document["intervals"] and "exclusive" in document["columns"]["interval_end"]
    assert "exclusive" in document["columns"]["end_time"]
    records = document["events"]
    assert isinstance(records, list) and len(records) == len(events)
    assert all(list(record) == [*EVENT_COLUMNS, *READABLE_COLUMNS] for record in records)
    assert list(document["columns"]) == [*EVENT_COLUMNS, *READABLE_COLUMNS]
    assert any(record["mod"] is None for record in records)
    assert records[0]["start"] == int(events["start"].iloc[0])


def test_a_bare_json_array_of_events_still_reads(events: pd.DataFrame) -> None:
    bare = json.dumps(json.loads(events_to_json(events))["events"])
    pd.testing.assert_frame_equal(events_from_json(bare), events)


def test_jsonl_has_one_event_object_a_line(events: pd.DataFrame) -> None:
    lines = events_to_jsonl(events).splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == list(events["event_id"])


def test_csv_has_a_header_and_keeps_unicode(events: pd.DataFrame) -> None:
    text = events_to_csv(events)
    assert text.splitlines()[0] == ",".join([*EVENT_COLUMNS, *READABLE_COLUMNS])
    assert "東京の記録" in text and not text.startswith(BYTE_ORDER_MARK)


def test_csv_for_excel_starts_with_a_byte_order_mark_and_reads_back(events: pd.DataFrame) -> None:
    text = events_to_csv(events, excel=True)
    assert text.startswith(BYTE_ORDER_MARK) and text.count(BYTE_ORDER_MARK) == 1
    pd.testing.assert_frame_equal(events_from_csv(text), events)
    assert pd.read_csv(io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig").columns[0] == "event_id"


# -- spreadsheets and pandas ----------------------------------------------------------------------------

MIXED = "\n".join(
    [
        "A380 makes maiden flight to US",
        "",
        "It is due to arrive in New York at 12:30 EST (16:30 UTC) on March 19, 2007.",
        "The Athenians won at Marathon in 490 BC. It rained in the summer of 1997.",
        "Prices rose in 1997. Talks go on this evening.",
    ]
)


@pytest.fixture(scope="module")
def mixed() -> pd.DataFrame:
    table = events_from_documents(
        [Document("flight.txt", MIXED, title="A380 makes maiden flight to US", date="2007-03-19")]
    )
    assert {"12:30 EST", "16:30 UTC", "490 BC", "1997"} <= set(table["text"])
    return table


def test_pandas_reads_the_csv_with_the_documented_dtypes_as_datetimes(mixed: pd.DataFrame) -> None:
    read = pd.read_csv(io.StringIO(events_to_csv(mixed)), dtype=CSV_DTYPES, parse_dates=["start_time", "end_time"])
    assert pd.api.types.is_datetime64_any_dtype(read["start_time"])
    assert pd.api.types.is_datetime64_any_dtype(read["end_time"])
    assert (read["end_time"] > read["start_time"]).all()  # the end is exclusive: past the start
    by_text = read.set_index("text")
    assert by_text.loc["12:30 EST", "start_time"] == pd.Timestamp("2007-03-19 12:30")
    assert by_text.loc["1997", "end_time"] == pd.Timestamp("1998-01-01")  # exclusive
    assert by_text.loc["490 BC", "start_time"].year == -489  # astronomical: 490 BC
    assert by_text.loc["490 BC", "when"] == "490 BC"  # and in words, clearly BC
    assert read["start"].dtype == "int64" and read["x_start"].dtype == "float64"
    assert pd.api.types.is_string_dtype(read["value"])  # "1997" stays text, not a number


def test_every_row_has_one_iso_form_its_zone_offset_and_its_date_in_words(mixed: pd.DataFrame) -> None:
    rows = {row["text"]: row for row in csv.DictReader(io.StringIO(events_to_csv(mixed)))}
    assert {row["start_time"][-9:-8] for row in rows.values()} == {"T"}
    assert all(len(row["start_time"].lstrip("-")) == 19 for row in rows.values())
    assert (rows["12:30 EST"]["utc_offset"], rows["16:30 UTC"]["utc_offset"]) == ("-05:00", "+00:00")
    assert rows["1997"]["utc_offset"] == ""
    assert rows["12:30 EST"]["when"] == "19 March 2007, 12:30 EST"
    assert rows["490 BC"]["start_time"] == "-0489-01-01T00:00:00"
    assert rows["the summer of 1997"]["when"] == "summer 1997"
    assert rows["this evening"]["when"] == "19 March 2007, evening"
    assert not any(row["when"].startswith("BC") for row in rows.values())


# -- any text, any number: hypothesis ----------------------------------------------------------------

_texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@st.composite
def event_tables(draw: st.DrawFn) -> pd.DataFrame:
    count = draw(st.integers(min_value=1, max_value=6))
    rows = []
    for number in range(count):
        x_start = draw(st.floats(min_value=-9999, max_value=9999, allow_nan=False))
        rows.append(
            {
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
            }
        )
    return events_frame(rows)


@pytest.mark.parametrize("fmt", FORMATS)
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
    with pytest.raises(EventsTableError, match="array of event objects"):
        events_from_json('{"events": {}}')
    with pytest.raises(EventsTableError, match="array of event objects"):
        events_from_json("[1, 2]")
    with pytest.raises(EventsTableError, match="not JSON"):
        events_from_json("[{")


def test_a_bad_jsonl_line_is_named_by_number(events: pd.DataFrame) -> None:
    lines = events_to_jsonl(events).splitlines()
    lines.insert(1, "{not json")
    with pytest.raises(EventsTableError, match="JSONL line 2"):
        events_from_jsonl("\n".join(lines))
