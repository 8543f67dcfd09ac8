"""An event's date in words, at its grain: "13 May 2021", "May 2021", "1990s", "490 BC", "5th century BC".

Read off the resolved interval (ISO strings, astronomical years), so it works the same for every
value the extractor writes and for any year, BC included. Used on the timeline's labels, in
hovers and wherever a person reads a date.
"""

from __future__ import annotations

from typing import Final

from timeline.events.timescale import _ISO, era_year

MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December")
_SHORT_MONTHS: Final = tuple(name[:3] for name in MONTHS)
_SEASONS: Final = {12: "winter", 1: "winter", 3: "spring", 6: "summer", 9: "autumn"}
_PARTS_OF_DAY: Final = ((5, "night"), (12, "morning"), (17, "afternoon"), (21, "evening"), (24, "night"))
_QUARTER_STARTS: Final = {1: "Q1", 4: "Q2", 7: "Q3", 10: "Q4"}


def when(interval_start: str, interval_end: str, grain: str, *, short: bool = False) -> str:
    """The interval ``[interval_start, interval_end)`` in words at ``grain`` (a Grain value).

    ``short`` abbreviates month names ("13 May 2021" stays, "13 Sep 2021").
    """
    parts = _fields(interval_start)
    if parts is None:
        return interval_start
    year, month, day, hour, minute = parts
    months = _SHORT_MONTHS if short else MONTHS
    era = era_year(year)
    if grain == "day":
        return f"{day} {months[month - 1]} {era}"
    if grain in ("hour", "minute", "second"):
        return f"{day} {months[month - 1]} {era}, {hour:02d}:{minute:02d}"
    if grain == "part_of_day":
        part = next(name for until, name in _PARTS_OF_DAY if hour < until)
        return f"{day} {months[month - 1]} {era}, {part}"
    if grain == "week":
        return f"week of {day} {months[month - 1]} {era}"
    if grain == "month":
        return f"{months[month - 1]} {era}"
    if grain == "quarter":
        return f"{_QUARTER_STARTS.get(month, months[month - 1])} {era}"
    if grain == "half_year":
        return f"{'first' if month < 7 else 'second'} half of {era}"
    if grain == "season":
        season = _SEASONS.get(month, "season")
        return f"winter {era}–{era_year(year + 1)[-2:]}" if month == 12 else f"{season} {era}"
    if grain == "year":
        return era
    if grain == "decade":
        return _decade(year)
    if grain == "century":
        return _century(year)
    if grain == "millennium":
        return _millennium(year)
    end = _fields(interval_end)
    if end is not None and end[0] != year:
        last = end[0] - (1 if (end[1], end[2]) == (1, 1) else 0)
        return era if last <= year else f"{era}–{era_year(last)}"
    return f"{day} {months[month - 1]} {era}"


def _fields(iso: str) -> tuple[int, int, int, int, int] | None:
    match = _ISO.match(iso)
    if match is None:
        return None
    return (int(match["year"]), int(match["month"] or 1), int(match["day"] or 1), int(match["hour"] or 0),
            int(match["minute"] or 0))


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _decade(year: int) -> str:
    """The decade starting near astronomical ``year``: 1990 -> "1990s", -498 -> "490s BC" (499–490 BC).

    Read at the decade's middle, so an interval that starts a year early or late names the same decade.
    """
    middle = year + 5
    if middle > 0:
        return f"{middle // 10 * 10}s"
    return f"{(1 - middle) // 10 * 10}s BC"


def _century(year: int) -> str:
    """The century starting near astronomical ``year``: 1900 -> "20th century", -499 -> "5th century BC"."""
    return _numbered(year, 100, "century")


def _millennium(year: int) -> str:
    return _numbered(year, 1000, "millennium")


def _numbered(year: int, length: int, name: str) -> str:
    """The ordinal period of ``length`` years (read at its middle) that starts near ``year``."""
    middle = year + length // 2
    if middle > 0:
        return f"{ordinal(-(-middle // length))} {name}"
    return f"{ordinal(-(-(1 - middle) // length))} {name} BC"
