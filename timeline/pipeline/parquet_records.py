"""Records as Parquet: the schema of ``timeline extract -o DIR.parquet`` and the files of such a folder.

``DIR.parquet/part-NNNNN.parquet`` holds the records of partition NNNNN (one row per temporal
expression, the columns of :data:`RECORD_SCHEMA`); ``DIR.parquet/_documents/part-NNNNN.parquet``
the documents they were found in (id, title, date, source, text), so `timeline add` can store
them without extracting again; ``DIR.parquet/_timeline/`` what a resumed run needs (the plan, and
each partition's problems and ids). Readers of Parquet datasets skip ``_`` folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.extract.records import RECORD_FIELDS, Record
from timeline.ingest.document import Document

_INTEGER_FIELDS = frozenset({"start", "end", "sentence_start"})
_NOT_NULL = frozenset({"doc", "text", "start", "end", "type", "value", "grain"})
RECORD_SCHEMA = pa.schema(
    [
        pa.field(name, pa.int64() if name in _INTEGER_FIELDS else pa.string(), nullable=name not in _NOT_NULL)
        for name in RECORD_FIELDS
    ]
)
DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("date", pa.string()),
        pa.field("metadata_date", pa.string()),
        pa.field("source", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
    ]
)
DOCUMENTS_FOLDER = "_documents"


def write_part(folder: Path, key: str, records: Sequence[Record], documents: Sequence[Document]) -> None:
    """Write one partition's records and documents, each file replaced only once complete."""
    _write_whole(pa.Table.from_pylist(list(records), schema=RECORD_SCHEMA), folder / f"{key}.parquet")
    rows = [{name: getattr(document, name) for name in DOCUMENT_SCHEMA.names} for document in documents]
    (folder / DOCUMENTS_FOLDER).mkdir(exist_ok=True)
    _write_whole(pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA), folder / DOCUMENTS_FOLDER / f"{key}.parquet")


def drop_documents(folder: Path, key: str, doc_ids: set[str]) -> None:
    """Take the documents ``doc_ids`` (duplicates found across partitions) out of a written partition."""
    for path in (folder / f"{key}.parquet", folder / DOCUMENTS_FOLDER / f"{key}.parquet"):
        table = pq.read_table(path)
        column = "doc" if "doc" in table.column_names else "id"
        keep = [value not in doc_ids for value in table.column(column).to_pylist()]
        if not all(keep):
            _write_whole(table.filter(pa.array(keep)), path)


def is_records_dataset(path: Path) -> bool:
    """Whether ``path`` holds records (a ``timeline extract -o`` output), not a corpus."""
    try:
        names = pq.read_schema(next(_record_files(path))).names
    except (StopIteration, OSError, pa.ArrowException):
        return False
    return "doc" in names and "value" in names and "text" in names


def read_records(path: Path) -> Iterator[tuple[list[Document], list[Record]]]:
    """The documents and records of each partition of a records folder (or of one records file)."""
    for part in _record_files(path):
        documents_file = part.parent / DOCUMENTS_FOLDER / part.name
        records = pq.read_table(part).to_pylist()
        if documents_file.is_file():
            documents = [Document(**row) for row in pq.read_table(documents_file).to_pylist()]
        else:  # records without their documents: the documents are known by id only
            ids = dict.fromkeys(str(record["doc"]) for record in records)
            documents = [Document(id=doc_id, text="", source=str(part)) for doc_id in ids]
        yield documents, records


def _record_files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.glob("*.parquet") if p.is_file() and not p.name.startswith((".", "_")))
    else:
        yield path


def _write_whole(table: pa.Table, path: Path) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        pq.write_table(table, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
