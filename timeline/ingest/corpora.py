"""Corpora: many documents in one ``.jsonl`` or ``.csv`` file, streamed a row at a time.

Each row has ``id`` and ``text``, and optionally ``date`` (the document date, ISO) and ``title``.
Rows are never held all at once; only the ids seen so far are kept, to report duplicates.
JSONL rows are numbered by line (from 1); CSV rows as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from timeline.ingest.dates import iso_date
from timeline.ingest.document import Document, Problem
from timeline.ingest.file_bytes import (
    BINARY_SNIFF_BYTES,
    NotText,
    check_no_escaped_bytes,
    check_not_binary,
    decode_utf8,
    has_lone_surrogate,
    read_failure,
)

CORPUS_SUFFIXES = frozenset({".jsonl", ".csv"})
REQUIRED_FIELDS = ("id", "text")
_FIELDS = (*REQUIRED_FIELDS, "date", "title")
_CSV_FIELD_LIMIT = 2**31 - 1  # the default (128 KiB) is shorter than a long article


def read_corpus(path: Path, name: str) -> Iterator[Document | Problem]:
    """The documents of the corpus at ``path`` (named ``name`` in messages), in file order."""
    jsonl = path.suffix.lower() == ".jsonl"
    read_rows = _jsonl_rows if jsonl else _csv_rows
    corpus = _Corpus("line" if jsonl else "row")
    anything = False
    try:
        with path.open("rb") as stream:
            check_not_binary(stream.read(BINARY_SNIFF_BYTES))
            stream.seek(0)
            for item in read_rows(stream, name):
                anything = True
                if isinstance(item, Problem):
                    yield item
                else:
                    yield from corpus.document(*item)
    except OSError as error:
        yield Problem(name, read_failure(error))
        return
    except NotText as error:
        yield Problem(name, str(error))
        return
    if not anything:
        yield Problem(name, "empty corpus: no rows")


# A row as read: its fields, its source for messages ("a.jsonl line 3"), and its line or row number.
_Row = tuple[Mapping[str, object], str, int]


def _jsonl_rows(stream: io.BufferedReader, name: str) -> Iterator[_Row | Problem]:
    offset = 0
    for number, raw in enumerate(stream, start=1):
        where = f"{name} line {number}"
        line_offset, offset = offset, offset + len(raw)
        try:
            line = decode_utf8(raw, line_offset)
        except NotText as error:
            yield Problem(where, str(error))
            continue
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(where, f"malformed JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(fields, dict):
            yield Problem(where, f"expected a JSON object, found {_json_kind(fields)}")
            continue
        yield fields, where, number


def _csv_rows(stream: io.BufferedReader, name: str) -> Iterator[_Row | Problem]:
    # surrogateescape: a bad byte spoils only its row, which is reported, not the rest of the file.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    # strict: a quote that does not close where a field ends (an unclosed quote that swallowed
    # the rows after it) raises, and is reported, rather than merging rows in silence
    reader = csv.reader(text, strict=True)
    header = next(reader, None)
    if header is None:
        return
    columns = [column.strip().lower() for column in header]
    missing = [field for field in REQUIRED_FIELDS if field not in columns]
    if missing:
        found = ", ".join(repr(column) for column in header)
        yield Problem(name, f"missing required column {' and '.join(missing)} (header: {found})")
        return
    for number, row in enumerate(_records_or_problems(reader, name), start=2):
        where = f"{name} row {number}"
        if isinstance(row, str):
            yield Problem(where, row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            yield Problem(where, f"{len(row)} fields but the header has {len(columns)} (an unquoted comma?)")
            continue
        fields: dict[str, str] = {}
        for column, cell in zip(columns, row, strict=False):  # a short row leaves columns empty
            fields.setdefault(column, cell)  # of two columns with one name, the first wins
        try:
            for column, value in fields.items():
                _check_cell(column, value)
        except NotText as error:
            yield Problem(where, str(error))
            continue
        yield fields, where, number


def _records_or_problems(reader: Iterator[list[str]], name: str) -> Iterator[list[str] | str]:
    """The records of ``reader``, with the reason in place of each one the csv module refuses."""
    while True:
        first_line = reader.line_num + 1  # type: ignore[attr-defined]
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            last_line = reader.line_num  # type: ignore[attr-defined]
            lines = f"line {first_line}" if last_line <= first_line else f"lines {first_line}-{last_line}"
            yield f"malformed quoting ({error}): a quote opened on line {first_line} does not close; {lines} skipped"


def _check_cell(column: str, value: str) -> None:
    try:
        check_no_escaped_bytes(value)
    except NotText as error:
        raise NotText(f"{error} of column {column!r}") from None


class _Corpus:
    """One corpus being read: turns rows into documents and remembers ids, to refuse duplicates."""

    def __init__(self, unit: str) -> None:
        self._unit = unit  # what rows are numbered by: "line" or "row"
        self._first_seen: dict[str, int] = {}  # id -> number; ints, as a corpus may hold 100,000 ids

    def document(self, fields: Mapping[str, object], where: str, number: int) -> Iterator[Document | Problem]:
        """The document in ``fields``, with a Problem for each thing wrong with it."""
        doc_id, text = _text(fields.get("id"), allow_int=True), _text(fields.get("text"))
        if doc_id is None or text is None:
            required = (("id", doc_id), ("text", text))
            complaints = [_complaint(name, fields.get(name)) for name, value in required if value is None]
            yield Problem(where, "; ".join(complaints))
            return
        doc_id = doc_id.strip()
        if doc_id in self._first_seen:
            first = f"{self._unit} {self._first_seen[doc_id]}"
            yield Problem(where, f"duplicate id {doc_id!r} (first on {first}); skipped")
            return
        unpaired = next((name for name in _FIELDS if _is_unpaired_text(fields.get(name))), None)
        if unpaired:
            yield Problem(where, f"{unpaired} holds an unpaired surrogate escape, not a character; skipped")
            return
        self._first_seen[doc_id] = number
        date, bad_date = _optional(fields, "date", where, iso_date, "not an ISO date, YYYY-MM-DD")
        title, bad_title = _optional(fields, "title", where, str.strip, "not text")
        yield from (problem for problem in (bad_date, bad_title) if problem)
        yield Document(id=doc_id, text=text, title=title, date=date, source=where)


def _text(value: object, *, allow_int: bool = False) -> str | None:
    """A field as text: a string that is not blank, or an integer if allowed; else None."""
    if isinstance(value, str):
        return value if value.strip() else None
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _is_unpaired_text(value: object) -> bool:
    return isinstance(value, str) and has_lone_surrogate(value)


def _complaint(name: str, value: object) -> str:
    if value is None:
        return f"missing {name}"
    if isinstance(value, str):
        return f"empty {name}"
    return f"{name} is {_json_kind(value)}, not text"


def _optional(
    fields: Mapping[str, object], name: str, where: str, read: Callable[[str], str | None], invalid: str
) -> tuple[str | None, Problem | None]:
    """An optional field read by ``read``; a bad value gives a Problem, and the document goes without it."""
    value = fields.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    readable = read(value) if isinstance(value, str) else None
    if readable is None:
        return None, Problem(where, f"invalid {name} {value!r} ({invalid}); read without a {name}")
    return readable, None


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number"}
    return kinds.get(type(value), "a number" if isinstance(value, float) else "null")
