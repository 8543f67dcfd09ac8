"""Calendar positions at a grain: TimeML values and half-open intervals.

:class:`CalendarValue` is one point of the calendar at its natural precision ("2021", "2020-11",
"1997-SU", "2021-W19", "199" for the 1990s). It writes itself as a TimeML value and as an
interval, and shifts by calendar units. Years are plain integers (astronomical numbering), so
years before 1 AD or after 9999 need no special types.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

from timeline.extract.model import Grain, Interval
from timeline.extract.record import record

SEASON_MONTHS: dict[str, tuple[int, int]] = {  # season -> (first month, months long); winter spans the new year
    "SP": (3, 3),
    "SU": (6, 3),
    "FA": (9, 3),
    "WI": (12, 3),
}
PART_OF_DAY_HOURS: dict[str, tuple[int, int]] = {  # part of day -> (start hour, end hour), end may pass 24
    "MO": (6, 12),
    "MI": (12, 13),
    "AF": (12, 18),
    "EV": (18, 22),
    "NI": (20, 30),
    "DT": (9, 17),
}


def _iso_year(year: int) -> str:
    """ISO 8601 year, astronomical numbering: 0 is 1 BC, -1 is 2 BC."""
    return f"{year:04d}" if year >= 0 else f"-{-year:04d}"


def _timeml_year(year: int) -> str:
    """TimeML year: BC years as BCnnnn (historical numbering, no year 0)."""
    return f"{year:04d}" if year > 0 else f"BC{1 - year:04d}"


def bc_period(year: int, size: int) -> int:
    """The decade (size 10), century (100) or millennium (1000) holding an astronomical year.

    AD periods count up from 0 (the 1990s are decade 199). BC periods are named by the digits
    of their historical years, with no year zero: the 490s BC (499-490 BC) are "BC049" and are
    stored as -50, the 300s BC (399-300 BC) "BC03" as -4, so counting on from -1 (9-1 BC)
    reaches 0 (AD 1-9) with no gap.
    """
    return year // size if year > 0 else -((1 - year) // size) - 1


def _period_start(number: int, size: int) -> tuple[int, int]:
    """The astronomical [first, last + 1) years of a period numbered as in :func:`bc_period`."""
    if number >= 0:  # AD: the 0s are years 1-9 (there is no year zero)
        return max(number * size, 1), number * size + size
    digits = -number - 1  # the historical years digits*size .. digits*size + size - 1 BC
    first_bc, last_bc = max(digits * size + size - 1, 1), max(digits * size, 1)
    return 1 - first_bc, 2 - last_bc


def _iso_day(year: int, month: int, day: int) -> str:
    return f"{_iso_year(year)}-{month:02d}-{day:02d}"


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after (or before) ``month`` of ``year``."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _ordinal_day(year: int, month: int, day: int) -> date:
    """A Python date; raises for years outside 1..9999 (callers fall back to coarser arithmetic)."""
    return date(year, month, day)


@record
class CalendarValue:
    """A calendar position; the finest field set decides its grain."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None  # ISO week number, with year
    season: str | None = None  # SP SU FA WI
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None  # 199 for the 1990s
    century: int | None = None  # 18 for the 19th century (the 1800s)
    millennium: int | None = None  # 1 for the 2000s
    part_of_day: str | None = None  # MO AF EV NI
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    zone: str | None = None  # "Z" for a clock time said in UTC or GMT, as TimeML writes it

    # -- grain -----------------------------------------------------------------------------
    @property
    def grain(self) -> Grain:
        if self.second is not None:
            return Grain.SECOND
        if self.minute is not None:
            return Grain.MINUTE
        if self.hour is not None:
            return Grain.HOUR
        if self.part_of_day is not None:
            return Grain.PART_OF_DAY
        if self.day is not None:
            return Grain.DAY
        if self.week is not None:
            return Grain.WEEK
        if self.month is not None:
            return Grain.MONTH
        if self.season is not None:
            return Grain.SEASON
        if self.quarter is not None:
            return Grain.QUARTER
        if self.half is not None:
            return Grain.HALF
        if self.year is not None:
            return Grain.YEAR
        if self.decade is not None:
            return Grain.DECADE
        if self.century is not None:
            return Grain.CENTURY
        if self.millennium is not None:
            return Grain.MILLENNIUM
        return Grain.NONE

    @property
    def is_time(self) -> bool:
        return self.grain in (Grain.PART_OF_DAY, Grain.HOUR, Grain.MINUTE, Grain.SECOND)

    @property
    def complete(self) -> bool:
        """True when the value names one calendar position (no year left to guess)."""
        return self.year is not None or (self.grain in (Grain.DECADE, Grain.CENTURY, Grain.MILLENNIUM))

    # -- TimeML ----------------------------------------------------------------------------
    def timeml(self) -> str:
        year = "XXXX" if self.year is None else _timeml_year(self.year)
        if self.millennium is not None and self.century is None and self.year is None:
            return str(self.millennium) if self.millennium >= 0 else f"BC{-self.millennium - 1}"
        if self.century is not None and self.decade is None and self.year is None:
            return f"{self.century:02d}" if self.century >= 0 else f"BC{-self.century - 1:02d}"
        if self.decade is not None and self.year is None:
            return f"{self.decade:03d}" if self.decade >= 0 else f"BC{-self.decade - 1:03d}"
        if self.week is not None and self.day is None:
            return f"{year}-W{self.week:02d}"
        if self.season is not None and self.month is None:
            return f"{year}-{self.season}"
        if self.quarter is not None and self.month is None:
            return f"{year}-Q{self.quarter}"
        if self.half is not None and self.month is None:
            return f"{year}-H{self.half}"
        if self.month is None and self.part_of_day is not None and self.year is None:
            return f"XXXX-XX-XXT{self.part_of_day}"  # "at night": any night
        if self.month is None:
            return year
        text = f"{year}-{self.month:02d}"
        if self.day is None:
            return text
        text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{(self.minute or 0):02d}"
            if self.second is not None:
                text += f":{self.second:02d}"
            text += self.zone or ""
        elif self.part_of_day is not None:
            text += f"T{self.part_of_day}"
        return text

    # -- interval --------------------------------------------------------------------------
    def interval(self) -> Interval | None:
        """The half-open interval covered; None when the value is not a calendar position."""
        if not self.complete:
            return None
        grain = self.grain
        if grain in (Grain.MILLENNIUM, Grain.CENTURY, Grain.DECADE):
            number, size = {
                Grain.MILLENNIUM: (self.millennium, 1000),
                Grain.CENTURY: (self.century, 100),
                Grain.DECADE: (self.decade, 10),
            }[grain]
            start, end = _period_start(number or 0, size)
            return Interval(_iso_day(start, 1, 1), _iso_day(end, 1, 1))
        year = self.year
        assert year is not None
        if grain is Grain.YEAR:
            return Interval(_iso_day(year, 1, 1), _iso_day(year + 1, 1, 1))
        if grain in (Grain.HALF, Grain.QUARTER, Grain.SEASON, Grain.MONTH):
            if grain is Grain.HALF:
                first, length = ((self.half or 1) - 1) * 6 + 1, 6
            elif grain is Grain.QUARTER:
                first, length = ((self.quarter or 1) - 1) * 3 + 1, 3
            elif grain is Grain.SEASON:
                first, length = SEASON_MONTHS[self.season or "SU"]
            else:
                first, length = self.month or 1, 1
            end_year, end_month = add_months(year, first, length)
            return Interval(_iso_day(year, first, 1), _iso_day(end_year, end_month, 1))
        if grain is Grain.WEEK:
            try:
                monday = date.fromisocalendar(year, self.week or 1, 1)
            except (ValueError, OverflowError):
                return None
            return Interval(monday.isoformat(), _iso_days_after(monday, 7))
        # day and finer
        try:
            day = _ordinal_day(year, self.month or 1, self.day or 1)
        except (ValueError, OverflowError):
            return None
        if grain is Grain.DAY:
            return Interval(day.isoformat(), _iso_days_after(day, 1))
        if grain is Grain.PART_OF_DAY:
            first_hour, last_hour = PART_OF_DAY_HOURS.get(self.part_of_day or "", (0, 24))
            return Interval(_timestamp(day, first_hour), _timestamp(day, last_hour))
        minutes = (self.hour or 0) * 60 + (self.minute or 0)
        length = {Grain.HOUR: 60, Grain.MINUTE: 1, Grain.SECOND: 1}[grain]
        return Interval(_timestamp(day, 0, minutes), _timestamp(day, 0, minutes + length))

    # -- validity --------------------------------------------------------------------------
    @property
    def impossible_day(self) -> bool:
        """A day its month never has in its year ("31 February", "29 February 2021"); without
        a year, February may have 29 days."""
        if self.day is None or self.month is None:
            return False
        leap_year = 2000
        return self.day > days_in_month(self.year if self.year is not None else leap_year, self.month)

    @property
    def writable(self) -> bool:
        """Whether TimeML can write the value: years up to 9999, decades up to 999, centuries
        up to 99 (a larger number would read as another grain); BC values have no bound."""
        return not (
            (self.year is not None and self.year > 9999)
            or (self.decade is not None and self.decade > 999)
            or (self.century is not None and self.century > 99)
            or (self.millennium is not None and self.millennium > 9)
        )

    # -- arithmetic ------------------------------------------------------------------------
    def with_year(self, year: int) -> CalendarValue:
        return CalendarValue(  # spelled out: dataclasses.replace is slow, and this runs for most dates
            year,
            self.month,
            self.day,
            self.week,
            self.season,
            self.quarter,
            self.half,
            self.decade,
            self.century,
            self.millennium,
            self.part_of_day,
            self.hour,
            self.minute,
            self.second,
            self.zone,
        )

    def as_date(self) -> date | None:
        """The first day of this value as a Python date, where it has one (years 1-9999)."""
        if self.year is not None and not 1 <= self.year <= 9999:
            return None
        if (
            self.year is not None
            and self.week is None
            and self.season is None
            and self.quarter is None
            and self.half is None
        ):
            try:
                return date(self.year, self.month or 1, self.day or 1)
            except ValueError:
                return None
        interval = self.interval()
        if interval is None or interval.start.startswith("-"):
            return None
        try:
            return date.fromisoformat(interval.start[:10])
        except ValueError:
            return None


