"""Value objects the extractor produces.

A temporal expression found in a text is a :class:`Timex`: where it is (offsets, sentence),
what it means in TimeML terms (``type``, ``value``, ``mod``), the calendar interval it covers
at its true :class:`Grain`, and the :class:`Anchor` it was resolved against.

Intervals are half-open ``[start, end)`` and written as ISO 8601 strings with astronomical
year numbering (year 0 is 1 BC, ``-0489`` is 490 BC), so they survive years that Python's
``datetime`` and pandas' nanosecond timestamps cannot hold.
"""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum

from timeline.extract.record import record


class TimexType(StrEnum):
    """TimeML TIMEX3 ``type``."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Grain(StrEnum):
    """How coarse a calendar value is, finest last in the order of :data:`GRAIN_ORDER`."""

    MILLENNIUM = "millennium"
    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    PART_OF_DAY = "part_of_day"
    HOUR = "hour"
    MINUTE = "minute"
    SECOND = "second"
    # Values that are not a calendar position: durations, sets, PRESENT_REF & co.
    NONE = "none"


GRAIN_ORDER: tuple[Grain, ...] = tuple(Grain)


class AnchorKind(StrEnum):
    """What a relative expression was resolved against."""

    ABSOLUTE = "absolute"  # needs no anchor: "May 13, 2021"
    DOCUMENT_DATE = "document_date"  # the document's creation date (given or found)
    MENTION = "mention"  # the date last talked about in the narrative
    QUOTE = "quote"  # the date a quotation was said on
    NONE = "none"  # nothing to resolve against: value keeps X placeholders


@record
class Interval:
    """A half-open calendar interval ``[start, end)``; ISO 8601 strings, astronomical years."""

    start: str
    end: str


@record
class Anchor:
    """The reference a value was resolved against, and a sentence saying how."""

    kind: AnchorKind
    value: str | None = None  # TimeML value of the reference date, if any
    explanation: str = ""  # e.g. "6 months before the document date, 2021-05-15"


@record
class Timex:
    """One temporal expression, found and resolved."""

    text: str  # as written: document[start:end]
    start: int
    end: int
    type: TimexType
    value: str  # TimeML TIMEX3 value: 2021-05-13, 2020-11, 1997-SU, 199, P6M, PRESENT_REF ...
    grain: Grain
    interval: Interval | None  # None where the value is not a calendar position
    anchor: Anchor
    sentence: str = ""
    sentence_start: int = 0
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, BEFORE, AFTER, LESS_THAN ...
    quant: str | None = None  # SET only: EACH, EVERY
    freq: str | None = None  # SET only: 2X ...
    rule: str = ""  # name of the rule that found it


class DctSource(StrEnum):
    """Where the document creation time came from."""

    GIVEN = "given"  # --dct, or a date field/column of a corpus
    TEXT = "text"  # found in the text: a byline, a dateline
    METADATA = "metadata"  # HTML metadata (article:published_time, <time>)
    NONE = "none"  # not known: the document is read as narrative


@record
class DocumentDate:
    """The document creation time and where it came from."""

    value: str | None  # ISO date (YYYY-MM-DD), or None for narrative documents
    source: DctSource
    text: str | None = None  # the byline text it was read from, when found in the text
    start: int | None = None
    end: int | None = None


@record
class Extraction:
    """Everything the extractor says about one document."""

    timexes: list[Timex] = field(default_factory=list)
    document_date: DocumentDate = DocumentDate(None, DctSource.NONE)
    language: str = "en"  # the code of the language it was read as
