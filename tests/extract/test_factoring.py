"""Regrouping alternations by first character, and the cheaper word-start guard, change no match.

timeline.extract.factoring rewrites every rule's pattern (and the tense markers) before they are
compiled, for speed, and timeline.extract.word_start guards most with ``\\b``. Here the rewrite
is shown on small patterns, and every rule of every language, rewritten and as written, must
find the same matches with the same groups: on the golden and negative corpora, the sample
documents and hypothesis text.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
import regex
from hypothesis import given
from test_fuzz import date_like_text  # tests/extract/test_fuzz.py: the date-like text strategy
from test_windowing import CORPUS  # the texts of the golden and negative cases

from timeline.extract import resources
from timeline.extract.factoring import factor_alternations
from timeline.extract.resources import Language, load_language, load_language_folder
from timeline.extract.word_start import ANY_START, WORD_START

SAMPLES = Path(__file__).parents[2] / "data"
LANGUAGES = ("en", "es", "fr")


@pytest.mark.parametrize(
    ("pattern", "caseless", "expected"),
    [
        ("(?i:one|two|three|ten|a|an|a few)", False, "(?i:one|t(?:wo|hree|en)|a(?:|n| few))"),
        ("(?:May|march|Monday)", False, "(?:M(?:ay|onday)|march)"),  # case tells "M" from "m"
        ("(?i:May|march|Monday)", False, "(?i:M(?:a(?:y|rch)|onday))"),
        ("(?:May|march|Monday)", True, "(?:M(?:a(?:y|rch)|onday))"),  # compiled with IGNORECASE
        ("(?-i:(?i:may|March))", False, "(?-i:(?i:ma(?:y|rch)))"),
        ("(?:état|était)", False, "(?:éta(?:t|it))"),
        ("(?P<n>one|only)", False, "(?P<n>on(?:e|ly))"),
        ("six|seven|sixty", False, "s(?:ix(?:|ty)|even)"),
        (r"(?:\s+in|\s+on)", False, r"(?:\s+in|\s+on)"),  # an escape opens: as written
        ("(?:[0-9]+|one|only)", False, "(?:[0-9]+|on(?:e|ly))"),
        ("(?:one|[0-9]+|only)", False, "(?:one|[0-9]+|only)"),  # "[0-9]+" may match where they do: kept between
        ("(?:is|are) on|it|(?<!x)due|dawn|day", False, "i(?:s on|t)|are on|(?<!x)due|da(?:wn|y)"),  # a group spread
        ("(?:is|are)? on|it", False, "(?:is|are)? on|it"),  # an optional group is not spread
        ("(?:s?he|she)", False, "(?:s?he|she)"),  # a repeated first character
        ("(?i:état|était)", False, "(?i:état|était)"),  # caseless, "É" may open either
        (r"(?<=\b(?:on|of) )x", False, r"(?<=\b(?:on|of) )x"),  # look-arounds as written
        ("(?>one|only)", False, "(?>one|only)"),  # an atomic group: as written
        ("(?i)one|only", False, "(?i)one|only"),  # a bare flag: the whole pattern as written
    ],
)
def test_alternations_are_regrouped_by_their_first_character(pattern: str, caseless: bool, expected: str) -> None:
    assert factor_alternations(pattern, caseless) == expected


def test_an_unreadable_pattern_is_left_as_written() -> None:
    assert factor_alternations("(?:one|only") == "(?:one|only"
    assert factor_alternations("[a-z") == "[a-z"


def _as_written(code: str) -> Language:
    """The language compiled without the rewrite, and behind the ``(?<!\\w)`` guard that holds for
    any pattern (timeline.extract.word_start puts ``\\b`` where it says the same)."""
    folder = resources.importlib_resources.files("timeline.extract") / "resources" / code
    with (
        mock.patch.object(resources, "factor_alternations", lambda pattern, caseless=False: pattern),
        mock.patch.object(resources, "start_guard", lambda pattern: ANY_START),
    ):
        return load_language_folder(folder, code)


PAIRS = [(load_language(code), _as_written(code)) for code in LANGUAGES]


def test_the_rules_are_rewritten() -> None:
    """Not a test that passes because nothing changed: most rules of each language are rewritten."""
    for rewritten, written in PAIRS:
        changed = sum(
            a.pattern.pattern != b.pattern.pattern for a, b in zip(rewritten.rules, written.rules, strict=True)
        )
        assert changed > len(written.rules) // 3, rewritten.code
        guarded = sum(rule.pattern.pattern.startswith(WORD_START) for rule in rewritten.rules)
        assert guarded > len(written.rules) * 3 // 4, rewritten.code


def _matches(pattern: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(match.span(), match.groupdict()) for match in pattern.finditer(text)]


def _differences(text: str) -> list[tuple[str, str]]:
    """(language, rule) whose rewritten pattern finds other matches in ``text`` than as written."""
    found = []
    for rewritten, written in PAIRS:
        for a, b in zip(rewritten.rules, written.rules, strict=True):
            if _matches(a.pattern, text) != _matches(b.pattern, text):
                found.append((rewritten.code, a.name))
        rules_a, rules_b = rewritten.text_rules, written.text_rules
        assert rules_a is not None and rules_b is not None
        tense_a = [(m.span(), m.lastgroup) for m in rules_a.tense_marker.finditer(text)]
        tense_b = [(m.span(), m.lastgroup) for m in rules_b.tense_marker.finditer(text)]
        if tense_a != tense_b:
            found.append((rewritten.code, "[tense]"))
    return found


def test_every_rule_finds_the_same_matches_in_the_golden_and_negative_cases() -> None:
    assert [(text, found) for text in CORPUS if (found := _differences(text))] == []


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda path: path.name)
def test_every_rule_finds_the_same_matches_in_the_sample_documents(path: Path) -> None:
    assert _differences(path.read_text(encoding="utf-8")) == []


@given(date_like_text)
def test_every_rule_finds_the_same_matches_in_date_like_text(text: str) -> None:
    assert _differences(text) == []
