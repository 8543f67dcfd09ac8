"""Every example written next to a rule in rules.toml runs as a test, in every language.

An example is ``"text => value"``: [brackets] mark the expected span (the whole text when there
are none) and the text is read against the document date 2021-05-15, a Saturday. Examples that
fail today are listed below with the reason, as strict xfails: fixing the rule (or the example)
turns them into an XPASS failure, which is the signal to delete the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
import regex

from timeline.extract import Timex, extract
from timeline.extract.detect import available_languages
from timeline.extract.resources import RuleSpec, load_language

DOCUMENT_DATE = "2021-05-15"
RULES = [rule for code in available_languages() for rule in load_language(code).rules]
LANGUAGE_OF = {rule.name: code for code in available_languages() for rule in load_language(code).rules}

# (rule, example) -> why the extractor does not give the example's span and value.
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("month_day_of_that_year", "The war began in 1861. On [July 25 of that year], Congress met. => 1861-07-25"): (
        "read as a date against the document date; the year just named needs a relative reading with a day inside"
    ),
}

# (rule, example) -> the rule that finds the example instead (same span, same value).
OTHER_RULE_WINS: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class RuleExample:
    """One parsed example: the input text, the expected span in it, the expected value."""

    text: str
    start: int
    end: int
    value: str


def parse_example(example: str) -> RuleExample:
    """Read ``"text => value"`` with an optional [bracketed] span in the text."""
    source, separator, value = example.rpartition(" => ")
    if not separator or not value.strip():
        raise ValueError(f"example without ' => value': {example!r}")
    opening, closing = source.find("["), source.find("]")
    if opening < 0 and closing < 0:
        return RuleExample(source, 0, len(source), value.strip())
    if not 0 <= opening < closing or source.count("[") != 1 or source.count("]") != 1:
        raise ValueError(f"example needs exactly one [span]: {example!r}")
    text = source[:opening] + source[opening + 1 : closing] + source[closing + 1 :]
    return RuleExample(text, opening, closing - 1, value.strip())


def _cases(
    known: dict[tuple[str, str], str], why: str, leave_out: frozenset[tuple[str, str]] = frozenset()
) -> list[pytest.ParameterSet]:
    """One case per example; an entry of ``known`` naming no example is an error (it would guard nothing)."""
    existing = {(rule.name, example) for rule in RULES for example in rule.examples}
    stale = sorted(set(known) - existing)
    if stale:
        raise ValueError(f"entries naming no example of rules.toml, remove them: {stale}")
    cases = []
    for rule in RULES:
        for example in rule.examples:
            if (rule.name, example) in leave_out:
                continue
            marks = []
            if (rule.name, example) in known:
                reason = why.format(known[(rule.name, example)])
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            cases.append(
                pytest.param(rule, example, marks=marks, id=f"{LANGUAGE_OF[rule.name]} {rule.name}: {example}")
            )
    return cases


WEEKDAY_WORD = regex.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:[a-z]*day)?\b")  # not "Monsoon"; English only
DAY_VALUE = regex.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T|$)")  # AD days only: date() has no BC
COUNTED_FROM_DAY = regex.compile(
    r"(?i)\b(?:days?|months?|years?)\s+(?:from|after|before)\b"
)  # "a month from Friday": another day
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _weekday_mismatch(example: str) -> str | None:
    """The example names a weekday that its own day value does not fall on."""
    parsed = parse_example(example)
    span = parsed.text[parsed.start : parsed.end]
    named = WEEKDAY_WORD.search(span)
    day = DAY_VALUE.match(parsed.value)
    if named is None or day is None or COUNTED_FROM_DAY.search(span):
        return None
    actual = WEEKDAYS[date(*map(int, day.groups())).weekday()]
    return None if actual == named.group(1) else f"{example!r}: {parsed.value} is a {actual}"


def _timex_at(example: RuleExample, language: str) -> Timex | None:
    timexes = extract(example.text, dct=DOCUMENT_DATE, language=language).timexes
    return next((t for t in timexes if (t.start, t.end) == (example.start, example.end)), None)


def _describe(example: RuleExample, language: str) -> str:
    found = extract(example.text, dct=DOCUMENT_DATE, language=language).timexes
    return f"in {example.text!r} found " + repr([(t.text, t.value, t.rule) for t in found])


# ------------------------------------------------------------------------ the parser itself
def test_parse_example_with_bracketed_span() -> None:
    parsed = parse_example("It began on [May 10]. => 2021-05-10")
    assert parsed == RuleExample("It began on May 10.", 12, 18, "2021-05-10")
    assert parsed.text[parsed.start : parsed.end] == "May 10"


def test_parse_example_without_brackets_spans_the_whole_text() -> None:
    parsed = parse_example("the summer of 1997 => 1997-SU")
    assert parsed == RuleExample("the summer of 1997", 0, 18, "1997-SU")


def test_parse_example_rejects_malformed_examples() -> None:
    with pytest.raises(ValueError, match="=> value"):
        parse_example("May 10, 2021")
    with pytest.raises(ValueError, match="exactly one"):
        parse_example("[May] [10] => 2021-05-10")


# ------------------------------------------------------------------------ the rules
def test_every_rule_has_an_example() -> None:
    assert [rule.name for rule in RULES if not rule.examples] == []


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_every_example_parses() -> None:
    bad = []
    for rule in RULES:
        for example in rule.examples:
            try:
                parse_example(example)
            except ValueError as error:
                bad.append(f"{rule.name}: {error}")
    assert bad == []


def test_weekday_check_reads_examples() -> None:
    assert _weekday_mismatch("Friday, May 14, 2021 => 2021-05-14") is None
    assert _weekday_mismatch("[Sat 16 Aug] => 2021-08-16") == "'[Sat 16 Aug] => 2021-08-16': 2021-08-16 is a Mon"


def test_examples_naming_a_weekday_fall_on_it() -> None:
    examples = [example for rule in RULES if LANGUAGE_OF[rule.name] == "en" for example in rule.examples]
    assert [m for m in map(_weekday_mismatch, examples) if m] == []


def test_an_entry_naming_no_example_stops_the_collection() -> None:
    """A stale entry would silently stop guarding anything: it must be removed with its example."""
    rule = RULES[0]
    assert len(_cases({(rule.name, rule.examples[0]): "known"}, "{}")) == len(_cases({}, "{}"))
    with pytest.raises(ValueError, match="no-such-rule"):
        _cases({("no-such-rule", "May 10 => 2021-05-10"): "known"}, "{}")
    with pytest.raises(ValueError, match="May 99"):
        _cases({(rule.name, "May 99 => 2021-05-99"): "known"}, "{}")


@pytest.mark.parametrize(("rule", "example"), _cases(KNOWN_FAILURES, "extractor: {}"))
def test_rule_example_gives_span_and_value(rule: RuleSpec, example: str) -> None:
    expected, language = parse_example(example), LANGUAGE_OF[rule.name]
    timex = _timex_at(expected, language)
    assert timex is not None, f"no timex at {expected.start}:{expected.end}; {_describe(expected, language)}"
    assert timex.text == expected.text[expected.start : expected.end]
    assert timex.value == expected.value, _describe(expected, language)


# Examples whose span or value is still wrong are left out here: which rule finds a wrong
# answer says nothing. Fixing one removes it from KNOWN_FAILURES and brings it in here.
@pytest.mark.parametrize(
    ("rule", "example"),
    _cases(OTHER_RULE_WINS, "found by rule {} instead", frozenset(KNOWN_FAILURES)),
)
def test_rule_example_is_found_by_its_own_rule(rule: RuleSpec, example: str) -> None:
    expected, language = parse_example(example), LANGUAGE_OF[rule.name]
    timex = _timex_at(expected, language)
    assert timex is not None and timex.rule == rule.name, _describe(expected, language)
