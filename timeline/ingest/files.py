"""Loose documents: one ``.txt``/``.md`` or ``.html``/``.htm`` file is one document.

Plain text is kept exactly as decoded (a leading UTF-8 BOM dropped, CRLF line ends *kept*), so
extraction offsets index both ``Document.text`` and the file's characters after the BOM.
HTML documents are their visible text (see :mod:`timeline.ingest.html_text`); offsets index that.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from timeline.ingest.dates import iso_date
from timeline.ingest.document import Document, Problem
from timeline.ingest.file_bytes import NotText, check_not_binary, decode_utf8, read_failure
from timeline.ingest.html_text import parse_html

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


def read_file_document(path: Path, doc_id: str) -> Iterator[Document | Problem]:
    """The document in the text or HTML file at ``path`` (id ``doc_id``), or why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield Problem(doc_id, read_failure(error))
        return
    try:
        check_not_binary(raw)
        text = decode_utf8(raw)
    except NotText as error:
        yield Problem(doc_id, str(error))
        return
    if path.suffix.lower() in HTML_SUFFIXES:
        yield from _html_document(text, doc_id)
    elif text.strip():
        yield Document(id=doc_id, text=text, title=heading(text), source=doc_id)
    else:
        yield Problem(doc_id, "empty file")


TITLE_MAX = 120  # a first line longer than this is prose, not a headline


def heading(text: str) -> str | None:
    """The headline of a plain-text or Markdown document: its first line, when short and not
    ending like a sentence ("# " of a Markdown heading dropped)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.lstrip("#").strip()
    if not first or len(first) > TITLE_MAX or first.endswith((".", ",", ";", ":")):
        return None
    return first


def _html_document(markup: str, doc_id: str) -> Iterator[Document | Problem]:
    page = parse_html(markup)
    if not page.text:
        yield Problem(doc_id, "no visible text in the HTML")
        return
    published: str | None = None
    for stated in page.publication_dates:
        published = iso_date(stated.value)
        if published:
            break
        yield Problem(doc_id, f"ignored {stated.where}: {stated.value!r} is not an ISO date")
    yield Document(id=doc_id, text=page.text, title=page.title, source=doc_id, metadata_date=published)
