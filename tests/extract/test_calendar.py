"""CalendarValue: TimeML values, grains, intervals and shifts, on hand-computed cases.

Intervals are half-open [start, end), ISO 8601 with astronomical years (year 0 is 1 BC).
"""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extract import Grain, Interval
from timeline.extract.calendar import CalendarValue, easter, from_date, holiday_date, shift

V = CalendarValue


def _value(value: CalendarValue, timeml: str, grain: Grain, interval: tuple[str, str]) -> pytest.ParameterSet:
    return pytest.param(value, timeml, grain, interval, id=timeml)


@pytest.mark.parametrize(
    ("value", "timeml", "grain", "interval"),
    [
        _value(V(year=2021, month=5, day=13), "2021-05-13", Grain.DAY, ("2021-05-13", "2021-05-14")),
        _value(V(year=2021, month=5), "2021-05", Grain.MONTH, ("2021-05-01", "2021-06-01")),
        _value(V(year=2021, month=12), "2021-12", Grain.MONTH, ("2021-12-01", "2022-01-01")),
        _value(V(year=2021), "2021", Grain.YEAR, ("2021-01-01", "2022-01-01")),
        _value(V(year=2021, week=19), "2021-W19", Grain.WEEK, ("2021-05-10", "2021-05-17")),
        _value(V(year=2020, week=53), "2020-W53", Grain.WEEK, ("2020-12-28", "2021-01-04")),
        _value(V(year=2021, week=1), "2021-W01", Grain.WEEK, ("2021-01-04", "2021-01-11")),
        _value(V(year=2020, quarter=4), "2020-Q4", Grain.QUARTER, ("2020-10-01", "2021-01-01")),
        _value(V(year=2021, half=2), "2021-H2", Grain.HALF, ("2021-07-01", "2022-01-01")),
        _value(V(year=1997, season="SU"), "1997-SU", Grain.SEASON, ("1997-06-01", "1997-09-01")),
        _value(V(year=2020, season="WI"), "2020-WI", Grain.SEASON, ("2020-12-01", "2021-03-01")),
        _value(V(decade=199), "199", Grain.DECADE, ("1990-01-01", "2000-01-01")),
        _value(V(century=18), "18", Grain.CENTURY, ("1800-01-01", "1900-01-01")),
        _value(V(millennium=2), "2", Grain.MILLENNIUM, ("2000-01-01", "3000-01-01")),
        _value(V(year=-489), "BC0490", Grain.YEAR, ("-0489-01-01", "-0488-01-01")),
        _value(V(year=0), "BC0001", Grain.YEAR, ("0000-01-01", "0001-01-01")),
        _value(V(year=1), "0001", Grain.YEAR, ("0001-01-01", "0002-01-01")),
        _value(V(year=2020, month=2, day=29), "2020-02-29", Grain.DAY, ("2020-02-29", "2020-03-01")),
        _value(
            V(year=2021, month=5, day=14, part_of_day="NI"),
            "2021-05-14TNI",
            Grain.PART_OF_DAY,
            ("2021-05-14T20:00", "2021-05-15T06:00"),
        ),
        _value(
            V(year=2021, month=5, day=15, hour=19, minute=45),
            "2021-05-15T19:45",
            Grain.MINUTE,
            ("2021-05-15T19:45", "2021-05-15T19:46"),
        ),
        _value(
            V(year=2021, month=12, day=31, hour=23, minute=59),
            "2021-12-31T23:59",
            Grain.MINUTE,
            ("2021-12-31T23:59", "2022-01-01T00:00"),
        ),
    ],
)
def test_value_grain_and_interval(value: CalendarValue, timeml: str, grain: Grain, interval: tuple[str, str]) -> None:
    assert value.timeml() == timeml
    assert value.grain is grain
    assert value.interval() == Interval(*interval)


@pytest.mark.parametrize(
    ("value", "timeml"),
    [
        (V(month=5, day=13), "XXXX-05-13"),
        (V(month=3), "XXXX-03"),
        (V(season="SU"), "XXXX-SU"),
        (V(part_of_day="NI"), "XXXX-XX-XXTNI"),
    ],
)
def test_a_value_without_a_year_has_placeholders_and_no_interval(value: CalendarValue, timeml: str) -> None:
    assert value.timeml() == timeml
    assert not value.complete
    assert value.interval() is None


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(V(year=2021, month=2, day=29), id="2021-02-29"),
        pytest.param(V(year=1900, month=2, day=29), id="1900-02-29 (not a leap year)"),
        pytest.param(V(year=2021, week=53), id="2021-W53 (2021 has 52 weeks)"),
        pytest.param(V(year=2021, month=4, day=31), id="2021-04-31"),
    ],
)
def test_days_and_weeks_that_do_not_exist_have_no_interval(value: CalendarValue) -> None:
    assert value.interval() is None


