"""Finding rule matches in a text, fast.

A text is scanned once for trigger words (digits, month and weekday names, calendar units,
deictic words...). Rules run only in windows around those triggers, so prose with no temporal
vocabulary costs one regex pass. Overlapping matches are settled longest first, then by rule
order (the order of rules.toml), as HeidelTime does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from timeline.extract.meaning import BUILDERS, Meaning
from timeline.extract.normalize import normalize_groups
from timeline.extract.resources import Language, RuleSpec

WINDOW = 64  # characters searched on each side of a trigger
TRIGGER_WORDS = (
    r"\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|today|yesterday|tomorrow|tonight|morning|afternoon|evening|night|noon|midnight|overnight"
    r"|second|minute|hour|day|week|fortnight|month|quarter|half|season|year|decade|centur|millenn"
    r"|spring|summer|autumn|fall|winter|now|current|present|past|future|soon|shortly|recent|lately"
    r"|former|previous|eventual|daily|nightly|monthly|annual|quarterly|hourly|biweekly|fortnightly"
    r"|once|twice|times|christmas|new year|valentine|halloween|independence|bastille|boxing"
    r"|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|moment)"
)


@dataclass(frozen=True)
class Candidate:
    """A rule match with its underspecified meaning."""

    start: int
    end: int
    rule: str
    meaning: Meaning


@cache
def _trigger_pattern() -> regex.Pattern[str]:
    return regex.compile(TRIGGER_WORDS)


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows around trigger words; hi stops at white space so no word is cut."""
    windows: list[tuple[int, int]] = []
    length = len(text)
    for match in _trigger_pattern().finditer(text):
        lo = max(0, match.start() - WINDOW)
        hi = min(length, match.end() + WINDOW)
        while hi < length and not text[hi].isspace():
            hi += 1
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
        else:
            windows.append((lo, hi))
    return windows


def _span(match: regex.Match[str]) -> tuple[int, int]:
    if match.groupdict().get("t") is not None:
        return match.span("t")
    return match.span()


def _raw_matches(text: str, rules: tuple[RuleSpec, ...]) -> list[tuple[int, int, RuleSpec, regex.Match[str]]]:
    found: list[tuple[int, int, RuleSpec, regex.Match[str]]] = []
    windows = _windows(text)
    for rule in rules:
        for lo, hi in windows:
            for match in rule.pattern.finditer(text, lo, hi, overlapped=False):
                start, end = _span(match)
                if end > start:
                    found.append((start, end, rule, match))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space and trailing punctuation the patterns may have taken in."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def find_candidates(text: str, language: Language) -> list[Candidate]:
    """Non-overlapping rule matches of ``text``, in text order, with their meanings."""
    raw = _raw_matches(text, language.rules)
    raw.sort(key=lambda item: (-(item[1] - item[0]), item[2].order, item[0]))
    taken: list[tuple[int, int]] = []
    candidates: list[Candidate] = []
    for start, end, rule, match in raw:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        meaning = _meaning(language, rule, match, text[start:end])
        if meaning is None:
            continue
        taken.append((start, end))
        candidates.append(Candidate(start, end, rule.name, meaning))
    candidates.sort(key=lambda c: c.start)
    return candidates


def _meaning(language: Language, rule: RuleSpec, match: regex.Match[str], text: str) -> Meaning | None:
    try:
        slots = normalize_groups(language, match.groupdict())
        return BUILDERS[rule.kind](slots, rule.options, text)
    except (KeyError, ValueError, TypeError):
        # A match whose words the vocabularies cannot read is not a date (e.g. a day 31 in
        # a month of 30 is caught later, in resolution); never let odd text raise.
        return None
