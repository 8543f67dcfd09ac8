"""A corpus of several languages: each document is read in the language its row gives, else the
one --language gives, else the one its text is written in."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main

ROWS = [
    {"id": "es-1", "text": "El ministro llegó ayer a Madrid.", "date": "2021-05-15", "language": "es"},
    {"id": "fr-1", "text": "Le ministre est arrivé hier soir à Paris pour la réunion.", "date": "2021-05-15"},
    {"id": "en-1", "text": "The minister arrived in London yesterday for the talks.", "date": "2021-05-15"},
]


def _corpus(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def test_a_mixed_corpus_reads_each_document_in_its_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_corpus(tmp_path, ROWS))])
    assert result.exit_code == 0, result.output
    found = [(r["doc"], r["text"], r["value"], r["language"]) for r in _records(result.stdout)]
    assert found == [
        ("es-1", "ayer", "2021-05-14", "es"),
        ("fr-1", "hier soir", "2021-05-14TEV", "fr"),
        ("en-1", "yesterday", "2021-05-14", "en"),
    ]


def test_the_language_option_reads_documents_that_give_none(tmp_path: Path) -> None:
    rows = [{"id": "short", "text": "hier", "date": "2021-05-15"}]  # too short to detect: English
    detected = CliRunner().invoke(main, ["extract", str(_corpus(tmp_path, rows))])
    assert _records(detected.stdout) == []
    given = CliRunner().invoke(main, ["extract", "--language", "fr", str(tmp_path / "corpus.jsonl")])
    assert [(r["text"], r["value"], r["language"]) for r in _records(given.stdout)] == [("hier", "2021-05-14", "fr")]


def test_an_unknown_language_is_reported_for_its_document_and_the_rest_read(tmp_path: Path) -> None:
    rows = [{**ROWS[0], "language": "xx"}, ROWS[2], {"id": "bad", "text": "x", "language": "spanish"}]
    result = CliRunner().invoke(main, ["extract", str(_corpus(tmp_path, rows))])
    assert result.exit_code == 1
    assert "corpus.jsonl line 1: extraction failed: ResourceError: xx: no such language" in result.stderr
    assert "corpus.jsonl line 3: invalid language 'spanish' (not a language code (en, es, fr))" in result.stderr
    assert [r["doc"] for r in _records(result.stdout)] == ["en-1"]
