"""Calendar handling in exports: date bounds, selecting events by date/grain/document, TimelineJS dates.

Events are built from hand-made Timex values (BC years, decades, weeks, seasons, nights) through
the real events table, so these tests do not depend on what the extractor finds.
"""

from __future__ import annotations

import html
import json
from typing import Any

import pandas as pd
import pytest

from timeline.events import events_from_extractions
from timeline.export import parse_period, select_events, timelinejs_json
from timeline.extract import extract
from timeline.extract.model import Anchor, AnchorKind, Extraction, Grain, Interval, Timex, TimexType
from timeline.ingest import Document

# (document id, sentence, expression, TimeML value, grain, interval start, interval end)
MENTIONS = {
    "marathon": (
        "m",
        "The Athenians won at Marathon in 490 BC.",
        "490 BC",
        "BC0490",
        Grain.YEAR,
        "-0489-01-01",
        "-0488-01-01",
    ),
    "nineties": ("n", "The 1990s were calm.", "The 1990s", "199", Grain.DECADE, "1990-01-01", "2000-01-01"),
    "summer": (
        "s",
        "In the summer of 1997 it rained.",
        "the summer of 1997",
        "1997-SU",
        Grain.SEASON,
        "1997-06-01",
        "1997-09-01",
    ),
    "year": ("y", "Prices rose in 1997.", "1997", "1997", Grain.YEAR, "1997-01-01", "1998-01-01"),
    "week": ("w", "Week 19 of 2021 was busy.", "Week 19 of 2021", "2021-W19", Grain.WEEK, "2021-05-10", "2021-05-17"),
    "day": (
        "d",
        "Talks failed on May 13, 2021 in Vienna.",
        "May 13, 2021",
        "2021-05-13",
        Grain.DAY,
        "2021-05-13",
        "2021-05-14",
    ),
    "night": (
        "t",
        "Shelling went on on the night of May 13, 2021.",
        "the night of May 13, 2021",
        "2021-05-13TNI",
        Grain.PART_OF_DAY,
        "2021-05-13T21:00",
        "2021-05-14T04:00",
    ),
    "minute": (
        "h",
        "The vote closed at 7:45 pm on May 13, 2021.",
        "7:45 pm on May 13, 2021",
        "2021-05-13T19:45",
        Grain.MINUTE,
        "2021-05-13T19:45",
        "2021-05-13T19:46",
    ),
    "leap_week": (
        "l",
        "The last week of February 2020 was cold.",
        "The last week of February 2020",
        "2020-W09",
        Grain.WEEK,
        "2020-02-24",
        "2020-03-01",
    ),
    "one_bc": ("o", "Nothing happened in 1 BC.", "1 BC", "BC0001", Grain.YEAR, "0000-01-01", "0001-01-01"),
    "spring_bc": (
        "p",
        "The fleet sailed in the spring of 480 BC.",
        "the spring of 480 BC",
        "BC0480-SP",
        Grain.SEASON,
        "-0479-03-01",
        "-0479-06-01",
    ),
}


def events_of(*names: str) -> pd.DataFrame:
    """The events table of the named mentions, one document each."""
    pairs = []
    for name in names:
        doc_id, sentence, expression, value, grain, start, end = MENTIONS[name]
        at = sentence.index(expression)
        timex = Timex(
            expression,
            at,
            at + len(expression),
            TimexType.DATE,
            value,
            grain,
            Interval(start, end),
            Anchor(AnchorKind.ABSOLUTE),
            sentence=sentence,
            sentence_start=0,
        )
        pairs.append((Document(doc_id, sentence, title=f"Doc {doc_id}"), Extraction([timex])))
    return events_from_extractions(pairs)


def texts(events: pd.DataFrame) -> set[str]:
    return set(events["text"])


# -- date bounds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "iso", "end_iso", "start", "end"),
    [
        ("2021", "2021", "2022", 2021.0, 2022.0),
        ("2021-12", "2021-12", "2022-01", 2021 + 334 / 365, 2022.0),
        ("2020-02-29", "2020-02-29", "2020-03-01", 2020 + 59 / 366, 2020 + 60 / 366),
        ("-489", "-0489", "-0488", -489.0, -488.0),
        ("0000", "0000", "0001", 0.0, 1.0),
    ],
)
def test_a_bound_names_a_whole_period(typed: str, iso: str, end_iso: str, start: float, end: float) -> None:
    period = parse_period(typed)
    assert (period.iso, period.end_iso) == (iso, end_iso)
    assert period.start == pytest.approx(start) and period.end == pytest.approx(end)


@pytest.mark.parametrize("typed", ["2021-02-29", "2021-13", "May 2021", "12345", ""])
def test_a_bound_that_is_no_date_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_period(typed)


# -- selecting events -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed() -> pd.DataFrame:
    return events_of("marathon", "nineties", "year", "day")


