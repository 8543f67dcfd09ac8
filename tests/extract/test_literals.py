"""The strings a rule's every match must hold (timeline.extract.literals), and the window check
built on them (timeline.extract.matching): a window without them is passed over, so they must
be sure. Read off hand-written patterns, and checked against every match of every rule of each
language on the golden and negative corpora and the sample documents."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import regex

from timeline.extract.literals import lowered_for_literals, required_literals
from timeline.extract.matching import _has_literals, _telling_literals, category_plans
from timeline.extract.resources import load_language

DATA = Path(__file__).parents[1] / "data"
SAMPLES = Path(__file__).parents[2] / "data"


def _set(*groups: tuple[str, ...]) -> set[frozenset[str]]:
    return {frozenset(group) for group in groups}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # a literal run, an alternation of words (factored as the rule compiler writes them)
        (
            r"\m(?i:the)\s+(?:d(?:ay|ecade)|week)\s+(?P<d>before|after)",
            _set(("the",), ("day", "decade", "week"), ("before", "after")),
        ),
        (r"(?:last\s+)?year", _set(("year",))),  # an optional part is no requirement
        (r"year(?=\s+(?:ended|ending)\b)", _set(("year",), ("ended", "ending"))),  # a look-ahead's words are
        (r"year(?!\s+ago)", _set(("year",))),  # a negative look-ahead's are not
        (r"(?<=the\s)year", _set(("year",))),  # nor a look-behind's: it may read before the window
        (r"(?:in\s+\d+|within)\s+days", _set(("days",))),  # a branch with nothing sure ("in" is too short)
        (r"[Ii]n\s+two", _set(("two",))),
        (r"(?P<u>day)|(?P<u>week)", _set(("day", "week"))),  # the regex module's repeated group names
        (r"\mthe\M", _set(("the",))),  # its word start and end
        (r"(?i:a|b|c|d|e|f|g|h|i)(?:one|two|six|ten|red|tan|fox|owl|elk)", set()),  # too many alternatives
        (r"[[:alpha:]]+day", set()),  # a POSIX class, which the standard parser would read as letters
        (r"\p{L}+day", set()),  # syntax only the regex module reads
        (r"\\month", set()),  # an escaped backslash, not the word start "\m"
        (r"\d+\s*%", set()),
    ],
)
def test_the_required_strings_of_a_pattern(pattern: str, expected: set[frozenset[str]]) -> None:
    assert set(required_literals(pattern)) == expected


def test_the_window_check_wants_a_string_of_each_requirement_inside_the_window() -> None:
    lowered = "the year ended in march."
    literals = (("ended", "ending"), ("year",))
    assert _has_literals(lowered, literals, 0, len(lowered))
    assert not _has_literals(lowered, literals, 0, 12)  # "ended" runs past the window
    assert not _has_literals(lowered, (("ending",),), 0, len(lowered))
    assert _has_literals(lowered, (), 0, 0)


def test_a_requirement_the_waking_trigger_already_meets_is_not_checked() -> None:
    """ "year" is in every window the year rules run in; "ended" is not."""
    english = load_language("en")
    rule = next(rule for rule in english.rules if rule.name == "year_ended")
    assert _telling_literals(rule, frozenset({"year", "years"})) == (("ended", "ending"), ("the",))
    plans = category_plans(english)
    assert any(plan.literals for plan in plans["unit"].rules)  # the check is in use where windows are many


def _texts(names: list[str]) -> list[str]:
    texts: list[str] = []
    for name in names:
        with (DATA / name).open("rb") as file:
            texts += [case["text"] for case in tomllib.load(file)["case"]]
    return texts


CORPORA = {
    "en": ["golden.toml", "golden_everyday.toml", "negative.toml", "negative_everyday.toml"],
    "es": ["golden_es.toml", "negative_es.toml"],
    "fr": ["golden_fr.toml", "negative_fr.toml"],
}


@pytest.mark.parametrize("code", sorted(CORPORA))
def test_every_match_of_every_rule_holds_its_required_strings(code: str) -> None:
    """A search that finds a match in [lo, hi) always passes the window check for [lo, hi):
    tried with lo at each match's start and several ends, on the language's corpora, the
    sample documents and the rules' own examples."""
    language = load_language(code)
    texts = _texts(CORPORA[code]) + [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    texts += [
        example.split(" => ")[0].replace("[", "").replace("]", "")
        for rule in language.rules
        for example in rule.examples
    ]
    checked = 0
    for rule in language.rules:
        literals = tuple(tuple(strings) for strings in required_literals(rule.pattern.pattern))
        if not literals:
            continue
        for text in texts:
            lowered = lowered_for_literals(text)
            if not lowered:
                continue  # the matcher checks no literal in such a text
            for match in rule.pattern.finditer(text):
                lo = match.start()
                for hi in sorted({match.end(), match.end() + 5, match.end() + 30, len(text)}):
                    if hi <= len(text) and rule.pattern.search(text, lo, hi) is not None:
                        assert _has_literals(lowered, literals, lo, hi), (rule.name, text[lo:hi], literals)
                        checked += 1
    assert checked > 100


def test_no_other_character_is_read_by_a_pattern_as_a_letter_it_does_not_lower_to() -> None:
    """Every character a case-insensitive pattern matches to a letter of the required strings
    lowers to that letter, except those lowered_for_literals turns the check off for."""
    letters = {
        letter
        for code in CORPORA
        for rule in load_language(code).rules
        for strings in required_literals(rule.pattern.pattern)
        for string in strings
        for letter in string
    }
    odd = {
        character
        for letter in letters
        for character in map(chr, range(0x3000))  # the scripts the languages' letters come from
        if regex.fullmatch(f"(?i){regex.escape(letter)}", character) and character.lower() != letter.lower()
    }
    assert odd == {"ſ", "İ"}
    assert all(lowered_for_literals(f"the year {character}nded") == "" for character in odd)
    assert lowered_for_literals("The Year Ended") == "the year ended"
