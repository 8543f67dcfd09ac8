"""Ranges the text writes as two dates: "499-493 BC", "from 1939 to 1945", "between May and June".

The extractor tags each end of such a range as its own expression, so the events table holds
two events; an export that shows spans (TimelineJS) joins them back into one.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_CONNECTOR = re.compile(r"^\s*(?:[-–—]|to|until|till|through|thru|and)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_MAX_GAP = 10  # characters between the two ends: " through "

Event = Mapping[Hashable, Any]


@dataclass(frozen=True, slots=True)
class Span:
    """One event, or a range from ``first`` to ``last``; ``bold`` are the sentence spans of its dates."""

    first: Event
    last: Event
    bold: tuple[tuple[int, int], ...]

    @property
    def is_range(self) -> bool:
        return self.first is not self.last


def spans(events: Sequence[Event]) -> list[Span]:
    """The events in order, each range's two ends joined into one span."""
    result: list[Span] = []
    index = 0
    while index < len(events):
        event = events[index]
        following = events[index + 1] if index + 1 < len(events) else None
        joined = _range(event, following) if following is not None else None
        if joined is not None:
            result.append(joined)
            index += 2
        else:
            at = _find(str(event["sentence"]), str(event["text"]))
            bold = ((at, at + len(str(event["text"]))),) if at >= 0 else ()
            result.append(Span(event, event, bold))
            index += 1
    return result


def _range(first: Event, last: Event) -> Span | None:
    """The span from ``first`` to ``last`` when the sentence joins them as a range, else None."""
    if first["doc_id"] != last["doc_id"] or first["sentence"] != last["sentence"]:
        return None
    gap = int(last["start"]) - int(first["end"])
    if not 0 < gap <= _MAX_GAP or float(last["x_end"]) <= float(first["x_start"]):
        return None
    sentence, head, tail = str(first["sentence"]), str(first["text"]), str(last["text"])
    at = sentence.find(head)
    while at >= 0:
        middle = at + len(head)
        between = sentence[middle : middle + gap]
        if sentence.startswith(tail, middle + gap) and _CONNECTOR.match(between):
            if between.strip().lower() == "and" and not _BETWEEN.search(sentence[:at]):
                return None  # "in 1940 and 1945": two dates, not a range
            return Span(first, last, ((at, middle), (middle + gap, middle + gap + len(tail))))
        at = sentence.find(head, at + 1)
    return None


def _find(sentence: str, expression: str) -> int:
    return sentence.find(expression) if expression else -1
