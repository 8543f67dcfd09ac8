"""The unit of input: one document's text, with the metadata the corpus gave for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read: ``text`` is what extraction offsets index into."""

    id: str  # corpus id, or the file path for loose files
    text: str
    title: str | None = None
    date: str | None = None  # document date given by the corpus/CLI (ISO YYYY-MM-DD), else None
    source: str = ""  # where it came from, for messages: "data/a.txt", "corpus.jsonl line 3"
    metadata_date: str | None = None  # a publication date read from HTML metadata, ISO
    language: str | None = None  # language code given by the corpus/CLI ("es"), else detected


@dataclass(frozen=True, slots=True)
class Problem:
    """One piece of bad input: where it is and what is wrong with it."""

    source: str  # file path, or "file.jsonl line 7", "file.csv row 3"
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def language_code(value: str) -> str | None:
    """``value`` as an ISO 639-1 language code ("es", "FR " -> "fr"), or None when it is not one.

    Whether the extractor has that language is its own business: an unknown one fails the
    document's extraction with a message naming it.
    """
    code = value.strip().lower()
    return code if len(code) == 2 and code.isascii() and code.isalpha() else None
