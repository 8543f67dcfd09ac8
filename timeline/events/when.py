"""Dates in words, for people: TimeML values and events as "490 BC", "May 2021", "14 May 2021, evening".

Nothing shown to a reader should be a raw TimeML value ("BC0513", "2021-W19", "199"): exports
and footnotes word them here. A value these rules cannot read (a duration, "XXXX-05") gives
None, and an event then falls back to its interval. :func:`when` words a resolved interval at
its grain, read off the interval alone (the labels on the timeline use it, short).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Hashable, Mapping

from timeline.events.timescale import era_year
from timeline.events.zones import zone_of
from timeline.extract.model import Grain

# How many date parts (year, month, day, hour, minute, second) a grain is told with.
PARTS_BY_GRAIN: dict[str, int] = {
    Grain.MILLENNIUM: 1,
    Grain.CENTURY: 1,
    Grain.DECADE: 1,
    Grain.YEAR: 1,
    Grain.HALF: 2,
    Grain.QUARTER: 2,
    Grain.SEASON: 2,
    Grain.MONTH: 2,
    Grain.WEEK: 3,
    Grain.DAY: 3,
    Grain.PART_OF_DAY: 4,
    Grain.HOUR: 4,
    Grain.MINUTE: 5,
    Grain.SECOND: 6,
}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_HALVES = {"1": "first", "2": "second"}
_QUARTERS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}

_YEAR_VALUE = re.compile(
    r"^(?P<bc>BC)?(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T(?:(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))?"
    r"|(?P<part>MO|MI|AF|EV|NI|DT)))?)?"
    r"|W(?P<week>\d\d)|(?P<season>SP|SU|FA|WI)|Q(?P<quarter>[1-4])|H(?P<half>[12])))?$"
)
_COARSE_VALUE = re.compile(r"^(?P<bc>BC)?(?P<digits>\d{1,3})$")  # decade (3), century (2), millennium (1)
_ISO_PARTS = re.compile(r"^([+-]?\d{4,})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.\d+)?)?)?)?)?)?$")
_PART_MINIMUM = (0, 1, 1, 0, 0, 0)

DateParts = tuple[int, ...]
MONTHS: tuple[str, ...] = tuple(calendar.month_name[1:])
_SHORT_MONTHS: tuple[str, ...] = tuple(calendar.month_abbr[1:])
_SEASON_STARTS = {12: "winter", 1: "winter", 3: "spring", 6: "summer", 9: "autumn"}
_QUARTER_STARTS = {1: "Q1", 4: "Q2", 7: "Q3", 10: "Q4"}
_PARTS_OF_DAY_BY_HOUR = ((5, "night"), (12, "morning"), (17, "afternoon"), (21, "evening"), (24, "night"))


def value_in_words(value: str | None) -> str | None:
    """A TimeML value in words: "BC0513" -> "513 BC", "2021-05-15" -> "15 May 2021"; None if unreadable."""
    if not value:
        return None
    if value in _REFERENCES:
        return _REFERENCES[value]
    match = _YEAR_VALUE.match(value)
    if match is not None:
        return _dated_words(match)
    coarse = _COARSE_VALUE.match(value)
    if coarse is not None:
        return _coarse_words(coarse["digits"], bool(coarse["bc"]))
    return None


def iso_parts(iso: str) -> tuple[DateParts, int]:
    """All six parts (year, month, day, hour, minute, second) of an ISO date or timestamp, those it
    leaves out at their minimum, and how many it gave: "2021-05" -> ((2021, 5, 1, 0, 0, 0), 2)."""
    match = _ISO_PARTS.match(iso)
    if match is None:
        raise ValueError(f"not an ISO 8601 date: {iso!r}")
    given = [int(group) for group in match.groups() if group is not None]
    return (*given, *_PART_MINIMUM[len(given) :]), len(given)


def day_in_words(iso: str, parts: int = 5) -> str:
    """An ISO date or timestamp (astronomical year) in words, to at most ``parts`` parts (year, month,
    day, hour, minute): "-0489-09-12" -> "12 September 490 BC"."""
    (year, month, day, hour, minute, _), given = iso_parts(iso)
    count = min(parts, given)
    words = era_year(year)
    if count > 1:
        words = f"{calendar.month_name[month]} {words}"
    if count > 2:
        words = f"{day} {words}"
    if count > 3:
        words = f"{words}, {hour:02d}:{minute:02d}"
    return words


def event_when(event: Mapping[Hashable, object]) -> str:
    """When an event happened, in words: its value's words, else the span of its interval."""
    words = value_in_words(str(event["value"]))
    if words is not None and words not in _REFERENCES.values():
        zone = zone_of(str(event["text"])) if "T" in str(event["value"]) else None
        return _with_mod(f"{words} {zone}" if zone else words, event.get("mod"))
    start, end = str(event["interval_start"]), str(event["interval_end"])
    parts = PARTS_BY_GRAIN.get(str(event["grain"]))
    if parts is not None:  # a calendar value written in a form not read above: its first unit
        return day_in_words(start, parts)
    return f"{day_in_words(start)} – {day_in_words(end)}"


