"""ISO strings to fractional years and epoch milliseconds, checked against Python's own calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.events.timescale import day_number, epoch_ms, era_year, fractional_year, is_leap, year_of

EPOCH = date(1970, 1, 1)
GREGORIAN_CYCLE_DAYS = 146_097  # days in 400 years


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_day_number_agrees_with_python_dates(day: date) -> None:
    assert day_number(day.year, day.month, day.day) == (day - EPOCH).days


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_years_before_1_follow_the_400_year_cycle(day: date) -> None:
    # The proleptic Gregorian calendar repeats every 400 years: BC dates are AD dates moved back.
    assert day_number(day.year - 2000, day.month, day.day) == (day - EPOCH).days - 5 * GREGORIAN_CYCLE_DAYS


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)))
def test_epoch_ms_of_timestamps(moment: datetime) -> None:
    moment = moment.replace(second=0, microsecond=0)
    expected = (moment - datetime(1970, 1, 1)) / timedelta(milliseconds=1)
    assert epoch_ms(f"{moment.year:04d}-{moment:%m-%dT%H:%M}") == pytest.approx(expected)


def test_fractional_years() -> None:
    assert fractional_year("2021-01-01") == 2021.0
    assert fractional_year("2021-07-02T12:00") == pytest.approx(2021.5)  # 182.5 of 365 days
    assert fractional_year("2020-07-02") == pytest.approx(2020 + 183 / 366)  # leap year
    assert fractional_year("2021-05-13") == pytest.approx(2021 + 132 / 365)
    assert fractional_year("-0489-01-01") == -489.0
    assert fractional_year("1648") == 1648.0
    assert fractional_year("1939-09") == pytest.approx(1939 + 243 / 365)


def test_fractional_years_order_like_the_calendar() -> None:
    moments = [
        "-0489-01-01",
        "-0001-12-31",
        "0000-01-01",
        "0001-01-01",
        "1648-10-24",
        "1800-01-01",
        "1939-09-01",
        "2021-05-13",
        "2021-05-13T19:45",
        "2021-05-14",
    ]
    values = [fractional_year(m) for m in moments]
    assert values == sorted(values) and len(set(values)) == len(values)


def test_leap_years_in_astronomical_numbering() -> None:
    assert [y for y in range(-8, 9) if is_leap(y)] == [-8, -4, 0, 4, 8]
    assert not is_leap(1900) and is_leap(2000)


def test_era_year_spells_bc() -> None:
    assert [era_year(y) for y in (-489, 0, 1, 1648)] == ["490 BC", "1 BC", "1", "1648"]
    assert year_of("-0489-06-01") == -489


@pytest.mark.parametrize("text", ["", "May 2021", "2021-13-01", "2021-02-29", "2021-05-13T25:00", "21-05-13"])
def test_unreadable_strings_raise(text: str) -> None:
    with pytest.raises(ValueError, match="date|time"):
        fractional_year(text)
