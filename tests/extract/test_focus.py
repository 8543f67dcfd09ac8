"""The narrative focus: which mentions move the story and which are asides (extract/focus.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from timeline.extract import extract
from timeline.extract.context import TextContext
from timeline.extract.focus import story_years
from timeline.extract.matching import find_candidates
from timeline.extract.meaning import DateMeaning, build_relative
from timeline.extract.resolve import Resolver
from timeline.extract.resources import load_language

HISTORY = (
    "The war broke out in 1919. Kiev fell in May 1920. Warsaw held in August 1920. "
    "Peace came in 1921. Documents found in 2004 showed the codes had been broken. "
    "It was the largest cavalry battle since 1813. On 29 August the cavalry reached Zamosc."
)


def test_the_years_a_history_tells_leave_out_its_asides() -> None:
    low, high = story_years(find_candidates(HISTORY, load_language("en"))) or (0, 0)
    assert low <= 1919 and high >= 1921
    assert not low <= 1813 <= high and not low <= 2004 <= high


def test_too_few_written_years_tell_no_story_span() -> None:
    assert story_years(find_candidates("In 1990 they met. In 1991 they wed.", load_language("en"))) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HISTORY, "1921-08-29"),  # neither 2004 nor "since 1813" moved the story
        (
            "In 1919 the war began. In 1920 it peaked. In 1920 they built on the successes of the previous year. "
            "On 12 October the armistice came.",
            "1920-10-12",
        ),
        (
            "In 1990 the war began. In 1991 it went on. In 1992 it ended. In 1993 the troops left, "
            "as the treaty (1995) later recorded. On 3 May the last one went.",
            "1993-05-03",
        ),
    ],
    ids=["far-years-and-since", "look-back", "parenthesis"],
)
def test_the_last_day_is_read_in_the_year_the_story_tells(text: str, expected: str) -> None:
    last = extract(text).timexes[-1]
    assert last.value == expected, [(t.text, t.value) for t in extract(text).timexes]


def test_a_comparison_keeps_the_quarter_in_focus() -> None:
    text = (
        "Profit rose in the third quarter of 2020 to $5 million from $4 million a year ago. "
        "In the quarter, sales fell 3%."
    )
    values = {t.text: t.value for t in extract(text, "2020-11-02").timexes}
    assert values["a year ago"] == "2019-Q3" and values["the quarter"] == "2020-Q3"


def test_a_part_of_day_anchored_on_the_mention_is_of_the_day_told() -> None:
    """A rule's ``anchor = "mention"`` on a lone part of day ("il est arrivé hier ; dans la
    soirée, ..."): that day's evening, not the document date's (the other rules keep theirs)."""
    lang = load_language("fr")
    meaning = build_relative({"part_of_day": "EV"}, {"anchor": "mention"}, "la soirée", lang)
    assert isinstance(meaning, DateMeaning) and meaning.from_mention and meaning.day_offset == 0
    assert not build_relative({"part_of_day": "EV"}, {}, "la soirée", lang).from_mention  # type: ignore[union-attr]
    text = "Il est arrivé hier à Paris et a parlé dans la soirée."
    candidates = find_candidates(text, lang)
    evening = next(i for i, c in enumerate(candidates) if text[c.start : c.end] == "la soirée")
    candidates[evening] = replace(candidates[evening], meaning=meaning)
    resolver = Resolver(TextContext(text, lang), date(2002, 2, 9), candidates)
    values = [resolver.resolve(candidate).value for candidate in candidates]
    assert [v.timeml() if v is not None else None for v in values] == ["2002-02-08", "2002-02-08TEV"]