def _timestamp(day: date, hours: int, minutes: int = 0) -> str:
    """ISO timestamp of ``day`` plus an offset that may run past midnight."""
    total = hours * 60 + minutes
    rest = total % (24 * 60)
    return f"{_iso_days_after(day, total // (24 * 60))}T{rest // 60:02d}:{rest % 60:02d}"


def _iso_days_after(day: date, days: int) -> str:
    """The ISO date ``days`` after ``day``, also past 9999-12-31 (the end of the last day is
    10000-01-01, as the end of the year 9999 is)."""
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return _iso_day(*civil_from_ordinal(day.toordinal() + days))


def civil_from_ordinal(ordinal: int) -> tuple[int, int, int]:
    """(year, month, day) of a proleptic Gregorian day number (1 is 0001-01-01, as
    ``date.toordinal``), for any year, before 1 or after 9999 included."""
    days = ordinal + 305  # days since 0000-03-01: years counted from March, leap day last
    era, day_of_era = divmod(days, 146097)  # 400-year cycles
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_index = (5 * day_of_year + 2) // 153  # 0 is March
    day = day_of_year - (153 * month_index + 2) // 5 + 1
    month = month_index + 3 if month_index < 10 else month_index - 9
    year = era * 400 + year_of_era + (1 if month <= 2 else 0)
    return year, month, day


