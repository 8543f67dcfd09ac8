"""The date filters' text as people type it: "1914", "2021-05", "500 BC", "AD 30", "1st century BC",
"the 1990s", and free phrases ("last March", "2 weeks ago") read by dateparser.

Each reading is a :class:`~timeline.export.Period` (a whole calendar period: "500 BC" is that
year, "1st century BC" the hundred years 100-1 BC), so "From" starts where it starts and "To"
runs to where it ends, as on the command line.
"""

from __future__ import annotations

import re
from datetime import datetime

import dateparser

from timeline.events.timescale import fractional_year
from timeline.export import Period, parse_period

_ERA_YEAR = re.compile(r"^(?:(?P<ad>AD|CE)\s*)?(?P<year>\d{1,4})\s*(?P<era>BC|BCE|B\.C\.|AD|CE|A\.D\.)?$", re.I)
_NUMBERED = re.compile(
    r"^(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+(?P<unit>century|millennium)(?:\s+(?P<era>BC|BCE|B\.C\.|AD|CE))?$",
    re.I,
)
_DECADE = re.compile(r"^(?:the\s+)?(?P<year>\d{1,3}0)s(?:\s+(?P<era>BC|BCE|B\.C\.))?$", re.I)
_BC = {"bc", "bce", "b.c."}
# "last March", "last Friday": dateparser reads the month or day alone, most recent first (PREFER past)
_LAST_NAMED = re.compile(
    r"^last\s+(?P<name>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*)$", re.I
)
HINT = "use 1914, 2021-05, 2021-05-13, 500 BC, 1st century BC, the 1990s or a phrase such as 'last March'"


def typed_period(text: str, *, now: datetime | None = None) -> Period:
    """The period ``text`` names; ValueError saying what can be typed. ``now`` anchors relative phrases."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("empty date")
    try:
        return parse_period(cleaned)
    except ValueError:
        pass
    for reader in (_era_year, _numbered, _decade):
        period = reader(cleaned)
        if period is not None:
            return period
    period = _phrase(cleaned, now)
    if period is None:
        raise ValueError(f"{text!r} is not a date: {HINT}")
    return period


def years_period(first: int, last: int) -> Period:
    """The whole years ``first`` to ``last`` (astronomical numbering, both included)."""
    start, end = _year_iso(first), _year_iso(last + 1)
    return Period(start, end, fractional_year(start), fractional_year(end))


def astronomical(year: int, bc: bool) -> int:
    """The astronomical year of ``year`` BC or AD: 1 BC is 0, 500 BC is -499."""
    return 1 - year if bc else year


def _year_iso(year: int) -> str:
    return f"{year:05d}" if year < 0 else f"{year:04d}"


def _era_year(text: str) -> Period | None:
    match = _ERA_YEAR.match(text)
    if match is None or not (match["ad"] or match["era"]):
        return None  # a bare number is parse_period's (it was refused there: not a year here either)
    year = int(match["year"])
    if year == 0:
        return None
    bc = (match["era"] or "").lower() in _BC
    at = astronomical(year, bc)
    return years_period(at, at)


def _numbered(text: str) -> Period | None:
    """The n-th century or millennium, AD (1st century: 1-100) or BC (1st century BC: 100-1 BC)."""
    match = _NUMBERED.match(text)
    if match is None or int(match["n"]) == 0:
        return None
    length = 100 if match["unit"].lower() == "century" else 1000
    n = int(match["n"])
    if (match["era"] or "").lower() in _BC:
        return years_period(astronomical(n * length, True), astronomical((n - 1) * length + 1, True))
    return years_period((n - 1) * length + 1, n * length)


def _decade(text: str) -> Period | None:
    """ "the 1990s" (1990-1999); "the 490s BC" (499-490 BC)."""
    match = _DECADE.match(text)
    if match is None:
        return None
    year = int(match["year"])
    if (match["era"] or "").lower() in _BC:
        return years_period(astronomical(year + 9, True), astronomical(year, True))
    return years_period(year, year + 9)


def _phrase(text: str, now: datetime | None) -> Period | None:
    """A free phrase through dateparser, at the precision it reads ("last March": that month)."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if now is not None:
        settings["RELATIVE_BASE"] = now
    named = _LAST_NAMED.match(text)
    data = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(
        named["name"] if named else text
    )
    found = data.date_obj
    if found is None:
        return None
    if data.period == "year":
        return parse_period(f"{found.year:04d}")
    if data.period == "month":
        return parse_period(f"{found.year:04d}-{found.month:02d}")
    return parse_period(f"{found.year:04d}-{found.month:02d}-{found.day:02d}")
