"""One document through the pipeline: document -> extraction -> records, or -> event rows.

Every command runs its documents through these functions: `timeline extract` (records),
`timeline export` and the app's ingest (event rows), the benchmarks, and each Dask task on its
partition. A document the extractor (or the events table) fails on becomes a :class:`Problem`
naming it, and the caller goes on with the next document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import pandas as pd

from timeline.events.build import document_events, events_from_extractions
from timeline.extract import extract
from timeline.extract.model import DctSource, DocumentDate, Extraction
from timeline.extract.records import Record, record_timex, timex_record
from timeline.ingest.document import Document, Problem

ProblemSink = Callable[[Problem], None]
EventRow = dict[str, Any]


def where(document: Document) -> str:
    """How messages name ``document``: its source ("corpus.jsonl line 3"), else its id."""
    return document.source or document.id


def extraction(document: Document, dct: str | None = None, language: str | None = None) -> Extraction | Problem:
    """The extractor's reading of ``document`` (dated ``dct`` and read as ``language`` when it
    gives no date or language of its own; the language is detected when neither says)."""
    try:
        return extract(
            document.text,
            dct=document.date or dct,
            metadata_date=document.metadata_date,
            language=document.language or language,
        )
    except Exception as error:  # noqa: BLE001 - one document's failure must not end the run
        return Problem(where(document), f"extraction failed: {type(error).__name__}: {error}")


def document_records(document: Document, dct: str | None = None, language: str | None = None) -> list[Record] | Problem:
    """One record per temporal expression of ``document``, in text order."""
    found = extraction(document, dct, language)
    if isinstance(found, Problem):
        return found
    return [timex_record(document.id, timex, found.document_date, found.language) for timex in found.timexes]


def event_rows(document: Document, found: Extraction) -> list[EventRow] | Problem:
    """The event rows of a document already extracted; a Problem when a value cannot be placed."""
    try:
        return document_events(document, found)
    except ValueError as error:  # a date the time scale cannot hold
        return Problem(where(document), str(error).removeprefix(f"{where(document)}: "))


def record_event_rows(document: Document, records: Sequence[Record]) -> list[EventRow] | Problem:
    """The event rows of ``document`` from its records, extracted elsewhere (a cluster's Parquet output)."""
    try:
        pairs = [record_timex(record) for record in records]
    except (KeyError, ValueError, TypeError) as error:
        return Problem(where(document), f"not a timeline record: {type(error).__name__}: {error}")
    document_date = pairs[0][1] if pairs else DocumentDate(None, DctSource.NONE)
    language = str(records[0].get("language") or "en") if records else "en"
    return event_rows(document, Extraction([timex for timex, _ in pairs], document_date, language))


def document_event_rows(document: Document, dct: str | None = None) -> list[EventRow] | Problem:
    """The event rows of ``document``: extraction, then the events table's rules."""
    found = extraction(document, dct)
    return found if isinstance(found, Problem) else event_rows(document, found)


def documents_only(items: Iterable[Document | Problem], on_problem: ProblemSink) -> Iterator[Document]:
    """The documents of ``items``, each Problem among them handed to ``on_problem``."""
    for item in items:
        if isinstance(item, Problem):
            on_problem(item)
        else:
            yield item


def extractions(
    items: Iterable[Document | Problem], on_problem: ProblemSink, dct: str | None = None
) -> Iterator[tuple[Document, Extraction]]:
    """Each readable document with its extraction; problems (input or extraction) to ``on_problem``."""
    for document in documents_only(items, on_problem):
        found = extraction(document, dct)
        if isinstance(found, Problem):
            on_problem(found)
        else:
            yield document, found


def stream_records(
    items: Iterable[Document | Problem], on_problem: ProblemSink, dct: str | None = None, language: str | None = None
) -> Iterator[Record]:
    """The records of every document of ``items``, streamed in document order (one process)."""
    for document in documents_only(items, on_problem):
        records = document_records(document, dct, language)
        if isinstance(records, Problem):
            on_problem(records)
        else:
            yield from records


def events_from_documents(documents: Iterable[Document]) -> pd.DataFrame:
    """The events table of ``documents``; raises on a document the extractor fails on (for tests, benchmarks)."""
    return events_from_extractions(
        (
            document,
            extract(document.text, document.date, metadata_date=document.metadata_date, language=document.language),
        )
        for document in documents
    )
