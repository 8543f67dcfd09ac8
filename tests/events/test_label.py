"""Event labels from real sentences: the sample article, and a few sentences written for one rule each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.events.label import ELLIPSIS, MAX_LABEL, event_label, shorten, shorten_to_words

ARTICLE = (Path(__file__).parents[2] / "data" / "armenia-azerbaijan-2021-05-15.txt").read_text(encoding="utf-8")


_SENTENCE_END = re.compile(r"(?<=[.?!]) (?=[“A-Z])|(?<=[.?!]”) (?=[“A-Z])")
SENTENCES = [sentence for line in ARTICLE.splitlines() for sentence in _SENTENCE_END.split(line)]


def sentence_with(fragment: str) -> str:
    """The sentence of the sample article that holds ``fragment``."""
    return next(sentence for sentence in SENTENCES if fragment in sentence)


def label(sentence: str, expression: str, *others: str, occurrence: int = 0) -> str:
    """The label of the ``occurrence``-th ``expression`` in ``sentence``, ``others`` also being dates."""
    starts = [m.start() for m in re.finditer(re.escape(expression), sentence)]
    start = starts[occurrence]
    spans = [(sentence.index(o), sentence.index(o) + len(o)) for o in others]
    return event_label(sentence, (start, start + len(expression)), spans)


def test_the_brief_example() -> None:
    sentence = sentence_with("Armenia said on Friday")
    result = label(sentence, "Friday")
    assert result.startswith("Armenia said Azerbaijan had failed to fulfil a promise")
    assert "Friday" not in result and " on " not in result[:20]
    assert "“" not in result  # the quote the clause cut orphaned is gone
    assert len(result) <= MAX_LABEL


# (fragment locating the sentence, the date expression, other date expressions of the sentence)
ARTICLE_DATES = [
    ("Following the 2020", "2020", ("six months ago",)),
    ("Following the 2020", "six months ago", ("2020",)),
    ("Armenia said on Friday", "Friday", ()),
    ("stated last night", "last night", ("today", "Friday")),
    ("stated last night", "Friday", ("last night", "today")),
    ("the third time", "the last century", ()),
    ("the day prior", "the day prior", ()),
    ("appeal yesterday", "yesterday", ("the day before", "today")),
    ("appeal yesterday", "the day before", ("yesterday", "today")),
    ("in any case today", "today", ()),
    ("last year killed", "last year", ()),
]


@pytest.mark.parametrize(("fragment", "expression", "others"), ARTICLE_DATES)
def test_labels_of_the_sample_article(fragment: str, expression: str, others: tuple[str, ...]) -> None:
    sentence = sentence_with(fragment)
    result = label(sentence, expression, *others)
    assert 3 <= len(result) <= MAX_LABEL
    for date_words in (expression, *others):
        assert date_words not in result
    for opening, closing in (("“", "”"), ("[", "]"), ("(", ")")):
        assert result.count(opening) == result.count(closing), result
    sentence_words = {w.strip(".,;:“”’[]").lower() for w in sentence.split()}
    words = result.strip(ELLIPSIS).split()
    assert all(word.strip(".,;:“”’[]").lower() in sentence_words for word in words), result  # none cut
    assert result[0].isupper() or result.startswith(ELLIPSIS)


def test_a_long_clause_gives_each_date_its_own_neighbourhood() -> None:
    sentence = sentence_with("appeal yesterday")
    dates = ("yesterday", "the day before", "today")
    labels = [label(sentence, d, *dates) for d in dates]
    assert labels[0].startswith("The reason that I did not appeal")
    assert "stated at the highest level" in labels[1]
    assert "troops were to be withdrawn" in labels[2]
    assert len(set(labels)) == 3


def test_the_clause_of_the_date_is_chosen() -> None:
    sentence = "On Friday, the ministers met in Paris; on Saturday they agreed on nothing."
    assert label(sentence, "Friday", "Saturday") == "The ministers met in Paris"
    assert label(sentence, "Saturday", "Friday") == "They agreed on nothing"


def test_a_comma_before_a_conjunction_splits_clauses() -> None:
    sentence = "Armenia said on Friday that troops had crossed, and it had sought Russia’s help on Saturday."
    assert label(sentence, "Friday", "Saturday") == "Armenia said that troops had crossed"
    assert label(sentence, "Saturday", "Friday") == "It had sought Russia’s help"


def test_a_possessive_date_and_an_unspaced_range() -> None:
    assert label("Friday’s meeting was cancelled.", "Friday") == "Meeting was cancelled"
    assert label("The war lasted from 1939–1945 and killed millions.", "1939–1945") == (
        "The war lasted and killed millions"
    )
    assert label("The war (1939–1945) killed millions.", "1939–1945") == "The war killed millions"


def test_a_sentence_of_dates_only_falls_back_to_the_expression() -> None:
    sentence = sentence_with("05/15/2021")
    assert label(sentence, "Sat, 05/15/2021 – 07:35") == "Sat, 05/15/2021 – 07:35"


def test_a_dateline_keeps_who_wrote() -> None:
    sentence = sentence_with("(@Jake_Hanrahan) May 13, 2021")
    assert label(sentence, "May 13, 2021") == "Jake Hanrahan (@Jake_Hanrahan)"


def test_shorten_cuts_at_a_word_boundary() -> None:
    text = " ".join(f"word{i}" for i in range(40))
    cut = shorten(text)
    assert len(cut) <= MAX_LABEL and cut.endswith(ELLIPSIS)
    assert cut[: -len(ELLIPSIS)].split() == text.split()[: len(cut[: -len(ELLIPSIS)].split())]
    assert shorten("short enough") == "short enough"
    assert shorten("a" * 100, 10) == "a" * 9 + ELLIPSIS


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        (
            "Following the Nagorno-Karabakh war which ended",
            "Following the Nagorno-Karabakh…",
        ),  # later, for a third word
        ("Las obras comenzaron, cuando una crecida", "Las obras comenzaron…"),  # three words at 22 already
        ("Germany invaded Poland", "Germany invaded Poland"),  # short enough whole
        ("Published", "Published"),
        ("On " + "x" * 50 + " it", "On…"),  # no third word within reach: the cut at 22
    ],
)
def test_a_short_label_keeps_a_few_words(text: str, cut: str) -> None:
    assert shorten_to_words(text, 22, 3, 44) == cut
    assert shorten(text, 22) == cut or len(cut) > 22