def explanation_in_words(event: Mapping[Hashable, object]) -> str:
    """How a relative date was resolved, its reference date in words; "" for a date written in full.

    "6 months before the document date, 2021-05-15" -> "6 months before the publication date, 15 May 2021".
    """
    explanation, reference = str(event["explanation"] or ""), event.get("anchor_value")
    if event.get("anchor") in ("absolute", "none") or not explanation:
        return ""
    if isinstance(reference, str) and reference:
        words = value_in_words(reference)
        if words is not None:
            explanation = explanation.replace(f", {reference}", f", {words}", 1)
    return explanation.replace("the document date", "the publication date")


def _with_mod(words: str, mod: object) -> str:
    """Where a TimeML mod narrows the value: "early May 2021", "about 1997", "before 490 BC"."""
    prefix = (
        {
            "START": "early",
            "MID": "mid",
            "END": "late",
            "APPROX": "about",
            "BEFORE": "before",
            "AFTER": "after",
            "ON_OR_BEFORE": "by",
            "ON_OR_AFTER": "from",
            "LESS_THAN": "less than",
            "MORE_THAN": "more than",
        }.get(str(mod))
        if isinstance(mod, str)
        else None
    )
    return f"{prefix} {words}" if prefix else words


def _dated_words(match: re.Match[str]) -> str | None:
    year = int(match["year"])
    year_words = f"{year} BC" if match["bc"] else str(year)
    if match["week"]:
        return f"week {int(match['week'])} of {year_words}"
    if match["season"]:
        return f"{_SEASONS[match['season']]} {year_words}"
    if match["quarter"]:
        return f"the {_QUARTERS[match['quarter']]} quarter of {year_words}"
    if match["half"]:
        return f"the {_HALVES[match['half']]} half of {year_words}"
    if not match["month"]:
        return year_words
    month = int(match["month"])
    if not 1 <= month <= 12:
        return None
    month_words = f"{calendar.month_name[month]} {year_words}"
    if not match["day"]:
        return month_words
    day_words = f"{int(match['day'])} {month_words}"
    if match["part"]:
        return f"{day_words}, {_PARTS_OF_DAY[match['part']]}"
    if match["hour"]:
        clock = f"{match['hour']}:{match['minute']}" + (f":{match['second']}" if match["second"] else "")
        return f"{day_words}, {clock}"
    return day_words


def _coarse_words(digits: str, bc: bool) -> str:
    """TimeML decades ("199"), centuries ("19") and millennia ("2") as "the 1990s", "the 1900s", "the 2000s"."""
    first_year = int(digits) * 10 ** (4 - len(digits))
    return f"the {first_year}s BC" if bc else f"the {first_year}s"


def when(
    interval_start: str, interval_end: str, grain: str, *, short: bool = False, year_shown: int | None = None
) -> str:
    """The interval ``[interval_start, interval_end)`` in words at ``grain`` (a Grain value).

    ``short`` abbreviates month names ("13 May 2021" stays, "13 Sep 2021"). ``year_shown`` (an
    astronomical year the reader already sees, on the axis of a view within it) is left out of a
    date finer than a year that falls in it: "13 May", "May", "Q2", "13 May, 10:00".
    """
    try:
        (year, month, day, hour, minute, _), _given = iso_parts(interval_start)
    except ValueError:
        return interval_start
    months = _SHORT_MONTHS if short else MONTHS
    era = era_year(year)
    in_year = "" if year == year_shown else f" {era}"  # what follows a date within the year
    if grain == "day":
        return f"{day} {months[month - 1]}{in_year}"
    if grain in ("hour", "minute", "second"):
        return f"{day} {months[month - 1]}{in_year}, {hour:02d}:{minute:02d}"
    if grain == "part_of_day":
        part = next(name for until, name in _PARTS_OF_DAY_BY_HOUR if hour < until)
        return f"{day} {months[month - 1]}{in_year}, {part}"
    if grain == "week":
        return f"week of {day} {months[month - 1]}{in_year}"
    if grain == "month":
        return f"{months[month - 1]}{in_year}"
    if grain == "quarter":
        return f"{_QUARTER_STARTS.get(month, months[month - 1])}{in_year}"
    if grain == "half_year":
        return f"{'first' if month < 7 else 'second'} half" + (f" of {era}" if in_year else "")
    if grain == "season":
        season = _SEASON_STARTS.get(month, "season")
        return _winter(year) if month == 12 else f"{season}{in_year}"
    if grain == "year":
        return era
    if grain == "decade":
        return _decade(year)
    if grain == "century":
        return _century(year)
    if grain == "millennium":
        return _millennium(year)
    (end_year, end_month, end_day, *_), _given = iso_parts(interval_end)
    if end_year != year:
        last = end_year - (1 if (end_month, end_day) == (1, 1) else 0)
        return era if last <= year else f"{era}–{era_year(last)}"
    return f"{day} {months[month - 1]}{in_year}"


def _winter(year: int) -> str:
    """The winter from December of astronomical ``year`` into the next year: 2020 -> "winter 2020–21",
    -482 -> "winter 483–482 BC", 0 -> "winter 1 BC–AD 1" (there is no year zero between them)."""
    if year >= 1:
        return f"winter {year}–{str(year + 1)[-2:]}"
    if year == 0:
        return "winter 1 BC–AD 1"
    return f"winter {1 - year}–{-year} BC"


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
