"""`timeline bench app`'s add and delete step: it times both and leaves the store as it found it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from timeline.app.store import TimelineStore
from timeline.bench.store_change import time_add_and_delete
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents

STORED = [
    Document(
        id=f"d{i}", text=f"The meeting of {1990 + i} was moved to 3 May {2000 + i}.", title=f"D{i}", date="2021-01-01"
    )
    for i in range(3)
]
ADDED = Document(id="talks", text="Talks resumed on May 13, 2021 in Moscow, after the 1998 pause.", date="2021-05-15")


def test_adding_and_deleting_a_document_is_timed_and_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "bench.sqlite3"
    with TimelineStore(path) as store:
        store.save(STORED, events_from_documents(STORED))
        before, listed, revision = store.events(), store.documents(), store.revision
    times = time_add_and_delete(path, ADDED)
    assert times.add > 0 and times.delete > 0
    with TimelineStore(path) as store:
        pd.testing.assert_frame_equal(store.events(), before)
        assert store.documents() == listed
        assert store.revision == revision + 2  # one document saved, then deleted
