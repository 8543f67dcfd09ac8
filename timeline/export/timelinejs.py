"""Events as Knight Lab TimelineJS JSON: one slide per event.

A slide's ``start_date``/``end_date`` carry the date parts down to the event's grain (a year
gets ``year`` only, a month ``year`` and ``month``, a day adds ``day`` ...). An event covering
more than one unit of its grain (a decade, a week, a season) gets an ``end_date``: the last unit
it covers, since TimelineJS dates are inclusive and our intervals are half-open. Years are
astronomical, as TimelineJS reads them; BC dates get a ``display_date`` ("490 BC").
"""

from __future__ import annotations

import calendar
import html
import json
import re
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from timeline.events import EVENT_COLUMNS
from timeline.events.timescale import era_year
from timeline.export.periods import month_length
from timeline.extract.model import Grain

# How many date parts (year, month, day, hour, minute, second) a grain is shown with.
_PARTS_BY_GRAIN: dict[str, int] = {
    Grain.MILLENNIUM: 1, Grain.CENTURY: 1, Grain.DECADE: 1, Grain.YEAR: 1,
    Grain.HALF: 2, Grain.QUARTER: 2, Grain.SEASON: 2, Grain.MONTH: 2,
    Grain.WEEK: 3, Grain.DAY: 3,
    Grain.PART_OF_DAY: 4, Grain.HOUR: 4,
    Grain.MINUTE: 5, Grain.SECOND: 6,
}
_PART_NAMES = ("year", "month", "day", "hour", "minute", "second")
_PART_MINIMUM = (None, 1, 1, 0, 0, 0)
_ISO_PARTS = re.compile(r"^([+-]?\d{4,})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.\d+)?)?)?)?)?)?$")

DateParts = tuple[int, ...]


def timelinejs_json(df: pd.DataFrame, *, title: str | None = None) -> str:
    """The events table as a TimelineJS document (``{"title": ..., "events": [...]}``), as JSON text.

    Headline = the event's label, text = its sentence, group = its document's title. TimelineJS
    reads headline, text and group as HTML, so they are escaped.
    """
    slides = [_slide(event) for event in df[list(EVENT_COLUMNS)].to_dict(orient="records")]
    document: dict[str, Any] = {"events": slides}
    if title:
        documents = df["doc_id"].nunique() if len(df) else 0
        summary = f"{len(slides)} dates in {documents} document{'s' if documents != 1 else ''}"
        document["title"] = {"text": {"headline": html.escape(title), "text": summary}}
    return json.dumps(document, ensure_ascii=False, indent=1)


def _slide(event: Mapping[Hashable, Any]) -> dict[str, Any]:
    start, precision = _parts(event["interval_start"])
    count = _PARTS_BY_GRAIN.get(event["grain"], precision)  # Grain.NONE: as precise as the interval
    first = start[:count]
    last = _last_unit_before(_parts(event["interval_end"])[0], count)
    slide: dict[str, Any] = {
        "start_date": _date_object(first),
        "text": {"headline": html.escape(event["label"] or event["text"]), "text": _body(event)},
        "group": html.escape(event["doc_title"] or event["doc_id"]),
    }
    if last > first:
        slide["end_date"] = _date_object(last)
    return slide


def _body(event: Mapping[Hashable, Any]) -> str:
    """The sentence with the expression in bold, then how its date was resolved."""
    sentence, expression = event["sentence"], event["text"]
    at = sentence.find(expression) if expression else -1
    if at >= 0:
        body = (html.escape(sentence[:at]) + "<strong>" + html.escape(expression) + "</strong>"
                + html.escape(sentence[at + len(expression):]))
    else:
        body = html.escape(sentence or expression)
    explanation = event["explanation"]
    return f"<p>{body}</p><p><small>{html.escape(explanation)}</small></p>" if explanation else f"<p>{body}</p>"


def _date_object(parts: DateParts) -> dict[str, Any]:
    date: dict[str, Any] = dict(zip(_PART_NAMES, parts, strict=False))
    if parts[0] <= 0:
        date["display_date"] = _bc_display(parts)
    return date


def _bc_display(parts: DateParts) -> str:
    words = [era_year(parts[0])]
    if len(parts) > 1:
        words.insert(0, calendar.month_name[parts[1]])
    if len(parts) > 2:
        words.insert(0, str(parts[2]))
    return " ".join(words)


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


def _parts(iso: str) -> tuple[DateParts, int]:
    """All six parts of an ISO date/time string (the missing ones at their minimum), and how many it gave."""
    match = _ISO_PARTS.match(iso)
    if match is None:
        raise ValueError(f"not an ISO 8601 date: {iso!r}")
    given = [int(group) for group in match.groups() if group is not None]
    return (*given, *(minimum or 0 for minimum in _PART_MINIMUM[len(given):])), len(given)
