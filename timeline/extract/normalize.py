"""Normalizers: what the text of a matched group means.

A rule's named groups are normalized by the function registered for the group's name, or for
the longest registered prefix of it (``unit_b`` uses ``unit``, ``count_b`` uses ``count``), so
rules can use a fragment twice. Every normalizer reads the vocabularies of the language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import regex

from timeline.extract.resources import Language

Normalizer = Callable[[Language, str], Any]

_WORD_UNITS = {  # compound number words: twenty-five
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}


def _clean(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(".")


def month(lang: Language, text: str) -> int:
    cleaned = _clean(text)
    return int(cleaned) if cleaned.isdigit() else int(lang.lookup("month", cleaned))


def weekday(lang: Language, text: str) -> int:
    cleaned = _clean(text)
    try:
        return int(lang.lookup("weekday", cleaned))
    except KeyError:
        return int(lang.lookup("weekday_plural", cleaned))


def day(lang: Language, text: str) -> int:
    """4, 4th, "fifth", "twenty-first"; "last" is -1 (the last day of a period)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits:
        return int(digits)
    cleaned = _clean(text)
    return -1 if cleaned == "last" else int(lang.lookup("ordinal", cleaned))


NTH = {
    "first": "1",
    "1st": "1",
    "second": "2",
    "2nd": "2",
    "third": "3",
    "3rd": "3",
    "fourth": "4",
    "4th": "4",
    "fifth": "5",
    "5th": "5",
    "last": "last",
    "final": "last",
}


def nth(lang: Language, text: str) -> str:
    """Which of a month's weekdays: "1" .. "5" or "last" (the form of holiday rules)."""
    return NTH[_clean(text)]


