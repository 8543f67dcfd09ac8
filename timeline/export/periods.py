"""Date bounds a user types: YYYY, YYYY-MM or YYYY-MM-DD, each naming a whole calendar period.

A bound is kept as fractional years, the unit of the events table's ``x_start``/``x_end``, so BC
dates compare like any other: ``--to 2021`` runs to the end of 2021, ``--from 2021-05`` from
the first of May.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.events.timescale import fractional_year, is_leap

_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period typed as YYYY, YYYY-MM or YYYY-MM-DD (astronomical years: -0489 is 490 BC)."""

    iso: str  # where it starts, normalised: zero-padded, e.g. "-0489", "2021-05"
    end_iso: str  # where the next period of its size starts: "-0488", "2021-06"
    start: float  # fractional years, inclusive
    end: float  # fractional years, exclusive


def parse_period(text: str) -> Period:
    """Read a date bound; raises ValueError naming the accepted forms."""
    match = _DATE.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (a leading - for BC)")
    parts = [int(group) for group in match.groups() if group is not None]
    iso = _iso(parts)
    start = fractional_year(iso)  # also rejects month 13, February 30 ...
    end_iso = _iso(_next(parts))
    return Period(iso, end_iso, start, fractional_year(end_iso))


def _next(parts: list[int]) -> list[int]:
    """The period of the same size just after: [2021, 12] -> [2022, 1]; [2020, 2, 29] -> [2020, 3, 1]."""
    *head, last = parts
    if not head:
        return [last + 1]
    limit = 12 if len(head) == 1 else month_length(*head)
    return [*head, last + 1] if last < limit else [*_next(head), 1]


def month_length(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar, any year (astronomical numbering)."""
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _iso(parts: list[int]) -> str:
    year, *rest = parts
    return "-".join([f"{year:05d}" if year < 0 else f"{year:04d}", *(f"{part:02d}" for part in rest)])
