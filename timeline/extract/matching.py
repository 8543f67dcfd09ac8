"""Finding rule matches in a text, fast.

A text is scanned once for trigger words (see :mod:`timeline.extract.triggers`); each rule
runs only in windows around the trigger words that can wake it ("last year" is not looked
for around "quarter"). Overlapping matches are settled longest first,
then by rule order (the order of rules.toml), as HeidelTime does.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import cache

import regex

from timeline.extract.literals import lowered_for_literals, required_literals, telling_first
from timeline.extract.meaning import BUILDERS, DateMeaning, Meaning, hour_24
from timeline.extract.normalize import normalize_groups
from timeline.extract.record import record
from timeline.extract.resources import HOLD_GIL, Language, RuleSpec, TextRules
from timeline.extract.triggers import (
    category_reach,
    rule_reach,
    rule_requirements,
    rule_sides,
    rule_words,
    rules_by_category,
    trigger_table,
)


@record
class Candidate:
    """A rule match with its underspecified meaning."""

    start: int
    end: int
    rule: str
    meaning: Meaning


Window = tuple[
    int, int, int, int, int
]  # [lo, hi), the mask of rules its trigger words wake, first trigger start, last end
NON_SPACE = regex.compile(r"\S*")


Search = Callable[[str, int, int, bool], "regex.Match[str] | None"]  # (text, lo, hi, HOLD_GIL)
Step = tuple[
    int, int, int, frozenset[str], frozenset[str], frozenset[str], tuple[tuple[str, ...], ...], Search, RuleSpec
]  # a RulePlan flattened for the matching loop: index, before, after, needs (all, before, after), literals, search, rule
StepGroup = tuple[frozenset[str], tuple[Step, ...]]  # steps that need the same categories, and those categories


@record
class RulePlan:
    """A rule as the matcher runs it: its search, the categories a window must also hold, and
    how far it reaches before and after its waking triggers."""

    rule: RuleSpec
    search: Search
    needs: frozenset[str]
    needs_before: frozenset[str]  # of ``needs``, those that must start before the window's last trigger ends
    needs_after: frozenset[str]  # and those that must start after its first trigger starts
    before: int
    after: int
    literals: tuple[tuple[str, ...], ...]  # strings of which a window must hold one of each (lower case)

    def step(self, index: int) -> Step:
        return (
            index,
            self.before,
            self.after,
            self.needs,
            self.needs_before,
            self.needs_after,
            self.literals,
            self.search,
            self.rule,
        )


@record
class CategoryPlan:
    """The rules one trigger category wakes, in rules.toml order, and for each trigger word the
    bit mask of those that can read it (bit i: ``rules[i]``)."""

    rules: tuple[RulePlan, ...]
    masks: dict[str, int]
    always: int  # rules woken by any trigger of the category
    woken: dict[int, tuple[StepGroup, ...]]  # mask -> the steps of its bits, filled as met

    def rules_of(self, mask: int) -> tuple[StepGroup, ...]:
        """The rules of the bits of ``mask`` as steps of the matching loop (tuples: reading a tuple
        in the loop costs less than reading a rule's fields), grouped by the categories they need,
        so that a window lacking one is passed over once for the whole group; rules.toml order
        within a group (the order matches are found in does not matter: they are sorted after)."""
        known = self.woken.get(mask)
        if known is None:
            groups: dict[frozenset[str], list[Step]] = {}
            for index, rule in enumerate(self.rules):
                if mask >> index & 1:
                    groups.setdefault(rule.needs, []).append(rule.step(index))
            known = self.woken[mask] = tuple((needs, tuple(steps)) for needs, steps in groups.items())
        return known


@cache
def category_plans(language: Language) -> dict[str, CategoryPlan]:
    required, words_of, reach = rule_requirements(language), rule_words(language), rule_reach(language)
    sides = rule_sides(language)
    table = trigger_table(language)
    plans: dict[str, CategoryPlan] = {}
    for category, rules in rules_by_category(language).items():
        masks: dict[str, int] = {}
        always = 0
        for index, rule in enumerate(rules):
            words = words_of[rule.name]
            if words is None:
                always |= 1 << index
                continue
            for word in words:
                masks[word] = masks.get(word, 0) | 1 << index
        trigger_words = table.words_of(category)
        plan_rules = tuple(
            RulePlan(
                rule,
                rule.pattern.search,
                required[rule.name],
                *sides[rule.name],
                *reach[rule.name],
                _telling_literals(rule, trigger_words),
            )
            for rule in rules
        )
        plans[category] = CategoryPlan(plan_rules, masks, always, {})
    return plans


MAX_LITERAL_CHECKS = 2  # requirements tried per window: the first missing one already skips the search


def _telling_literals(rule: RuleSpec, trigger_words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The rule's required strings (see :mod:`timeline.extract.literals`) that its waking trigger
    does not already put in the window ("day" in a window woken by "Monday"), most telling first."""
    telling = [
        strings
        for strings in required_literals(rule.pattern.pattern)
        if not any(string in word for string in strings for word in trigger_words)
    ]
    telling.sort(key=telling_first)
    return tuple(tuple(sorted(strings)) for strings in telling[:MAX_LITERAL_CHECKS])


def _has_literals(lowered: str, literals: tuple[tuple[str, ...], ...], lo: int, hi: int) -> bool:
    """Whether [lo, hi) of the lower-cased text holds a string of each of ``literals``."""
    for strings in literals:
        for string in strings:
            if lowered.find(string, lo, hi) >= 0:
                break
        else:
            return False
    return True


def _windows_by_category(text: str, language: Language) -> tuple[dict[str, list[Window]], dict[str, list[int]]]:
    """For each trigger category, merged windows around its triggers (with the rules their
    trigger words wake), and where its triggers start.

    A window reaches as far as the farthest-reaching rule the category wakes, and stops at
    white space so that no word is cut (a cut word would fool the patterns' look-aheads).
    """
    reach = category_reach(language)
    plans = category_plans(language)
    windows: dict[str, list[Window]] = {}
    starts: dict[str, list[int]] = {}
    for start, end, category, word in trigger_table(language).scan(text):
        positions = starts.get(category)
        if positions is None:
            positions = starts[category] = []
        positions.append(start)
        if category == "numeric":  # "May 4-5": digits in a range still count as day numbers
            starts.setdefault("number", []).append(start)
        extent = reach.get(category)
        if extent is None:
            continue
        plan = plans[category]
        mask = plan.masks.get(word, 0) | plan.always
        if not mask:
            continue  # a word that wakes none of the category's rules ("that"): only its start counts
        lo = start - extent[0] if start > extent[0] else 0
        edge = end + extent[1]
        hi = text.find(" ", edge, edge + 40)  # _word_end's usual case, inline
        if hi < 0:
            hi = _word_end(text, edge)
        spans = windows.get(category)
        if spans is None:
            windows[category] = [(lo, hi, mask, start, end)]
        elif lo <= spans[-1][1]:
            last_lo, last_hi, last_mask, first_start, last_end = spans[-1]
            spans[-1] = (
                last_lo,
                hi if hi > last_hi else last_hi,
                last_mask | mask,
                first_start,
                end if end > last_end else last_end,
            )
        else:
            spans.append((lo, hi, mask, start, end))
    return windows, starts


def _word_end(text: str, position: int) -> int:
    """The first white space at or after ``position`` (the end of the text if none)."""
    space = text.find(" ", position, position + 40)  # within a word's length, nearly always
    if space >= 0:
        return space
    match = NON_SPACE.match(text, min(position, len(text)))
    return match.end() if match is not None else len(text)


def _has_all(starts: dict[str, list[int]], categories: frozenset[str], lo: int, hi: int) -> bool:
    """Whether a trigger of each category starts inside [lo, hi)."""
    for category in categories:
        positions = starts.get(category)
        if not positions:
            return False
        index = bisect_left(positions, lo)
        if index == len(positions) or positions[index] >= hi:
            return False
    return True


def _span(match: regex.Match[str]) -> tuple[int, int]:
    """The expression's span: group ``t`` where the pattern marks one, else the whole match."""
    group = _t_group(match.re)
    if group:
        span = match.span(group)
        if span[0] >= 0:
            return span
    return match.span()


@cache
def _t_group(pattern: regex.Pattern[str]) -> int:
    """The number of the pattern's group ``t`` (0 if it has none)."""
    return pattern.groupindex.get("t", 0)


def _raw_matches(text: str, language: Language) -> list[tuple[int, int, RuleSpec, regex.Match[str]]]:
    """Every rule's matches inside the windows around the trigger words that can wake it,
    skipping windows that lack a category all the rule's examples show (a day-month-year
    needs a year)."""
    found: list[tuple[int, int, RuleSpec, regex.Match[str]]] = []
    windows, starts = _windows_by_category(text, language)
    lowered = lowered_for_literals(text)
    plans = category_plans(language)
    for category, spans in windows.items():
        plan_of_category = plans[category]
        woken_by = plan_of_category.woken
        seen_ends = [-1] * len(plan_of_category.rules)  # where each rule's last match ended: a match is kept once
        for window in spans:
            # the rules this window's words wake ("last year" is not looked for around "quarter")
            woken = woken_by.get(window[2])
            if woken is None:
                woken = plan_of_category.rules_of(window[2])
            for needs_of_group, steps in woken:
                if needs_of_group and not _has_all(starts, needs_of_group, window[0], window[1]):
                    continue  # a category all these rules need is nowhere in the window
                _search_window(text, lowered, window, steps, starts, seen_ends, found)
    return found


def _search_window(
    text: str,
    lowered: str,
    window: Window,
    steps: tuple[Step, ...],
    starts: dict[str, list[int]],
    seen_ends: list[int],
    found: list[tuple[int, int, RuleSpec, regex.Match[str]]],
) -> None:
    """Add to ``found`` the matches of ``steps`` in ``window`` (``seen_ends``: where each rule's
    last match ended, so that a match is kept once; ``lowered``: the text in lower case, or
    "" when lowering changed its length)."""
    window_lo, window_hi, _, first_start, last_end = window
    for index, before, after, needs, needs_before, needs_after, literals, search, rule in steps:
        # the window is the category's; this rule's own reach may be shorter
        lo = first_start - before
        if lo < window_lo:
            lo = window_lo
        hi = window_hi
        edge = last_end + after
        if edge < hi:
            word_end = text.find(" ", edge, edge + 40)  # _word_end's usual case, inline
            if word_end < 0:
                word_end = _word_end(text, edge)
            if word_end < hi:
                hi = word_end
        if needs and not (
            _has_all(starts, needs, lo, hi)
            and (not needs_before or _has_all(starts, needs_before, lo, last_end))
            and (not needs_after or _has_all(starts, needs_after, first_start + 1, hi))
        ):
            continue
        if literals and lowered and not _has_literals(lowered, literals, lo, hi):
            continue
        # search() rather than finditer(): most windows hold no match, and one call is
        # the cheapest way to learn that.
        seen_end = seen_ends[index]
        match = search(text, lo, hi, HOLD_GIL)
        while match is not None:
            start, end = _span(match)
            if end > start and start >= seen_end:
                found.append((start, end, rule, match))
                seen_end = end
            resume = max(match.end(), match.start() + 1)
            if resume >= last_end:
                break  # a match holds a trigger of the window, and none is left after this one
            match = search(text, resume, hi, HOLD_GIL)
        seen_ends[index] = seen_end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space and trailing punctuation the patterns may have taken in."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


class TakenSpans:
    """The characters of a text that kept matches cover: testing a span for overlap reads only
    that span, so settling all matches costs their total length, however many there are."""

    def __init__(self, length: int) -> None:
        self._taken = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)


