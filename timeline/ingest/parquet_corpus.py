"""Parquet corpora: the columns ``id``, ``text`` and optionally ``date``, ``title`` (others ignored).

Rows are numbered from 1 ("corpus.parquet row 3") and read one record batch at a time; a range
of rows can be read on its own (a Dask partition) with the numbers its rows have in the file:
only the row groups holding it are read.
A ``date`` column may hold ISO strings, dates or timestamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.ingest.corpora import REQUIRED_FIELDS, CorpusRows, Numbered
from timeline.ingest.document import Problem
from timeline.ingest.file_bytes import read_failure

_COLUMNS = ("id", "text", "date", "title")
_BATCH_ROWS = 1_000


def read_parquet_corpus(
    path: Path,
    name: str,
    rows: tuple[int, int] | None = None,
    first_seen: dict[str, int] | None = None,
) -> Iterator[Numbered]:
    """The documents of the Parquet corpus at ``path``: all, or its rows ``[start, stop)`` (from 0)."""
    try:
        parquet = pq.ParquetFile(path)
    except OSError as error:
        yield 0, Problem(name, read_failure(error))
        return
    except (pa.ArrowException, ValueError) as error:
        yield 0, Problem(name, f"not a readable Parquet file: {error}")
        return
    with parquet:
        present = {column.lower(): column for column in parquet.schema_arrow.names}
        missing = [column for column in REQUIRED_FIELDS if column not in present]
        if missing:
            found = ", ".join(repr(column) for column in parquet.schema_arrow.names)
            yield 0, Problem(name, f"missing required column {' and '.join(missing)} (columns: {found})")
            return
        start, stop = rows or (0, parquet.metadata.num_rows)
        groups, number = _groups_holding(parquet.metadata, start, stop)
        columns = [present[column] for column in _COLUMNS if column in present]
        corpus = CorpusRows("row", first_seen)
        try:
            batches = parquet.iter_batches(batch_size=_BATCH_ROWS, row_groups=groups, columns=columns) if groups else []
            for batch in batches:
                for row in batch.to_pylist():
                    number += 1
                    if number <= start:
                        continue
                    if number > stop:
                        return
                    fields = {key.lower(): _plain(value) for key, value in row.items()}
                    for item in corpus.document(fields, f"{name} row {number}", number):
                        yield number, item
        except (OSError, pa.ArrowException) as error:
            yield number, Problem(name, f"cannot read Parquet rows: {error}")
            return
    if rows is None and number == 0:
        yield 0, Problem(name, "empty corpus: no rows")


def _groups_holding(metadata: pq.FileMetaData, start: int, stop: int) -> tuple[list[int], int]:
    """The row groups holding rows ``[start, stop)``, and how many rows come before the first of them."""
    groups: list[int] = []
    before = offset = 0
    for group in range(metadata.num_row_groups):
        rows = metadata.row_group(group).num_rows
        if offset + rows > start and offset < stop:
            if not groups:
                before = offset
            groups.append(group)
        offset += rows
    return groups, before


def _plain(value: object) -> object:
    """Dates and timestamps as the ISO strings a JSONL/CSV corpus would hold."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
