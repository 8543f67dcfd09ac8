"""The flat record of one timex: field order, plain values, and offsets that index the text."""

from __future__ import annotations

import csv
import io
import json

from timeline.extract import extract
from timeline.extract.model import (
    Anchor,
    AnchorKind,
    DctSource,
    DocumentDate,
    Grain,
    Interval,
    Timex,
    TimexType,
)
from timeline.extract.records import RECORD_FIELDS, timex_record

SIX_MONTHS_AGO = Timex(
    text="six months ago",
    start=32,
    end=46,
    type=TimexType.DATE,
    value="2020-11",
    grain=Grain.MONTH,
    interval=Interval("2020-11-01", "2020-12-01"),
    anchor=Anchor(AnchorKind.DOCUMENT_DATE, "2021-05-15", "6 months before the document date, 2021-05-15"),
    sentence="The war, which started six months ago, is over.",
    sentence_start=9,
    mod="APPROX",
    rule="units_ago",
)
EVERY_WEEK = Timex(
    text="every week",
    start=3,
    end=13,
    type=TimexType.SET,
    value="P1W",
    grain=Grain.NONE,
    interval=None,
    anchor=Anchor(AnchorKind.NONE),
    quant="EVERY",
    freq="1X",
)


def test_fields_are_in_the_agreed_order() -> None:
    assert RECORD_FIELDS == (
        "doc", "text", "start", "end", "type", "value", "mod", "grain", "interval_start", "interval_end",
        "anchor", "anchor_value", "explanation", "sentence", "sentence_start", "rule", "quant", "freq",
        "dct", "dct_source", "language",
    )  # fmt: skip
    record = timex_record("d", SIX_MONTHS_AGO, DocumentDate("2021-05-15", DctSource.GIVEN))
    assert tuple(record) == RECORD_FIELDS


def test_a_resolved_date_record() -> None:
    byline = DocumentDate("2021-05-15", DctSource.TEXT, "May 15, 2021", 0, 12)

    record = timex_record("news/a.txt", SIX_MONTHS_AGO, byline)

    assert record == {
        "doc": "news/a.txt",
        "text": "six months ago",
        "start": 32,
        "end": 46,
        "type": "DATE",
        "value": "2020-11",
        "mod": "APPROX",
        "grain": "month",
        "interval_start": "2020-11-01",
        "interval_end": "2020-12-01",
        "anchor": "document_date",
        "anchor_value": "2021-05-15",
        "explanation": "6 months before the document date, 2021-05-15",
        "sentence": "The war, which started six months ago, is over.",
        "sentence_start": 9,
        "rule": "units_ago",
        "quant": None,
        "freq": None,
        "dct": "2021-05-15",
        "dct_source": "text",
        "language": "en",
    }


def test_a_set_without_interval_or_document_date() -> None:
    record = timex_record("c-17", EVERY_WEEK, DocumentDate(None, DctSource.NONE))

    assert (record["interval_start"], record["interval_end"]) == (None, None)
    assert (record["type"], record["grain"], record["anchor"]) == ("SET", "none", "none")
    assert (record["quant"], record["freq"]) == ("EVERY", "1X")
    assert (record["dct"], record["dct_source"]) == (None, "none")


def test_values_are_plain_strings_not_enums() -> None:
    record = timex_record("d", SIX_MONTHS_AGO, DocumentDate("2021-05-15", DctSource.GIVEN))

    for value in record.values():
        assert value is None or type(value) in (str, int)


def test_records_of_a_real_extraction_index_the_text_and_serialise() -> None:
    text = "Talks began in 1997.\nThe treaty was signed on May 13, 2021, in Paris."
    extraction = extract(text, dct="2021-05-15")

    records = [timex_record("doc", timex, extraction.document_date) for timex in extraction.timexes]

    assert {"1997", "May 13, 2021"} <= {record["text"] for record in records}
    for record in records:
        start, end = record["start"], record["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert text[start:end] == record["text"]
        assert record["dct"] == "2021-05-15"
    assert json.loads(json.dumps(records)) == records
    out = io.StringIO()
    writer = csv.DictWriter(out, RECORD_FIELDS)
    writer.writeheader()
    writer.writerows(records)
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == len(records)