def year(lang: Language, text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def year_words(lang: Language, text: str) -> int:
    """A year in words: "nineteen eighty-four" 1984, "two thousand and one" 2001, "seventeen oh
    five" 1705, "nineteen hundred" 1900, "twenty twenty-one" 2021."""
    words = [word for word in _clean(text).replace("-", " ").replace("’", "'").split() if word != "and"]
    if words[:2] == ["two", "thousand"]:
        century, rest = 20, words[2:]
    else:
        century, rest = int(lang.lookup("number_word", words[0])), words[1:]
    if rest[:1] in (["hundred"], ["oh"], ["o"], ["o'"]):
        rest = rest[1:]
    return century * 100 + sum(int(lang.lookup("number_word", word)) for word in rest)


def year2(lang: Language, text: str) -> int:
    """Two-digit year: '97 is 1997, '05 is 2005 (a 30-year pivot, as most taggers use)."""
    value = int("".join(ch for ch in text if ch.isdigit()))
    return 2000 + value if value < 30 else 1900 + value


def year_bc(lang: Language, text: str) -> int:
    """A BC year as an astronomical year number: 490 BC is -489."""
    return 1 - int("".join(ch for ch in text if ch.isdigit()))


DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def decade(lang: Language, text: str) -> tuple[str, int]:
    """("decade", 199) for the 1990s, ("century", 18) for "the 1800s"."""
    cleaned = _clean(text).replace("'", "")
    if cleaned in DECADE_WORDS:
        return "decade", 190 + DECADE_WORDS[cleaned]
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if len(digits) == 2:  # '90s
        return "decade", (190 if int(digits) >= 20 else 200) + int(digits) // 10
    value = int(digits)
    if value % 100 == 0 and value < 2000:  # "the 1800s"; "the 2000s" is the decade 2000-2009
        return "century", value // 100
    return "decade", value // 10


def ordinal(lang: Language, text: str) -> int:
    cleaned = _clean(text)
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if digits:
        return int(digits)
    if cleaned == "final":
        return 4
    return int(lang.lookup("ordinal", cleaned))


def half_ordinal(lang: Language, text: str) -> int:
    return ordinal(lang, text)


def count(lang: Language, text: str) -> float | str:
    """A quantity: 3, 2.5, or "X" for vague ones ("several", "a few")."""
    cleaned = _clean(text)
    if not cleaned:
        return 1
    try:
        return float(cleaned) if "." in cleaned else int(cleaned)
    except ValueError:
        pass
    for table in ("number_word", "vague_number"):
        try:
            return lang.lookup(table, cleaned)  # type: ignore[no-any-return]
        except KeyError:
            continue
    if "-" in cleaned:  # twenty-five
        tens, _, ones = cleaned.partition("-")
        return int(lang.lookup("number_word", tens)) + _WORD_UNITS.get(ones, 0)
    if cleaned.endswith(" of"):
        return count(lang, cleaned[:-3])
    raise KeyError(cleaned)


def unit(lang: Language, text: str) -> str:
    cleaned = _clean(text)
    if cleaned.startswith("-"):
        return str(lang.lookup("unit_adjective", cleaned))
    if cleaned == "fiscal year":
        return "year"
    return str(lang.lookup("unit", cleaned))


def season(lang: Language, text: str) -> str:
    return str(lang.lookup("season", _clean(text).removeprefix("the ")))


def part_of_day(lang: Language, text: str) -> str:
    return str(lang.lookup("part_of_day", _clean(text)))


def position(lang: Language, text: str) -> str:
    return str(lang.lookup("position", _clean(text).removeprefix("the ").removesuffix(" of")))


def approx(lang: Language, text: str) -> str:
    return str(lang.lookup("approx", _clean(text)))


DIRECTIONS: dict[str, tuple[int, str]] = {  # word -> (sign, what it counts from)
    "last": (-1, "document"),
    "past": (-1, "document"),
    "previous": (-1, "mention"),
    "prior": (-1, "mention"),
    "preceding": (-1, "mention"),
    "before": (-1, "mention"),
    "recent": (-1, "document"),
    "next": (1, "document"),
    "coming": (1, "document"),
    "upcoming": (1, "document"),
    "following": (1, "mention"),
    "after": (1, "mention"),
    "this": (0, "document"),
    "current": (0, "document"),
    "same": (0, "mention"),
    "that": (0, "mention"),
}


def direction(lang: Language, text: str) -> tuple[int, str]:
    return DIRECTIONS[_clean(text)]


DEICTIC_DAYS: dict[str, tuple[int, str | None]] = {
    "today": (0, None),
    "yesterday": (-1, None),
    "tomorrow": (1, None),
    "tonight": (0, "NI"),
}


def deictic_day(lang: Language, text: str) -> tuple[int, str | None]:
    return DEICTIC_DAYS[_clean(text)]


BEYOND = {"after next": 2, "before last": -2, "after tomorrow": 2, "before yesterday": -2}


def beyond(lang: Language, text: str) -> int:
    """Units from the reference: "after next" 2, "before last" -2."""
    return BEYOND[_clean(text)]


def holiday(lang: Language, text: str) -> str:
    """The holiday's rule: "12-25", "11 thursday 4", "easter-2" (see vocabulary.toml)."""
    return str(lang.lookup("holiday", _clean(text).replace("’", "'")))


def frequency(lang: Language, text: str) -> str:
    return str(lang.lookup("frequency", _clean(text)))


FREQUENCY_WORDS = {"once": "1X", "twice": "2X", "three times": "3X", "four times": "4X"}


def freq(lang: Language, text: str) -> str:
    cleaned = _clean(text)
    if cleaned in FREQUENCY_WORDS:
        return FREQUENCY_WORDS[cleaned]
    return "".join(ch for ch in cleaned if ch.isdigit()) + "X"


NAMED_HOURS = {"noon": 12, "midnight": 0}


def hour(lang: Language, text: str) -> int:
    """7, 07, "seven", "noon"."""
    cleaned = _clean(text)
    if cleaned in NAMED_HOURS:
        return NAMED_HOURS[cleaned]
    return int(cleaned) if cleaned.isdigit() else int(lang.lookup("number_word", cleaned))


CLOCK_FRACTIONS = {"quarter": 15, "a quarter": 15, "half": 30}


def clock_offset(lang: Language, text: str) -> int:
    """Minutes before or after an hour: "a quarter" 15, "half" 30, "ten" 10, "25"."""
    cleaned = _clean(text).replace(" ", "-")
    if cleaned.replace("-", " ") in CLOCK_FRACTIONS:
        return CLOCK_FRACTIONS[cleaned.replace("-", " ")]
    return int(count(lang, cleaned))


def clock_side(lang: Language, text: str) -> int:
    """+1 for "past", "after"; -1 for "to", "before", "of"."""
    return 1 if _clean(text) in ("past", "after") else -1


def minute(lang: Language, text: str) -> int:
    return int(text)


def ampm(lang: Language, text: str) -> str:
    return "pm" if "p" in text.lower() else "am"


def text_as_is(lang: Language, text: str) -> str:
    return text


NORMALIZERS: dict[str, Normalizer] = {
    "month": month,
    "month_num": month,
    "month_name": month,
    "weekday": weekday,
    "weekday_abbr": weekday,
    "weekday_any": weekday,
    "weekdays": weekday,
    "day": day,
    "day_num": day,
    "nth": nth,
    "inside_month": ordinal,
    "year": year,
    "year2": year2,
    "year_bc": year_bc,
    "year_words": year_words,
    "decade": decade,
    "century_ordinal": ordinal,
    "millennium_ordinal": ordinal,
    "bc": text_as_is,
    "quarter_ordinal": ordinal,
    "half_ordinal": half_ordinal,
    "ordinal": ordinal,
    "count": count,
    "number": count,
    "unit": unit,
    "season": season,
    "part_of_day": part_of_day,
    "position": position,
    "approx": approx,
    "direction": direction,
    "deictic_day": deictic_day,
    "deictic_base": deictic_day,
    "beyond": beyond,
    "holiday": holiday,
    "frequency": frequency,
    "freq": freq,
    "century_digits": year,
    "year_tail": year,
    "hour": hour,
    "minute": minute,
    "clock_offset": clock_offset,
    "clock_side": clock_side,
    "ampm": ampm,
    "tz": text_as_is,
    "t": text_as_is,
}


def normalizer_for(group: str) -> Normalizer | None:
    """The normalizer of ``group``: its own name's, else the longest registered prefix's."""
    name = group
    while name:
        if name in NORMALIZERS:
            return NORMALIZERS[name]
        if "_" not in name:
            return None
        name = name.rsplit("_", 1)[0]
    return None


def normalize_groups(lang: Language, match: regex.Match[str]) -> dict[str, Any]:
    """Normalized values of the groups that matched, keyed by their fragment name.

    ``unit_b`` is reported as ``unit`` (the first non-empty group of a name wins), so the
    rule builders see one slot per meaning.
    """
    values: dict[str, Any] = {}
    for group, slot, normalizer in slot_plan(tuple(match.re.groupindex)):
        if slot in values:
            continue
        text = match.group(group)
        if text is not None:
            values[slot] = normalizer(lang, text)
    return values


@cache
def slot_plan(groups: tuple[str, ...]) -> tuple[tuple[str, str, Normalizer], ...]:
    """(group, slot, normalizer) for the groups of a pattern that mean something, in the
    order they fill slots: groups named exactly after their slot first ("May 4 and [5]":
    the day is 5, not 4). Worked out once per pattern."""
    plan = []
    for group in sorted(groups, key=lambda name: _slot_name(name) != name):
        normalizer = normalizer_for(group)
        if normalizer is not None:
            plan.append((group, _slot_name(group), normalizer))
    return tuple(plan)


CANONICAL_SLOTS = {  # fragments that mean the same thing fill the same slot
    "month_num": "month",
    "month_name": "month",
    "weekday_abbr": "weekday",
    "weekday_any": "weekday",
    "weekdays": "weekday",
    "day_num": "day",
    "number": "count",
    "year_words": "year",
}


def _slot_name(group: str) -> str:
    name = group
    while name and name not in NORMALIZERS and "_" in name:
        name = name.rsplit("_", 1)[0]
    return CANONICAL_SLOTS.get(name, name)
