"""Bringing documents into the store: each runs through the pipeline once, at ingest time.

A document already stored with the same id and text is skipped; one whose text changed is
re-extracted and replaced. A document the extractor crashes on becomes a :class:`Problem`
and the others are still saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline.app.store import TimelineStore, text_hash
from timeline.app.wording import counted
from timeline.events import events_frame
from timeline.events.relabel import SentenceNotFound, document_labels
from timeline.extract.records import Record
from timeline.ingest import Skipped, read_documents
from timeline.ingest.document import Document, Problem
from timeline.pipeline import document_event_rows, record_event_rows

BATCH_SIZE = 200  # documents saved per SQLite transaction


@dataclass(slots=True)
class IngestReport:
    """What happened to each item handed to :func:`add_documents`."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # files in folders that are not documents

    def summary(self) -> str:
        """One line for people: "Added 2 documents, updated 1 changed document (14 events); 3 unchanged"."""
        changes = []
        if self.added or not (self.replaced or self.unchanged):
            changes.append(f"added {counted(len(self.added), 'document')}")
        if self.replaced:
            changes.append(f"updated {counted(len(self.replaced), 'changed document')}")
        parts = [", ".join(changes) + f" ({counted(self.events, 'event')})"] if changes else []
        if self.unchanged:
            parts.append(f"{len(self.unchanged):,} unchanged")
        if self.skipped:
            parts.append(f"{counted(len(self.skipped), 'file')} skipped")
        if self.problems:
            parts.append(counted(len(self.problems), "problem"))
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]


def add_documents(
    store: TimelineStore,
    items: Iterable[Document | Problem],
    *,
    force: bool = False,
    progress: Callable[[IngestReport], None] | None = None,
    events_of: Callable[[Document], list[dict[str, Any]] | Problem] = document_event_rows,
) -> IngestReport:
    """Extract and save every new or changed document of ``items``; collect the problems.

    ``force`` re-extracts documents even when their stored text is unchanged. ``progress`` is
    called with the report so far after each saved batch. ``events_of`` gives a document's
    event rows (by default: the pipeline extracts them).
    """
    report = IngestReport()
    batch: list[Document] = []
    rows: list[dict[str, Any]] = []  # the events of the batch, tabulated once when it is saved
    seen: dict[str, str] = {}  # id -> hash of the documents of this run, saved or pending

    def flush() -> None:
        store.save(batch, events_frame(rows))
        batch.clear()
        rows.clear()
        if progress is not None:
            progress(report)

    for item in items:
        if isinstance(item, Problem):
            (report.skipped if isinstance(item, Skipped) else report.problems).append(item)
            continue
        digest = text_hash(item.text)
        stored = seen.get(item.id) or store.stored_hash(item.id)
        if stored == digest and not force:
            report.unchanged.append(item.id)
            continue
        events = events_of(item)
        if isinstance(events, Problem):
            report.problems.append(events)
            continue
        (report.replaced if stored is not None else report.added).append(item.id)
        report.events += len(events)
        seen[item.id] = digest
        batch.append(item)
        rows.extend(events)
        if len(batch) >= BATCH_SIZE:
            flush()
    if batch:
        flush()
    return report


def ingest_paths(
    store: TimelineStore,
    paths: Iterable[str | Path],
    *,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read files, folders and corpora into the store; records folders (`timeline extract -o
    DIR.parquet`) go in without extracting again."""
    extracted = _ExtractedRecords()
    items = (item for path in paths for item in extracted.documents(Path(path)))
    return add_documents(store, items, progress=progress, events_of=extracted.events_of)


def reextract(store: TimelineStore) -> IngestReport:
    """Run the extractor again over every stored document (after an upgrade)."""
    return add_documents(store, store.all_documents(), force=True)


@dataclass(frozen=True, slots=True)
class RelabelReport:
    """What :func:`relabel` did: labels changed, events labelled again, documents it could not."""

    changed: int
    events: int
    problems: list[Problem]

    def summary(self) -> str:
        text = f"labels made again for {counted(self.events, 'event')}, {self.changed:,} changed"
        return text + (f"; {counted(len(self.problems), 'document')} kept their labels" if self.problems else "")


def relabel(store: TimelineStore) -> RelabelReport:
    """Make every stored event's label again with this version's label code and words, from the
    stored sentences, offsets and texts: the extractor does not run. A document whose stored
    sentences are not in its text keeps its labels (a problem saying so; ``--reextract`` mends it)."""
    events = store.events()
    rows_of = events.groupby("doc_id", sort=False).indices
    updates: list[tuple[str, int, str]] = []
    problems: list[Problem] = []
    changed = 0
    for document in store.all_documents():
        rows = rows_of.get(document.id)
        if rows is None:
            continue
        table = events.iloc[rows]
        try:
            labels = document_labels(document.text, table)
        except SentenceNotFound as error:
            problems.append(Problem(document.source or document.id, f"labels kept: {error}; run --reextract"))
            continue
        for start, old, new in zip(table["start"], table["label"], labels, strict=True):
            changed += old != new
            updates.append((document.id, int(start), new))
    store.replace_labels(updates)
    return RelabelReport(changed, len(updates), problems)


class _ExtractedRecords:
    """The documents of the paths, with the records that came with them (one partition held at a time)."""

    def __init__(self) -> None:
        self._records: dict[str, list[Record]] = {}
        self._documents: dict[str, Document] = {}

    def documents(self, path: Path) -> Iterator[Document | Problem]:
        if path.suffix.lower() != ".parquet" or not _is_records(path):
            yield from read_documents([path])
            return
        from timeline.pipeline.parquet_records import read_records

        for documents, records in read_records(path):
            self._records, self._documents = {}, {}
            for record in records:
                self._records.setdefault(str(record["doc"]), []).append(record)
            for document in documents:
                self._documents[document.id] = document
            yield from documents

    def events_of(self, document: Document) -> list[dict[str, Any]] | Problem:
        if self._documents.get(document.id) is document:
            return record_event_rows(document, self._records.get(document.id, []))
        return document_event_rows(document)


def _is_records(path: Path) -> bool:
    from timeline.pipeline.parquet_records import is_records_dataset

    return is_records_dataset(path)
