"""Which temporal expressions become events, and the events table made from them.

The rules:

* A DATE or TIME expression is an event when it resolved to a calendar interval. One left
  with placeholders ("in May" in a narrative that never gives the year) is not.
* A DURATION or SET is an event only where the text anchors it, which the extractor shows by
  giving it an interval: "for the past three years" is the three years ending at the document
  date. A bare "three years" has no interval and is not an event.
* Mentions of the same value (and mod) in one document are one event, known by its first
  mention (``event_id = f"{doc_id}:{start}"``), when they are in the same sentence or when the
  value is a period (a month, a year, a century: "2020" and "last year" in one article are the
  same year of its story). Days and times mentioned in different sentences stay apart: they
  usually date different happenings. ``mentions`` counts them, ``other_mentions`` locates them.
* The document's own date, where the text gives it (a byline such as "Sat, 05/15/2021 – 07:35"),
  is the document's publication (``kind`` "publication"), not an event labelled with itself.
* ``kind`` says how the event is drawn: "anchored duration" for a DURATION; "instant" for day
  and time-of-day grains; "period" for week and coarser grains, which are spans, not days.
  A value with no grain (PRESENT_REF) is an instant when its interval is at most a day long.
* ``label`` is the clause around the first mention with every expression of the sentence that
  is an event left out (a duration that dates nothing, "within three months of", stays; see
  :mod:`timeline.events.label`), cut by the sentence rules of the document's language; on the
  signature line of a quoted post ("— Name (@handle) May 13, 2021") it is the post's text (see
  :mod:`timeline.events.signature`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from timeline.events.label import event_label, text_label
from timeline.events.schema import ANCHORED_DURATION, INSTANT, PERIOD, PUBLICATION, events_frame
from timeline.events.signature import signed_post
from timeline.events.timescale import epoch_days, fractional_year
from timeline.extract.model import Extraction, Grain, Interval, Timex, TimexType
from timeline.extract.records import timex_record
from timeline.ingest.document import Document

PUBLISHED_LABEL = "Published"  # the label of the document's own date
_INSTANT_GRAINS = frozenset({Grain.DAY, Grain.PART_OF_DAY, Grain.HOUR, Grain.MINUTE, Grain.SECOND})


def events_from_extractions(pairs: Iterable[tuple[Document, Extraction]]) -> pd.DataFrame:
    """The events table of documents already run through the extractor."""
    return events_frame(row for document, extraction in pairs for row in document_events(document, extraction))


def document_events(document: Document, extraction: Extraction) -> list[dict[str, Any]]:
    """The event rows of one document, in text order of their first mention."""
    mentions: dict[tuple[Any, ...], list[Timex]] = {}
    in_order = sorted(extraction.timexes, key=lambda t: t.start)
    for timex in in_order:
        if is_event(timex):
            mentions.setdefault(_same_event_key(document, timex), []).append(timex)
    spans = [(timex.start, timex.end) for timex in in_order if is_event(timex)]
    return [_row(document, extraction, group, spans) for group in mentions.values()]


def _same_event_key(document: Document, timex: Timex) -> tuple[Any, ...]:
    """Mentions with one key are one event (see the module docstring)."""
    if timex.grain in _INSTANT_GRAINS or timex.grain is Grain.NONE:
        return timex.value, timex.mod, _sentence(document, timex)[1]
    return timex.value, timex.mod


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


def _row(
    document: Document, extraction: Extraction, mentions: list[Timex], event_spans: list[tuple[int, int]]
) -> dict[str, Any]:
    """The event row of the first of ``mentions``: its extractor record plus what the timeline adds.
    ``event_spans``: (start, end) of every mention of an event in the document, by start."""
    timex = mentions[0]
    interval = timex.interval
    assert interval is not None  # is_event
    sentence, sentence_start = _sentence(document, timex)
    try:
        x_start, x_end = fractional_year(interval.start), fractional_year(interval.end)
        kind = event_kind(timex.type, timex.grain, interval)
    except ValueError as error:
        where = document.source or document.id
        raise ValueError(f"{where}: {timex.text!r} at offset {timex.start}: {error}") from None
    publication = _is_publication(extraction, timex, sentence)
    record = timex_record(document.id, timex, extraction.document_date, extraction.language)
    return {
        **record,
        "event_id": f"{document.id}:{timex.start}",
        "doc_id": document.id,
        "doc_title": document.title or document.id,
        "doc_date": extraction.document_date.value,
        "sentence": sentence,
        "label": PUBLISHED_LABEL
        if publication
        else mention_label(
            document.text, (timex.start, timex.end), sentence, sentence_start, event_spans, extraction.language
        ),
        "mentions": len(mentions),
        "other_mentions": " ".join(f"{t.start}-{t.end}" for t in mentions[1:]),
        "kind": PUBLICATION if publication else kind,
        "x_start": x_start,
        "x_end": x_end,
    }


def mention_label(
    text: str,
    span: tuple[int, int],
    sentence: str,
    sentence_start: int,
    event_spans: Sequence[tuple[int, int]],
    language: str,
) -> str:
    """What happened at ``text[span[0]:span[1]]``: the post a signature line signs, else the clause
    around it in ``sentence`` (at ``sentence_start``) without the events' mentions, ``event_spans``
    (sorted), that lie inside it. The stored events are labelled again by it, too."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    post = signed_post(text, line_start)
    if post is not None:
        return text_label(text[post[0] : post[1]], language=language)
    sentence_end = sentence_start + len(sentence)
    first = bisect_left(event_spans, (sentence_start, sentence_start))
    last = bisect_right(event_spans, (sentence_end, sentence_end))
    others = [
        (start - sentence_start, end - sentence_start) for start, end in event_spans[first:last] if end <= sentence_end
    ]
    own = (span[0] - sentence_start, span[1] - sentence_start)
    return event_label(sentence, own, others, language=language)


def _is_publication(extraction: Extraction, timex: Timex, sentence: str) -> bool:
    """Whether ``timex`` is where the text gives the document's own date: the byline the date was
    read from, or a line holding nothing but the document's date (a dateline)."""
    dated = extraction.document_date
    if dated.start is not None and dated.end is not None and timex.start < dated.end and dated.start < timex.end:
        return True
    alone = sentence.strip(" \t\n–—-,.:") == timex.text
    return alone and dated.value is not None and timex.value[:10] == dated.value[:10]


def _sentence(document: Document, timex: Timex) -> tuple[str, int]:
    """The sentence around ``timex`` and its offset; the line of the text when the extractor gave none."""
    offset = timex.start - timex.sentence_start
    if timex.sentence and timex.sentence[offset : offset + len(timex.text)] == timex.text:
        return timex.sentence, timex.sentence_start
    text = document.text
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:line_end], line_start