def find_candidates(text: str, language: Language) -> list[Candidate]:
    """Non-overlapping rule matches of ``text``, in text order, with their meanings."""
    return settle_matches(text, language, _raw_matches(text, language))


def settle_matches(
    text: str, language: Language, raw: list[tuple[int, int, RuleSpec, regex.Match[str]]]
) -> list[Candidate]:
    """The candidates of rule matches ``raw``: overlaps settled longest first, then by rule
    order, each given its meaning (tests settle a full scan's matches the same way)."""
    raw.sort(key=lambda item: (-(item[1] - item[0]), item[2].order, item[0]))
    taken = TakenSpans(len(text))
    candidates: list[Candidate] = []
    for start, end, rule, match in raw:
        if taken.overlaps(start, end):
            continue
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        meaning = _meaning(language, rule, match, text[start:end])
        if meaning is None:
            continue
        taken.add(start, end)
        candidates.append(Candidate(start, end, rule.name, meaning))
    candidates.sort(key=lambda c: c.start)
    return join_times(text, candidates, language)


MAX_GAP = 16  # characters between a clock time and its day


def join_times(text: str, candidates: list[Candidate], language: Language) -> list[Candidate]:
    """Join a clock time and the day it is on: "7.45pm on Saturday", "Friday at 3 p.m."
    (what may stand between them is the language's [joining] of language.toml)."""
    rules = language.text_rules
    assert rules is not None
    joined: list[Candidate] = []
    for candidate in candidates:
        previous = joined[-1] if joined else None
        if previous is not None:
            gap = text[previous.end : candidate.start]
            merged = _join(previous, candidate, gap, rules)
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append(candidate)
    return _share_range_days(text, joined, rules)


