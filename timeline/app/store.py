"""SQLite persistence of documents and their events, so a restart keeps them.

Two tables: ``documents`` (id, title, text, date, metadata_date, source, text_hash) and
``events`` (the columns of the events table, in order, plus nothing else), the events
deleted with their document. The store never extracts: callers hand it events built at
ingest time. ``events()`` is cached in memory and reloaded only when the ``revision``
counter in the database moved, so figure callbacks read a DataFrame, not SQLite; an Arrow
copy beside the file (:mod:`timeline.app.snapshot`) makes the first read of a big store quick.

Every write records, in ``changes``, the ids of the documents it saved or deleted under the
revision it made, so a revision that adds or deletes a few documents is read as the previous
table (in memory, or an older copy) less those documents' rows plus their rows now, not as a
whole new read: the rows of the other documents did not change, and rows saved later have
higher rowids, so the order is that of ``ORDER BY rowid``. A revision with no record (a write
by an older version of timeline, or one older than the :data:`_CHANGES_KEPT` kept) means a
whole read.

If the events table in the file was written with other columns than the current events
schema (an older version of timeline), it is emptied and :attr:`TimelineStore.events_outdated`
is set, so the caller can re-extract the stored documents. If its labels were made by another
version of the label code (``meta.label_version``, none in a file of a version before it was
kept), :attr:`TimelineStore.labels_outdated` is set: :meth:`TimelineStore.replace_labels` writes
labels made again (:func:`timeline.app.collection.relabel`, which `timeline serve` runs).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype

from timeline.app.snapshot import Snapshot, SnapshotWriter, read_snapshot, replace_documents
from timeline.errors import StoreError
from timeline.events import empty_events
from timeline.events.relabel import LABEL_VERSION
from timeline.ingest.document import Document

DB_ENV_VAR = "TIMELINE_DB"


def default_db_path() -> Path:
    """``$TIMELINE_DB``, else ``$XDG_DATA_HOME/timeline/timeline.sqlite3`` (``~/.local/share`` by default)."""
    if os.environ.get(DB_ENV_VAR):
        return Path(os.environ[DB_ENV_VAR]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "timeline" / "timeline.sqlite3"


def text_hash(text: str) -> str:
    """The fingerprint that decides whether a re-ingested document changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as listed in the store, without its text."""

    id: str
    title: str | None
    date: str | None
    source: str
    events: int


_DOCUMENTS_DDL = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    text TEXT NOT NULL,
    date TEXT,
    metadata_date TEXT,
    source TEXT NOT NULL DEFAULT '',
    text_hash TEXT NOT NULL
)"""
_META_DDL = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
# The documents each revision saved or deleted (a JSON list of ids).
_CHANGES_DDL = "CREATE TABLE IF NOT EXISTS changes (revision INTEGER PRIMARY KEY, documents TEXT NOT NULL)"
_CHANGES_KEPT = 1000  # revisions whose documents are remembered


