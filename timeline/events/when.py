"""Dates in words, for people: TimeML values and events as "490 BC", "May 2021", "14 May 2021, evening".

Nothing shown to a reader should be a raw TimeML value ("BC0513", "2021-W19", "199"): exports
and footnotes word them here. A value these rules cannot read (a duration, "XXXX-05") gives
None, and an event then falls back to its interval.
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
    Grain.MILLENNIUM: 1, Grain.CENTURY: 1, Grain.DECADE: 1, Grain.YEAR: 1,
    Grain.HALF: 2, Grain.QUARTER: 2, Grain.SEASON: 2, Grain.MONTH: 2,
    Grain.WEEK: 3, Grain.DAY: 3,
    Grain.PART_OF_DAY: 4, Grain.HOUR: 4,
    Grain.MINUTE: 5, Grain.SECOND: 6,
}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night",
                 "DT": "daytime"}
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
    return (*given, *_PART_MINIMUM[len(given):]), len(given)


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
    prefix = {"START": "early", "MID": "mid", "END": "late", "APPROX": "about", "BEFORE": "before",
              "AFTER": "after", "ON_OR_BEFORE": "by", "ON_OR_AFTER": "from", "LESS_THAN": "less than",
              "MORE_THAN": "more than"}.get(str(mod)) if isinstance(mod, str) else None
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
