"""Properties that hold for any text: the extractor never raises and its offsets are honest.

Two kinds of input: any unicode text, and text built from date-like tokens (numbers, month and
weekday names, "ago", "BC", slashes, quotes...), which reaches far more of the rules.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract import DctSource, Extraction, extract

FUZZ = settings(max_examples=4 * settings.default.max_examples)  # the profile's (tests/conftest.py), times four

WORDS = (
    "May may Jan. January March Sept. December Mon Sat Friday Sundays today yesterday tomorrow tonight "
    "ago later earlier before after the day week month year years decade century quarter half weekend "
    "last next this that past coming following previous early mid late end of in on at since around "
    "every each twice a an two six several spring summer winter fall BC B.C. AD CE am pm p.m. a.m. "
    "noon midnight night morning 1990s '60s nineties 19th twentieth Q3 FY Christmas now recently future "
    "said Pashinyan No. $ % Mrs "
    "friday aug sept. quarter half to past hence o'clock nineteen eighty-four thousand BCE millennium xmas "
    "Mondays from dawn GMT hours 21h30 11:30p fifth Friday "
    "EOD COB back lunchtime other fortnight time between and "
    "Fri Tues. Thurs Sun Wed. 5pm 9:30 due until till Deadline: rest most first second final 2h 3d 5m 6mo "
    "announced unveiled Reminder: rescheduled 10/12 3/4 "
    "exp. Valid thru 08/23 expires wknd Father’s Mother's Eve Mon-Sat 9-5 ET one some three-year day-long"
).split()
PUNCTUATION = [" ", " ", " ", "", "\n", ", ", ". ", "/", "-", "–", ".", ":", "'", "’", '"', "“", "”", "'s "]

date_like_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.integers(0, 3000).map(str), st.sampled_from(["05", "09", "2021", "1997"])),
    max_size=25,
).flatmap(
    lambda words: st.lists(st.sampled_from(PUNCTUATION), min_size=len(words), max_size=len(words)).map(
        lambda separators: "".join(word + separator for word, separator in zip(words, separators, strict=True))
    )
)
any_text = st.text(max_size=300)
metadata_dates = st.one_of(st.none(), st.text(max_size=30), st.dates().map(date.isoformat))
document_dates = st.one_of(st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))


def _run(text: str, dct: date | None, metadata_date: str | None = None) -> Extraction:
    return extract(text, dct=dct, metadata_date=metadata_date)


def _interval_key(moment: str) -> tuple[int, str]:
    """Sortable form of an ISO moment with an astronomical, possibly negative, year."""
    year, _, rest = moment.lstrip("-").partition("-")
    return (-int(year) if moment.startswith("-") else int(year), rest)


def _check(text: str, dct: date | None, extraction: Extraction) -> None:
    previous_end = 0
    for timex in extraction.timexes:
        assert 0 <= timex.start < timex.end <= len(text)
        assert timex.text == text[timex.start : timex.end]
        assert timex.start >= previous_end, "timexes overlap or are out of order"
        previous_end = timex.end
        assert text[timex.sentence_start : timex.sentence_start + len(timex.sentence)] == timex.sentence
        assert timex.value
        if timex.interval is not None:
            assert _interval_key(timex.interval.start) < _interval_key(timex.interval.end), timex
    if dct is not None:
        assert extraction.document_date.value == dct.isoformat()
        assert extraction.document_date.source is DctSource.GIVEN


@FUZZ
@given(text=any_text, dct=document_dates, metadata_date=metadata_dates)
def test_any_text(text: str, dct: date | None, metadata_date: str | None) -> None:
    """Any text, and any metadata date (HTML metadata is not to be trusted), is accepted."""
    _check(text, dct, _run(text, dct, metadata_date))


@FUZZ
@given(text=date_like_text, dct=document_dates)
def test_date_like_text(text: str, dct: date | None) -> None:
    _check(text, dct, _run(text, dct))


def test_interval_key_orders_bc_before_ad() -> None:
    moments = ["2021-05-15T06:00", "-0489-01-01", "0000-01-01", "-0490-12-31", "2021-05-15", "1999-12-31"]
    assert sorted(moments, key=_interval_key) == [
        "-0490-12-31",
        "-0489-01-01",
        "0000-01-01",
        "1999-12-31",
        "2021-05-15",
        "2021-05-15T06:00",
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("It began in AD 1. The day before it rained.", "AD 1"),
        ("1 AD. Last week.", "1 AD"),
        ("In 2021 it began. 9000000 days later it ended.", "2021"),
    ],
)
def test_date_arithmetic_past_the_calendar_does_not_raise(text: str, year: str) -> None:
    timexes = extract(text).timexes
    assert timexes[0].text == year
    assert len(timexes) == 2


@pytest.mark.parametrize(
    "text",
    [
        "the 99999999th century",
        "in 10000000000 years",
        "31 February 2021",
        "29 Feb 2100",
        "99999999 Mondays from now",
        "10000000000 days from tomorrow",
        "the 99999999th of next month",
        "the 31st of next month",
        "the fifth Friday of February 2021",
        "a quarter to 99",
        "half past 23 pm",
        "the 99999990s BC",
        "the 99999999th millennium BC",
        "nineteen hundred and ninety-nine thousand",
        "Friday the 31st",
        "3/8/99999999",
    ],
)
def test_odd_text_never_raises(text: str) -> None:
    """Everyday forms with numbers past the calendar: extracted or not, never an error.

    (With a document date given: a text that is only "31 February 2021" is taken for its own
    byline when none is, and invalid calendar dates are rejected on another branch.)
    """
    dct = date(2021, 5, 15)
    _check(text, dct, _run(text, dct))