@pytest.mark.parametrize(
    ("date_from", "date_to", "kept"),
    [
        ("2000", None, {"May 13, 2021"}),
        (None, "1997", {"490 BC", "The 1990s", "1997"}),  # --to 1997 runs to the end of 1997
        ("1995", "1996", {"The 1990s"}),  # overlapping is enough
        ("1997-12-31", None, {"The 1990s", "1997", "May 13, 2021"}),
        ("2021-05-13", "2021-05-13", {"May 13, 2021"}),
        ("2021-05-14", None, set()),
        ("-500", "-400", {"490 BC"}),
    ],
)
def test_a_date_range_keeps_the_events_that_overlap_it(
    mixed: pd.DataFrame, date_from: str | None, date_to: str | None, kept: set[str]
) -> None:
    selected = select_events(
        mixed,
        date_from=parse_period(date_from) if date_from else None,
        date_to=parse_period(date_to) if date_to else None,
    )
    assert texts(selected) == kept
    assert list(selected.index) == list(range(len(selected)))


def test_grains_and_documents_select_too(mixed: pd.DataFrame) -> None:
    assert texts(select_events(mixed, grains=["year"])) == {"490 BC", "1997"}
    assert texts(select_events(mixed, grains=["decade", "day"])) == {"The 1990s", "May 13, 2021"}
    assert texts(select_events(mixed, doc_ids=["y", "m"])) == {"1997", "490 BC"}
    assert texts(select_events(mixed)) == texts(mixed)


# -- TimelineJS -------------------------------------------------------------------------------------


def slides_of(*names: str, title: str | None = None) -> dict[str, Any]:
    return json.loads(timelinejs_json(events_of(*names), title=title))


def only_slide(name: str) -> dict[str, Any]:
    (slide,) = slides_of(name)["events"]
    return slide


@pytest.mark.parametrize(
    ("name", "start_date", "end_date"),
    [
        ("day", {"year": 2021, "month": 5, "day": 13}, None),
        ("year", {"year": 1997}, None),
        ("nineties", {"year": 1990}, {"year": 1999}),  # TimelineJS end dates are inclusive
        ("summer", {"year": 1997, "month": 6}, {"year": 1997, "month": 8}),
        ("week", {"year": 2021, "month": 5, "day": 10}, {"year": 2021, "month": 5, "day": 16}),
        ("leap_week", {"year": 2020, "month": 2, "day": 24}, {"year": 2020, "month": 2, "day": 29}),
        ("night", {"year": 2021, "month": 5, "day": 13, "hour": 21}, {"year": 2021, "month": 5, "day": 14, "hour": 3}),
        ("minute", {"year": 2021, "month": 5, "day": 13, "hour": 19, "minute": 45}, None),
        ("marathon", {"year": -490}, None),  # TimelineJS's years: -490 is 490 BCE (astronomical -489)
        ("one_bc", {"year": -1}, None),  # no year 0
        ("spring_bc", {"year": -480, "month": 3}, {"year": -480, "month": 5}),
    ],
)
def test_dates_carry_the_parts_of_their_grain(
    name: str, start_date: dict[str, Any], end_date: dict[str, Any] | None
) -> None:
    slide = only_slide(name)
    assert slide["start_date"] == start_date
    assert slide.get("end_date") == end_date


@pytest.mark.parametrize(
    ("name", "display_date"),
    [
        ("marathon", "490 BC"),
        ("one_bc", "1 BC"),
        ("spring_bc", "spring 480 BC"),
        ("nineties", "the 1990s"),
        ("summer", "summer 1997"),
        ("week", "week 19 of 2021"),
        ("day", "13 May 2021"),
        ("night", "13 May 2021, night"),
        ("minute", "13 May 2021, 19:45"),
    ],
)
def test_a_slide_says_its_date_in_words(name: str, display_date: str) -> None:
    assert only_slide(name)["display_date"] == display_date


def test_a_slide_has_the_label_the_sentence_and_the_document() -> None:
    slide = only_slide("day")
    assert slide["text"]["headline"] == html.escape(events_of("day")["label"].iloc[0])
    assert "<strong>May 13, 2021</strong>" in slide["text"]["text"]
    assert "Talks failed on" in slide["text"]["text"]
    assert slide["group"] == "Doc d"