def from_date(day: date) -> CalendarValue:
    return CalendarValue(year=day.year, month=day.month, day=day.day)


def shift(value: CalendarValue, unit: Grain, amount: int) -> CalendarValue:
    """Move ``value`` by ``amount`` units and return it at the unit's grain.

    "six months ago" from 2021-05-15 is 2020-11 (month grain); "two days later" from
    2021-05-13 is 2021-05-15; "last week" from a day is that day's ISO week minus one.
    """
    if unit in (Grain.DAY, Grain.PART_OF_DAY, Grain.WEEK):
        start = value.as_date()
        if start is None:
            raise ValueError("no day to count from")
        try:
            moved = start + (timedelta(weeks=amount) if unit is Grain.WEEK else timedelta(days=amount))
        except OverflowError as error:
            raise ValueError(f"{amount} {unit}s from {start} leaves the calendar") from error
        if unit is Grain.WEEK:
            iso = moved.isocalendar()
            return CalendarValue(year=iso.year, week=iso.week)
        return from_date(moved)
    if value.year is None:
        raise ValueError("no year to count from")
    if unit is Grain.MONTH:
        year, month = add_months(value.year, value.month or 1, amount)
        return CalendarValue(year=year, month=month)
    if unit is Grain.QUARTER:
        quarter = value.quarter or ((value.month or 1) - 1) // 3 + 1
        index = value.year * 4 + quarter - 1 + amount
        return CalendarValue(year=index // 4, quarter=index % 4 + 1)
    if unit is Grain.HALF:
        half = value.half or (1 if (value.month or 1) <= 6 else 2)
        index = value.year * 2 + half - 1 + amount
        return CalendarValue(year=index // 2, half=index % 2 + 1)
    if unit is Grain.SEASON:
        order = ["SP", "SU", "FA", "WI"]  # TimeML 2020-WI is the winter that starts in December 2020
        season, year = value.season, value.year
        if season is None:
            season = _season_of(value.month or 1)
            if (value.month or 1) <= 2:
                year -= 1  # January 2021 is in the winter of 2020
        index = year * 4 + order.index(season) + amount
        return CalendarValue(year=index // 4, season=order[index % 4])
    if unit is Grain.YEAR:
        return CalendarValue(year=value.year + amount)
    if unit is Grain.DECADE:
        return CalendarValue(decade=bc_period(value.year, 10) + amount)
    if unit is Grain.CENTURY:
        return CalendarValue(century=bc_period(value.year, 100) + amount)
    raise ValueError(f"cannot shift by {unit}")


def inside(value: CalendarValue, part: str, index: int) -> CalendarValue | None:
    """A day, month or weekday inside ``value`` (a year, quarter, month or week).

    "the 3rd of last month" is ("day", 3) in that month; "the first day of next quarter"
    ("day", 1); "the last day of the year" ("day", -1); "the 2nd month of next year"
    ("month", 2); "Thursday of next week" ("weekday", 4); "the first quarter of next year"
    ("quarter", 1). None where there is no such day or period.
    """
    year = value.year
    if year is None or not 1 <= year <= 9999:
        return None
    if value.week is not None:  # "the last day of next week" is its Sunday (ISO weeks)
        weekday = index + 8 if part == "day" and index < 0 else index
        if part not in ("weekday", "day") or not 1 <= weekday <= 7:
            return None
        return from_date(date.fromisocalendar(year, value.week, weekday))
    first_month, months = (value.month, 1) if value.month is not None else (1, 12)
    if value.quarter is not None:
        first_month, months = (value.quarter - 1) * 3 + 1, 3
    if part in ("quarter", "half"):  # "the first quarter of next year": of a whole year only
        if months != 12 or not 1 <= index <= (4 if part == "quarter" else 2):
            return None
        return CalendarValue(year=year, quarter=index) if part == "quarter" else CalendarValue(year=year, half=index)
    if part == "month":
        if not 1 <= index <= months:
            return None
        return CalendarValue(year=year, month=first_month + index - 1)
    if part != "day":
        return None
    month = first_month if index > 0 else first_month + months - 1
    day = index if index > 0 else days_in_month(year, month) + 1 + index
    if not 1 <= day <= days_in_month(year, month):
        return None
    return CalendarValue(year=year, month=month, day=day)


def _season_of(month: int) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def holiday_date(rule: str, year: int) -> date | None:
    """The day a moving holiday falls on in ``year``: "11 thursday 4", "05 monday last", "easter-2",
    "11 tuesday 1 from 2" (the first Tuesday from the 2nd: the one after the first Monday)."""
    if not 1 <= year <= 9999:
        return None
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:] or 0))
    month_text, weekday_name, nth, *counted_from = rule.split()
    month, weekday = int(month_text), WEEKDAYS.index(weekday_name) + 1
    if nth == "last":
        last = date(year, month, days_in_month(year, month))
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, int(counted_from[-1]) if counted_from else 1)
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (int(nth) - 1))
    return day if day.month == month else None  # "the fifth Friday" of a month with four


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def days_in_month(year: int, month: int) -> int:
    return _cal.monthrange(year, month)[1] if 1 <= year <= 9999 else 31


def parse_iso_date(text: str) -> date:
    """Parse an ISO date (YYYY-MM-DD, a longer timestamp is cut to its date); raises ValueError."""
    return date.fromisoformat(text.strip()[:10])
