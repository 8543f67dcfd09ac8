"""MEANTIME's stand-off CAT XML read as a TimeML document, so ``timeline evaluate`` scores it.

A CAT file lists ``<token t_id sentence>`` elements and, under ``<Markables>``, ``<TIMEX3>``
elements pointing at their tokens with ``<token_anchor t_id>``. The text is rebuilt the way the
Spanish MEANTIME conversion (``meantime-es``) was: tokens joined by single spaces, one sentence a
line; the dateline (the tokens of the ``CREATION_TIME`` timex) gives the document date and is left
out of the text, so both languages are scored alike. MEANTIME annotates only the first sentences
of an article: the text ends with the last sentence any markable (timex, event, entity) points
into, so that the rest, never annotated, does not count as false positives. Timexes without
tokens are not scored.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from timeline.evaluate.timeml import GoldTimex, TimemlDocument, TimemlError
from timeline.extract import extract

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class _Token:
    sentence: str
    text: str


def is_cat(root: ET.Element) -> bool:
    """Whether a parsed XML document is CAT (a ``<Document>`` of ``<token>`` elements)."""
    return root.tag == "Document" and root.find("token") is not None


def parse_cat(root: ET.Element, *, default_id: str = "") -> TimemlDocument:
    """The text, document date and gold timexes of a CAT ``<Document>``."""
    tokens: dict[str, _Token] = {}
    order: list[str] = []
    for element in root.iter("token"):
        t_id = element.get("t_id")
        if t_id is None:
            raise TimemlError("a <token> without t_id")
        tokens[t_id] = _Token(element.get("sentence", ""), element.text or "")
        order.append(t_id)
    timexes = [(element, [a.get("t_id", "") for a in element.iter("token_anchor")]) for element in root.iter("TIMEX3")]
    annotated = [tokens[a.get("t_id", "")].sentence for a in root.iter("token_anchor") if a.get("t_id", "") in tokens]
    last_sentence = max((int(s) for s in annotated if s.isdigit()), default=None)
    dct: str | None = None
    dateline: set[str] = set()
    for element, anchors in timexes:
        if element.get("functionInDocument") == "CREATION_TIME":
            value = (element.get("value") or "")[:10]
            if _ISO_DAY.fullmatch(value):
                dct = value
            else:  # one file writes "03-02-2009": its dateline's words say which day
                words = " ".join(tokens[t_id].text for t_id in anchors if t_id in tokens)
                dct = _dateline_day(words, root.get("lang"))
            dateline.update(anchors)
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length, sentence = 0, None
    for t_id in order:
        token = tokens[t_id]
        if t_id in dateline or (
            last_sentence is not None and token.sentence.isdigit() and int(token.sentence) > last_sentence
        ):
            continue
        if parts:
            separator = "\n" if token.sentence != sentence else " "
            parts.append(separator)
            length += 1
        sentence = token.sentence
        offsets[t_id] = (length, length + len(token.text))
        parts.append(token.text)
        length += len(token.text)
    text = "".join(parts)
    gold: list[GoldTimex] = []
    for element, anchors in timexes:
        spans = [offsets[t_id] for t_id in anchors if t_id in offsets]
        if element.get("functionInDocument") == "CREATION_TIME" or not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        gold.append(
            GoldTimex(
                start,
                end,
                text[start:end],
                element.get("type", ""),
                element.get("value", ""),
                element.get("mod") or None,
            )
        )
    gold.sort(key=lambda timex: timex.start)
    return TimemlDocument(root.get("doc_id") or default_id, root.get("doc_name"), dct, text, gold)


def _dateline_day(words: str, language: str | None) -> str | None:
    """The ISO day a dateline ("February 03 , 2009") writes in full, or None."""
    for timex in extract(words, language=language or None).timexes:
        if _ISO_DAY.fullmatch(timex.value or ""):
            return timex.value
    return None
