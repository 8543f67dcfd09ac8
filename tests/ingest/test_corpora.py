"""JSONL and CSV corpora: one document a row, streamed, and every bad row reported by number."""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path

import pytest

from timeline.ingest import Document, Problem, read_documents


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def split(items: list[Document | Problem]) -> tuple[list[Document], list[Problem]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def test_jsonl_rows_become_documents_with_corpus_ids_dates_and_titles(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "a1", "text": "Signed on May 13, 2021.", "date": "2021-05-15", "title": " Treaty "},
            {"id": 7, "text": "In 1997.", "extra": [1, 2]},
        ],
    )

    first, second = read_documents([corpus])

    assert first == Document(
        id="a1", text="Signed on May 13, 2021.", title="Treaty", date="2021-05-15", source=f"{corpus} line 1"
    )
    assert second == Document(id="7", text="In 1997.", source=f"{corpus} line 2")


def test_csv_rows_become_documents_with_multiline_text_and_any_column_order(tmp_path: Path) -> None:
    corpus = write_csv(
        tmp_path / "archive.csv",
        ["Title", "date", "ID", "text"],
        [
            ["Treaty", "2021-05-15T09:00:00+02:00", "a1", "Signed\non May 13, 2021, in Paris"],
            ["", "", "b2", "In 1997."],
        ],
    )

    first, second = read_documents([corpus])

    assert first == Document(
        id="a1", text="Signed\non May 13, 2021, in Paris", title="Treaty", date="2021-05-15", source=f"{corpus} row 2"
    )
    assert second == Document(id="b2", text="In 1997.", source=f"{corpus} row 3")


def test_bom_and_blank_lines_are_not_problems(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_bytes(b'\xef\xbb\xbf{"id": "x", "text": "In 1997."}\n\n   \n{"id": "y", "text": "In 1998."}')
    table = tmp_path / "b.csv"
    table.write_bytes(b"\xef\xbb\xbfid,text\r\nx,In 1997.\r\n\r\ny,In 1998.\r\n")

    for corpus in (jsonl, table):
        documents, problems = split(list(read_documents([corpus])))
        assert problems == []
        assert [d.id for d in documents] == ["x", "y"]


def test_bad_jsonl_lines_are_reported_by_line_and_the_rest_read(tmp_path: Path) -> None:
    corpus = tmp_path / "feed.jsonl"
    lines = [
        b'{"id": "ok1", "text": "May 13, 2021."}',
        b'{"id": "broken", "text": "no closing brace"',
        b'["an", "array"]',
        b'{"text": "no id"}',
        b'{"id": "no-text"}',
        b'{"id": "blank", "text": "   "}',
        b'{"id": "ok1", "text": "again"}',
        b'{"id": "undated", "text": "In 1997.", "date": "15/05/2021"}',
        b'{"id": "latin", "text": "Caf\xe9"}',
        b'{"id": true, "text": "a boolean id"}',
        b'{"id": "ok2", "text": "In 1998.", "title": 3}',
    ]
    corpus.write_bytes(b"\n".join(lines) + b"\n")

    documents, problems = split(list(read_documents([corpus])))

    assert [d.id for d in documents] == ["ok1", "undated", "ok2"]
    assert documents[1].date is None
    assert documents[2].title is None
    reported = {p.source.removeprefix(f"{corpus} "): p.message for p in problems}
    assert reported.keys() == {f"line {n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11)}
    assert "malformed JSON" in reported["line 2"]
    assert "expected a JSON object, found an array" == reported["line 3"]
    assert reported["line 4"] == "missing id"
    assert reported["line 5"] == "missing text"
    assert reported["line 6"] == "empty text"
    assert reported["line 7"] == "duplicate id 'ok1' (first on line 1); skipped"
    assert "invalid date '15/05/2021'" in reported["line 8"] and "read without a date" in reported["line 8"]
    offset = sum(len(line) + 1 for line in lines[:8]) + lines[8].index(b"\xe9")
    assert reported["line 9"] == f"not valid UTF-8: byte 0xe9 at byte offset {offset}"
    assert reported["line 10"] == "id is a boolean, not text"
    assert "invalid title 3" in reported["line 11"]


def test_bad_csv_rows_are_reported_by_row_and_the_rest_read(tmp_path: Path) -> None:
    corpus = tmp_path / "sheet.csv"
    corpus.write_bytes(
        b"id,text,date\n"
        b"a,May 13 2021,2021-05-15\n"  # row 2
        b",no id,\n"  # row 3
        b"c,,\n"  # row 4
        b"a,duplicate,\n"  # row 5
        b"e,In 1997,May 2021\n"  # row 6
        b"f,In 1998, then 1999,\n"  # row 7: an unquoted comma
        b"g,Caf\xe9,\n"  # row 8
        b'h,"spans\ntwo lines",\n'  # row 9
        b"i,In 2000\n"  # row 10: short rows are fine
    )

    documents, problems = split(list(read_documents([corpus])))

    assert [d.id for d in documents] == ["a", "e", "h", "i"]
    assert documents[1].date is None
    reported = {p.source.removeprefix(f"{corpus} "): p.message for p in problems}
    assert reported == {
        "row 3": "empty id",
        "row 4": "empty text",
        "row 5": "duplicate id 'a' (first on row 2); skipped",
        "row 6": "invalid date 'May 2021' (not an ISO date, YYYY-MM-DD); read without a date",
        "row 7": "4 fields but the header has 3 (an unquoted comma?)",
        "row 8": "not valid UTF-8: byte 0xe9 at byte offset 3 of column 'text'",
    }


def test_json_escape_of_half_a_surrogate_pair_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "escaped.jsonl"
    corpus.write_text(
        '{"id": "bad", "text": "May 13, 2021 \\udc80"}\n{"id": "emoji", "text": "\\ud83d\\ude00 in 1997"}\n',
        encoding="utf-8",
    )

    problem, document = read_documents([corpus])

    assert problem == Problem(f"{corpus} line 1", "text holds an unpaired surrogate escape, not a character; skipped")
    assert isinstance(document, Document) and document.text == "\U0001f600 in 1997"


def test_csv_without_a_required_column_is_one_problem_for_the_file(tmp_path: Path) -> None:
    corpus = write_csv(tmp_path / "wrong.csv", ["id", "body"], [["a", "May 13, 2021"]])
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "g", "text": "In 1997."}])

    problem, document = read_documents([corpus, good])

    assert problem == Problem(str(corpus), "missing required column text (header: 'id', 'body')")
    assert isinstance(document, Document) and document.id == "g"


