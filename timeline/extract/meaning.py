"""Underspecified meanings: what a rule says before the calendar context is known.

Rules emit these (HeidelTime's first phase); :mod:`timeline.extract.resolve` turns each into
a TimeML value against the document date, a quote's date or the last date talked about.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import regex

from timeline.extract.calendar import WEEKDAYS, CalendarValue
from timeline.extract.model import TimexType
from timeline.extract.record import record
from timeline.extract.resources import Language

UNIT_LETTERS = {  # unit -> (ISO 8601 designator, is a time unit, multiplier)
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "weekend": ("WE", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "season": ("SE", False, 1),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "millennium": ("Y", False, 1000),
}


# The unit a fraction of a unit is counted in: "half an hour ago" is 30 minutes back
SMALLER_UNIT = {
    "hour": ("minute", 60),
    "day": ("hour", 24),
    "year": ("month", 12),
    "decade": ("year", 10),
    "century": ("year", 100),
    "millennium": ("year", 1000),
}


def iso_duration(amount: float | str, unit: str) -> str:
    """P3Y, PT2H, PXM, P10Y for one decade, P1.5Y."""
    letter, is_time, multiplier = UNIT_LETTERS.get(unit, ("X", False, 1))
    if amount == "X":
        if unit == "decade":
            letter = "DE"
        elif unit == "century":
            letter = "CE"
        quantity = "X"
    else:
        number = amount * multiplier if isinstance(amount, int) else float(amount) * multiplier  # ints stay exact
        quantity = str(int(number)) if number == int(number) else f"{number:g}"
        smaller = _FRACTION_IN_SMALLER_UNIT.get((is_time, letter))
        if smaller is not None and number != int(number) and (number * smaller[1]) % 1 == 0:
            whole, rest = int(number), round((number - int(number)) * smaller[1])
            head = f"{whole}{letter}" if whole else ""
            tail = f"T{rest}{smaller[0]}" if smaller[2] and not is_time else f"{rest}{smaller[0]}"
            return f"{'PT' if is_time else 'P'}{head}{tail}"
    return f"{'PT' if is_time else 'P'}{quantity}{letter}"


# A fraction of a unit written in the next smaller one, as TimeML does: 5 1/2 hours are PT5H30M,
# 2 1/2 years P2Y6M, a minute and a half PT1M30S, a day and a half P1DT12H.
# (is a time unit, designator) -> (smaller designator, how many in one, the smaller is a time unit)
_FRACTION_IN_SMALLER_UNIT = {
    (True, "H"): ("M", 60, True),
    (True, "M"): ("S", 60, True),
    (False, "Y"): ("M", 12, False),
    (False, "D"): ("H", 24, True),
}


@record
class DateMeaning:
    """A calendar position, perhaps missing its year (or day, for a bare clock time)."""

    value: CalendarValue
    weekday: int | None = None  # resolve to a weekday near the reference
    direction: int | None = None  # for weekdays/holidays: -1 last, +1 next, 0 this, None: tense
    day_offset: int | None = None  # today/yesterday/tomorrow: a day relative to the reference
    needs_day: bool = False  # a clock time with no day: the reference's day
    mod: str | None = None
    holiday: str | None = None  # a moving holiday's rule ("11 thursday 4"): its day once the year is known
    swappable: bool = False  # "04/07/2019": day and month could be read either way
    stated_weekday: int | None = None  # "Tues 4/5/2021": the weekday written beside a full date
    weeks_on: int = 0  # "two Mondays from now": the next Monday, then this many weeks on
    tense: int = 0  # the tense the rule's own context shows ("said Tuesday": -1); 0: the clause's
    two_digit_year: bool = False  # "'89": its century is the one nearest the reference's year
    years_ahead: int = 5  # ... no later than this many years past it ("FY30" is a plan: 20)
    # "the previous Friday", "the following Monday", "dans la nuit": counted from the day told
    from_mention: bool = False
    week_of: bool = False  # "the week of March 6": the week holding that day
    weekend_of: bool = False  # "the first weekend of August": the weekend holding that day (a Saturday)
    # "the Monday after Thanksgiving": the weekday (1-7) first met before (-1) or after (+1) that day
    weekday_beside: tuple[int, int] | None = None
    days_after: int = 0  # "the day before last Tuesday" (-1), "the day after Christmas" (+1)
    # "3:15", "8": an hour below 12 with no am/pm nor part of day; the part of day of a day it
    # is joined to says its half ("3:15 this afternoon" is 15:15)
    hour_unmarked: bool = False
    units_after: tuple[str, int] | None = None  # "the century before 387 BC": ("century", -1) from the year

    @property
    def absolute(self) -> bool:
        """Written in full: needs no reference ("May 13, 2021", "the 1990s")."""
        return self.value.complete and self.weekday is None and not self.needs_day and self.day_offset is None


@record
class RelativeMeaning:
    """``amount`` units before/after a reference: "six months ago", "the day before"."""

    unit: str
    amount: int | None  # None: vague ("a few years ago")
    # "document" (deictic), "mention" (anaphoric), "mention_of_unit" (the last of its grain) or
    # "year_in_focus" (the year of the quarter or half last reported, else the document's)
    anchor: str
    part_of_day: str | None = None
    mod: str | None = None
    # "the year-earlier quarter": the quarter last talked about, a year back ("always"), or
    # "a year ago" right after a quarter of the reference's year ("context").
    keep_grain: str | None = None
    sign: int = -1  # for a vague amount ("a few days later"): the future (+1) or the past (-1)
    nearest: bool = False  # "the weekend": the one just past early in the week, else this week's
    future_only: bool = False  # "in two weeks": a date ahead only where the clause is not past
    inside: tuple[str, int] | None = None  # "the 3rd of last month": ("day", 3) of the period found
    nth_weekday: str | None = None  # "the second Tuesday of next month": "tuesday 2" of the month found
    week_of: bool = False  # "the first week of next month": the ISO week holding that nth weekday
    weekend_of: bool = False  # "the last weekend of this month": the weekend holding it (a Saturday)
    from_day: int | None = None  # "a week from tomorrow": counted from that day (+1), to a day
    in_year: int | None = None  # "the 1988 quarter": the period in focus (see keep_grain), in that year


@record
class DurationMeaning:
    value: str  # P3Y
    mod: str | None = None
    anchored: bool = False  # "the past three years": a period ending at the reference
    sign: int = -1  # the past (-1) or the next (+1)
    reported_span: bool = False  # "for the nine months": a company's results over months of its year


@record
class SetMeaning:
    value: str
    quant: str | None = None
    freq: str | None = None


@record
class RefMeaning:
    value: str  # PRESENT_REF, PAST_REF, FUTURE_REF


Meaning = DateMeaning | RelativeMeaning | DurationMeaning | SetMeaning | RefMeaning


def type_of(meaning: Meaning, value: CalendarValue | None) -> TimexType:
    if isinstance(meaning, DurationMeaning):
        return TimexType.DURATION
    if isinstance(meaning, SetMeaning):
        return TimexType.SET
    if value is not None and value.is_time:
        return TimexType.TIME
    return TimexType.DATE


# ----------------------------------------------------------------------------- builders
AFTERNOON_PARTS = frozenset({"AF", "EV"})  # "at 7 in the evening", "Friday evening at 7": 19:00


def hour_24(slots: dict[str, Any], part_of_day: str | None = None) -> int | None:
    """The hour on a 24-hour clock, from am/pm or else the part of day it is said in."""
    if "hour" not in slots:
        return None
    hour = int(slots["hour"])
    ampm = slots.get("ampm")
    if ampm is None and hour < 12:
        if part_of_day in AFTERNOON_PARTS or (part_of_day == "NI" and hour >= 6):
            ampm = "pm"  # "9 tonight"; but "2 at night" stays 2:00
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return hour


def _clock(slots: dict[str, Any], part_of_day: str | None) -> tuple[int | None, int | None]:
    """(hour, minute) of a clock time the groups hold, (None, None) where there is none."""
    hour = hour_24(slots, part_of_day)
    minute = slots.get("minute")
    if hour is not None and minute is None:
        minute = 0
    return hour, minute


def _counted_from_weekday(
    slots: dict[str, Any], sign: int, days_after: int, units_after: tuple[str, int] | None
) -> tuple[int, int, tuple[str, int] | None]:
    """(weeks, days, other units) counted on from the coming weekday: "a week from Monday" (a
    week: the rule's unit where it names none), "ten days after Friday", "a month from Friday"."""
    counted = sign * int(slots.get("count", 1))
    unit = str(slots.get("unit", "week"))
    if unit == "fortnight":
        unit, counted = "week", counted * 2
    if unit == "week":
        return counted, days_after, units_after
    if unit == "day":
        return 0, days_after + counted, units_after
    return 0, days_after, (unit, counted)


def _range_start_half(start: int, end: int, end_half: str) -> str:
    """The half of the day ("am", "pm") of the first hour of a range whose end is in ``end_half``:
    the same, unless the range crosses noon or midnight ("11-1pm": 11am)."""
    if start % 12 > end % 12:
        return "am" if end_half == "pm" else "pm"
    return end_half


def _starts_with_word_of(lang: Language, table: str, text: str) -> str | None:
    """The entry of vocabulary ``table`` that ``text`` starts with, if any (the longest)."""
    lowered = " ".join(text.lower().split())
    entries = sorted(lang.vocabulary.get(table, {}), key=len, reverse=True)
    return next((entry for entry in entries if lowered == entry or lowered.startswith(entry + " ")), None)


_HALF_AFTER_DIGITS = regex.compile(r"(?<=\d)\s*(?:½|1/2)(?!\d)")  # "5 1/2 hours", "1½ weeks": signs of no language


def _has_words_of(lang: Language, table: str, text: str) -> bool:
    """Whether ``text`` holds an entry of vocabulary ``table`` as whole words."""
    padded = " " + " ".join(text.lower().replace("-", " ").split()) + " "
    return any(f" {entry.replace('-', ' ')} " in padded for entry in lang.vocabulary.get(table, {}))


def build_date(slots: dict[str, Any], options: dict[str, Any], text: str, lang: Language) -> DateMeaning:
    mod = options.get("mod") or slots.get("position") or slots.get("approx")
    bc = "bc" in slots  # BC periods are numbered as in calendar.bc_period: the 490s BC are -50
    if "decade" in slots:
        kind, number = slots["decade"]
        number = -number - 1 if bc else number
        value = CalendarValue(century=number) if kind == "century" else CalendarValue(decade=number)
        return DateMeaning(value, mod=mod)
    if "century_ordinal" in slots:  # the 19th century is the 1800s (18); the 3rd century BC "BC02" (-3)
        ordinal = int(slots["century_ordinal"])
        return DateMeaning(CalendarValue(century=-ordinal if bc else ordinal - 1), mod=mod)
    if "millennium_ordinal" in slots:
        ordinal = int(slots["millennium_ordinal"])
        return DateMeaning(CalendarValue(millennium=-ordinal if bc else ordinal - 1), mod=mod)
    _week_of_nth(slots, options)
    if "nth" in slots and "weekday" in slots and "month" in slots:  # "the last Friday of May"
        slots["holiday"] = f"{slots['month']:02d} {WEEKDAYS[slots.pop('weekday') - 1]} {slots['nth']}"
    year = slots.get("year", slots.get("year2", slots.get("year_bc")))
    if "year_tail" in slots:  # "1915-17": the century of the range's first year
        year = slots["century_digits"] * 100 + slots["year_tail"]
    month = slots.get("month")
    day = slots.get("day")
    holiday = slots.get("holiday")
    if holiday is not None and holiday[:2].isdigit() and holiday[2:3] == "-":  # a fixed day: 12-25
        month, day = int(holiday[:2]), int(holiday[3:5])
        holiday = None
    elif holiday is not None:
        month = int(holiday[:2]) if holiday[:2].isdigit() else 3  # Easter: a spring month to guess the year by
    part_of_day = slots.get("part_of_day") or options.get("part_of_day")
    if "end_hour" in slots and "ampm" in slots:
        slots["ampm"] = _range_start_half(int(slots["hour"]), int(slots["end_hour"]), str(slots["ampm"]))
    hour, minute = _clock(slots, part_of_day)
    if hour is not None and "minute" in options:  # "at half six": 6:30
        minute = int(options["minute"])
    days_after = int(options.get("days_after", 0))
    units_after = None
    weekday_beside = None
    if "beside_weekday" in slots:  # "the Friday before Labor Day"; "the weekend before Christmas": its Saturday
        weekday_beside = (int(slots["beside_weekday"]), int(slots["period_side"]))
    elif options.get("weekend_of") and "period_side" in slots:
        weekday_beside = (6, int(slots["period_side"]))
    elif "period_side" in slots:  # "the century before 387 BC"; "three weeks after Easter": a day
        units_after = (str(slots["unit"]), slots["period_side"] * int(slots.get("count", 1)))
        if units_after[0] in ("day", "week"):
            days_after += units_after[1] * (7 if units_after[0] == "week" else 1)
            units_after = None
    if hour is not None and "clock_offset" in slots:  # "a quarter to 6": 5:45
        carried, minutes = divmod(hour * 60 + (minute or 0) + slots["clock_side"] * slots["clock_offset"], 1440)
        hour, minute = divmod(minutes, 60)
        days_after += carried  # "15 minutes before midnight": 23:45 the day before
        part_of_day = None
    value = CalendarValue(
        year=year,
        month=month,
        day=day,
        season=slots.get("season"),
        quarter=slots.get("quarter_ordinal"),
        half=slots.get("half_ordinal"),
        part_of_day=part_of_day,
        hour=hour,
        minute=minute,
        zone=slots.get("tz"),
    )
    sign = slots["direction"][0] if "direction" in slots else None
    weekday = slots.get("weekday") if day is None or month is None else None  # "Friday the 13th"
    needs_day = hour is not None and day is None and weekday is None
    weeks_on = 0
    if ("count" in slots or options.get("counted_from_weekday")) and weekday is not None:
        sign = int(options.get("sign", 1))
        if options.get("counted_from_weekday"):  # "a week from Monday", "Friday week", "a month from Friday"
            weeks_on, days_after, units_after = _counted_from_weekday(slots, sign, days_after, units_after)
        else:  # "two Mondays from now": the next Monday, then one more; "two Fridays ago"
            weeks_on = sign * (int(slots["count"]) - 1)
    if options.get("year_month") and year is not None and month is not None and month > year % 100:
        raise ValueError("a range of years, not a month")  # "2010-11" is 2010 to 2011; "2019-06" June
    swappable = bool(options.get("swappable")) and month is not None and day is not None and day <= 12
    return DateMeaning(
        value,
        weekday=weekday,
        stated_weekday=slots.get("weekday") if weekday is None else None,
        direction=sign,
        needs_day=needs_day,
        mod=mod,
        holiday=holiday,
        weeks_on=weeks_on,
        swappable=swappable and month != day,
        tense=int(options.get("tense", 0)),
        two_digit_year="year2" in slots and "year" not in slots,
        hour_unmarked=hour is not None and hour < 12 and "ampm" not in slots and part_of_day is None,
        units_after=units_after,
        weekday_beside=weekday_beside,
        years_ahead=int(options.get("years_ahead", 5)),
        from_mention="direction" in slots and slots["direction"][1] == "mention",
        week_of=bool(options.get("week_of")),
        weekend_of=bool(options.get("weekend_of")),
        days_after=days_after,
    )


def build_relative(
    slots: dict[str, Any], options: dict[str, Any], text: str, lang: Language
) -> RelativeMeaning | DateMeaning:
    unit = str(options.get("unit") or slots.get("unit") or "day")
    anchor = str(options.get("anchor", "document"))
    mod = options.get("mod") or slots.get("position") or slots.get("approx")
    part = options.get("part_of_day") or slots.get("part_of_day")
    if "deictic_day" in slots:
        offset, deictic_part = slots["deictic_day"]
        part = part or deictic_part
        hour, minute = _clock(slots, part)  # "tomorrow morning at 9", "9 tonight"
        return DateMeaning(CalendarValue(part_of_day=part, hour=hour, minute=minute), day_offset=offset)
    if unit == "night":
        unit, part = "day", "NI"
    if unit in ("morning", "afternoon", "evening"):  # "the next morning": that day, in the morning
        part = part or lang.lookup("part_of_day", unit)
        unit = "day"
    amount: int | None
    if "beyond" in slots and unit == "day" and anchor == "document":  # "the day after tomorrow": a day,
        hour, minute = _clock(slots, part)  # which a clock time may join ("... at noon")
        return DateMeaning(CalendarValue(part_of_day=part, hour=hour, minute=minute), day_offset=int(slots["beyond"]))
    if "beyond" in slots:  # "the week after next", "the night before last"
        amount = slots["beyond"]
    elif "direction" in slots:
        sign, anchor = slots["direction"]
        amount = sign
    elif "amount" in options:
        amount = int(options["amount"])
    else:
        counted = slots.get("count", 1)
        if isinstance(counted, float) and not counted.is_integer() and unit in SMALLER_UNIT:
            unit, how_many = SMALLER_UNIT[unit]  # "half a year ago": six months back
            counted *= how_many
        amount = None if counted == "X" else counted if isinstance(counted, int) else int(round(float(counted)))
        if amount is not None:
            amount *= int(options.get("sign", 1))
    if part is not None and not {"direction", "count", "beyond"} & set(slots) and "amount" not in options:
        # "last night", "this morning": a day beside the reference's
        hour, minute = _clock(slots, part)
        words = text.lstrip("0123456789:. ")  # "11 last night": the words after a clock time
        offset = -1 if _starts_with_word_of(lang, "day_before_prefix", words) else int(options.get("day_offset", 0))
        return DateMeaning(  # anchor "mention": "dans la nuit", "por la tarde": of the day told
            CalendarValue(part_of_day=part, hour=hour, minute=minute),
            day_offset=offset,
            from_mention=anchor == "mention",
        )
    if unit == "fortnight" and amount is not None:  # "a fortnight ago": two weeks back
        unit, amount = "week", amount * 2
    keep_grain = options.get("keep_grain")
    _week_of_nth(slots, options)
    return RelativeMeaning(
        unit,
        amount,
        anchor,
        part_of_day=part,
        mod=mod,
        keep_grain=keep_grain,
        sign=int(options.get("sign", 1)),
        nearest=bool(options.get("nearest")),
        future_only=bool(options.get("future_only")),
        inside=None if "nth" in slots else _inside(slots),
        nth_weekday=f"{WEEKDAYS[int(slots['weekday']) - 1]} {slots['nth']}"
        if "nth" in slots and "weekday" in slots
        else None,
        from_day=slots["deictic_base"][0] if "deictic_base" in slots else options.get("from_day"),
        in_year=slots.get("year"),
        week_of=bool(options.get("week_of")),
        weekend_of=bool(options.get("weekend_of")),
    )


def _week_of_nth(slots: dict[str, Any], options: dict[str, Any]) -> None:
    """ "the last week of March": a week is the month's whose Thursday is in it (as an ISO week is
    the year's), so the rule reads the nth Thursday; "the first weekend of August", the nth Saturday."""
    if "nth" in slots and options.get("weekend_of"):
        slots.setdefault("weekday", 6)
    elif "nth" in slots and options.get("week_of"):
        slots.setdefault("weekday", 4)


def _inside(slots: dict[str, Any]) -> tuple[str, int] | None:
    """Which day, month, quarter, half or weekday of the period a relative expression names, if any."""
    if "weekday" in slots:
        return "weekday", int(slots["weekday"])
    if "inside_month" in slots:
        return "month", int(slots["inside_month"])
    for slot, part in (("month", "month"), ("quarter_ordinal", "quarter"), ("half_ordinal", "half")):
        if slot in slots:  # "March of last year", "the first quarter of next year"
            return part, int(slots[slot])
    if "day" in slots:
        return "day", int(slots["day"])
    return None


def build_duration(slots: dict[str, Any], options: dict[str, Any], text: str, lang: Language) -> DurationMeaning:
    unit = str(slots.get("unit", "year"))
    if unit not in UNIT_LETTERS:
        raise ValueError(f"{unit!r} is not a unit of duration")  # "one evening" is a time, not a span
    amount: float | str = slots.get("count", "X" if unit_is_plural(lang, text) else 1)
    if _has_words_of(lang, "and_a_half", text) or _HALF_AFTER_DIGITS.search(text):
        amount = float(amount) + 0.5 if amount != "X" else amount
    value = str(options["value"]) if "value" in options else iso_duration(amount, unit)
    sign = 1 if _has_words_of(lang, "ahead", text) else -1
    mod = slots.get("approx") or options.get("mod")
    return DurationMeaning(
        value,
        mod=mod,
        anchored=bool(options.get("anchored")),
        sign=sign,
        reported_span=bool(options.get("reported_span")),
    )


def unit_is_plural(lang: Language, text: str) -> bool:
    """Whether the last word is a plural: ends in -s, or is listed ("millennia"); of a compound
    ("months-long") its first part."""
    last = text.lower().rstrip().split()[-1].split("-")[0] if text.split() else ""
    return last.endswith("s") or last in lang.vocabulary.get("irregular_plural", {})


def build_set(slots: dict[str, Any], options: dict[str, Any], text: str, lang: Language) -> SetMeaning:
    quantifier = _starts_with_word_of(lang, "quantifier", text)
    quant = options.get("quant") or (lang.lookup("quantifier", quantifier) if quantifier else None)
    if "weekday" in slots:
        return SetMeaning(f"XXXX-WXX-{slots['weekday']}", quant=quant)
    if "part_of_day" in slots:
        return SetMeaning(f"XXXX-XX-XXT{slots['part_of_day']}", quant=quant)  # "every morning"
    if "frequency" in slots:
        return SetMeaning(str(slots["frequency"]))
    if "season" in slots:
        return SetMeaning(f"XXXX-{slots['season']}", quant=quant)  # "every summer"
    if "month" in slots:
        return SetMeaning(f"XXXX-{int(slots['month']):02d}", quant=quant)  # "each July"
    unit = str(slots.get("unit", "day"))
    amount = slots.get("count", options.get("amount", 1))  # "every other week": the rule's two
    return SetMeaning(iso_duration(amount, unit), quant=quant, freq=slots.get("freq"))


def build_ref(slots: dict[str, Any], options: dict[str, Any], text: str, lang: Language) -> RefMeaning:
    return RefMeaning(str(options["value"]))


BUILDERS = {
    "date": build_date,
    "relative": build_relative,
    "duration": build_duration,
    "set": build_set,
    "ref": build_ref,
}


def with_mod(meaning: Meaning, mod: str | None) -> Meaning:
    if mod is None or isinstance(meaning, (SetMeaning, RefMeaning)):
        return meaning
    return replace(meaning, mod=mod)
