"""Events as Knight Lab TimelineJS JSON: one slide per event, or per range ("499-493 BC").

A slide's ``start_date``/``end_date`` carry the date parts down to the event's grain (a year
gets ``year`` only, a month ``year`` and ``month``, a day adds ``day`` ...). An event covering
more than one unit of its grain (a decade, a week, a season) gets an ``end_date``: the last unit
it covers, since TimelineJS dates are inclusive and our intervals are half-open. A range the text
writes with two dates ("from 499 to 493 BC") is one slide from the first to the second.

Years follow TimelineJS's own convention, not the astronomical one of the events table: there is
no year 0 and a negative year is that many years BC, so 490 BC is ``-490`` and 1 BC ``-1`` (TimelineJS
labels them "490 BCE", "1 BCE" on its axis). The slide's ``display_date`` says the date in words.

Document text is inert in TimelineJS: it runs ``headline``, ``text`` and media captions through
DOMPurify and shows them as HTML, so they are HTML-escaped once; ``group`` and ``display_date`` it
turns into plain text (decoding entities) and then inserts as HTML, so they are escaped twice.
"""

from __future__ import annotations

import html
import json
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from timeline.events import EVENT_COLUMNS
from timeline.events.when import PARTS_BY_GRAIN, DateParts, event_when, explanation_in_words, iso_parts
from timeline.export.periods import month_length
from timeline.export.ranges import Span, spans

_PART_NAMES = ("year", "month", "day", "hour", "minute", "second")
_PART_MINIMUM = (None, 1, 1, 0, 0, 0)
Event = Mapping[Hashable, Any]


def timelinejs_json(df: pd.DataFrame, *, title: str | None = None) -> str:
    """The events table as a TimelineJS document (``{"title": ..., "events": [...]}``), as JSON text.

    Headline = the event's label, text = its sentence (the dates in bold) and how its date was
    resolved, group = its document's title.
    """
    records = df[list(EVENT_COLUMNS)].sort_values(["doc_id", "start"], kind="stable").to_dict(orient="records")
    slides = [_slide(span) for span in spans(records)]
    document: dict[str, Any] = {"events": slides}
    if title:
        documents = df["doc_id"].nunique() if len(df) else 0
        summary = f"{len(df)} dates in {documents} document{'s' if documents != 1 else ''}"
        document["title"] = {"text": {"headline": _html_text(title), "text": summary}}
    return json.dumps(document, ensure_ascii=False, indent=1)


def _html_text(text: str) -> str:
    """Text for a field TimelineJS reads as HTML (after DOMPurify): escaped once."""
    return html.escape(text, quote=False)


def _plain_text(text: str) -> str:
    """Text for a field TimelineJS strips of markup, entities decoded, then inserts as HTML: escaped twice."""
    return html.escape(html.escape(text, quote=False), quote=False)


def _slide(span: Span) -> dict[str, Any]:
    first, last = span.first, span.last
    start = _first_unit(first)
    end = _last_unit(last) if span.is_range else _last_unit(first)
    when = event_when(first) if not span.is_range else f"{event_when(first)} – {event_when(last)}"
    slide: dict[str, Any] = {
        "start_date": _date_object(start),
        "display_date": _plain_text(when),
        "text": {"headline": _html_text(first["label"] or first["text"]), "text": _body(span)},
        "group": _plain_text(first["doc_title"] or first["doc_id"]),
    }
    if end > start:
        slide["end_date"] = _date_object(end)
    return slide


def _first_unit(event: Event) -> DateParts:
    start, precision = iso_parts(event["interval_start"])
    return start[: _part_count(event, precision)]


def _last_unit(event: Event) -> DateParts:
    count = _part_count(event, iso_parts(event["interval_start"])[1])
    return _last_unit_before(iso_parts(event["interval_end"])[0], count)


def _part_count(event: Event, precision: int) -> int:
    return PARTS_BY_GRAIN.get(event["grain"], precision)  # Grain.NONE: as precise as the interval


def _body(span: Span) -> str:
    """The sentence with the dates in bold, then how they were resolved where they were not written in full."""
    sentence = str(span.first["sentence"] or span.first["text"])
    pieces, cursor = [], 0
    for start, end in span.bold:
        pieces += [html.escape(sentence[cursor:start]), "<strong>", html.escape(sentence[start:end]), "</strong>"]
        cursor = end
    pieces.append(html.escape(sentence[cursor:]))
    notes = dict.fromkeys(note for note in map(explanation_in_words, (span.first, span.last)) if note)
    footnote = "".join(f"<p><small>{html.escape(note[:1].upper() + note[1:])}</small></p>" for note in notes)
    return f"<p>{''.join(pieces)}</p>{footnote}"


def _date_object(parts: DateParts) -> dict[str, Any]:
    """A TimelineJS date: astronomical year 0 is 1 BCE (``-1``), -489 is 490 BCE (``-490``)."""
    year, *rest = parts
    return dict(zip(_PART_NAMES, (year if year > 0 else year - 1, *rest), strict=False))


def _last_unit_before(end: DateParts, count: int) -> DateParts:
    """The last unit of ``count`` parts that lies before the (exclusive) instant ``end``."""
    head, rest = end[:count], end[count:]
    on_boundary = all(value == _PART_MINIMUM[count + i] for i, value in enumerate(rest))
    return _previous(head) if on_boundary else head


def _previous(parts: DateParts) -> DateParts:
    """One unit of the finest part earlier: (2021, 1, 1) -> (2020, 12, 31)."""
    *head, value = parts
    index = len(head)
    minimum = _PART_MINIMUM[index]
    if index == 0 or value > (minimum or 0):
        return (*head, value - 1)
    earlier = _previous(tuple(head))
    return (*earlier, _maximum(index, earlier))


def _maximum(index: int, head: DateParts) -> int:
    if index == 1:
        return 12
    if index == 2:
        return month_length(*head)
    return 23 if index == 3 else 59
