"""Which temporal expressions become events, and the events table made from them.

The rules:

* A DATE or TIME expression is an event when it resolved to a calendar interval. One left
  with placeholders ("in May" in a narrative that never gives the year) is not.
* A DURATION or SET is an event only where the text anchors it, which the extractor shows by
  giving it an interval: "for the past three years" is the three years ending at the document
  date. A bare "three years" has no interval and is not an event.
* Mentions of the same value (and mod) in the same sentence of the same document are one
  event, known by its first mention: ``event_id = f"{doc_id}:{start}"``.
* ``kind`` says how the event is drawn: "anchored duration" for a DURATION; "instant" for day
  and time-of-day grains; "period" for week and coarser grains, which are spans, not days.
  A value with no grain (PRESENT_REF) is an instant when its interval is at most a day long.
* ``label`` is the clause around the first mention with every date expression of the sentence
  left out (see :mod:`timeline.events.label`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from timeline.events.label import event_label
from timeline.events.schema import ANCHORED_DURATION, INSTANT, PERIOD, events_frame
from timeline.events.timescale import epoch_days, fractional_year
from timeline.extract import extract
from timeline.extract.model import Extraction, Grain, Interval, Timex, TimexType
from timeline.extract.records import timex_record
from timeline.ingest.document import Document

_INSTANT_GRAINS = frozenset({Grain.DAY, Grain.PART_OF_DAY, Grain.HOUR, Grain.MINUTE, Grain.SECOND})


def events_from_documents(documents: Iterable[Document]) -> pd.DataFrame:
    """Run the extractor on each document and tabulate the events found."""
    return events_from_extractions(_extracted(documents))


def events_from_extractions(pairs: Iterable[tuple[Document, Extraction]]) -> pd.DataFrame:
    """The events table of documents already run through the extractor."""
    return events_frame(row for document, extraction in pairs for row in document_events(document, extraction))


def document_events(document: Document, extraction: Extraction) -> list[dict[str, Any]]:
    """The event rows of one document, in text order."""
    first_mentions: dict[tuple[int, str, str | None], Timex] = {}
    in_order = sorted(extraction.timexes, key=lambda t: t.start)
    for timex in in_order:
        if is_event(timex):
            sentence_start = _sentence(document, timex)[1]
            first_mentions.setdefault((sentence_start, timex.value, timex.mod), timex)
    starts = [timex.start for timex in in_order]
    return [_row(document, extraction, timex, in_order, starts) for timex in first_mentions.values()]


def is_event(timex: Timex) -> bool:
    """Whether the expression is placed on the timeline (see the module docstring)."""
    return timex.interval is not None


def event_kind(type_: TimexType, grain: Grain, interval: Interval) -> str:
    """How an event is drawn: "instant", "period" or "anchored duration"."""
    if type_ is TimexType.DURATION:
        return ANCHORED_DURATION
    if grain in _INSTANT_GRAINS:
        return INSTANT
    if grain is Grain.NONE and epoch_days(interval.end) - epoch_days(interval.start) <= 1:
        return INSTANT
    return PERIOD


def _extracted(documents: Iterable[Document]) -> Iterator[tuple[Document, Extraction]]:
    for document in documents:
        yield document, extract(document.text, document.date, metadata_date=document.metadata_date)


def _row(
    document: Document, extraction: Extraction, timex: Timex, in_order: list[Timex], starts: list[int]
) -> dict[str, Any]:
    """The event row of ``timex``: its extractor record plus what the timeline adds.

    ``in_order`` are the document's timexes by start, ``starts`` their starts: the other
    expressions of the sentence are found by bisection, not by reading them all for each row.
    """
    interval = timex.interval
    assert interval is not None  # is_event
    sentence, sentence_start = _sentence(document, timex)
    sentence_end = sentence_start + len(sentence)
    others = [
        (t.start - sentence_start, t.end - sentence_start)
        for t in in_order[bisect_left(starts, sentence_start) : bisect_right(starts, sentence_end)]
        if t.end <= sentence_end
    ]
    try:
        x_start, x_end = fractional_year(interval.start), fractional_year(interval.end)
        kind = event_kind(timex.type, timex.grain, interval)
    except ValueError as error:
        where = document.source or document.id
        raise ValueError(f"{where}: {timex.text!r} at offset {timex.start}: {error}") from None
    record = timex_record(document.id, timex, extraction.document_date)
    return {
        **record,
        "event_id": f"{document.id}:{timex.start}",
        "doc_id": document.id,
        "doc_title": document.title or document.id,
        "sentence": sentence,
        "label": event_label(sentence, (timex.start - sentence_start, timex.end - sentence_start), others),
        "kind": kind,
        "x_start": x_start,
        "x_end": x_end,
    }


def _sentence(document: Document, timex: Timex) -> tuple[str, int]:
    """The sentence around ``timex`` and its offset; the line of the text when the extractor gave none."""
    offset = timex.start - timex.sentence_start
    if timex.sentence and timex.sentence[offset:offset + len(timex.text)] == timex.text:
        return timex.sentence, timex.sentence_start
    text = document.text
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:line_end], line_start
