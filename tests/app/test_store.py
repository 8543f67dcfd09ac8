"""The SQLite store: documents and events survive a reopen; deleting a document deletes its events."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from timeline.app.store import TimelineStore, default_db_path, text_hash
from timeline.events import empty_events, validate_events
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents

TREATY = Document(
    id="treaty.txt",
    text="The treaty of 1997 still holds, they said on May 13, 2021.",
    title="Treaty",
    date="2021-05-15",
    source="data/treaty.txt",
)
TALKS = Document(id="talks.txt", text="Talks resumed on May 13, 2021 in Moscow.", title=None, source="talks.txt")


def _saved(path: Path, *documents: Document) -> TimelineStore:
    store = TimelineStore(path)
    store.save(documents, events_from_documents(documents))
    return store


def test_documents_and_events_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    expected = events_from_documents([TREATY, TALKS])
    _saved(path, TREATY, TALKS).close()

    with TimelineStore(path) as reopened:
        events = reopened.events()
        assert reopened.document("treaty.txt") == TREATY
        assert reopened.document("talks.txt") == TALKS
        assert [d.id for d in reopened.documents()] == ["treaty.txt", "talks.txt"]
        assert [d.events for d in reopened.documents()] == [
            int((expected["doc_id"] == "treaty.txt").sum()),
            int((expected["doc_id"] == "talks.txt").sum()),
        ]
    validate_events(events)
    assert len(events) >= 3  # "1997" and two "May 13, 2021"
    pd.testing.assert_frame_equal(events.reset_index(drop=True), expected.reset_index(drop=True))


def test_deleting_a_document_removes_its_events(tmp_path: Path) -> None:
    with _saved(tmp_path / "t.sqlite3", TREATY, TALKS) as store:
        assert store.delete_document("treaty.txt") is True
        assert store.delete_document("treaty.txt") is False
        assert store.document("treaty.txt") is None
        assert set(store.events()["doc_id"]) == {"talks.txt"}
    # the rows are gone from the file, not just from the cache
    with closing(sqlite3.connect(tmp_path / "t.sqlite3")) as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE doc_id = 'treaty.txt'").fetchone() == (0,)


def test_saving_a_document_again_replaces_its_events(tmp_path: Path) -> None:
    changed = Document(id="talks.txt", text="Talks resumed in 1997.", source="talks.txt")
    with _saved(tmp_path / "t.sqlite3", TALKS) as store:
        assert store.stored_hash("talks.txt") == text_hash(TALKS.text)
        store.save([changed], events_from_documents([changed]))
        assert store.stored_hash("talks.txt") == text_hash(changed.text)
        assert list(store.events()["text"]) == ["1997"]


def test_events_reflect_writes_made_through_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    with _saved(path, TREATY) as first, TimelineStore(path) as second:
        before = first.revision
        assert set(first.events()["doc_id"]) == {"treaty.txt"}
        second.save([TALKS], events_from_documents([TALKS]))
        assert first.revision > before
        assert set(first.events()["doc_id"]) == {"treaty.txt", "talks.txt"}


def test_an_empty_store_gives_an_empty_events_table(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "new" / "t.sqlite3") as store:
        events = store.events()
        assert store.documents() == []
    assert list(events.columns) == list(empty_events().columns)
    assert events.empty
    validate_events(events)


def test_a_file_written_with_other_event_columns_is_flagged_for_re_extraction(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _saved(path, TREATY).close()
    with closing(sqlite3.connect(path)) as db:  # as if an older version had written other columns
        db.execute("UPDATE meta SET value = '[]' WHERE key = 'event_columns'")
        db.commit()
    with TimelineStore(path) as store:
        assert store.events_outdated
        assert store.events().empty
        assert store.document("treaty.txt") == TREATY
    with TimelineStore(path) as store:
        assert not store.events_outdated


def test_default_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "chosen.sqlite3"))
    assert default_db_path() == tmp_path / "chosen.sqlite3"
    monkeypatch.delenv("TIMELINE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "timeline" / "timeline.sqlite3"
