"""Documents added from the page: uploaded files (as dcc.Upload sends them) and pasted text."""

from __future__ import annotations

import base64

from timeline.app.pasted import pasted_document
from timeline.app.uploads import decode_data_url, read_uploads
from timeline.ingest.document import Document, Problem


def data_url(content: bytes, mime: str = "text/plain") -> str:
    """What the browser's FileReader.readAsDataURL gives dcc.Upload."""
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def test_uploaded_files_are_read_like_files_and_named_as_uploaded() -> None:
    html = (
        b"<html><head><title>Report</title></head><body><p>Signed on May 13, 2021.</p>"
        b"<script>alert('x')</script></body></html>"
    )
    corpus = b'{"id": "a1", "text": "In 1997 it began."}\n{"id": "a2", "text": "Ended May 13, 2021."}\n'
    items = read_uploads(
        [
            ("notes.txt", data_url(b"Talks resumed on May 13, 2021.")),
            ("report.html", data_url(html, "text/html")),
            ("news/corpus.jsonl", data_url(corpus, "application/octet-stream")),
        ]
    )

    assert all(isinstance(i, Document) for i in items)
    documents = {d.id: d for d in items if isinstance(d, Document)}
    assert list(documents) == ["notes.txt", "report.html", "a1", "a2"]
    assert documents["notes.txt"].text == "Talks resumed on May 13, 2021."
    assert documents["report.html"].title == "Report"
    assert "alert" not in documents["report.html"].text
    assert documents["a1"].source.startswith("news/corpus.jsonl")
    assert "timeline-upload-" not in " ".join(d.source for d in documents.values())


def test_bad_uploads_become_problems_named_by_the_uploaded_file_and_the_rest_is_read() -> None:
    items = read_uploads(
        [
            ("big.txt", data_url(b"x" * 2150)),
            ("blob.txt", data_url(b"\x00\x01\x02binary")),
            ("slides.pptx", data_url(b"PK\x03\x04")),
            ("broken.txt", "data:text/plain;base64,@@@"),
            ("ok.md", data_url(b"It happened in 1997.")),
        ],
        limit=1024,
    )
    problems = [i for i in items if isinstance(i, Problem)]
    assert [p.source for p in problems] == ["big.txt", "blob.txt", "slides.pptx", "broken.txt"]
    assert problems[0].message.startswith("2.1 KB is over the 1 KB upload limit; add it from the command line")
    assert all("timeline-upload-" not in str(p) for p in problems)
    assert [i.id for i in items if isinstance(i, Document)] == ["ok.md"]


def test_the_size_message_names_the_size_and_the_limit() -> None:
    [problem] = read_uploads([("archive.csv", data_url(b"id,text\n" + b"a,b\n" * 8_000_000))])
    assert isinstance(problem, Problem)
    assert problem.message.startswith("30.5 MB is over the 20 MB upload limit")


def test_decode_data_url_refuses_what_is_not_a_base64_data_url() -> None:
    assert decode_data_url(data_url(b"abc")) == b"abc"
    for bad in ("abc", "data:text/plain,abc", "data:text/plain;base64,***"):
        try:
            decode_data_url(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_pasted_text_becomes_a_document_with_a_stable_id() -> None:
    [first] = pasted_document(
        "  Armenia said on May 13, 2021 that troops crossed.\nMore text.  ", date_text="2021-05-15"
    )
    [again] = pasted_document("Armenia said on May 13, 2021 that troops crossed.\nMore text.")
    assert isinstance(first, Document) and isinstance(again, Document)
    assert first.id == again.id and first.id.startswith("pasted-")
    assert first.text.startswith("Armenia") and first.text.endswith("More text.")
    assert first.title == "Armenia said on May 13, 2021 that troops crossed."
    assert first.date == "2021-05-15" and again.date is None


def test_pasted_text_titles_are_given_or_cut_from_the_first_line() -> None:
    long_line = "The ceasefire agreement that ended the prior border war was signed in Moscow in 2020"
    [titled] = pasted_document(long_line, title=" Ceasefire ")
    [untitled] = pasted_document(long_line)
    assert isinstance(titled, Document) and titled.title == "Ceasefire"
    assert isinstance(untitled, Document) and untitled.title is not None
    assert untitled.title.endswith("…") and len(untitled.title) <= 61
    assert long_line.startswith(untitled.title[:-1])


def test_a_bad_paste_date_is_reported_and_the_text_still_added() -> None:
    problem, document = pasted_document("Signed in 1997.", date_text="15/05/2021")
    assert isinstance(problem, Problem) and "'15/05/2021' is not a date" in str(problem)
    assert isinstance(document, Document) and document.date is None


def test_an_empty_paste_is_a_problem() -> None:
    assert [type(i) for i in pasted_document("   \n ")] == [Problem]
    assert [type(i) for i in pasted_document(None)] == [Problem]


def test_odd_upload_names_are_problems_of_their_own_and_the_rest_of_the_batch_is_read() -> None:
    text = data_url(b"Talks resumed on May 13, 2021.")
    long_name = "é" * 128 + ".txt"  # 260 bytes in UTF-8
    items = read_uploads(
        [
            ("..", text),
            ("a/..", text),
            (long_name, text),
            ("bad\x00name.txt", text),
            (".", text),
            ("good.txt", text),
        ]
    )
    problems = [i for i in items if isinstance(i, Problem)]
    assert [p.source for p in problems] == ["..", "a/..", long_name, "bad\\x00name.txt", "."]
    assert [p.message for p in problems] == [
        "this is not a file name; rename the file",
        "this is not a file name; rename the file",
        "the file name is over 255 bytes; rename the file",
        "the file name holds a NUL character; rename the file",
        "this is not a file name; rename the file",
    ]
    assert [i.id for i in items if isinstance(i, Document)] == ["good.txt"]


def test_a_name_of_255_bytes_is_still_a_name() -> None:
    name = "x" * 251 + ".txt"
    [document] = read_uploads([(name, data_url(b"Signed in 1997."))])
    assert isinstance(document, Document) and document.id == name


def test_a_word_document_is_named_as_a_type_that_is_not_read() -> None:
    [problem, document] = read_uploads(
        [("report.docx", data_url(b"PK\x03\x04", "application/msword")), ("ok.txt", data_url(b"In 1997."))]
    )
    assert isinstance(problem, Problem) and problem.source == "report.docx"
    assert problem.message.startswith("unsupported file type '.docx'; expected .csv")
    assert isinstance(document, Document)
