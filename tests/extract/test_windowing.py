"""Trigger windowing finds what a full scan finds.

The engine runs each rule only in windows around the trigger words that can wake it
(timeline.extract.triggers, timeline.extract.matching). Here every rule is also run over the
whole text, the matches settled the same way, and the two lists of candidates must be equal:
on the golden and negative corpora, the sample documents, and hypothesis text.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from unittest import mock

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz import date_like_text  # tests/extract/test_fuzz.py: the date-like text strategy

from timeline.extract import matching
from timeline.extract.detect import detect_language
from timeline.extract.matching import find_candidates
from timeline.extract.resources import Language, RuleSpec, load_language

DATA = Path(__file__).parents[1] / "data"
SAMPLES = Path(__file__).parents[2] / "data"
ENGLISH = load_language("en")


def _full_scan(text: str, language: Language) -> list[tuple[int, int, RuleSpec, regex.Match[str]]]:
    """Every rule's matches over the whole text, one after another, as a window's search takes them."""
    found: list[tuple[int, int, RuleSpec, regex.Match[str]]] = []
    for rule in language.rules:
        seen_end = -1
        match = rule.pattern.search(text)
        while match is not None:
            start, end = matching._span(match)
            if end > start and start >= seen_end:
                found.append((start, end, rule, match))
                seen_end = end
            match = rule.pattern.search(text, max(match.end(), match.start() + 1))
    return found


# Rule -> why windowing misses what a full scan of the rule finds. A difference is allowed only
# when every candidate the full scan adds is of one of these rules, and every candidate only the
# windowed run has lies inside one of those (the shorter match that won in its place).
KNOWN_DIFFERENCES = {
    "weekday_with_part": "the full scan reads 'Sunday' inside 'Sundays' (the pattern has no word end after "
    "the weekday); windowing wakes the rule on 'Sunday', not on the plural, and is right",
    # A run of digits gets one trigger category, by its shape and neighbours (triggers.TriggerTable._digits);
    # where two would fit, the rules of the other are not woken. Found by the hypothesis test below:
    "clock_h": "'21h30’': digits ending in 0 before a quote are a year ('90s), not the number beside the hour",
    "numeric_month_year": "'’09/1503': two digits after a quote are a year ('17), not a dashed date",
    "year_bare": "'2021 a.m.': digits before a.m./p.m. are a clock time only, not a year",
    "clock_time": "'05\\np.m.': a line break between the digits and p.m. is not looked at (a space is)",
    "year_bc": "'1\\nB.C.': a line break between the digits and the era is not looked at (a space is)",
    "period_of_year_bc": "'May 1\\nB.C.': a line break between the digits and the era is not looked at",
    "lower_month_year": "'1997:46': digits before a colon are a clock time only, not a year",
    "quarter_code": "'Q3 1450:1450': digits before a colon are a clock time only, not a year",
    "day_month": "'’05 May': two digits after a quote are a year ('17), not a day number",
    "deictic_day_part": "'todayMay': a trigger word running into the next word is not one",
}


def _unexplained(text: str, language: Language = ENGLISH) -> list[tuple[str, str, str]]:
    """The candidates (text, rule, which run) that differ between windowing and a full scan, unless explained."""
    windowed = set(find_candidates(text, language))
    full = set(matching.settle_matches(text, language, _full_scan(text, language)))
    only_full, only_windowed = full - windowed, windowed - full
    explained = all(c.rule in KNOWN_DIFFERENCES for c in only_full) and all(
        any(k.start <= c.start and c.end <= k.end for k in only_full) for c in only_windowed
    )
    if explained:
        return []
    return sorted(
        [(text[c.start : c.end], c.rule, "full scan only") for c in only_full]
        + [(text[c.start : c.end], c.rule, "windowed only") for c in only_windowed]
    )


def _corpus_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.glob("*.toml")):
        with path.open("rb") as file:
            texts += [case["text"] for case in tomllib.load(file)["case"]]
    return texts


CORPUS = _corpus_texts()


def test_the_corpora_are_read() -> None:
    assert len(CORPUS) > 500


def test_a_difference_is_found_and_a_known_one_explained() -> None:
    """The comparison can fail: a rule narrowed by its triggers shows, and only listed rules pass."""
    case = "Shops shut Sundays in May."
    assert _unexplained(case) == []
    with mock.patch.dict(KNOWN_DIFFERENCES, clear=True):
        assert _unexplained(case) == [("Sunday", "weekday_with_part", "full scan only")]


def test_windowed_matching_equals_a_full_scan_on_the_golden_and_negative_corpora() -> None:
    assert [(text, found) for text in CORPUS if (found := _unexplained(text))] == []


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda path: path.name)
def test_windowed_matching_equals_a_full_scan_on_the_sample_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = load_language(detect_language(text))  # the Spanish and French samples in their own rules
    assert len(find_candidates(text, language)) > 5
    assert _unexplained(text, language) == []


@settings(max_examples=2 * settings.default.max_examples)  # KNOWN_DIFFERENCES: what 9,000 random ones showed
@given(date_like_text)
def test_windowed_matching_equals_a_full_scan_on_date_like_text(text: str) -> None:
    assert _unexplained(text) == []


def test_a_rule_is_woken_only_by_the_words_its_pattern_can_read() -> None:
    """rule_words: "last [year]" is never looked for around "quarter", "in [May]" (the rule for the
    ambiguous month) only around "may"; a rule of several categories is woken by all of them."""
    from timeline.extract.triggers import rule_words

    words = rule_words(ENGLISH)
    direction_unit = words["direction_unit"]
    assert direction_unit is not None and {"year", "month", "week"} <= direction_unit
    assert "quarter" not in direction_unit and "hours" not in direction_unit
    assert words["month_alone"] == frozenset({"may", ""})
    count_units = words["count_units"]
    assert count_units is not None and {"quarter", "hours", "yrs"} <= count_units
    # a list of whole words ([triggers] whole_words), and a rule woken by two categories of them
    present_ref = words["present_ref"]
    assert present_ref is not None and {"now", "current"} <= present_ref and "that" not in present_ref


def test_a_word_elsewhere_in_an_example_does_not_wake_its_rule() -> None:
    """ "For [the nine months], net rose 5% from a year earlier": the match reads "months" and
    not "year", so the rule runs around "months" only, not around every unit."""
    from timeline.extract.triggers import rule_words

    rule = next(rule for rule in ENGLISH.rules if rule.name == "reported_months")
    assert any("a year earlier" in example for example in rule.examples)
    assert rule_words(ENGLISH)["reported_months"] == frozenset({"months", ""})
    text = "For the nine months, net rose. For the nine years, it fell."
    assert [(c.rule, text[c.start : c.end]) for c in find_candidates(text, ENGLISH) if c.rule == "reported_months"] == [
        ("reported_months", "the nine months")
    ]


def test_a_needed_category_is_looked_for_on_the_side_the_examples_show() -> None:
    """rule_sides: "[13 May]" needs a day number before the month, "[May 13]" one after it, and a
    rule woken by several categories has no side (against which trigger would it be taken?)."""
    from timeline.extract.triggers import rule_categories, rule_sides

    sides = rule_sides(ENGLISH)
    assert sides["day_month"] == (frozenset({"number"}), frozenset())
    assert sides["month_day"] == (frozenset(), frozenset({"number"}))
    assert sides["units_ago"][0] == {"unit"}
    several = [name for name, woken_by in rule_categories(ENGLISH).items() if len(woken_by) > 1]
    assert several and all(sides[name] == (frozenset(), frozenset()) for name in several)


def test_a_rule_reaches_as_far_as_its_longest_example() -> None:
    """A rule's reach is what its own examples show (plus a margin), its match and what its
    look-aheads read: a window cut to this_part_of_day's reach after "evening" still holds
    "at 6", and fr_day_range_first's reach around "septembre" holds the "26" it tags."""
    from timeline.extract.triggers import rule_reach

    after_evening = rule_reach(ENGLISH)["this_part_of_day"][1]
    assert after_evening >= len(" at 6")
    text = "We meet this evening at 6 to sign."
    found = {(text[c.start : c.end], c.rule) for c in find_candidates(text, ENGLISH)}
    assert ("this evening at 6", "this_part_of_day") in found
    french = load_language("fr")
    before_month = rule_reach(french)["fr_day_range_first"][0]
    assert before_month >= len("26 au 29 ")


