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


@dataclass(frozen=True, slots=True)
class Problem:
    """One piece of bad input: where it is and what is wrong with it."""

    source: str  # file path, or "file.jsonl line 7", "file.csv row 3"
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
