"""A revision that adds, replaces or deletes documents is read as the previous table brought up to
date, and that table is the one a whole read of SQLite gives, row for row, in the same order."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Collection
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.app import store as store_module
from timeline.app.snapshot import snapshot_path
from timeline.app.store import StoredDocument, TimelineStore
from timeline.events import empty_events
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents

TEXTS = (
    "The treaty of 1997 still holds, they said on May 13, 2021.",
    "Talks resumed on May 13, 2021 in Moscow. In the spring of 1998 they had stopped.",
    "No date here at all.",  # a document without events
    "The 1990s ended; the next decade began on 1 January 2000, a Saturday.",
)
# Documents 0-3 and a second text under the same id (4-7 replace 0-3): what a re-ingest saves.
DOCUMENTS = [
    Document(
        id=f"doc-{i % len(TEXTS)}", text=TEXTS[(i + i // len(TEXTS)) % len(TEXTS)], title=f"Doc {i}", date="2021-05-15"
    )
    for i in range(2 * len(TEXTS))
]
EVENTS = {i: events_from_documents([document]) for i, document in enumerate(DOCUMENTS)}


def _from_scratch(path: Path) -> pd.DataFrame:
    """The events as a whole read of the file gives them, by a connection of its own."""
    template = empty_events()
    columns = ", ".join(f'"{column}"' for column in template.columns)
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(f"SELECT {columns} FROM events ORDER BY rowid").fetchall()
    return pd.DataFrame.from_records(rows, columns=list(template.columns)).astype(template.dtypes.to_dict())


def _listed_from_scratch(path: Path) -> list[StoredDocument]:
    with TimelineStore(path) as fresh:
        return fresh.documents()


def _save(store: TimelineStore, *indexes: int) -> None:
    store.save([DOCUMENTS[i] for i in indexes], pd.concat([EVENTS[i] for i in indexes], ignore_index=True))


class _Reads:
    """Counts the whole reads of the events table a store makes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.whole = 0
        event_rows = TimelineStore._event_rows

        def counted(store: TimelineStore, doc_ids: Collection[str] | None) -> pd.DataFrame:
            self.whole += doc_ids is None
            return event_rows(store, doc_ids)

        monkeypatch.setattr(TimelineStore, "_event_rows", counted)


_STEPS = st.lists(
    st.tuples(
        st.one_of(
            st.tuples(st.just("save"), st.lists(st.integers(0, len(DOCUMENTS) - 1), min_size=1, max_size=3)),
            st.tuples(st.just("delete"), st.integers(0, len(TEXTS))),  # doc-4 is never stored
            st.tuples(st.just("reopen"), st.none()),  # as another process would: from the copy on disk
        ),
        st.booleans(),  # then read and compare (else the next read spans several revisions)
    ),
    min_size=1,
    max_size=12,
)


@given(steps=_STEPS)
def test_the_events_after_any_saves_and_deletes_are_those_of_a_whole_read(
    steps: list[tuple[tuple[str, object], bool]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.sqlite3"
        store = TimelineStore(path)
        try:
            store.events()
            store.documents()
            for (action, argument), compare in [*steps, (("reopen", None), True)]:
                if action == "save":
                    assert isinstance(argument, list)
                    _save(store, *{DOCUMENTS[i].id: i for i in argument}.values())  # a document once a save
                elif action == "delete":
                    store.delete_document(f"doc-{argument}")
                else:
                    store.close()
                    store = TimelineStore(path)
                if compare:
                    pd.testing.assert_frame_equal(store.events(), _from_scratch(path))
                    assert store.documents() == _listed_from_scratch(path)
        finally:
            store.close()


def test_adding_a_document_reads_only_its_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.sqlite3"
    with TimelineStore(path) as store:
        _save(store, 0, 1)
        store.events()
        reads = _Reads(monkeypatch)
        _save(store, 3)
        assert set(store.events()["doc_id"]) == {"doc-0", "doc-1", "doc-3"}
        store.delete_document("doc-0")
        pd.testing.assert_frame_equal(store.events(), _from_scratch(path))
        assert reads.whole == 0


def test_another_process_starts_from_the_older_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.sqlite3"
    with TimelineStore(path) as first:
        _save(first, 0, 1)
        first.events()
    with TimelineStore(path) as second:  # writes, never reads: no copy of its revision
        _save(second, 6)
        second.delete_document("doc-0")
        revision = second.revision
    assert not snapshot_path(path, revision).exists()
    reads = _Reads(monkeypatch)
    with TimelineStore(path) as third:
        pd.testing.assert_frame_equal(third.events(), _from_scratch(path))
    assert reads.whole == 0
    assert [p.name for p in tmp_path.glob("*.arrow")] == [snapshot_path(path, revision).name]


def test_a_write_that_left_no_record_means_a_whole_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.sqlite3"
    with TimelineStore(path) as store:
        _save(store, 0, 1)
        store.events()
        with closing(sqlite3.connect(path)) as db:  # as an older version of timeline writes: no record
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("DELETE FROM documents WHERE id = 'doc-1'")
            db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
            db.commit()
        reads = _Reads(monkeypatch)
        _save(store, 2)  # recorded, but the revision before it is not
        pd.testing.assert_frame_equal(store.events(), _from_scratch(path))
        assert store.documents() == _listed_from_scratch(path)
        assert reads.whole == 1


def test_a_damaged_older_copy_means_a_whole_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.sqlite3"
    with TimelineStore(path) as store:
        _save(store, 0, 1)
        store.events()
        copy = snapshot_path(path, store.revision)
    copy.write_bytes(copy.read_bytes()[:200])
    with TimelineStore(path) as writer:
        _save(writer, 2)
    reads = _Reads(monkeypatch)
    with TimelineStore(path) as store:
        pd.testing.assert_frame_equal(store.events(), _from_scratch(path))
    assert reads.whole == 1


def test_a_copy_of_another_database_of_the_same_name_is_no_base(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    with TimelineStore(path) as old:
        _save(old, 0, 1, 2)
        old.events()
        old_copy = snapshot_path(path, old.revision)
    path.unlink()
    with TimelineStore(path) as new:  # made again: its revisions count from the start
        _save(new, 3)
        _save(new, 4)
        assert new.revision > int(old_copy.name.split("-")[-1].split(".")[0])
        pd.testing.assert_frame_equal(new.events(), _from_scratch(path))
        assert set(new.events()["doc_id"]) == {"doc-3", "doc-0"}


def test_only_the_latest_revisions_are_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_CHANGES_KEPT", 3)
    path = tmp_path / "t.sqlite3"
    with TimelineStore(path) as store:
        _save(store, 0)
        store.events()
        for _ in range(4):
            _save(store, 1)
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("SELECT COUNT(*) FROM changes").fetchone() == (3,)
        reads = _Reads(monkeypatch)
        pd.testing.assert_frame_equal(store.events(), _from_scratch(path))
        assert reads.whole == 1
