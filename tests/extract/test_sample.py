"""The sample article, read as a user would: no date given, the byline must supply it.

Every expression a human annotator would tag there is listed with its value, located by a
snippet of the surrounding text; anything else the extractor tags is a false positive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.extract import AnchorKind, DctSource, Extraction, Timex, extract

SAMPLE = Path(__file__).parents[2] / "data" / "armenia-azerbaijan-2021-05-15.txt"
BYLINE = "Sat, 05/15/2021 – 07:35"

# (snippet that occurs once, the expression inside it, TimeML value, anchor kind or None = either)
EXPECTED: list[tuple[str, str, str, AnchorKind | None]] = [
    ("the 2020 Nagorno-Karabakh war", "2020", "2020", AnchorKind.ABSOLUTE),
    ("started six months ago", "six months ago", "2020-11", AnchorKind.DOCUMENT_DATE),
    ("Currently Russia", "Currently", "PRESENT_REF", None),
    ("Armenia said on Friday", "Friday", "2021-05-14", None),
    ("(@Jake_Hanrahan) May 13, 2021", "May 13, 2021", "2021-05-13", AnchorKind.ABSOLUTE),
    ("stated last night", "last night", "2021-05-13TNI", AnchorKind.QUOTE),
    ("reached that today", "today", "2021-05-14", AnchorKind.QUOTE),
    ("session of parliament Friday", "Friday", "2021-05-14", AnchorKind.DOCUMENT_DATE),
    ("in the last century", "the last century", "19", None),
    ("(@syriahay) May 14, 2021", "May 14, 2021", "2021-05-14", AnchorKind.ABSOLUTE),
    ("phone call the day prior", "the day prior", "2021-05-13", None),
    ("did not appeal yesterday", "yesterday", "2021-05-13", AnchorKind.QUOTE),
    ("the day before it was stated", "the day before", "2021-05-12", None),
    ("highest level that today", "today", "2021-05-14", AnchorKind.QUOTE),
    ("in any case today", "today", "2021-05-14", AnchorKind.QUOTE),
    ("(@AliTahmizian) May 14, 2021", "May 14, 2021", "2021-05-14", AnchorKind.ABSOLUTE),
    ("which last year killed", "last year", "2020", AnchorKind.DOCUMENT_DATE),
]
# Tagging these too would not be wrong: the byline itself, the vague adverbs.
ALSO_ACCEPTABLE = {BYLINE, "Sat, 05/15/2021", "05/15/2021", "previously", "so far"}


@pytest.fixture(scope="module")
def text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extraction(text: str) -> Extraction:
    return extract(text)


def _located(text: str, snippet: str, expression: str) -> tuple[int, int]:
    assert text.count(snippet) == 1, f"snippet {snippet!r} must occur once in the sample"
    start = text.index(snippet) + snippet.index(expression)
    return start, start + len(expression)


def _timex(extraction: Extraction, start: int, end: int) -> Timex | None:
    return next((t for t in extraction.timexes if (t.start, t.end) == (start, end)), None)


def test_byline_gives_the_document_date(text: str, extraction: Extraction) -> None:
    document_date = extraction.document_date
    assert (document_date.value, document_date.source) == ("2021-05-15", DctSource.TEXT)
    assert document_date.text == BYLINE
    assert text[document_date.start : document_date.end] == BYLINE


@pytest.mark.parametrize(
    ("snippet", "expression", "value", "anchor"), EXPECTED, ids=[f"{e[1]} ({e[0]})" for e in EXPECTED]
)
def test_expression_is_found_and_resolved(
    text: str, extraction: Extraction, snippet: str, expression: str, value: str, anchor: AnchorKind | None
) -> None:
    timex = _timex(extraction, *_located(text, snippet, expression))
    assert timex is not None, f"{expression!r} in {snippet!r} not found"
    assert timex.value == value, timex.anchor.explanation
    if anchor is not None:
        assert timex.anchor.kind is anchor, timex.anchor


def test_no_false_positives(extraction: Extraction) -> None:
    allowed = {expression for _, expression, _, _ in EXPECTED} | ALSO_ACCEPTABLE
    assert [t.text for t in extraction.timexes if t.text not in allowed] == []


def test_given_date_resolves_the_same_as_the_byline(extraction: Extraction, text: str) -> None:
    given = extract(text, dct="2021-05-15")
    assert given.document_date.source is DctSource.GIVEN
    assert [(t.start, t.value) for t in given.timexes] == [(t.start, t.value) for t in extraction.timexes]
