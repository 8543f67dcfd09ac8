"""TimeML documents: read gold annotations from ``.tml`` files, write our timexes as TimeML.

Reading keeps the plain text inside ``<TEXT>`` (tags removed, entities decoded) and the
TIMEX3 spans as offsets into it, so a system run on that text can be scored span by span.
The document creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) is
given to systems, so it is not a gold timex.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import InputError
from timeline.ingest.document import Problem

if TYPE_CHECKING:  # the extractor is not needed to read TimeML; importing it would load its rules
    from timeline.extract.model import Timex

_CREATION_TIME = "CREATION_TIME"
_ISO_DAY = re.compile(r"-?\d{4}-\d{2}-\d{2}")
# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
)


class TimemlError(InputError):
    """A TimeML document that cannot be read; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A TIMEX3 annotation; ``start``/``end`` index :attr:`TimemlDocument.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    """The text of a TimeML document, its creation date and its gold timexes (DCT excluded)."""

    doc_id: str
    title: str | None
    dct: str | None  # ISO YYYY-MM-DD
    text: str
    gold: list[GoldTimex]


@dataclass(frozen=True, slots=True)
class Corpus:
    """The readable documents of a directory, by path relative to it, and the unreadable ones."""

    documents: dict[str, TimemlDocument]
    problems: list[Problem]


# -- reading ---------------------------------------------------------------------------------


def _read_cat(path: Path) -> TimemlDocument | None:
    """A MEANTIME CAT file as a document; None for an XML file of another kind."""
    from timeline.evaluate.cat import is_cat, parse_cat  # cat builds on this module's types

    try:
        root = ET.fromstring(path.read_bytes())
    except ET.ParseError as error:
        raise TimemlError(f"not well-formed XML: {error}") from None
    return parse_cat(root, default_id=path.stem) if is_cat(root) else None


def read_timeml(path: str | Path) -> TimemlDocument:
    """Read one ``.tml`` file; raises :class:`TimemlError` (or OSError) when it cannot."""
    path = Path(path)
    return parse_timeml(path.read_bytes(), default_id=path.stem)


def parse_timeml(source: str | bytes, *, default_id: str = "") -> TimemlDocument:
    """Parse a TimeML document given as a string or bytes (bytes honour the XML declaration)."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as error:
        raise TimemlError(f"not well-formed XML: {error}") from None
    text_element = _first(root, "TEXT")
    if text_element is None:
        raise TimemlError("no <TEXT> element")
    builder = _TextBuilder()
    builder.walk(text_element)
    doc_id_element = _first(root, "DOCID")
    title_element = _first(root, "TITLE")
    return TimemlDocument(
        doc_id=_element_text(doc_id_element) or default_id,
        title=_element_text(title_element) or None,
        dct=_creation_date(root),
        text=builder.text,
        gold=builder.gold(),
    )


def read_corpus(directory: str | Path) -> Corpus:
    """Read every ``*.tml`` under ``directory`` (recursively), in path order, and every ``*.xml``
    that is MEANTIME CAT (see :mod:`timeline.evaluate.cat`; other XML files are passed over).

    A file that cannot be read becomes a :class:`Problem` naming it; the others are still read.
    """
    directory = Path(directory)
    documents: dict[str, TimemlDocument] = {}
    problems: list[Problem] = []
    paths = [p for p in directory.rglob("*.tml") if p.is_file()] + [p for p in directory.rglob("*.xml") if p.is_file()]
    for path in sorted(paths):
        name = path.relative_to(directory).as_posix()
        try:
            document = read_timeml(path) if path.suffix == ".tml" else _read_cat(path)
            if document is not None:
                documents[name] = document
        except TimemlError as error:
            problems.append(Problem(str(path), str(error)))
        except OSError as error:
            problems.append(Problem(str(path), f"cannot read: {error.strerror or error}"))
    return Corpus(documents, problems)


def _local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(root: ET.Element, name: str) -> ET.Element | None:
    return next((e for e in root.iter() if _local_name(e.tag) == name), None)


def _element_text(element: ET.Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _is_creation_time(element: ET.Element) -> bool:
    return element.get("functionInDocument") == _CREATION_TIME


def _creation_date(root: ET.Element) -> str | None:
    for element in root.iter():
        if _local_name(element.tag) == "TIMEX3" and _is_creation_time(element):
            value = element.get("value", "")
            day = _ISO_DAY.match(value)
            if day is None:
                raise TimemlError(f"creation time value {value!r} is not a day (YYYY-MM-DD...)")
            return day.group()
    return None


class _TextBuilder:
    """Concatenates the character data of an element tree, noting where each TIMEX3 lies."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._spans: list[tuple[int, int, ET.Element]] = []

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def _append(self, data: str | None) -> None:
        if data:
            self._parts.append(data)
            self._length += len(data)

    def walk(self, element: ET.Element) -> None:
        start = self._length
        self._append(element.text)
        for child in element:
            self.walk(child)
            self._append(child.tail)
        if _local_name(element.tag) == "TIMEX3" and not _is_creation_time(element):
            self._spans.append((start, self._length, element))

    def gold(self) -> list[GoldTimex]:
        text = self.text
        timexes = []
        for start, end, element in self._spans:
            tid = element.get("tid", "?")
            kind, value = element.get("type"), element.get("value")
            if kind is None or value is None:
                raise TimemlError(f"TIMEX3 {tid} at offset {start} has no type or no value attribute")
            timexes.append(GoldTimex(start, end, text[start:end], kind, value, element.get("mod")))
        timexes.sort(key=lambda t: (t.start, -t.end))
        return timexes


# -- writing ---------------------------------------------------------------------------------


def write_timeml(
    doc_id: str,
    text: str,
    timexes: Iterable[Timex],
    *,
    dct: str | None = None,
    title: str | None = None,
) -> str:
    """A TimeML document with an inline TIMEX3 around each timex of ``text``.

    ``<DCT>`` holds the creation-time TIMEX3 when ``dct`` is given, and is empty otherwise.

    Timexes are taken in text order; one overlapping a timex already written is skipped
    (inline tags cannot cross). Characters XML 1.0 cannot hold (NUL, form feed and other
    control characters, lone surrogates) are written as U+FFFD, one for one, so offsets
    still hold; everything else reads back exactly, carriage returns included.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>", f"<DOCID>{_escape_text(doc_id)}</DOCID>"]
    if dct is not None:
        attributes = _attributes(
            [
                ("tid", "t0"),
                ("type", "DATE"),
                ("value", dct),
                ("temporalFunction", "false"),
                ("functionInDocument", _CREATION_TIME),
            ]
        )
        lines.append(f"<DCT><TIMEX3 {attributes}>{_escape_text(dct)}</TIMEX3></DCT>")
    else:  # a narrative: TempEval tools look for the element, and an empty one says there is no date
        lines.append("<DCT></DCT>")
    if title is not None:
        lines.append(f"<TITLE>{_escape_text(title)}</TITLE>")
    lines.append(f"<TEXT>{_inline_timexes(text, timexes)}</TEXT>")
    lines.append("</TimeML>")
    return "\n".join(lines) + "\n"


def _inline_timexes(text: str, timexes: Iterable[Timex]) -> str:
    parts: list[str] = []
    cursor = 0
    for number, timex in enumerate(_non_overlapping(text, timexes), start=1):
        attributes = _attributes(
            [
                ("tid", f"t{number}"),
                ("type", str(timex.type)),
                ("value", timex.value),
                ("mod", timex.mod),
                ("quant", timex.quant),
                ("freq", timex.freq),
            ]
        )
        parts.append(_escape_text(text[cursor : timex.start]))
        parts.append(f"<TIMEX3 {attributes}>{_escape_text(text[timex.start : timex.end])}</TIMEX3>")
        cursor = timex.end
    parts.append(_escape_text(text[cursor:]))
    return "".join(parts)


def _non_overlapping(text: str, timexes: Iterable[Timex]) -> list[Timex]:
    kept: list[Timex] = []
    for timex in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if not 0 <= timex.start < timex.end <= len(text):
            raise ValueError(f"timex {timex.text!r} has span {timex.start}-{timex.end} outside the text")
        if kept and timex.start < kept[-1].end:
            continue
        kept.append(timex)
    return kept


def _attributes(pairs: list[tuple[str, str | None]]) -> str:
    return " ".join(f'{name}="{_escape(value, _ATTRIBUTE_ESCAPES)}"' for name, value in pairs if value is not None)


def _escape_text(data: str) -> str:
    return _escape(data, _TEXT_ESCAPES)


def _escape(data: str, escapes: dict[int, str]) -> str:
    return _NOT_XML.sub("\ufffd", data).translate(escapes)
