"""Parquet corpora: id, text, optional date (string, date or timestamp) and title; bad files and rows reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.ingest import Document, read_documents


def test_rows_become_documents_with_dates_of_any_parquet_type(tmp_path: Path) -> None:
    corpus = tmp_path / "news.parquet"
    pq.write_table(
        pa.table(
            {
                "ID": ["a", "b", "c"],
                "text": ["Signed on May 13, 2021.", "In 1997.", "Later."],
                "date": [dt.date(2021, 5, 15), None, None],
                "published": [dt.datetime(2020, 1, 2, 10, 0), None, None],
                "title": [" Treaty ", None, ""],
                "language": ["en", "en", "en"],
            }
        ),
        corpus,
    )

    items = list(read_documents([corpus]))

    assert items == [
        Document(id="a", text="Signed on May 13, 2021.", title="Treaty", date="2021-05-15", source=f"{corpus} row 1"),
        Document(id="b", text="In 1997.", source=f"{corpus} row 2"),
        Document(id="c", text="Later.", source=f"{corpus} row 3"),
    ]
    pq.write_table(pa.table({"id": [1], "text": ["x"], "date": [dt.datetime(2021, 5, 15, 23, 0)]}), corpus)
    assert [d.date for d in read_documents([corpus])] == ["2021-05-15"]  # type: ignore[union-attr]


def test_bad_rows_files_and_columns_are_reported(tmp_path: Path) -> None:
    rows = tmp_path / "rows.parquet"
    pq.write_table(
        pa.table(
            {"id": ["a", None, "a"], "text": ["In 1997.", "In 1998.", "In 1999."], "date": ["2021-13-45", None, None]}
        ),
        rows,
    )
    no_text = tmp_path / "no_text.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["In 1997."]}), no_text)
    empty = tmp_path / "empty.parquet"
    pq.write_table(pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), empty)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")

    messages = [str(item) for item in read_documents([rows, no_text, empty, broken]) if not isinstance(item, Document)]

    assert messages == [
        f"{rows} row 1: invalid date '2021-13-45' (not an ISO date, YYYY-MM-DD); read without a date",
        f"{rows} row 2: missing id",
        f"{rows} row 3: duplicate id 'a' (first on row 1); skipped",
        f"{no_text} missing required column text (columns: 'id', 'body')".replace(" missing", ": missing"),
        f"{empty}: empty corpus: no rows",
        messages[-1],
    ]
    assert messages[-1].startswith(f"{broken}: not a readable Parquet file: ")
