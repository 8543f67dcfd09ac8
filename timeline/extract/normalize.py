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
    return int(_first_of(lang, ("last_day", "ordinal"), _clean(text)))


def _first_of(lang: Language, tables: tuple[str, ...], word: str) -> Any:
    """``word`` read through the first of ``tables`` that holds it; KeyError if none does."""
    for table in tables:
        if word in lang.vocabulary.get(table, ()):
            return lang.lookup(table, word)
    raise KeyError(word)


def nth(lang: Language, text: str) -> str:
    """Which of a month's weekdays: "1" .. "5" or "last" (the form of holiday rules)."""
    return str(lang.lookup("nth", _clean(text)))


def year(lang: Language, text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def year_words(lang: Language, text: str) -> int:
    """A year in words: "nineteen eighty-four" 1984, "two thousand and one" 2001, "seventeen oh
    five" 1705, "nineteen hundred" 1900, "twenty twenty-one" 2021."""
    skip = lang.vocabulary.get("year_word_filler", {})
    words = [word for word in _clean(text).replace("-", " ").replace("’", "'").split() if word not in skip]
    thousands = lang.vocabulary.get("year_word_thousands", {})
    leading = " ".join(words[:2])
    if leading in thousands:
        century, rest = int(thousands[leading]), words[2:]
    else:
        century, rest = int(lang.lookup("number_word", words[0])), words[1:]
    if rest[:1] and rest[0] in lang.vocabulary.get("year_word_hundred", {}):
        rest = rest[1:]
    return century * 100 + sum(int(lang.lookup("number_word", word)) for word in rest)


def year2(lang: Language, text: str) -> int:
    """Two-digit year: '97 is 1997, '05 is 2005 (a 30-year pivot, as most taggers use)."""
    value = int("".join(ch for ch in text if ch.isdigit()))
    return 2000 + value if value < 30 else 1900 + value


def year_bc(lang: Language, text: str) -> int:
    """A BC year as an astronomical year number: 490 BC is -489."""
    return 1 - int("".join(ch for ch in text if ch.isdigit()))


def decade(lang: Language, text: str) -> tuple[str, int]:
    """("decade", 199) for the 1990s, ("century", 18) for "the 1800s"."""
    cleaned = _clean(text).replace("'", "")
    words = lang.vocabulary.get("decade_word", {})
    hundreds, _, tens = cleaned.replace("-", " ").rpartition(" ")
    if tens in words:  # "the nineties" 199, "the eighteen-sixties" 186
        century = int(lang.lookup("number_word", hundreds)) if hundreds else 19
        return "decade", century * 10 + int(words[tens])
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
    return int(_first_of(lang, ("ordinal", "named_ordinal"), cleaned))


ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman(lang: Language, text: str) -> int:
    """A Roman numeral: "XIX" 19, "xxi" 21, "XIXe" 19 (a trailing ordinal mark is dropped)."""
    leading = regex.match(r"[ivxlcdm]+", _clean(text))
    letters = [ROMAN_DIGITS[ch] for ch in leading.group()] if leading else []
    if not letters:
        raise KeyError(text)
    return sum(-value if index + 1 < len(letters) and value < letters[index + 1] else value
               for index, value in enumerate(letters))  # fmt: skip


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
    tens, _, ones = cleaned.replace(" ", "-").partition("-")
    if ones and tens in lang.vocabulary["number_word"]:  # twenty-five, twenty five
        unit_value = lang.vocabulary["number_word"].get(ones, 0)
        return int(lang.lookup("number_word", tens)) + (unit_value if unit_value < 10 else 0)
    head, _, last = cleaned.rpartition(" ")
    if head and last in lang.vocabulary.get("of", {}):  # "couple of"
        return count(lang, head)
    raise KeyError(cleaned)


def unit(lang: Language, text: str) -> str:
    cleaned = _clean(text)
    if cleaned.startswith("-"):
        return str(lang.lookup("unit_adjective", cleaned))
    return str(_first_of(lang, ("unit", "unit_alias"), cleaned))


def _without_articles(lang: Language, text: str) -> str:
    """``text`` cleaned, less a leading article ("the", "el", "le") and a trailing "of"."""
    words = _clean(text).split()
    articles = lang.vocabulary.get("article", {})
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    while len(words) > 1 and words[-1] in lang.vocabulary.get("of", {}):
        words = words[:-1]
    return " ".join(words)


def season(lang: Language, text: str) -> str:
    return str(lang.lookup("season", _without_articles(lang, text)))


def part_of_day(lang: Language, text: str) -> str:
    return str(lang.lookup("part_of_day", _clean(text)))


def position(lang: Language, text: str) -> str:
    return str(lang.lookup("position", _without_articles(lang, text)))


def approx(lang: Language, text: str) -> str:
    return str(lang.lookup("approx", _clean(text)))


def direction(lang: Language, text: str) -> tuple[int, str]:
    """(sign, what it counts from): "last" (-1, "document"), "following" (1, "mention")."""
    sign, anchor = lang.lookup("direction", _clean(text))
    return int(sign), str(anchor)


def deictic_day(lang: Language, text: str) -> tuple[int, str | None]:
    """(days from the reference, part of day): "yesterday" (-1, None), "tonight" (0, "NI")."""
    offset, part = lang.lookup("deictic_day", _clean(text))
    return int(offset), str(part) or None


def beyond(lang: Language, text: str) -> int:
    """Units from the reference: "after next" 2, "before last" -2."""
    return int(lang.lookup("beyond", _clean(text)))


def holiday(lang: Language, text: str) -> str:
    """The holiday's rule: "12-25", "11 thursday 4", "easter-2" (see vocabulary.toml)."""
    return str(lang.lookup("holiday", _clean(text).replace("’", "'")))


def frequency(lang: Language, text: str) -> str:
    return str(lang.lookup("frequency", _clean(text)))


def freq(lang: Language, text: str) -> str:
    cleaned = _clean(text)
    if cleaned in lang.vocabulary.get("times", {}):
        return str(lang.lookup("times", cleaned))
    return "".join(ch for ch in cleaned if ch.isdigit()) + "X"


def hour(lang: Language, text: str) -> int:
    """7, 07, "seven", "noon"."""
    cleaned = _clean(text)
    if cleaned.isdigit():
        return int(cleaned)
    return int(_first_of(lang, ("named_hour", "number_word"), cleaned))


def clock_offset(lang: Language, text: str) -> int:
    """Minutes before or after an hour: "a quarter" 15, "half" 30, "ten" 10, "25"."""
    cleaned = _clean(text)
    if cleaned in lang.vocabulary.get("clock_fraction", {}):
        return int(lang.lookup("clock_fraction", cleaned))
    return int(count(lang, cleaned.replace(" ", "-")))


def clock_side(lang: Language, text: str) -> int:
    """+1 for "past", "after"; -1 for "to", "before", "of"."""
    return int(lang.lookup("clock_side", _clean(text)))


def period_side(lang: Language, text: str) -> int:
    """+1 for "after", "later than"; -1 for "before", "earlier than"."""
    return int(lang.lookup("period_side", _clean(text)))


def minute(lang: Language, text: str) -> int:
    return int(text)


def ampm(lang: Language, text: str) -> str:
    return "pm" if "p" in text.lower() else "am"


def time_zone(lang: Language, text: str) -> str | None:
    """The zone TimeML writes after a clock time ("Z" for UTC), or None for zones it leaves off."""
    zone = lang.vocabulary.get("time_zone", {}).get(text.lower())
    return None if zone is None else str(zone)


def text_as_is(lang: Language, text: str) -> str:
    return text


NORMALIZERS: dict[str, Normalizer] = {
    "month": month,
    "month_num": month,
    "month_name": month,
    "weekday": weekday,
    "weekday_abbr": weekday,
    "weekday_any": weekday,
    "beside_weekday": weekday,
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
    "century_roman": roman,
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
    "end_hour": hour,  # "2-[4]pm": the end of a range of hours
    "period_side": period_side,
    "minute": minute,
    "clock_offset": clock_offset,
    "clock_side": clock_side,
    "ampm": ampm,
    "tz": time_zone,
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
    texts = match.groups()  # one call for all groups (a tenth of the cost of groupdict())
    for index, slot, normalizer in slot_plan(match.re):
        text = texts[index]
        if text is not None and slot not in values:
            values[slot] = normalizer(lang, text)
    return values


@cache
def slot_plan(pattern: regex.Pattern[str]) -> tuple[tuple[int, str, Normalizer], ...]:
    """(index in ``match.groups()``, slot, normalizer) for the groups of a pattern that mean
    something, in the order they fill slots: groups named exactly after their slot first
    ("May 4 and [5]": the day is 5, not 4). Worked out once per pattern."""
    plan = []
    for group in sorted(pattern.groupindex, key=lambda name: _slot_name(name) != name):
        normalizer = normalizer_for(group)
        if normalizer is not None:
            plan.append((pattern.groupindex[group] - 1, _slot_name(group), normalizer))
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
    "century_roman": "century_ordinal",
}


def _slot_name(group: str) -> str:
    name = group
    while name and name not in NORMALIZERS and "_" in name:
        name = name.rsplit("_", 1)[0]
    return CANONICAL_SLOTS.get(name, name)
