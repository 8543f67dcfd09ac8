"""Parquet corpora: the columns ``id``, ``text`` and optionally ``date``, ``title`` (others ignored).

Rows are numbered from 1 ("corpus.parquet row 3") and read one record batch at a time; a range
of row groups can be read on its own (a Dask partition) with the numbers its rows have in the file.
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
    row_groups: tuple[int, int] | None = None,
    first_number: int = 1,
    first_seen: dict[str, int] | None = None,
) -> Iterator[Numbered]:
    """The documents of the Parquet corpus at ``path``: all, or row groups ``[first, stop)`` of it
    (their first row being row ``first_number``)."""
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
        groups = range(*row_groups) if row_groups else range(parquet.num_row_groups)
        columns = [present[column] for column in _COLUMNS if column in present]
        corpus = CorpusRows("row", first_seen)
        number = first_number
        try:
            for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, row_groups=list(groups), columns=columns):
                for row in batch.to_pylist():
                    fields = {key.lower(): _plain(value) for key, value in row.items()}
                    for item in corpus.document(fields, f"{name} row {number}", number):
                        yield number, item
                    number += 1
        except (OSError, pa.ArrowException) as error:
            yield number, Problem(name, f"cannot read Parquet rows: {error}")
            return
    if row_groups is None and number == first_number:
        yield 0, Problem(name, "empty corpus: no rows")


def _plain(value: object) -> object:
    """Dates and timestamps as the ISO strings a JSONL/CSV corpus would hold."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
