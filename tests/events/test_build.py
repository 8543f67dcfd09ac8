"""The events table: which expressions become events, one row each, and the schema's checks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline.events import (
    EVENT_COLUMNS,
    KINDS,
    EventsTableError,
    empty_events,
    events_from_extractions,
    validate_events,
)
from timeline.extract.model import (
    Anchor,
    AnchorKind,
    DctSource,
    DocumentDate,
    Extraction,
    Grain,
    Interval,
    Timex,
    TimexType,
)
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents

SAMPLE = Path(__file__).parents[2] / "data" / "armenia-azerbaijan-2021-05-15.txt"

ABSOLUTE = Anchor(AnchorKind.ABSOLUTE)
TEXT = (
    "Armenia said on Friday that Azerbaijan had failed to withdraw. "
    "By Friday evening, and again on Friday night, troops remained. "
    "Fighting last year killed thousands; in 490 BC the Athenians won at Marathon. "
    "For the past three years the talks went nowhere. "
    "The envoy flies every Monday. It lasted three years. The ceasefire of May 2021 held."
)
DOC = Document("news/a.txt", TEXT, title="Armenia asks for help", date="2021-05-15", source="news/a.txt")


def timex(
    expression: str,
    value: str,
    grain: Grain,
    interval: tuple[str, str] | None,
    *,
    type_: TimexType = TimexType.DATE,
    occurrence: int = 0,
    mod: str | None = None,
    anchor: Anchor = ABSOLUTE,
    text: str = TEXT,
) -> Timex:
    """A Timex for the ``occurrence``-th ``expression`` of ``text``, with its sentence as a splitter gives it."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(expression, start + 1)
    sentence_start = max(text.rfind(". ", 0, start) + 2, 0) if ". " in text[:start] else 0
    sentence_end = text.find(". ", start)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Timex(
        expression,
        start,
        start + len(expression),
        type_,
        value,
        grain,
        Interval(*interval) if interval else None,
        anchor,
        sentence=text[sentence_start:sentence_end],
        sentence_start=sentence_start,
        mod=mod,
        rule="test",
    )


FRIDAY = timex("Friday", "2021-05-14", Grain.DAY, ("2021-05-14", "2021-05-15"))
FRIDAY_EVENING = timex(
    "Friday evening", "2021-05-14TEV", Grain.PART_OF_DAY, ("2021-05-14T18:00", "2021-05-14T22:00"), type_=TimexType.TIME
)
FRIDAY_NIGHT = timex(
    "Friday night", "2021-05-14TEV", Grain.PART_OF_DAY, ("2021-05-14T18:00", "2021-05-14T22:00"), type_=TimexType.TIME
)
LAST_YEAR = timex(
    "last year",
    "2020",
    Grain.YEAR,
    ("2020-01-01", "2021-01-01"),
    anchor=Anchor(AnchorKind.DOCUMENT_DATE, "2021-05-15", "the year before the document date"),
)
MARATHON = timex("490 BC", "-0489", Grain.YEAR, ("-0489-01-01", "-0488-01-01"))
PAST_THREE_YEARS = timex(
    "the past three years", "P3Y", Grain.NONE, ("2018-05-15", "2021-05-15"), type_=TimexType.DURATION
)
EVERY_MONDAY = timex("every Monday", "XXXX-WXX-1", Grain.DAY, None, type_=TimexType.SET)
THREE_YEARS = timex("three years", "P3Y", Grain.NONE, None, type_=TimexType.DURATION, occurrence=1)
MAY_2021 = timex("May 2021", "2021-05", Grain.MONTH, ("2021-05-01", "2021-06-01"))


def table(*timexes: Timex, document: Document = DOC) -> pd.DataFrame:
    return events_from_extractions([(document, Extraction(list(timexes), DocumentDate("2021-05-15", DctSource.GIVEN)))])


def test_the_timexes_of_the_test_text_are_where_they_say() -> None:
    for t in (FRIDAY, FRIDAY_EVENING, FRIDAY_NIGHT, LAST_YEAR, MARATHON, PAST_THREE_YEARS, EVERY_MONDAY, THREE_YEARS):
        assert TEXT[t.start : t.end] == t.text and t.text in t.sentence


def test_dates_with_an_interval_are_events_by_kind() -> None:
    events = table(FRIDAY, LAST_YEAR, MARATHON, MAY_2021, FRIDAY_EVENING).set_index("text")
    assert events.loc["Friday", "kind"] == "instant"
    assert events.loc["Friday evening", "kind"] == "instant"
    assert events.loc["last year", "kind"] == "period"
    assert events.loc["May 2021", "kind"] == "period"
    assert events.loc["490 BC", "kind"] == "period"
    assert events.loc["490 BC", ["x_start", "x_end"]].tolist() == [-489.0, -488.0]


def test_durations_and_sets_are_events_only_where_anchored() -> None:
    events = table(PAST_THREE_YEARS, THREE_YEARS, EVERY_MONDAY)
    assert events["text"].tolist() == ["the past three years"]
    row = events.iloc[0]
    assert (row["type"], row["kind"], row["interval_start"], row["interval_end"]) == (
        "DURATION",
        "anchored duration",
        "2018-05-15",
        "2021-05-15",
    )
    assert row["x_end"] - row["x_start"] == pytest.approx(3.0, abs=0.01)


def test_an_anchored_set_is_an_event() -> None:
    every_friday_2021 = timex(
        "every Monday", "2021-W19-1", Grain.DAY, ("2021-05-10", "2021-05-11"), type_=TimexType.SET
    )
    assert table(every_friday_2021)["kind"].tolist() == ["instant"]