# ------------------------------------------------------------------------ shift
@pytest.mark.parametrize(
    ("start", "unit", "amount", "timeml"),
    [
        (date(2021, 5, 15), Grain.MONTH, -6, "2020-11"),  # "six months ago"
        (date(2021, 5, 13), Grain.DAY, 2, "2021-05-15"),  # "two days later"
        (date(2021, 3, 1), Grain.DAY, -1, "2021-02-28"),
        (date(2020, 3, 1), Grain.DAY, -1, "2020-02-29"),  # leap year
        (date(2020, 2, 28), Grain.DAY, 1, "2020-02-29"),
        (date(2020, 12, 31), Grain.DAY, 1, "2021-01-01"),
        (date(2021, 1, 1), Grain.WEEK, 0, "2020-W53"),  # 1 January 2021 is in the last week of 2020
        (date(2021, 1, 3), Grain.WEEK, 1, "2021-W01"),
        (date(2021, 1, 4), Grain.WEEK, -1, "2020-W53"),
        (date(2021, 5, 15), Grain.WEEK, -1, "2021-W18"),  # "last week"
        (date(2021, 1, 15), Grain.MONTH, -1, "2020-12"),
        (date(2021, 2, 15), Grain.QUARTER, -1, "2020-Q4"),
        (date(2021, 5, 15), Grain.QUARTER, -1, "2021-Q1"),  # "last quarter"
        (date(2021, 5, 15), Grain.HALF, 1, "2021-H2"),
        (date(2021, 5, 15), Grain.YEAR, -1, "2020"),
        (date(2021, 5, 15), Grain.DECADE, -1, "201"),  # "a decade ago"
        (date(2021, 5, 15), Grain.CENTURY, -1, "19"),  # "the last century"
        (date(2020, 2, 29), Grain.YEAR, 1, "2021"),
    ],
    ids=lambda item: item.isoformat() if isinstance(item, date) else str(item),
)
def test_shift_from_a_day(start: date, unit: Grain, amount: int, timeml: str) -> None:
    assert shift(from_date(start), unit, amount).timeml() == timeml


def test_shift_keeps_counting_into_bc_years() -> None:
    assert shift(V(year=1), Grain.YEAR, -1).timeml() == "BC0001"
    assert shift(V(year=-489), Grain.YEAR, -10).timeml() == "BC0500"
    assert shift(V(year=-489), Grain.YEAR, 10).interval() == Interval("-0479-01-01", "-0478-01-01")


def test_shift_by_a_week_lands_on_the_week_seven_days_on() -> None:
    monday = date(2020, 12, 21)
    for weeks in range(-60, 60):
        moved = shift(from_date(monday), Grain.WEEK, weeks).interval()
        assert moved is not None
        assert date.fromisoformat(moved.start).toordinal() == monday.toordinal() + 7 * weeks


def test_a_day_cannot_be_shifted_from_a_value_without_a_day() -> None:
    with pytest.raises(ValueError):
        shift(V(month=5), Grain.DAY, 1)
    with pytest.raises(ValueError):
        shift(V(month=5), Grain.YEAR, 1)


# Winter YYYY-WI runs from December of YYYY: shifting across the new year must keep that.
def test_the_season_after_autumn_is_the_winter_that_follows_it() -> None:
    autumn = V(year=2020, season="FA")
    winter = shift(autumn, Grain.SEASON, 1)
    assert winter.interval() == Interval("2020-12-01", "2021-03-01")


def test_the_season_of_a_january_day_contains_that_day() -> None:
    season = shift(from_date(date(2021, 1, 15)), Grain.SEASON, 0)
    interval = season.interval()
    assert interval is not None and interval.start <= "2021-01-15" < interval.end


def test_consecutive_seasons_within_a_year_meet() -> None:
    spring = V(year=2021, season="SP")
    summer = shift(spring, Grain.SEASON, 1)
    autumn = shift(summer, Grain.SEASON, 1)
    assert [s.timeml() for s in (summer, autumn)] == ["2021-SU", "2021-FA"]
    intervals = [s.interval() for s in (spring, summer, autumn)]
    assert intervals == [
        Interval("2021-03-01", "2021-06-01"),
        Interval("2021-06-01", "2021-09-01"),
        Interval("2021-09-01", "2021-12-01"),
    ]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2038, date(2038, 4, 25)),
        (1818, date(1818, 3, 22)),
    ],  # 1818 and 2038: the earliest and latest Easters of their centuries
)
def test_easter_sunday(year: int, expected: date) -> None:
    assert easter(year) == expected


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        ("11 thursday 4", 2020, date(2020, 11, 26)),  # Thanksgiving
        ("05 monday last", 2021, date(2021, 5, 31)),  # Memorial Day
        ("09 monday 1", 2021, date(2021, 9, 6)),  # Labor Day
        ("easter-2", 2019, date(2019, 4, 19)),  # Good Friday
        ("11 tuesday 1 from 2", 2020, date(2020, 11, 3)),  # US Election Day
        ("11 tuesday 1 from 2", 2022, date(2022, 11, 8)),  # November 1 a Tuesday: not the first Tuesday
    ],
)
def test_moving_holidays(rule: str, year: int, expected: date) -> None:
    assert holiday_date(rule, year) == expected
