"""Corpora: many documents in one ``.jsonl``, ``.csv`` or ``.parquet`` file, streamed a row at a time.

Each row has ``id`` and ``text``, and optionally ``date`` (the document date, ISO) and ``title``.
Rows are never held all at once; only the ids seen so far are kept, to report duplicates.
JSONL rows are numbered by line (from 1); CSV rows as a spreadsheet shows them (the header is row 1).

A :class:`Block` is a stretch of a JSONL/CSV file between two row boundaries, read on its own
(on a Dask worker) with the numbers its rows have in the whole file, so its messages are those
of reading the file from the start.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from timeline.ingest.dates import iso_date
from timeline.ingest.document import Document, Problem, language_code
from timeline.ingest.file_bytes import (
    BINARY_SNIFF_BYTES,
    NotText,
    check_no_escaped_bytes,
    check_not_binary,
    decode_utf8,
    has_lone_surrogate,
    read_failure,
)

CORPUS_SUFFIXES = frozenset({".jsonl", ".csv", ".parquet"})
REQUIRED_FIELDS = ("id", "text")
_FIELDS = (*REQUIRED_FIELDS, "date", "title", "language")
_CSV_FIELD_LIMIT = 2**31 - 1  # the default (128 KiB) is shorter than a long article


# A document or problem with the line or row number it comes from (0: the whole file).
Numbered = tuple[int, Document | Problem]


@dataclass(frozen=True, slots=True)
class Block:
    """Bytes ``[start, stop)`` of a JSONL/CSV corpus, both row boundaries, after any CSV header."""

    start: int
    stop: int
    first_number: int  # the line (JSONL) or row (CSV) number of the block's first row
    columns: tuple[str, ...] = ()  # CSV: the header's columns, as read_header gives them


def read_corpus(path: Path, name: str) -> Iterator[Document | Problem]:
    """The documents of the corpus at ``path`` (named ``name`` in messages), in file order."""
    if path.suffix.lower() == ".parquet":
        from timeline.ingest.parquet_corpus import read_parquet_corpus

        yield from (item for _, item in read_parquet_corpus(path, name))
        return
    jsonl = path.suffix.lower() == ".jsonl"
    read_rows = _jsonl_rows if jsonl else _csv_rows
    corpus = CorpusRows("line" if jsonl else "row")
    anything = False
    try:
        with path.open("rb") as stream:
            check_not_binary(stream.read(BINARY_SNIFF_BYTES))
            stream.seek(0)
            for _, item in corpus.items(read_rows(stream, name)):
                anything = True
                yield item
    except OSError as error:
        yield Problem(name, read_failure(error))
        return
    except NotText as error:
        yield Problem(name, str(error))
        return
    if not anything:
        yield Problem(name, "empty corpus: no rows")


def read_block(path: Path, name: str, block: Block, first_seen: dict[str, int]) -> Iterator[Numbered]:
    """The documents of ``block`` of the corpus at ``path``, numbered as in the whole file.

    ``first_seen`` collects the id -> number of each document read, for the duplicates across
    blocks that only the caller, who sees every block, can find.
    """
    jsonl = path.suffix.lower() == ".jsonl"
    corpus = CorpusRows("line" if jsonl else "row", first_seen)
    try:
        with path.open("rb") as stream:
            rows = (
                _jsonl_rows(_sliced(stream, block), name, block.first_number, block.start)
                if jsonl
                else _csv_records(csv.reader(_block_text(stream, block)), list(block.columns), name, block.first_number)
            )
            yield from corpus.items(rows)
    except OSError as error:
        yield 0, Problem(name, read_failure(error))


def count_block_rows(path: Path, block: Block) -> int:
    """How many lines (JSONL) or rows (CSV, blank ones included) ``block`` holds, as its reader numbers them."""
    with path.open("rb") as stream:
        if path.suffix.lower() == ".jsonl":
            return sum(1 for _ in _sliced(stream, block))
        return sum(1 for _ in csv.reader(_block_text(stream, block)))


def read_header(head: bytes) -> tuple[str, ...]:
    """The columns of a CSV header row (``head`` is its bytes), as the corpus reader names them."""
    text = head.decode("utf-8-sig", errors="surrogateescape")
    return tuple(column.strip().lower() for column in next(csv.reader(io.StringIO(text, newline="")), []))


def duplicate_id_message(doc_id: str, unit: str, first_number: int) -> str:
    """What a corpus says of a row whose id an earlier row had."""
    return f"duplicate id {doc_id!r} (first on {unit} {first_number}); skipped"


def _sliced(stream: io.BufferedReader, block: Block) -> io.BufferedReader:
    stream.seek(block.start)
    return io.BufferedReader(_Slice(stream, block.stop - block.start))


def _block_text(stream: io.BufferedReader, block: Block) -> io.TextIOWrapper:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    return io.TextIOWrapper(_sliced(stream, block), encoding="utf-8", errors="surrogateescape", newline="")


class _Slice(io.RawIOBase):
    """The next ``length`` bytes of an open file, as a file of their own."""

    def __init__(self, stream: io.BufferedReader, length: int) -> None:
        self._stream, self._left = stream, length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), self._left))
        buffer[: len(data)] = data
        self._left -= len(data)
        return len(data)


# A row as read: its fields, its source for messages ("a.jsonl line 3"), and its line or row number.
_Row = tuple[Mapping[str, object], str, int]


def _jsonl_rows(
    stream: io.BufferedReader, name: str, first_number: int = 1, offset: int = 0
) -> Iterator[_Row | Problem]:
    for number, raw in enumerate(stream, start=first_number):
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
    yield from _csv_records(reader, columns, name, 2)


def _csv_records(
    reader: Iterator[list[str]], columns: list[str], name: str, first_number: int
) -> Iterator[_Row | Problem]:
    for number, row in enumerate(_records_or_problems(reader, name), start=first_number):
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


class CorpusRows:
    """One corpus being read: turns rows into documents and remembers ids, to refuse duplicates."""

    def __init__(self, unit: str, first_seen: dict[str, int] | None = None) -> None:
        self._unit = unit  # what rows are numbered by: "line" or "row"
        # id -> number; ints, as a corpus may hold 100,000 ids
        self._first_seen: dict[str, int] = {} if first_seen is None else first_seen

    def items(self, rows: Iterator[_Row | Problem]) -> Iterator[Numbered]:
        """The documents and problems of ``rows``, each with its number (0 for the whole file's)."""
        number = 0
        for row in rows:
            if isinstance(row, Problem):
                yield number, row  # a row that is no row: numbered as the last good one, for ordering
                continue
            number = row[2]
            for item in self.document(*row):
                yield number, item

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
            yield Problem(where, duplicate_id_message(doc_id, self._unit, self._first_seen[doc_id]))
            return
        unpaired = next((name for name in _FIELDS if _is_unpaired_text(fields.get(name))), None)
        if unpaired:
            yield Problem(where, f"{unpaired} holds an unpaired surrogate escape, not a character; skipped")
            return
        self._first_seen[doc_id] = number
        date, bad_date = _optional(fields, "date", where, iso_date, "not an ISO date, YYYY-MM-DD")
        title, bad_title = _optional(fields, "title", where, str.strip, "not text")
        language, bad_language = _optional(fields, "language", where, language_code, "not a language code (en, es, fr)")
        yield from (problem for problem in (bad_date, bad_title, bad_language) if problem)
        yield Document(id=doc_id, text=text, title=title, date=date, source=where, language=language)


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
