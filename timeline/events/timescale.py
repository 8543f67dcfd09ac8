"""ISO 8601 calendar strings as numbers on a time scale: fractional years, days, milliseconds.

The extractor writes intervals as ISO strings with astronomical year numbering ("-0489-01-01"
is 1 January 490 BC). Python's ``datetime`` stops at year 1 and pandas' nanosecond timestamps
at 1677, so the arithmetic here is done on plain integers over the proleptic Gregorian calendar:
any year, BC included, converts without loss.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd

MS_PER_DAY = 86_400_000
_DAYS_TO_EPOCH = 719_468  # days from 0000-03-01 to 1970-01-01
_ISO = re.compile(
    r"""^\s*(?P<year>[+-]?\d{4,})
        (?:-(?P<month>\d{2})(?:-(?P<day>\d{2})
        (?:[T ](?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}(?:\.\d+)?))?)?)?)?)?\s*$""",
    re.VERBOSE,
)


def is_leap(year: int) -> bool:
    """Leap year in the proleptic Gregorian calendar (astronomical years: year 0 is leap)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def day_number(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to the given proleptic Gregorian date (negative before it)."""
    shifted = year - 1 if month <= 2 else year  # count years from March so leap days fall last
    era = shifted // 400
    year_of_era = shifted - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - _DAYS_TO_EPOCH


@lru_cache(maxsize=65_536)
def _parse(text: str) -> tuple[int, float]:
    """(year, days since 1970-01-01 as a float); the cache pays off: archives repeat days."""
    match = _ISO.match(text)
    if match is None:
        raise ValueError(f"not an ISO 8601 date: {text!r}")
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    second = float(match["second"] or 0)
    if not 1 <= month <= 12 or not 1 <= day <= _month_length(year, month):
        raise ValueError(f"not a calendar date: {text!r}")
    if hour > 24 or minute > 59 or second >= 61:
        raise ValueError(f"not a time of day: {text!r}")
    fraction = (hour * 3600 + minute * 60 + second) / 86_400
    return year, day_number(year, month, day) + fraction


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def year_of(text: str) -> int:
    """The astronomical year of an ISO string."""
    return _parse(text)[0]


def epoch_days(text: str) -> float:
    """Days (with the fraction of the day) from 1970-01-01 to the ISO date or timestamp."""
    return _parse(text)[1]


def epoch_ms(text: str) -> float:
    """Milliseconds from 1970-01-01: what a plotly date axis reads a number as."""
    return epoch_days(text) * MS_PER_DAY


def fractional_year(text: str) -> float:
    """The ISO date as a year plus the elapsed fraction of it: "2021-07-02T12:00" -> 2021.5."""
    year, days = _parse(text)
    start = day_number(year, 1, 1)
    return year + (days - start) / (day_number(year + 1, 1, 1) - start)


def era_year(year: int) -> str:
    """A historian's reading of an astronomical year: -489 -> "490 BC", 0 -> "1 BC", 1648 -> "1648"."""
    return f"{1 - year} BC" if year <= 0 else str(year)


def on_distinct(values: pd.Series, convert: Callable[[str], float]) -> np.ndarray:
    """``convert`` applied to each value, computed once per distinct value: tables repeat dates."""
    codes, distinct = pd.factorize(values)
    return np.array([convert(value) for value in distinct], dtype=float)[codes]


def year_start_days(years: np.ndarray) -> np.ndarray:
    """Days from 1970-01-01 to 1 January of each (astronomical) year: :func:`day_number` on arrays."""
    shifted = years.astype(np.int64) - 1  # January counts with the year before, from March
    era = shifted // 400
    year_of_era = shifted - era * 400
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + 306
    days: np.ndarray = era * 146_097 + day_of_era - _DAYS_TO_EPOCH
    return days


def ms_of_fractional_years(years: np.ndarray) -> np.ndarray:
    """Milliseconds from 1970 of fractional years (the inverse of :func:`fractional_year`, vectorised)."""
    values = np.asarray(years, dtype=float)
    whole = np.floor(values)
    start = year_start_days(whole)
    length = year_start_days(whole + 1) - start
    # Rounded to the millisecond: the fraction carries a few microseconds of float error.
    ms: np.ndarray = np.round((start + (values - whole) * length) * MS_PER_DAY)
    return ms


def civil_date(days: int) -> tuple[int, int, int]:
    """(year, month, day) of a day number from 1970-01-01: the inverse of :func:`day_number`."""
    shifted = days + _DAYS_TO_EPOCH
    era = shifted // 146_097
    day_of_era = shifted - era * 146_097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_index = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_index + 2) // 5 + 1
    month = month_index + 3 if month_index < 10 else month_index - 9
    year = year_of_era + era * 400 + (1 if month <= 2 else 0)
    return year, month, day


def iso_of_ms(ms: float) -> str:
    """The ISO timestamp (minute precision, astronomical year) of milliseconds from 1970."""
    days, rest = divmod(int(round(ms / 60_000)) * 60_000, MS_PER_DAY)
    year, month, day = civil_date(int(days))
    hour, minute = divmod(rest // 60_000, 60)
    year_text = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    return f"{year_text}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