def _share_range_days(text: str, candidates: list[Candidate], rules: TextRules) -> list[Candidate]:
    """The two clock times of a range on the one day said beside either: "2pm-4pm tomorrow",
    "Friday from 10 to 11:30am" (else the end without the day would fall on the document's)."""
    if rules.range_joiner is None:
        return candidates
    shared = list(candidates)
    for index in range(len(shared) - 1):
        first, second = shared[index], shared[index + 1]
        a, b = first.meaning, second.meaning
        if not isinstance(a, DateMeaning) or not isinstance(b, DateMeaning):
            continue
        if not rules.range_joiner.fullmatch(text[first.end : second.start]):
            continue
        if a.needs_day and _is_timed_day(b):
            shared[index] = Candidate(first.start, first.end, first.rule, _on_day_of(a, b))
        elif b.needs_day and _is_timed_day(a):
            shared[index + 1] = Candidate(second.start, second.end, second.rule, _on_day_of(b, a))
    return shared


def _on_day_of(clock: DateMeaning, timed_day: DateMeaning) -> DateMeaning:
    """The clock time of ``clock`` on the day of ``timed_day``."""
    value = replace(timed_day.value, hour=clock.value.hour, minute=clock.value.minute, zone=clock.value.zone)
    return replace(timed_day, value=value)