def _re_runs(text: str) -> list[tuple[int, int, str]]:
    from timeline.extract.triggers import DIGITS

    return [(match.start(), match.end(), match.group()) for match in DIGITS.finditer(text)]


def test_digit_runs_are_those_of_the_re_module_even_with_digits_it_does_not_know() -> None:
    """The regex module's Unicode knows digits that str.isdecimal does not (U+16131 here): a
    run holding one is split where ``re`` splits it, and other scripts' digits still count."""
    from timeline.extract.triggers import digit_runs

    text = "On 12\U0001613134 May 2021, \u0662\u0660\u0662\u0661 and 7"
    assert regex.fullmatch(r"\d", "\U00016131") and not "\U00016131".isdecimal()
    assert (
        list(digit_runs(text))
        == _re_runs(text)
        == [(3, 5, "12"), (6, 8, "34"), (13, 17, "2021"), (19, 23, "٢٠٢١"), (28, 29, "7")]
    )


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_digit_runs_equal_those_of_the_re_module_on_any_text(text: str) -> None:
    from timeline.extract.triggers import digit_runs

    assert list(digit_runs(text)) == _re_runs(text)


def _words_among_runs(words: frozenset[str], text: str) -> list[tuple[int, str]]:
    """(start, run) of the runs of letters (as the letter regex reads them) that are in ``words``."""
    from timeline.extract.triggers import LETTERS

    return [(run.start(), run.group()) for run in LETTERS.finditer(text) if run.group() in words]


@pytest.mark.parametrize(
    "text",
    [
        "on may 3 ‘today’ — mañana… day-long",
        "plain ascii, today and may; today's holiday. may-day today",
        "«hier» et aujourd’hui",
        "el día de hoy, mañana y pasado mañana",
        "½day and day • today",
        "day",
        "",
    ],
)
def test_the_trigger_words_are_found_where_they_are_runs_of_letters(text: str) -> None:
    from timeline.extract.triggers import _word_positions

    words = frozenset({"may", "today", "mañana", "día", "hoy", "day", "long", "hier", "aujourd", "hui", "ascii", "x"})
    found = _word_positions(words, text)
    assert found == _words_among_runs(words, text)
    assert all(text[start : start + len(word)] == word for start, word in found)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_the_trigger_words_are_found_in_any_text(text: str) -> None:
    from timeline.extract.triggers import LETTERS, _word_positions

    lowered = text.lower()
    runs = LETTERS.findall(lowered)
    words = frozenset(runs[:3]) | {"day", "may"}
    assert _word_positions(words, lowered) == _words_among_runs(words, lowered)