def test_text_is_escaped_once_where_timelinejs_sanitizes_and_twice_where_it_decodes() -> None:
    # TimelineJS runs headline/text through DOMPurify, but strips group/display_date to text (decoding
    # entities once) and then inserts them as HTML: a title escaped only once would run as markup.
    sentence = "On May 13, 2021 the <script>alert(1)</script> tag & co. were found."
    at = sentence.index("May 13, 2021")
    timex = Timex(
        "May 13, 2021",
        at,
        at + 12,
        TimexType.DATE,
        "2021-05-13",
        Grain.DAY,
        Interval("2021-05-13", "2021-05-14"),
        Anchor(AnchorKind.ABSOLUTE),
        sentence=sentence,
    )
    events = events_from_extractions([(Document("x", sentence, title="<b>A & B</b>"), Extraction([timex]))])
    text = timelinejs_json(events, title="<i>Story</i>")
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text
    document = json.loads(text)
    slide = document["events"][0]
    assert html.unescape(html.unescape(slide["group"])) == "<b>A & B</b>"
    assert slide["group"] == "&amp;lt;b&amp;gt;A &amp;amp; B&amp;lt;/b&amp;gt;"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in slide["text"]["text"]
    assert document["title"]["text"]["headline"] == "&lt;i&gt;Story&lt;/i&gt;"


def range_events(sentence: str, *ends: tuple[str, str, str, str]) -> pd.DataFrame:
    """Events of one sentence whose date expressions are ``(text, value, interval start, end)``."""
    timexes = []
    for text, value, start, end in ends:
        at = sentence.index(text, timexes[-1].end if timexes else 0)
        timexes.append(
            Timex(
                text,
                at,
                at + len(text),
                TimexType.DATE,
                value,
                Grain.YEAR,
                Interval(start, end),
                Anchor(AnchorKind.ABSOLUTE),
                sentence=sentence,
            )
        )
    return events_from_extractions([(Document("r", sentence, title="R"), Extraction(timexes))])


BC_499 = ("499", "BC0499", "-0498-01-01", "-0497-01-01")
BC_493 = ("493 BC", "BC0493", "-0492-01-01", "-0491-01-01")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ionian Revolt (499-493 BC)",
        "The revolt lasted from 499 to 493 BC.",
        "It raged 499 – 493 BC.",
    ],
)
def test_a_range_is_one_slide_from_its_first_to_its_last_year(sentence: str) -> None:
    (slide,) = json.loads(timelinejs_json(range_events(sentence, BC_499, BC_493)))["events"]
    assert slide["start_date"] == {"year": -499} and slide["end_date"] == {"year": -493}
    assert slide["display_date"] == "499 BC – 493 BC"
    assert slide["text"]["text"].count("<strong>") == 2


@pytest.mark.parametrize("sentence", ["It happened in 499 and 493 BC.", "In 499, then in 493 BC, it burnt."])
def test_two_dates_that_are_no_range_stay_two_slides(sentence: str) -> None:
    assert len(json.loads(timelinejs_json(range_events(sentence, BC_499, BC_493)))["events"]) == 2


def test_between_one_and_another_is_a_range() -> None:
    events = range_events(
        "Between 1939 and 1945 the war raged.",
        ("1939", "1939", "1939-01-01", "1940-01-01"),
        ("1945", "1945", "1945-01-01", "1946-01-01"),
    )
    (slide,) = json.loads(timelinejs_json(events))["events"]
    assert (slide["start_date"], slide["end_date"]) == ({"year": 1939}, {"year": 1945})


def test_a_footnote_says_how_a_date_was_resolved_in_words_and_only_then() -> None:
    text = "Armenia\n\nSat, 05/15/2021 – 07:35\n\nThe war started six months ago. It ended on May 13, 2021."
    events = events_from_extractions([(document := Document("a", text, title="Armenia"), extract(document.text))])
    slides = {slide["display_date"]: slide["text"]["text"] for slide in json.loads(timelinejs_json(events))["events"]}
    assert "<small>6 months before the publication date, 15 May 2021</small>" in slides["November 2020"]
    assert "<small>" not in slides["13 May 2021"]  # written in full: nothing to say


def test_the_document_has_the_structure_timelinejs_reads() -> None:
    document = slides_of(*MENTIONS, title="Calendar 暦")
    assert document["title"]["text"]["headline"] == "Calendar 暦"
    assert len(document["events"]) == len(MENTIONS)
    limits = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}
    for slide in document["events"]:
        assert set(slide) <= {"start_date", "end_date", "display_date", "text", "group"}
        for key in ("start_date", "end_date"):
            date = slide.get(key)
            if date is None:
                continue
            assert type(date["year"]) is int
            for part, (low, high) in limits.items():
                if part in date:
                    assert type(date[part]) is int and low <= date[part] <= high
        if "end_date" in slide:
            parts = ["year", "month", "day", "hour", "minute"]
            assert [slide["end_date"].get(p, 0) for p in parts] > [slide["start_date"].get(p, 0) for p in parts]
        assert isinstance(slide["text"]["headline"], str) and slide["text"]["headline"]
        assert isinstance(slide["text"]["text"], str) and isinstance(slide["group"], str)


def test_no_events_make_an_empty_timeline() -> None:
    empty = events_of("day").iloc[0:0]
    assert json.loads(timelinejs_json(empty)) == {"events": []}
