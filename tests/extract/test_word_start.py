"""The guard put before each rule: ``\\m`` (a word start) only where every match opens with a word character.

That the guard changes no rule's matches is tested with the rewrite, in test_factoring.py.
"""

from __future__ import annotations

import pytest
import regex

from timeline.extract.word_start import ANY_START, WORD_START, start_guard


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        ("May", WORD_START),
        ("(?i:may|june)", WORD_START),
        ("(?:the )?May", WORD_START),  # an optional word, then a word
        ("(?<=on )May", WORD_START),  # a look-behind reads nothing of the match
        (r"(?=\w)(?!x)(?:[0-9]+|one)\s+days", WORD_START),
        (r"(?P<d>[0-9]{1,2})(?:st|nd)?", WORD_START),
        (r"\d{0,2}x", WORD_START),
        ("[A-Za-z_]+", WORD_START),
        ("'90s", ANY_START),  # opens with a quote
        ("(?:'|’)?90s", ANY_START),  # may open with a quote
        (r"\s*May", ANY_START),
        (r"\d{0,2}-", ANY_START),
        ("[ -]x", ANY_START),
        ("[^a]b", ANY_START),
        ("a|\\.", ANY_START),  # one branch opens with a full stop
        ("½ hour", ANY_START),  # not a word character for the regex engine
        ("x?", ANY_START),  # may match nothing
        ("(?:a|)", ANY_START),
        ("(?#note)x", ANY_START),  # constructs not read: the guard that always holds
        (r"\x27x", ANY_START),
        (r"\p{L}x", ANY_START),
        ("(?:x", ANY_START),
    ],
)
def test_the_word_start_guard_is_used_only_where_it_holds(pattern: str, guard: str) -> None:
    assert start_guard(pattern) == guard


@pytest.mark.parametrize("pattern", ["May", r"(?:the )?[0-9]+ days", "(?<=on )May"])
def test_both_guards_find_the_same_matches_where_the_cheap_one_is_used(pattern: str) -> None:
    text = "on May 3, the 12 days in Maybe-May: 7 days, xMay and the 4 days"
    cheap = regex.compile(WORD_START + f"(?:{pattern})")
    safe = regex.compile(ANY_START + f"(?:{pattern})")
    found = [match.span() for match in cheap.finditer(text)]
    assert found == [match.span() for match in safe.finditer(text)]
    assert found  # the text holds matches to compare
