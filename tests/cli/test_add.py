"""`timeline add`: documents into the app's store without serving; a cluster's Parquet records
without extracting again."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

import timeline.pipeline.documents as pipeline_documents
from timeline.app.store import TimelineStore
from timeline.cli import main
from timeline.extract import extract
from timeline.extract.records import record_timex, timex_record

REPO = Path(__file__).resolve().parents[2]


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def events(db: Path) -> pd.DataFrame:
    with TimelineStore(db) as store:
        return store.events().sort_values("event_id").reset_index(drop=True)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    rows = [json.loads(line) for line in (REPO / "data" / "wikinews-airbus-a380.jsonl").read_text().splitlines()]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows) + "{broken\n", encoding="utf-8")
    return path


def test_records_from_parquet_become_the_events_extraction_gives_without_extracting(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dates.parquet"
    assert run("extract", corpus, "--partition-size", 0.01, "-o", out).exit_code == 1  # the broken line
    assert len(list(out.glob("part-*.parquet"))) > 1
    extracted = run("add", corpus, "--db", tmp_path / "extracted.sqlite3")

    def no_extraction(*args: object, **kwargs: object) -> object:
        raise AssertionError("extracted again")

    monkeypatch.setattr(pipeline_documents, "extract", no_extraction)
    loaded = run("add", out, "--db", tmp_path / "loaded.sqlite3")

    assert (loaded.exit_code, extracted.exit_code) == (0, 1)
    assert "Added 8 documents" in loaded.stderr
    pd.testing.assert_frame_equal(events(tmp_path / "loaded.sqlite3"), events(tmp_path / "extracted.sqlite3"))
    with TimelineStore(tmp_path / "loaded.sqlite3") as store:
        first = store.all_documents().__next__()
    assert first.text.startswith(json.loads(corpus.read_text().splitlines()[0])["text"][:40])

    again = run("add", out, "--db", tmp_path / "loaded.sqlite3")
    assert "8 unchanged" in again.stderr


def test_add_corpus_reports_problems_and_exits_1(corpus: Path, tmp_path: Path) -> None:
    result = run("add", corpus, tmp_path / "missing.txt", "--db", tmp_path / "store.sqlite3")
    assert result.exit_code == 1
    assert f"timeline: {corpus} line 9: malformed JSON" in result.stderr
    assert f"timeline: {tmp_path / 'missing.txt'}: no such file or directory" in result.stderr
    assert len(events(tmp_path / "store.sqlite3")) > 20


def test_a_record_gives_back_the_timex_it_was_written_from() -> None:
    text = (REPO / "data" / "armenia-azerbaijan-2021-05-15.txt").read_text(encoding="utf-8")
    extraction = extract(text)
    assert len(extraction.timexes) > 10
    for timex in extraction.timexes:
        back, document_date = record_timex(timex_record("doc", timex, extraction.document_date))
        assert back == timex
        assert (document_date.value, document_date.source) == (
            extraction.document_date.value,
            extraction.document_date.source,
        )
