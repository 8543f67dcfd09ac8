"""Dates in words: TimeML values, events and explanations as a reader should see them."""

from __future__ import annotations

import pytest

from timeline.events.when import event_when, explanation_in_words, value_in_words, when
from timeline.events.zones import utc_offset
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("BC0513", "513 BC"),
        ("BC0481-WI", "winter 481 BC"),
        ("BC0480-09", "September 480 BC"),
        ("2021", "2021"),
        ("2021-05", "May 2021"),
        ("2021-05-15", "15 May 2021"),
        ("2021-05-14TEV", "14 May 2021, evening"),
        ("2007-03-19T12:30", "19 March 2007, 12:30"),
        ("1997-SU", "summer 1997"),
        ("2021-W19", "week 19 of 2021"),
        ("2021-Q1", "the first quarter of 2021"),
        ("2021-H2", "the second half of 2021"),
        ("199", "the 1990s"),
        ("19", "the 1900s"),
        ("BC049", "the 490s BC"),
        ("PRESENT_REF", "now"),
    ],
)
def test_a_timeml_value_reads_in_words(value: str, words: str) -> None:
    assert value_in_words(value) == words


@pytest.mark.parametrize("value", ["P6M", "XXXX-05", "2021-13", "", None, "<b>1997</b>"])
def test_a_value_that_is_no_calendar_position_has_no_words(value: str | None) -> None:
    assert value_in_words(value) is None


def event(**columns: object) -> dict[str, object]:
    return {
        "text": "",
        "value": "",
        "mod": None,
        "grain": "none",
        "interval_start": "",
        "interval_end": "",
        "anchor": "absolute",
        "anchor_value": None,
        "explanation": "written in full",
        **columns,
    }


def test_an_event_says_its_zone_and_its_mod() -> None:
    assert event_when(event(text="12:30 EST", value="2007-03-19T12:30")) == "19 March 2007, 12:30 EST"
    assert event_when(event(text="early May 2021", value="2021-05", mod="START")) == "early May 2021"


def test_an_anchored_duration_reads_as_its_interval() -> None:
    duration = event(text="the past three years", value="P3Y", interval_start="2018-05-15", interval_end="2021-05-15")
    assert event_when(duration) == "15 May 2018 – 15 May 2021"


def test_an_explanation_names_its_reference_in_words_and_a_date_written_in_full_has_none() -> None:
    relative = event(
        anchor="document_date", anchor_value="2021-05-15", explanation="6 months before the document date, 2021-05-15"
    )
    assert explanation_in_words(relative) == "6 months before the publication date, 15 May 2021"
    narrative = event(
        anchor="mention", anchor_value="BC0513", explanation="1 year after the date last mentioned, BC0513"
    )
    assert explanation_in_words(narrative) == "1 year after the date last mentioned, 513 BC"
    assert explanation_in_words(event()) == ""


@pytest.mark.parametrize(
    ("expression", "offset"),
    [
        ("12:30 EST", "-05:00"),
        ("16:30 UTC", "+00:00"),
        ("6:40 p.m. PDT", "-07:00"),
        ("08:30Z", "+00:00"),
        ("9:45 a.m.", None),
        ("21:40", None),
        ("10:00 IST", None),
        ("May 2021", None),
    ],
)
def test_a_zone_written_with_a_clock_time_gives_its_offset(expression: str, offset: str | None) -> None:
    assert utc_offset(expression) == offset


@pytest.mark.parametrize(
    ("interval_start", "interval_end", "words"),
    [
        ("2020-12-01", "2021-03-01", "winter 2020–21"),
        ("1999-12-01", "2000-03-01", "winter 1999–00"),
        ("0001-12-01", "0002-03-01", "winter 1–2"),
        ("0000-12-01", "0001-03-01", "winter 1 BC–AD 1"),  # no year zero: 1 BC is followed by AD 1
        ("-0001-12-01", "0000-03-01", "winter 2–1 BC"),
        ("-0482-12-01", "-0481-03-01", "winter 483–482 BC"),
        ("-0489-06-01", "-0489-09-01", "summer 490 BC"),
    ],
)
def test_a_winter_names_both_its_years_in_their_era(interval_start: str, interval_end: str, words: str) -> None:
    assert when(interval_start, interval_end, "season") == words


def test_a_bc_winter_told_in_a_narrative_reads_as_its_two_years() -> None:
    texts = {
        "marathon": "In 483 BC the army marched north. The following winter the army rested.",
        "boundary": "In 1 BC the army marched. That winter the army rested.",
    }
    events = events_from_documents(Document(id=doc_id, text=text) for doc_id, text in texts.items())
    winters = events[events["grain"] == "season"].set_index("doc_id")
    assert [
        when(row["interval_start"], row["interval_end"], row["grain"]) for _, row in winters.loc[list(texts)].iterrows()
    ] == ["winter 483–482 BC", "winter 1 BC–AD 1"]


@pytest.mark.parametrize(
    ("interval_start", "interval_end", "grain", "full", "within_2021"),
    [
        ("2021-05-13", "2021-05-14", "day", "13 May 2021", "13 May"),
        ("2021-05-13T10:30", "2021-05-13T10:31", "minute", "13 May 2021, 10:30", "13 May, 10:30"),
        ("2021-05-13T18:00", "2021-05-14T00:00", "part_of_day", "13 May 2021, evening", "13 May, evening"),
        ("2021-05-10", "2021-05-17", "week", "week of 10 May 2021", "week of 10 May"),
        ("2021-09-01", "2021-10-01", "month", "Sep 2021", "Sep"),
        ("2021-04-01", "2021-07-01", "quarter", "Q2 2021", "Q2"),
        ("2021-07-01", "2022-01-01", "half_year", "second half of 2021", "second half"),
        ("2021-06-01", "2021-09-01", "season", "summer 2021", "summer"),
        ("2021-12-01", "2022-03-01", "season", "winter 2021–22", "winter 2021–22"),  # runs into the next year
        ("2021-01-01", "2022-01-01", "year", "2021", "2021"),  # a year is its own date
        ("2020-05-13", "2020-05-14", "day", "13 May 2020", "13 May 2020"),  # another year than the axis shows
    ],
)
def test_a_date_within_the_year_on_the_axis_leaves_the_year_out(
    interval_start: str, interval_end: str, grain: str, full: str, within_2021: str
) -> None:
    assert when(interval_start, interval_end, grain, short=True) == full
    assert when(interval_start, interval_end, grain, short=True, year_shown=2021) == within_2021
