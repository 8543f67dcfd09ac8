"""Adding a document to a big store and deleting it again, each with the next view, in one process.

This is what a visitor waits for after the Add or Delete button: the document is extracted and
saved (or deleted), then the figure callback draws the page's first view of the store's new
revision (the events table brought up to date, prepared and drawn). Timed as the app runs the
functions, without a browser; the store is left with the documents it had (its revision moves on).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from timeline.app.callbacks import delete_document, filtered_figure
from timeline.app.collection import add_documents
from timeline.app.prepared import PreparedEvents
from timeline.app.store import TimelineStore
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents

PLOT_WIDTH = 1100  # px: about the graph's width in a 1440 px window


@dataclass(frozen=True, slots=True)
class ChangeTimes:
    """Seconds from the button to the next view drawn."""

    add: float
    delete: float


def time_add_and_delete(db: Path, document: Document) -> ChangeTimes:
    """Open the store at ``db``, draw its first view, then add ``document`` (under a new id) and
    delete it, timing each up to the next view."""
    with TimelineStore(db) as store:
        source = PreparedEvents(store)

        def next_view() -> None:
            filtered_figure(source, {}, "document", None, PLOT_WIDTH, store.events())

        next_view()
        events_from_documents([document])  # the extractor loaded, as in a server that has added before
        added = Document(
            id=f"bench-added-{uuid.uuid4().hex}", text=document.text, title=document.title, date=document.date
        )
        began = time.perf_counter()
        add_documents(store, [added])
        next_view()
        add = time.perf_counter() - began
        began = time.perf_counter()
        delete_document(store, added.id)
        next_view()
        return ChangeTimes(add, time.perf_counter() - began)
