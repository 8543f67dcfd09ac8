"""Loose .txt/.md/.html files read from disk: text as read, and every way a file can be bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ingest import Document, Problem, read_documents


def read(*paths: Path) -> list[Document | Problem]:
    return list(read_documents(paths))


def test_text_file_is_one_document_with_the_path_as_id(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Minutes\n\nSigned on May 13, 2021.\n", encoding="utf-8")

    [document] = read(path)

    assert isinstance(document, Document)
    assert document.id == str(path)
    assert document.source == str(path)
    assert document.text == "# Minutes\n\nSigned on May 13, 2021.\n"
    assert (document.title, document.date, document.metadata_date) == ("Minutes", None, None)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Armenia Requests Russian Military Help\nFollowing the war...", "Armenia Requests Russian Military Help"),
        ("\n\n  # World War II  \n\nOn September 1, 1939...", "World War II"),
        ("It was a cold day in May 2021. Nobody came.\n", None),  # a sentence, not a headline
        ("x" * 121 + "\nmore", None),  # too long for a headline
    ],
)
def test_a_short_first_line_is_the_title(tmp_path: Path, text: str, title: str | None) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    [document] = read(path)
    assert isinstance(document, Document) and document.title == title


def test_a_relative_path_stays_relative_in_the_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("In 1997.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    [document] = read(Path("news/a.txt"))

    assert isinstance(document, Document)
    assert document.id == "news/a.txt"


def test_utf8_bom_is_dropped_and_crlf_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 opened\r\non May 13, 2021.\r\n")

    [document] = read(path)

    assert isinstance(document, Document)
    assert document.text == "Café opened\r\non May 13, 2021.\r\n"
    # Offsets into the text are offsets into the file's characters after the BOM.
    file_characters = path.read_bytes()[3:].decode("utf-8")
    assert document.text == file_characters


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("blank.txt", b"", "empty file"),
        ("spaces.md", b"  \n\t\r\n  ", "empty file"),
        ("picture.txt", b"GIF89a\x01\x00\x00\x00 May 13, 2021", "binary file (contains NUL bytes)"),
        ("latin1.txt", b"Caf\xe9 on May 13, 2021", "not valid UTF-8: byte 0xe9 at byte offset 3"),
        ("bom-latin1.txt", b"\xef\xbb\xbfna\xefve", "not valid UTF-8: byte 0xef at byte offset 5"),
        ("utf16.txt", "May 13, 2021".encode("utf-16"), "UTF-16"),
        ("empty.html", b"<html><head><title>T</title></head><body> </body></html>", "no visible text"),
    ],
)
def test_bad_file_is_one_problem_naming_it_and_the_next_file_is_still_read(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("It happened on May 13, 2021.", encoding="utf-8")

    items = read(bad, good)

    assert len(items) == 2
    problem, document = items
    assert isinstance(problem, Problem)
    assert problem.source == str(bad)
    assert message in problem.message
    assert isinstance(document, Document) and document.id == str(good)


def test_missing_path_and_unsupported_extension_are_problems(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    bare = tmp_path / "NOTES"
    bare.write_text("May 13, 2021", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("In 1997.", encoding="utf-8")

    items = read(tmp_path / "gone.txt", pdf, bare, good)

    gone, unsupported, no_extension, document = items
    assert isinstance(gone, Problem) and isinstance(unsupported, Problem) and isinstance(no_extension, Problem)
    assert isinstance(document, Document)
    assert (gone.source, gone.message) == (str(tmp_path / "gone.txt"), "no such file or directory")
    assert unsupported.source == str(pdf)
    assert "unsupported file type '.pdf'" in unsupported.message and ".jsonl" in unsupported.message
    assert no_extension.source == str(bare) and "without an extension" in no_extension.message


def test_reading_is_lazy(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("In 1997.", encoding="utf-8")
    later = tmp_path / "later.txt"

    documents = read_documents([first, later])
    assert next(documents).id == str(first)  # type: ignore[union-attr]
    later.write_text("Written after reading began, in 1998.", encoding="utf-8")

    [document] = list(documents)
    assert isinstance(document, Document) and "1998" in document.text
