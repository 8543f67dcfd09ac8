"""A year-less date takes the year the tense points to, and the tense is read only where it matters."""

from __future__ import annotations

import pytest

from timeline.extract.calendar import CalendarValue
from timeline.extract.resolve import _year_shift

SAID_IN_MAY = CalendarValue(year=2021, month=5, day=15)


@pytest.mark.parametrize(
    ("month", "tense", "shift"),
    [
        (11, -1, -1),  # "in November", said in May of a past event: last year's
        (11, 1, 0),
        (2, 1, 1),  # "in February", of a future one: next year's
        (2, -1, 0),
        (12, 0, -1),  # untensed, over half a year ahead: last year's
    ],
)
def test_the_tense_decides_where_it_can(month: int, tense: int, shift: int) -> None:
    value = CalendarValue(month=month)
    assert _year_shift(value, SAID_IN_MAY, tense) == shift
    read: list[int] = []

    def clause_tense() -> int:
        read.append(tense)
        return tense

    assert _year_shift(value, SAID_IN_MAY, clause_tense) == shift
    assert read == [tense]  # read off the clause: the answer depends on it


@pytest.mark.parametrize("month", [5, 6, 7])
def test_the_tense_is_not_read_where_every_tense_gives_the_same_year(month: int) -> None:
    def tense() -> int:
        raise AssertionError("the clause's tense was read")

    assert _year_shift(CalendarValue(month=month), SAID_IN_MAY, tense) == 0
