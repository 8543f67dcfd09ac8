"""The extractor on hostile input: long documents, numbers past the calendar, far years.

Each test is a finding of issue 12 that once failed: a quadratic overlap check, a
document lost to one OverflowError, years from 2100 on misread, impossible days kept.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.extract import extract
from timeline.extract.calendar import civil_from_ordinal, days_in_month
from timeline.extract.context import MAX_SENTENCE, TextContext
from timeline.extract.matching import TakenSpans
from timeline.extract.model import Timex

YEAR = r"(?:\d{4}|BC\d{4,}|XXXX)"
TIME = r"T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|T(?:MO|MI|AF|EV|NI|DT)"
TIMEML_VALUE = re.compile(
    rf"{YEAR}(?:-(?P<month>0[1-9]|1[0-2]|XX)(?:-(?P<day>0[1-9]|[12]\d|3[01]|XX)(?:{TIME})?)?"
    rf"|-W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-[1-7]|-WE)?|-(?:SP|SU|FA|WI)|-Q[1-4]|-H[12])?"
    r"|(?:BC)?\d{1,3}"  # millennium, century, decade
    r"|P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|Q|SE|WE)|PT(?:\d+(?:\.\d+)?|X)[HMS]"
    r"|XXXX-XX-XXT(?:MO|MI|AF|EV|NI|DT)|PRESENT_REF|PAST_REF|FUTURE_REF"
)
MOMENT = re.compile(r"(?P<year>-?\d{4,})-(?P<month>\d{2})-(?P<day>\d{2})(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?")


def assert_valid_timeml(timex: Timex) -> None:
    """A TimeML TIMEX3 value, and a calendar day where it names one."""
    match = TIMEML_VALUE.fullmatch(timex.value)
    assert match, f"not a TimeML value: {timex}"
    year, month, day = timex.value[:4], match.group("month"), match.group("day")
    if year.isdigit() and month and month != "XX" and day and day != "XX":
        assert int(day) <= days_in_month(int(year), int(month)), timex


def moment_key(moment: str) -> tuple[int, int, int, int, int]:
    """An interval end as numbers, checked to be a real calendar moment (astronomical years)."""
    match = MOMENT.fullmatch(moment)
    assert match, f"not an ISO moment: {moment}"
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    assert 1 <= month <= 12 and 1 <= day <= days_in_month(year if 1 <= year <= 9999 else 2000, month), moment
    return year, month, day, int(match["hour"] or 0), int(match["minute"] or 0)


def assert_valid_interval(timex: Timex) -> None:
    if timex.interval is not None:
        assert moment_key(timex.interval.start) < moment_key(timex.interval.end), timex


# ------------------------------------------------------------------ finding 1: long documents
def test_taken_spans_agree_with_a_scan_of_every_span() -> None:
    taken = TakenSpans(100)
    kept: list[tuple[int, int]] = []
    for start, end in [(10, 20), (30, 40), (0, 5), (20, 30), (19, 21), (5, 10), (40, 41), (4, 6), (60, 70), (45, 61)]:
        expected = any(start < k_end and k_start < end for k_start, k_end in kept)
        assert taken.overlaps(start, end) is expected, (start, end)
        if not expected:
            taken.add(start, end)
            kept.append((start, end))
    assert sorted(kept) == [(0, 5), (5, 10), (10, 20), (20, 30), (30, 40), (40, 41), (60, 70)]


def test_a_long_line_without_a_full_stop_gives_bounded_sentences() -> None:
    text = "On 3 March 2001 something happened and " * 5000  # 195,000 characters, one "sentence"
    timexes = extract(text, "2021-05-15").timexes
    assert len(timexes) == 5000
    assert all(t.value == "2001-03-03" for t in timexes)
    for timex in timexes:
        assert 0 < len(timex.sentence) <= MAX_SENTENCE
        assert text[timex.sentence_start : timex.sentence_start + len(timex.sentence)] == timex.sentence
        assert timex.sentence_start <= timex.start and timex.end <= timex.sentence_start + len(timex.sentence) + 1


def test_long_sentences_are_cut_at_white_space() -> None:
    text = ("word " * 700).strip() + ". Next one."
    context = TextContext(text)
    pieces = []
    offset = 0
    while offset < len(text):
        lo, hi = context.sentence_at(offset)
        pieces.append(text[lo:hi])
        offset = hi + 1
    assert [len(piece) <= MAX_SENTENCE for piece in pieces] == [True] * len(pieces)
    assert len(pieces) == 5 and pieces[-1] == "Next one." and pieces[-2].endswith("word word.")
    assert all(
        piece.startswith("word") and piece.split(" ") == ["word"] * len(piece.split(" ")) for piece in pieces[:-2]
    )
    assert " ".join(pieces[:-1]) == text[: -len(" Next one.")]


def test_quotes_on_a_long_line_still_date_their_words() -> None:
    """Quotations are found by bisection; a quote deep in a long line is still read as one."""
    filler = "and then it went on " * 300
    text = f'{filler}"We signed it yesterday in the capital city," the minister said on Friday, May 14, 2021.'
    timexes = {t.text: t for t in extract(text, "2021-05-20").timexes}
    assert timexes["yesterday"].value == "2021-05-13"
    assert timexes["yesterday"].anchor.kind.value == "quote"


# ------------------------------------------------------- finding 2: past what the calendar holds
@pytest.mark.parametrize(
    ("text", "dct", "expression", "value", "why"),
    [
        ("Over the past 5000 years it changed.", "2021-05-15", "the past 5000 years", "P5000Y", "no interval"),
        ("It goes on for the next 8000 years.", "2021-05-15", "the next 8000 years", "P8000Y", "no interval"),
        (
            "It lasts the next 10000000000 days.",
            "2021-05-15",
            "the next 10000000000 days",
            "P10000000000D",
            "no interval",
        ),
        ("It happened yesterday.", "0001-01-01", "yesterday", "PAST_REF", "cannot be counted"),
        ("It happens tomorrow.", "9999-12-31", "tomorrow", "FUTURE_REF", "cannot be counted"),
        ("It ends in 8000 years.", "9999-05-15", "in 8000 years", None, ""),
    ],
)
def test_an_expression_past_the_calendar_stays_unresolved(
    text: str, dct: str, expression: str, value: str | None, why: str
) -> None:
    whole = f"{text} The treaty was signed on May 13, 2021, and yesterday was calm."
    timexes = {t.text: t for t in extract(whole, dct).timexes}
    assert timexes["May 13, 2021"].value == "2021-05-13"  # the rest of the document is unaffected
    for timex in timexes.values():
        assert_valid_timeml(timex)
        assert_valid_interval(timex)
    if value is not None:
        assert timexes[expression].value == value
        assert timexes[expression].interval is None
        assert why in timexes[expression].anchor.explanation


def test_the_last_day_of_the_calendar_ends_in_the_year_10000() -> None:
    (timex,) = extract("It happens tomorrow.", "9999-12-30").timexes
    assert timex.value == "9999-12-31"
    assert (timex.interval.start, timex.interval.end) == ("9999-12-31", "10000-01-01")  # type: ignore[union-attr]


def test_years_past_9999_are_future_ref() -> None:
    (timex,) = extract("It ends in 8000 years.", "2021-05-15").timexes
    assert timex.value == "FUTURE_REF" and timex.interval is None
    assert timex.anchor.explanation == "8000 years after the document date, 2021-05-15: past the year 9999"
    assert [t.value for t in extract("Last year and next year.", "9999-05-15").timexes] == ["9998", "FUTURE_REF"]
    (later,) = [t for t in extract("In 2021 it began. 9000 years later it ended.").timexes if "later" in t.text]
    assert later.value == "FUTURE_REF" and "past the year 9999" in later.anchor.explanation


def test_huge_counts_keep_every_digit() -> None:
    (timex,) = extract("It was 99999999999999999999 years ago.", "2021-05-15").timexes
    assert timex.anchor.explanation == "99999999999999999999 years before the document date, 2021-05-15"
    assert timex.value == f"BC{99999999999999999999 - 2020}"  # the year 2021 - n is n - 2020 BC
    (duration,) = extract("It lasted for 99999999999999999999 years.").timexes
    assert duration.value == "P99999999999999999999Y"


def test_civil_from_ordinal_matches_python_dates_and_goes_beyond() -> None:
    for day in (date(1, 1, 1), date(1600, 2, 29), date(1900, 3, 1), date(2021, 5, 15), date(9999, 12, 31)):
        assert civil_from_ordinal(day.toordinal()) == (day.year, day.month, day.day)
    assert civil_from_ordinal(date(9999, 12, 31).toordinal() + 1) == (10000, 1, 1)
    assert civil_from_ordinal(0) == (0, 12, 31)  # 1 BC, a leap year
    assert civil_from_ordinal(-365) == (0, 1, 1)


# -------------------------------------------------------------- finding 3: years and real days
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It opens on 1 March 2100.", "2100-03-01"),
        ("It opens on May 13, 2150.", "2150-05-13"),
        ("It opens in December 9999.", "9999-12"),
        ("Christmas 2300 will be white.", "2300-12-25"),
        ("Results for Q3 2200 are due.", "2200-Q3"),
        ("Filed on 05/15/2150 at noon.", "2150-05-15T12:00"),
        ("It is due in the summer of 3000.", "3000-SU"),
    ],
)
def test_four_digit_years_where_the_form_says_year(text: str, value: str) -> None:
    values = [t.value for t in extract(text, "2021-05-15").timexes]
    assert values[0] == value


@pytest.mark.parametrize("text", ["About 3000 people came.", "In 2150 cases it failed.", "Around 5000 troops left."])
def test_a_bare_number_from_2100_is_no_year(text: str) -> None:
    assert [t.value for t in extract(text, "2021-05-15").timexes if t.grain.value == "year"] == []


def test_an_impossible_day_is_no_date() -> None:
    """ "31 February 2021" names no day: it is not extracted as one (the month it names is)."""
    timexes = extract("It was due on 31 February 2021 or on April 31, 2021.", "2021-05-15").timexes
    assert [(t.text, t.value) for t in timexes] == [("February 2021", "2021-02"), ("2021", "2021")]


def test_a_leap_day_in_a_year_without_one_stays_unresolved() -> None:
    (timex,) = extract("Note: February 29.", "2021-05-15").timexes
    assert timex.value == "XXXX-02-29" and timex.interval is None
    assert "2021 has no 29 February" in timex.anchor.explanation
    (leap,) = extract("Note: February 29.", "2024-01-10").timexes
    assert leap.value == "2024-02-29"


# ------------------------------------------------------------------------------ fuzz
NUMBER_WORDS = (
    "years days weeks months decades centuries ago later earlier before after since the past next last "
    "for over in on of March May February Friday yesterday tomorrow today BC AD Q3 summer Christmas "
    "about around early late mid every"
).split()
numbers = st.one_of(
    st.integers(0, 10**22).map(str),
    st.integers(1, 31).map(str),
    st.integers(1000, 9999).map(str),
    st.sampled_from(["9999", "0001", "10000", "99999999999999999999", "29", "31", "1.5"]),
)
number_heavy_text = st.lists(st.one_of(numbers, st.sampled_from(NUMBER_WORDS)), max_size=20).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", " ", ", ", ". ", "/", "-", ":"]), min_size=len(words), max_size=len(words)
    ).map(lambda gaps: "".join(word + gap for word, gap in zip(words, gaps, strict=True)))
)


@given(text=number_heavy_text, dct=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_any_document_date_and_numbers_give_valid_timeml(text: str, dct: date) -> None:
    for timex in extract(text, dct).timexes:
        assert timex.text == text[timex.start : timex.end]
        assert_valid_timeml(timex)
        assert_valid_interval(timex)
