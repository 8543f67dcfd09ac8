"""The Arrow copy of a store's events: used while the store is unchanged, ignored when it is not usable."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from pyarrow import feather
from test_store import TALKS, TREATY, _saved

from timeline.app import snapshot
from timeline.app.snapshot import snapshot_path
from timeline.app.store import TimelineStore


def _copies(database: Path) -> list[Path]:
    return sorted(database.parent.glob(f"{database.name}.events-*"))


def test_a_reopened_store_reads_its_events_from_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.sqlite3"
    with _saved(path, TREATY, TALKS) as store:
        from_sqlite = store.events()
        revision = store.revision
    assert _copies(path) == [snapshot_path(path, revision)]  # written once the store is closed

    def no_sqlite(self: TimelineStore, doc_ids: object) -> None:
        raise AssertionError("read SQLite although the copy is current")

    monkeypatch.setattr(TimelineStore, "_event_rows", no_sqlite)
    with TimelineStore(path) as reopened:
        pd.testing.assert_frame_equal(reopened.events(), from_sqlite)


def test_a_write_from_another_connection_makes_a_new_copy_and_removes_the_old(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    with _saved(path, TREATY) as reader:
        before = reader.events()
        old = _copies(path)
        with _saved(path, TALKS):
            pass
        after = reader.events()
        assert set(after["doc_id"]) == {"treaty.txt", "talks.txt"} and len(after) > len(before)
        revision = reader.revision
    assert _copies(path) == [snapshot_path(path, revision)] != old


def test_a_damaged_copy_is_ignored_and_written_again(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    with _saved(path, TREATY, TALKS) as store:
        expected = store.events()
        copy = snapshot_path(path, store.revision)
    copy.write_bytes(copy.read_bytes()[:100])
    with TimelineStore(path) as reopened:
        pd.testing.assert_frame_equal(reopened.events(), expected)
    assert feather.read_table(copy).num_rows == len(expected)


def test_a_folder_that_cannot_take_a_copy_still_gives_the_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(snapshot.feather, "write_feather", refused)
    path = tmp_path / "t.sqlite3"
    with _saved(path, TREATY, TALKS) as store:
        assert set(store.events()["doc_id"]) == {"treaty.txt", "talks.txt"}
    assert _copies(path) == []


def test_the_partial_copy_of_a_process_that_ended_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    dead_pid = _ended_pid()
    abandoned = tmp_path / f"{snapshot_path(path, 1).name}.{dead_pid}.1.partial"
    in_progress = tmp_path / f"{snapshot_path(path, 1).name}.{os.getpid()}.1.partial"
    abandoned.write_bytes(b"half a copy")
    in_progress.write_bytes(b"being written")
    with _saved(path, TREATY) as store:
        store.events()
    assert not abandoned.exists() and in_progress.exists()
    assert set(_copies(path)) == {snapshot_path(path, 2), in_progress}


def _ended_pid() -> int:
    process = subprocess.Popen(["true"])  # noqa: S607 - a process that has ended, for its pid
    process.wait()
    return process.pid


def test_a_store_in_memory_keeps_no_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with _saved(Path(":memory:"), TREATY) as store:
        assert len(store.events()) > 0
    assert list(tmp_path.iterdir()) == []