def _sql_type(dtype: np.dtype[Any] | ExtensionDtype) -> str:
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return "INTEGER"
    if pd.api.types.is_float_dtype(dtype):
        return "REAL"
    return "TEXT"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class TimelineStore:
    """Documents and events in one SQLite file; safe to share between the server's threads."""

    def __init__(self, path: str | Path) -> None:
        """Open (or create) the store at ``path``; raises StoreError when it cannot."""
        self.path = Path(path)
        self._lock = threading.RLock()
        self._template = empty_events()
        self._columns: list[str] = list(self._template.columns)
        self._cache: Snapshot | None = None
        self._documents_cache: list[StoredDocument] | None = None
        self._documents_revision = -1
        self.events_outdated = False
        self.labels_outdated = False
        try:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._create_schema()
            self._check_label_version()
            self._id = self._store_id()
        except (OSError, sqlite3.Error) as error:  # a file that is not a database, a folder we cannot write ...
            raise StoreError(f"{self.path}: cannot open the database: {error}") from None
        self._on_disk = str(self.path) != ":memory:"
        self._snapshots = SnapshotWriter(self.path, self._id)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database, once the Arrow copy being written is on disk."""
        self._snapshots.wait()
        with self._lock:
            self._db.close()

    def __enter__(self) -> TimelineStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, documents: Collection[str] | None = None) -> Iterator[sqlite3.Connection]:
        """A write that moves the revision on; ``documents``: the ids of the documents it saves or
        deletes (None: it may change anything, and the next read reads everything)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute(
                "INSERT INTO meta(key, value) VALUES ('revision', '1') ON CONFLICT(key) "
                "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )
            if documents is not None:
                revision = self.revision
                self._db.execute("INSERT INTO changes VALUES (?, ?)", (revision, json.dumps(sorted(documents))))
                self._db.execute("DELETE FROM changes WHERE revision <= ?", (revision - _CHANGES_KEPT,))
            self._db.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[int]:
        """One read transaction (another process may be writing), and its revision."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self.revision
            finally:
                self._db.execute("COMMIT")

    def _create_schema(self) -> None:
        wanted = json.dumps([[c, _sql_type(t)] for c, t in self._template.dtypes.items()])
        with self._lock:
            self._db.execute(_META_DDL)
            self._db.execute(_DOCUMENTS_DDL)
            self._db.execute(_CHANGES_DDL)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'event_columns'").fetchone()
            if row is not None and row[0] == wanted:
                return
        columns = ",\n    ".join(f"{_quoted(str(c))} {_sql_type(t)}" for c, t in self._template.dtypes.items())
        with self._transaction() as db:
            db.execute("DROP TABLE IF EXISTS events")
            db.execute(
                f"CREATE TABLE events (\n    {columns},\n"
                "    FOREIGN KEY (doc_id) REFERENCES documents(id) ON DELETE CASCADE\n)"
            )
            db.execute("CREATE INDEX events_doc ON events(doc_id)")
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('event_columns', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (wanted,),
            )
            has_documents = db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None
        self.events_outdated = row is not None and has_documents

    def _check_label_version(self) -> None:
        """Set :attr:`labels_outdated` when stored labels were made by another label version; a
        store without events takes the current one (a write of its own, which moves no revision)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'label_version'").fetchone()
            if row is not None and row[0] == LABEL_VERSION:
                return
            if self._db.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None:
                self.labels_outdated = True
                return
            self._set_label_version(self._db)  # no event changes: the revision stays

    @staticmethod
    def _set_label_version(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta(key, value) VALUES ('label_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (LABEL_VERSION,),
        )

    def _store_id(self) -> str:
        """This database's id (made on first use), which its Arrow copies carry."""
        with self._lock:
            read = "SELECT value FROM meta WHERE key = 'store_id'"
            row = self._db.execute(read).fetchone()
            if row is None:  # written once: an open does not wait for another process's write
                self._db.execute(
                    "INSERT INTO meta(key, value) VALUES ('store_id', ?) ON CONFLICT(key) DO NOTHING",
                    (uuid.uuid4().hex,),
                )
                row = self._db.execute(read).fetchone()
            return str(row[0])

    # -- reading -----------------------------------------------------------------------------

    @property
    def revision(self) -> int:
        """A counter that moves on every write, in this process or another one."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0]) if row else 0

    def stored_hash(self, doc_id: str) -> str | None:
        """The text hash of the stored document ``doc_id``, or None when it is not stored."""
        with self._lock:
            row = self._db.execute("SELECT text_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def document(self, doc_id: str) -> Document | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, text, title, date, source, metadata_date FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        if row is None:
            return None
        return Document(id=row[0], text=row[1], title=row[2], date=row[3], source=row[4], metadata_date=row[5])

    def all_documents(self) -> Iterator[Document]:
        """Every stored document with its text, in the order they were added."""
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM documents ORDER BY rowid")]
        for doc_id in ids:
            document = self.document(doc_id)
            if document is not None:
                yield document

    def document_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def documents(self) -> list[StoredDocument]:
        """The stored documents (without text) with their event counts, in the order they were added;
        kept until the store changes (an archive lists hundreds of thousands), then brought up to
        date with the documents changed since."""
        with self._reading() as revision:
            listed = self._documents_cache
            if listed is None or revision != self._documents_revision:
                changed = self._changed_since(self._documents_revision, revision) if listed is not None else None
                if listed is None or changed is None:
                    listed = self._listed_documents(None)
                else:
                    listed = [d for d in listed if d.id not in changed] + self._listed_documents(changed)
                self._documents_cache, self._documents_revision = listed, revision
            return list(listed)

    def _listed_documents(self, ids: Collection[str] | None) -> list[StoredDocument]:
        """The documents ``ids`` (None: all) still stored, in the order they were added."""
        where, chosen = self._only(ids)
        counts = dict(
            self._db.execute(f"SELECT doc_id, COUNT(*) FROM events {where('doc_id')} GROUP BY doc_id", chosen)
        )
        rows = self._db.execute(f"SELECT id, title, date, source FROM documents {where('id')} ORDER BY rowid", chosen)
        return [
            StoredDocument(doc_id, title, date, source, counts.get(doc_id, 0)) for doc_id, title, date, source in rows
        ]

    @staticmethod
    def _only(ids: Collection[str] | None) -> tuple[Callable[[str], str], tuple[str, ...]]:
        """A WHERE clause keeping the rows whose ``column`` is one of ``ids`` (None: no clause), and its parameters."""
        if ids is None:
            return lambda column: "", ()
        return lambda column: f"WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),)

    def _changed_since(self, revision: int, now: int) -> set[str] | None:
        """The documents saved or deleted after ``revision`` up to ``now``, or None when a revision
        between left no record (read in the transaction that read ``now``)."""
        rows = self._db.execute(
            "SELECT documents FROM changes WHERE revision > ? AND revision <= ?", (revision, now)
        ).fetchall()
        if revision < 0 or len(rows) != now - revision:
            return None
        return {doc_id for (ids,) in rows for doc_id in json.loads(ids)}

    def events(self) -> pd.DataFrame:
        """All events, in the events-table schema; do not modify the frame returned (it is shared).

        A file store reads them from its Arrow copy of the current revision when there is one
        (:mod:`timeline.app.snapshot`). Otherwise it starts from the newest table it has (the one in
        memory, or an older copy) and reads from SQLite only the rows of the documents changed since,
        or, when the changes since are not all recorded, every row; then it writes the copy.
        """
        with self._reading() as revision:
            if self._cache is not None and self._cache.revision == revision:
                return self._cache.events
            cached = self._cache.revision if self._cache is not None else -1
            copy = (
                read_snapshot(self.path, revision, self._template, self._id, newer_than=cached)
                if self._on_disk
                else None
            )
            if copy is not None and copy.revision == revision:
                self._cache = copy
                return copy.events
            base = copy or self._cache  # the newer of the two
            changed = self._changed_since(base.revision, revision) if base is not None else None
            if base is None or changed is None:
                events = self._event_rows(None)
            else:
                events = replace_documents(base.events, changed, self._event_rows(changed))
            self._cache = Snapshot(revision, events)
            if self._on_disk:
                self._snapshots.submit(self._cache)
            return events

    def _event_rows(self, doc_ids: Collection[str] | None) -> pd.DataFrame:
        """The events of the documents ``doc_ids`` (None: of all), in the order they were saved."""
        where, chosen = self._only(doc_ids)
        cursor = self._db.execute(
            f"SELECT {', '.join(map(_quoted, self._columns))} FROM events {where('doc_id')} ORDER BY rowid", chosen
        )
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=self._columns)
        return frame.astype(self._template.dtypes.to_dict())

    # -- writing -----------------------------------------------------------------------------

    def save(self, documents: Sequence[Document], events: pd.DataFrame) -> int:
        """Store the documents with their events (the rows of ``events`` whose doc_id is theirs),
        replacing any stored version; one transaction, one conversion of the events table.

        Returns the number of documents saved.
        """
        placeholders = ", ".join("?" * len(self._columns))
        insert_event = f"INSERT INTO events ({', '.join(map(_quoted, self._columns))}) VALUES ({placeholders})"
        rows = events[self._columns].astype(object)
        with self._transaction([document.id for document in documents]) as db:
            db.executemany("DELETE FROM documents WHERE id = ?", [(document.id,) for document in documents])
            db.executemany(
                "INSERT INTO documents (id, title, text, date, metadata_date, source, text_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        document.id,
                        document.title,
                        document.text,
                        document.date,
                        document.metadata_date,
                        document.source,
                        text_hash(document.text),
                    )
                    for document in documents
                ],
            )
            db.executemany(insert_event, rows.where(rows.notna(), None).itertuples(index=False, name=None))
        return len(documents)

    def replace_labels(self, labels: Sequence[tuple[str, int, str]]) -> None:
        """Write labels made again, ``(doc_id, start, label)`` of each event, and mark the store's
        labels as made by this version; one transaction, after which the events are read whole (the
        rows keep their places, which a read of the changed documents alone would not keep)."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE events SET label = ? WHERE doc_id = ? AND start = ?",
                [(label, doc_id, start) for doc_id, start, label in labels],
            )
            self._set_label_version(db)
        self.labels_outdated = False

    def delete_document(self, doc_id: str) -> bool:
        """Delete a document and its events; False when there was no such document."""
        with self._transaction([doc_id]) as db:
            deleted = db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
        return deleted > 0