@pytest.mark.parametrize(("name", "content"), [("e.jsonl", b""), ("e.csv", b""), ("h.csv", b"id,text\n")])
def test_corpus_without_rows_is_reported(tmp_path: Path, name: str, content: bytes) -> None:
    corpus = tmp_path / name
    corpus.write_bytes(content)

    assert list(read_documents([corpus])) == [Problem(str(corpus), "empty corpus: no rows")]


def test_binary_corpus_is_one_problem(tmp_path: Path) -> None:
    corpus = tmp_path / "dump.jsonl"
    corpus.write_bytes(b"SQLite format 3\x00" + bytes(range(256)))

    assert list(read_documents([corpus])) == [Problem(str(corpus), "binary file (contains NUL bytes)")]


def test_csv_text_longer_than_the_csv_module_default_limit(tmp_path: Path) -> None:
    long_text = "word " * 40_000 + "May 13, 2021"  # 200,012 characters; csv refuses >131,072 by default
    corpus = write_csv(tmp_path / "books.csv", ["id", "text"], [["book", long_text]])

    [document] = read_documents([corpus])

    assert isinstance(document, Document) and document.text == long_text


def test_corpus_is_streamed_not_loaded(tmp_path: Path) -> None:
    article = "The ceasefire of May 13, 2021 held. " * 30  # about 1 KB
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as stream:
        for number in range(20_000):
            stream.write(json.dumps({"id": f"n{number}", "text": article}) + "\n")
    assert corpus.stat().st_size > 20_000_000

    tracemalloc.start()
    try:
        count = sum(1 for item in read_documents([corpus]) if isinstance(item, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 20_000
    assert peak < 5_000_000  # the ids seen, not the 20 MB of text