def test_same_value_in_one_sentence_is_one_event() -> None:
    events = table(FRIDAY_EVENING, FRIDAY_NIGHT, FRIDAY)
    assert events["event_id"].tolist() == [f"news/a.txt:{FRIDAY.start}", f"news/a.txt:{FRIDAY_EVENING.start}"]
    merged = events.iloc[1]
    assert "Friday" not in merged["label"]  # both mentions are left out of the label
    assert merged["label"].lower().endswith("troops remained")


def test_same_value_in_other_sentences_or_with_another_mod_stays_apart() -> None:
    friday_again = timex("Friday", "2021-05-14", Grain.DAY, ("2021-05-14", "2021-05-15"), occurrence=1)
    early_friday = timex("Friday", "2021-05-14", Grain.DAY, ("2021-05-14", "2021-05-15"), occurrence=2, mod="START")
    assert friday_again.sentence_start != FRIDAY.sentence_start
    assert early_friday.sentence_start == friday_again.sentence_start
    assert len(table(FRIDAY, friday_again, early_friday)) == 3


def test_rows_carry_the_document_the_anchor_and_the_label() -> None:
    row = table(LAST_YEAR).iloc[0]
    assert row["event_id"] == f"news/a.txt:{LAST_YEAR.start}"
    assert (row["doc_id"], row["doc_title"]) == ("news/a.txt", "Armenia asks for help")
    assert (row["text"], row["start"], row["end"]) == ("last year", LAST_YEAR.start, LAST_YEAR.end)
    assert (row["anchor"], row["anchor_value"]) == ("document_date", "2021-05-15")
    assert row["explanation"] == "the year before the document date"
    assert row["sentence"] == LAST_YEAR.sentence
    assert row["label"] == "Fighting killed thousands"
    assert pd.isna(row["mod"])


def test_a_document_without_title_is_named_by_its_id() -> None:
    untitled = Document("corpus.jsonl#7", TEXT)
    assert table(FRIDAY, document=untitled)["doc_title"].tolist() == ["corpus.jsonl#7"]


def test_without_a_sentence_the_line_is_used() -> None:
    text = "Headline\nTroops crossed the border on May 13, 2021 at dawn\nMore text"
    bare = Timex(
        "May 13, 2021",
        text.index("May"),
        text.index("May") + 12,
        TimexType.DATE,
        "2021-05-13",
        Grain.DAY,
        Interval("2021-05-13", "2021-05-14"),
        Anchor(AnchorKind.ABSOLUTE),
    )
    row = table(bare, document=Document("b.txt", text)).iloc[0]
    assert row["sentence"] == "Troops crossed the border on May 13, 2021 at dawn"
    assert row["label"] == "Troops crossed the border at dawn"


def test_an_unreadable_interval_names_the_document() -> None:
    broken = timex("Friday", "2021-05-14", Grain.DAY, ("2021-05-14", "Friday"))
    with pytest.raises(ValueError, match=r"news/a.txt: 'Friday' at offset \d+: not an ISO 8601 date"):
        table(broken)


def test_the_table_follows_the_schema() -> None:
    events = table(FRIDAY, LAST_YEAR, MARATHON, PAST_THREE_YEARS)
    assert list(events.columns) == list(EVENT_COLUMNS)
    assert {name: str(events[name].dtype) for name in events} == {
        name: column.dtype for name, column in EVENT_COLUMNS.items()
    }
    validate_events(events)
    assert set(events["kind"]) <= set(KINDS)


def test_empty_tables() -> None:
    empty = empty_events()
    assert empty.empty and list(empty.columns) == list(EVENT_COLUMNS)
    validate_events(empty)
    assert table().equals(empty)


def test_events_of_the_sample_article() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    document = Document(str(SAMPLE), text, title="Armenia Requests Russian Military Help", date="2021-05-15")
    events = events_from_documents([document])
    validate_events(events)
    assert len(events) >= 1 and events["event_id"].is_unique
    assert "2021-05-13" in set(events["value"])  # the tweet's "May 13, 2021"
    for row in events.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.event_id == f"{document.id}:{row.start}"
        assert row.text in row.sentence or row.sentence in text
        assert 0 < len(row.label) <= 80
        assert row.x_start < row.x_end
        assert (row.kind in ("instant", "publication")) == (
            row.grain in {"day", "part_of_day", "hour", "minute", "second"}
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda df: df.drop(columns=["label", "x_end"]), "missing column(s) label, x_end"),
        (
            lambda df: df.assign(kind=["instant", "moment", "period", "anchored duration"]),
            "row 1 (event_id 'news/a.txt:",
        ),
        (lambda df: df.assign(event_id="same"), "event_id 'same' repeats an earlier event_id"),
        (lambda df: df.assign(x_start=df["x_end"] + 1), "is after x_end"),
        (lambda df: df.assign(interval_end="next week"), "interval_end 'next week' is not an ISO 8601 date"),
        (lambda df: df.assign(start=df["start"].astype(float)), "column 'start' should hold integers"),
        (lambda df: df.assign(label=pd.Series([1, "a", "b", "c"], dtype=object)), "label 1 is not text"),
        (lambda df: df.assign(doc_id=None), "doc_id"),
    ],
)
def test_validate_names_the_problem(change, message: str) -> None:  # type: ignore[no-untyped-def]
    events = table(FRIDAY, LAST_YEAR, MARATHON, PAST_THREE_YEARS)
    with pytest.raises(EventsTableError, match=f"^events table: .*{__import__('re').escape(message)}"):
        validate_events(change(events))