def _is_timed_day(meaning: DateMeaning) -> bool:
    """A day with a clock time: "4pm tomorrow", "Friday at 10"."""
    return _names_day(meaning) and meaning.value.hour is not None


def _join(first: Candidate, second: Candidate, gap: str, rules: TextRules) -> Candidate | None:
    a, b = first.meaning, second.meaning
    if not isinstance(a, DateMeaning) or not isinstance(b, DateMeaning) or len(gap) > MAX_GAP:
        return None
    if a.needs_day and _is_day(b) and rules.clock_then_day.fullmatch(gap):
        clock, day = a, b
    elif b.needs_day and _is_day(a) and rules.day_then_clock.fullmatch(gap):
        clock, day = b, a
    else:
        return None
    hour = clock.value.hour
    if clock.hour_unmarked and day.value.part_of_day is not None:  # "3:15 this afternoon": 15:15
        hour = hour_24({"hour": hour}, day.value.part_of_day)
    value = replace(day.value, hour=hour, minute=clock.value.minute, zone=clock.value.zone, part_of_day=None)
    return Candidate(first.start, second.end, f"{first.rule}+{second.rule}", replace(day, value=value))


def _is_day(meaning: DateMeaning) -> bool:
    """A day with no clock time: "Saturday", "yesterday", "May 13"."""
    return _names_day(meaning) and meaning.value.hour is None


def _names_day(meaning: DateMeaning) -> bool:
    return meaning.weekday is not None or meaning.day_offset is not None or meaning.value.day is not None


def _meaning(language: Language, rule: RuleSpec, match: regex.Match[str], text: str) -> Meaning | None:
    try:
        slots = normalize_groups(language, match)
        meaning = BUILDERS[rule.kind](slots, rule.options, text, language)
    except (KeyError, ValueError, TypeError, OverflowError):
        # A match whose words the vocabularies cannot read is not a date; never let odd text raise.
        return None
    if isinstance(meaning, DateMeaning) and meaning.value.impossible_day:
        return None  # "31 February 2021" names no day (a shorter match may still take "February 2021")
    return meaning
