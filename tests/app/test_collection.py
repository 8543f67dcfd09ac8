"""Bringing documents into the store: extraction at ingest, unchanged documents skipped, problems kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import timeline.pipeline.documents as pipeline_documents
from timeline.app.collection import add_documents, ingest_paths, reextract
from timeline.app.store import TimelineStore
from timeline.extract import Extraction
from timeline.ingest.document import Document


@pytest.fixture
def store(tmp_path: Path) -> TimelineStore:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        yield store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "talks.txt").write_text("Talks resumed on May 13, 2021 in Moscow.", encoding="utf-8")
    (folder / "treaty.md").write_text("# Treaty\n\nThe treaty of 1997 still holds.", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    rows = [{"id": "r1", "text": "Signed on May 13, 2021.", "date": "2021-05-15"}, {"id": "r2"}]
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return folder


def test_ingesting_a_folder_stores_documents_events_and_reports_the_rest(store: TimelineStore, folder: Path) -> None:
    report = ingest_paths(store, [folder])

    assert sorted(report.added) == sorted([str(folder / "talks.txt"), str(folder / "treaty.md"), "r1"])
    stored = store.events()
    assert set(stored["text"]) >= {"May 13, 2021", "1997"}
    assert report.events == len(stored)
    assert [p.source for p in report.skipped] == [str(folder / "photo.jpg")]
    assert len(report.problems) == 1 and "corpus.jsonl line 2" in str(report.problems[0])
    assert report.summary() == f"Added 3 documents ({len(stored)} events); 1 file skipped; 1 problem"


def test_ingesting_again_skips_unchanged_documents_and_replaces_changed_ones(
    store: TimelineStore, folder: Path
) -> None:
    ingest_paths(store, [folder])
    (folder / "talks.txt").write_text("Talks resumed in 1997.", encoding="utf-8")

    report = ingest_paths(store, [folder])

    assert report.added == []
    assert report.replaced == [str(folder / "talks.txt")]
    assert sorted(report.unchanged) == sorted([str(folder / "treaty.md"), "r1"])
    events = store.events()
    assert list(events.loc[events["doc_id"] == str(folder / "talks.txt"), "text"]) == ["1997"]
    assert report.summary() == "Updated 1 changed document (1 event); 2 unchanged; 1 file skipped; 1 problem"


def test_a_document_the_extractor_fails_on_becomes_a_problem_and_the_others_are_saved(
    store: TimelineStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_extract = pipeline_documents.extract

    def failing_on_poison(text: str, **kwargs: Any) -> Extraction:
        if "poison" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real_extract(text, **kwargs)

    monkeypatch.setattr(pipeline_documents, "extract", failing_on_poison)
    good = Document(id="good", text="Signed on May 13, 2021.", source="good.txt")
    bad = Document(id="bad", text="poison 1997", source="corpus.csv row 4")

    report = add_documents(store, [bad, good])

    assert report.added == ["good"]
    assert [str(p) for p in report.problems] == [
        "corpus.csv row 4: extraction failed: RecursionError: maximum recursion depth exceeded"
    ]
    assert set(store.events()["doc_id"]) == {"good"}


def test_a_repeated_id_in_one_run_is_saved_once(store: TimelineStore) -> None:
    twice = [Document(id="x", text="In 1997."), Document(id="x", text="In 1997.")]
    report = add_documents(store, twice)
    assert report.added == ["x"] and report.unchanged == ["x"]
    assert len(store.events()) == 1


def test_reextract_rebuilds_every_stored_documents_events(store: TimelineStore, folder: Path) -> None:
    ingest_paths(store, [folder])
    before = store.events().sort_values("event_id").reset_index(drop=True)

    report = reextract(store)

    assert sorted(report.replaced) == sorted(store.events()["doc_id"].unique())
    after = store.events().sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)
