"""Deleted documents kept for a while, so a slip of the × can be undone ("Deleted X · Undo").

The document and its events rows are kept in memory as they were stored, and put back as they
were (no extraction runs again). Only the last few deletions are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import pandas as pd

from timeline.app.store import TimelineStore
from timeline.ingest.document import Document

KEPT_DELETIONS = 20


class DeletedDocuments:
    """The last :data:`KEPT_DELETIONS` deleted documents of one store, by id."""

    def __init__(self, store: TimelineStore) -> None:
        self._store = store
        self._kept: OrderedDict[str, tuple[Document, pd.DataFrame]] = OrderedDict()
        self._lock = threading.Lock()

    def delete(self, doc_id: str) -> Document | None:
        """Delete ``doc_id`` and its events, keeping them; the document, or None if it was not stored."""
        document = self._store.document(doc_id)
        if document is None:
            return None
        events = self._store.events()
        rows = events[events["doc_id"] == doc_id].copy()
        if not self._store.delete_document(doc_id):
            return None
        with self._lock:
            self._kept[doc_id] = (document, rows)
            while len(self._kept) > KEPT_DELETIONS:
                self._kept.popitem(last=False)
        return document

    def undo(self, doc_id: str) -> Document | None:
        """Put ``doc_id`` back as it was; None when it is not kept (too old, or already restored)."""
        with self._lock:
            kept = self._kept.pop(doc_id, None)
        if kept is None:
            return None
        document, rows = kept
        self._store.save([document], rows)
        return document
