"""The events table as CSV, JSON and JSONL, and back: reading what was written gives an equal table.

Every format holds the schema's columns, then four for people and spreadsheets
(:data:`READABLE_COLUMNS`): ``when`` in words ("499 BC", "May 2021", "14 May 2021, evening"),
``start_time`` and ``end_time`` in one ISO 8601 form for every row (``YYYY-MM-DDTHH:MM:SS``,
local time as the text gave it, astronomical years: ``-0489`` is 490 BC) and ``utc_offset``
("-05:00" where the text gave a zone: "12:30 EST"). Intervals are half-open: ``end_time`` and
``interval_end`` are the first instant *after* the event. Readers ignore these four columns.

JSON is an object: ``columns`` describes every column, ``events`` holds one event object a line.
JSONL is one event object a line. Both write floats in their shortest exact form, so
``x_start``/``x_end`` survive to the last bit. In CSV a missing ``mod``/``anchor_value`` is an
empty field; every other text column keeps an empty string as is. ``excel=True`` starts the CSV
with a UTF-8 byte-order mark, which is how Excel knows the file is UTF-8 (curly quotes, accents).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from typing import Any, Final

import pandas as pd

from timeline.events import EVENT_COLUMNS, EventsTableError, validate_events
from timeline.export.readable import READABLE_COLUMNS, with_readable_columns

_TEXT_COLUMNS = [name for name, column in EVENT_COLUMNS.items() if column.dtype == "str"]
_NULLABLE_COLUMNS = [name for name, column in EVENT_COLUMNS.items() if column.nullable]
BYTE_ORDER_MARK: Final = "\ufeff"

# How pandas should read an exported CSV: every column is text but these; start_time and end_time
# are datetimes: pd.read_csv(path, dtype=CSV_DTYPES, parse_dates=["start_time", "end_time"]).
CSV_DTYPES: Final[dict[str, str]] = {
    **{name: column.dtype for name, column in EVENT_COLUMNS.items()},
    **{name: "str" for name in READABLE_COLUMNS if not name.endswith("_time")},
}
INTERVALS_NOTE: Final = (
    "Intervals are half-open: interval_end and end_time are the first instant after the "
    "event (exclusive), so 1997 runs from 1997-01-01T00:00:00 to 1998-01-01T00:00:00."
)


def events_to_csv(df: pd.DataFrame, *, excel: bool = False) -> str:
    """The schema's and the readable columns of ``df`` as CSV text with a header line.

    Lines end in CRLF (RFC 4180): the csv writer then quotes every field holding a CR or an LF,
    so a sentence from a CRLF document reads back exactly. ``excel`` starts the text with a BOM.
    """
    text: str = with_readable_columns(df).to_csv(index=False, lineterminator="\r\n")
    return BYTE_ORDER_MARK + text if excel else text


def events_to_json(df: pd.DataFrame) -> str:
    """A JSON object: what each column means, then ``events``, one event object a line (``null`` for missing)."""
    columns = {name: column.description for name, column in EVENT_COLUMNS.items()} | dict(READABLE_COLUMNS)
    head = json.dumps({"intervals": INTERVALS_NOTE, "columns": columns}, ensure_ascii=False, indent=1)
    lines = list(_record_lines(df))
    events = '"events": [\n' + ",\n".join(lines) + "\n]" if lines else '"events": []'
    return head[:-2] + ",\n " + events + "\n}\n"


def events_to_jsonl(df: pd.DataFrame) -> str:
    """One JSON event object a line."""
    return "".join(line + "\n" for line in _record_lines(df))


def events_from_csv(text: str) -> pd.DataFrame:
    """Read what :func:`events_to_csv` wrote; raises :class:`EventsTableError` saying what is wrong."""
    try:
        frame = pd.read_csv(
            io.StringIO(text.removeprefix(BYTE_ORDER_MARK)),
            dtype={name: "str" for name in _TEXT_COLUMNS},
            keep_default_na=False,
            na_values={name: [""] for name in _NULLABLE_COLUMNS},
        )
    except (ValueError, pd.errors.ParserError) as error:
        raise EventsTableError(f"events CSV: {_first_line(error)}") from None
    return _as_events(frame, "events CSV")


def events_from_json(text: str) -> pd.DataFrame:
    """Read what :func:`events_to_json` wrote (an object whose ``events`` are event objects; a bare array too)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise EventsTableError(f"events JSON: not JSON ({error})") from None
    records = document.get("events") if isinstance(document, dict) else document
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise EventsTableError('events JSON: expected an object whose "events" is an array of event objects')
    return _as_events(pd.DataFrame.from_records(records, columns=_columns_of(records)), "events JSON")


def events_from_jsonl(text: str) -> pd.DataFrame:
    """Read what :func:`events_to_jsonl` wrote (one JSON event object a line)."""
    records: list[dict[str, Any]] = []
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 is inside strings
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise EventsTableError(f"events JSONL line {number}: not JSON ({error})") from None
        if not isinstance(record, dict):
            raise EventsTableError(f"events JSONL line {number}: expected an event object")
        records.append(record)
    return _as_events(pd.DataFrame.from_records(records, columns=_columns_of(records)), "events JSONL")


def _record_lines(df: pd.DataFrame) -> Iterator[str]:
    for record in with_readable_columns(df).to_dict(orient="records"):
        yield json.dumps({key: _json_value(value) for key, value in record.items()}, ensure_ascii=False)


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _columns_of(records: list[dict[str, Any]]) -> list[str]:
    """The schema's columns, then any others the records hold, so a missing one is reported by name."""
    extra = dict.fromkeys(
        key for record in records for key in record if key not in EVENT_COLUMNS and key not in READABLE_COLUMNS
    )
    return [*EVENT_COLUMNS, *extra]


def _as_events(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """The schema's columns of ``frame`` in order with its dtypes, validated."""
    missing = [name for name in EVENT_COLUMNS if name not in frame.columns]
    if missing:
        raise EventsTableError(f"{source}: missing column(s) {', '.join(missing)}")
    columns: dict[str, pd.Series] = {}
    for name, column in EVENT_COLUMNS.items():  # one column at a time: the error names it
        try:
            columns[name] = frame[[name]].astype({name: column.dtype})[name]
        except (ValueError, TypeError) as error:
            raise EventsTableError(f"{source}: column {name!r}: {_first_line(error)}") from None
    events = pd.DataFrame(columns, index=frame.index)
    try:
        validate_events(events)
    except EventsTableError as error:
        raise EventsTableError(f"{source}: {str(error).removeprefix('events table: ')}") from None
    return events


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
