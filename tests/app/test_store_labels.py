"""A store whose labels an older version made gets them made again, from what it stores.

``tests/data/store-labels-before-versions.sqlite3`` was written by ``timeline add`` of the
version before labels had a version (commit d095898), with the Spanish and French samples and
the Wikinews A380 corpus of data/: its labels say "Créé en, le festival …" and "Are not due -
two years late".
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from timeline.app.collection import relabel
from timeline.app.store import TimelineStore
from timeline.events.relabel import LABEL_VERSION
from timeline.ingest import Document
from timeline.pipeline import events_from_documents

OLD_STORE = Path(__file__).parents[1] / "data" / "store-labels-before-versions.sqlite3"


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A copy of the old store (opening a store writes to it)."""
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(OLD_STORE, copy)
    return copy


def labels_by_event(events: pd.DataFrame) -> dict[str, str]:
    return dict(zip(events["event_id"], events["label"], strict=True))


def fresh_labels(store: TimelineStore) -> dict[str, str]:
    """The labels this version makes when it extracts the stored documents again."""
    return labels_by_event(events_from_documents(list(store.all_documents())))


def test_labels_made_by_an_older_version_are_made_again_as_an_extraction_would(old_store: Path) -> None:
    with TimelineStore(old_store) as store:
        assert store.labels_outdated and not store.events_outdated
        before = store.events().copy()
        assert "Créé en, le festival célèbre une tradition qui remonte au" in set(before["label"])
        report = relabel(store)
        after = store.events()
        assert report.problems == [] and report.events == len(before) == 65
        assert report.changed == int((before["label"] != after["label"]).sum()) >= 10
        assert labels_by_event(after) == fresh_labels(store)
        # Only the labels changed.
        others = [c for c in before.columns if c != "label"]
        pd.testing.assert_frame_equal(before[others], after[others])
        assert "Deliveries to Singapore Airlines are not due - two years late" in set(after["label"])
    with TimelineStore(old_store) as reopened:
        assert not reopened.labels_outdated
        assert labels_by_event(reopened.events()) == labels_by_event(after)


def test_a_new_store_is_of_this_label_version_and_stays_so(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    with TimelineStore(db) as store:
        assert not store.labels_outdated
        document = Document(id="d", text="Talks resumed on May 13, 2021 in Moscow.", date="2021-05-15")
        store.save([document], events_from_documents([document]))
    with TimelineStore(db) as store:
        assert not store.labels_outdated
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'label_version'").fetchone() == (LABEL_VERSION,)


def test_a_document_whose_sentences_are_not_in_its_text_keeps_its_labels(old_store: Path) -> None:
    doc_id = "data/fr-festival-saint-aubin-2018-10-03.txt"
    with closing(sqlite3.connect(old_store)) as conn, conn:
        conn.execute("UPDATE documents SET text = upper(text) WHERE id = ?", (doc_id,))
    with TimelineStore(old_store) as store:
        before = store.events().copy()
        report = relabel(store)
        assert [str(p) for p in report.problems] == [
            f"{doc_id}: labels kept: offset 166: the stored sentence is not in the document's text there; run --reextract"
        ]
        after = store.events()
        kept = before["doc_id"] == doc_id
        assert after.loc[kept, "label"].tolist() == before.loc[kept, "label"].tolist()
        assert (after.loc[~kept, "label"] != before.loc[~kept, "label"]).sum() >= 5


def test_serve_makes_the_old_labels_again_before_it_opens(old_store: Path, serve_once: Callable[..., str]) -> None:
    stderr = serve_once("--db", str(old_store), unused_db=old_store.with_name("not-this.sqlite3"))
    assert "the stored labels were made by another version of timeline; making them again" in stderr
    assert "timeline: labels made again for 65 events" in stderr
    assert "extracting the stored documents again" not in stderr  # the extractor did not run
    with TimelineStore(old_store) as store:
        assert not store.labels_outdated
        assert labels_by_event(store.events()) == fresh_labels(store)
