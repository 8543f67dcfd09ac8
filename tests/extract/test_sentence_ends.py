"""Sentence ends found at the stops alone are the ends a scan of the whole text finds.

:func:`timeline.extract.context.sentence_ends` tries each language's ``sentence_end`` only
where a stop or a line break stands; here its ends are compared with those of ``finditer``
over the whole text, on the sample documents, on hand-written hard cases and on hypothesis text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz import date_like_text  # tests/extract/test_fuzz.py: the date-like text strategy

from timeline.extract.context import TextContext, sentence_ends
from timeline.extract.resources import load_language

SAMPLES = Path(__file__).parents[2] / "data"
LANGUAGES = ("en", "es", "fr")
HARD_CASES = [
    'Mr. Smith left at 3.5 p.m. on Jan. 4. "It is over." He said so!\n\n\nThen? Yes.',
    "U.S. troops. No. 5 won.\n \n\t\nNext line\nand more.",
    "¿Vienes? ¡Sí! El Sr. Pérez llegó.\n\n«Bien», dijo. (Fin.) [Nota.] Otra.",
    "Il est parti. « Non. » Puis... Ensuite ! Voilà ?\n",
    "",
    "\n",
    "...",
    "end.",
    "a.\nb",
]


def _finditer_ends(text: str, language: str) -> list[int]:
    rules = load_language(language).text_rules
    assert rules is not None
    return [match.end() for match in rules.sentence_end.finditer(text)]


def _ends(text: str, language: str) -> list[int]:
    rules = load_language(language).text_rules
    assert rules is not None
    return sentence_ends(text, rules.sentence_end)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", HARD_CASES)
def test_hard_cases_end_where_a_full_scan_ends_them(text: str, language: str) -> None:
    assert _ends(text, language) == _finditer_ends(text, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda path: path.name)
def test_sample_documents_end_where_a_full_scan_ends_them(path: Path, language: str) -> None:
    text = path.read_text(encoding="utf-8")
    ends = _ends(text, language)
    assert len(ends) > 5  # the samples are articles of many sentences
    assert ends == _finditer_ends(text, language)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(date_like_text, st.text(alphabet=".!?\n \"”’»')]Ab1c.", max_size=60)))
def test_any_text_ends_where_a_full_scan_ends_it(text: str) -> None:
    for language in LANGUAGES:
        assert _ends(text, language) == _finditer_ends(text, language)


def test_a_line_break_run_is_one_end_and_an_abbreviation_none() -> None:
    text = "Mr. Smith came.\n\n\nHe left."
    context = TextContext(text, load_language("en"))
    assert text[slice(*context.sentence_at(0))] == "Mr. Smith came."
    assert text[slice(*context.sentence_at(text.index("He")))] == "He left."
