"""Text pasted into the page's box becomes a document like any file."""

from __future__ import annotations

from collections.abc import Iterator

from timeline.app.store import text_hash
from timeline.ingest.dates import iso_date
from timeline.ingest.document import Document, Problem

PASTED_SOURCE = "pasted text"
_TITLE_CHARS = 60


def pasted_document(
    text: str | None, *, title: str | None = None, date_text: str | None = None
) -> Iterator[Document | Problem]:
    """The document of a paste, preceded by a Problem for each thing wrong with the inputs.

    The id comes from the text, so pasting the same text twice stores it once. An invalid
    document date is reported and the document is still added, without a date.
    """
    text = (text or "").strip()
    if not text:
        yield Problem(PASTED_SOURCE, "the box is empty: paste some text first")
        return
    given_date = (date_text or "").strip()
    document_date = iso_date(given_date) if given_date else None
    if given_date and document_date is None:
        yield Problem(
            PASTED_SOURCE, f"document date {given_date!r} is not a date like 2021-05-15; added without a date"
        )
    yield Document(
        id=f"pasted-{text_hash(text)[:12]}",
        text=text,
        title=(title or "").strip() or _first_line(text),
        date=document_date,
        source=PASTED_SOURCE,
    )


def _first_line(text: str) -> str:
    line = text.splitlines()[0].strip()
    if len(line) <= _TITLE_CHARS:
        return line
    return line[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
