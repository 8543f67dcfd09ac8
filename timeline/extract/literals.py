"""The words a rule's every match must hold, read off its pattern.

A window that lacks one of them is passed over without running the rule's regex ("in" for
"in two weeks", "ended" for "the year ended"): a ``str.find`` in the lower-cased text costs a
fraction of a failed search. Only what the pattern forces counts, so no match is lost: a
literal run ("the", "before"), a small alternation of them ("before|after|prior"), a
positive look-ahead's words. A pattern the standard library's parser cannot read (the regex
module's own syntax) simply gets none.
"""

from __future__ import annotations

from itertools import product
from typing import Any

import regex

try:  # the standard library's regex parser: private, so its absence only costs the speed-up
    from re import _parser as sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without it
    sre = None

MAX_STRINGS = 8  # alternatives of one requirement: more finds would cost what a search does
MIN_LENGTH = 3  # a shorter string ("in", "a") is in nearly every window
Strings = frozenset[str]
# group names and the regex module's word-start/end escapes, which the parser does not know
REGEX_ONLY = regex.compile(r"\(\?P?<(?![=!])\w+>|\\[mM]")


# characters that case-insensitive patterns match as another letter than their lower case:
# "ſ" (long s) is an "s" to (?i:s) but stays "ſ" lowered; "İ" lowers to two characters
CASE_ODD = regex.compile("[ſİ]")


def lowered_for_literals(text: str) -> str:
    """``text`` in lower case, for finding required strings at the text's own offsets; "" (check
    nothing) where lowering would move offsets or hide a letter a pattern reads."""
    if not text.isascii() and CASE_ODD.search(text):
        return ""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else ""


def required_literals(pattern: str) -> tuple[Strings, ...]:
    """Sets of lower-case strings, one of each set being in every match of ``pattern``
    (empty when nothing is sure or the pattern cannot be read)."""
    if sre is None or "[[:" in pattern or "\\\\" in pattern:
        return ()  # a POSIX class, which the parser would read as literals; an escaped backslash before "m"
    source = REGEX_ONLY.sub(lambda found: "(?:" if found.group().startswith("(") else r"\b", pattern)
    try:
        tree = sre.parse(source)
    except Exception:  # noqa: BLE001 - any syntax the parser refuses means "no requirement"
        return ()
    usable = dict.fromkeys(strings for strings in _required(tree) if min(map(len, strings)) >= MIN_LENGTH)
    return tuple(usable)


def _required(sequence: Any) -> list[Strings]:
    """Requirements of a sequence: each a set of strings, one of which every match holds."""
    found: list[Strings] = []
    run: Strings = frozenset({""})  # the strings the pieces read since the last unbounded one

    def close_run() -> None:
        if "" not in run:
            found.append(run)

    for piece in sequence:
        if piece[0] is sre.ASSERT and piece[1][0] == 1:  # a look-ahead: inside the window, as the search ends there
            found.extend(_required(piece[1][1]))
        strings = _strings(piece)
        if strings is not None:
            joined = _join(run, strings)
            if joined is None:
                close_run()
                run = strings
            else:
                run = joined
            continue
        close_run()
        run = frozenset({""})
        found.extend(_required_inside(piece))
    close_run()
    return found


def _required_inside(piece: Any) -> list[Strings]:
    """Requirements of a piece that reads no few fixed strings (a repeat, a branch of such)."""
    op, value = piece
    if op is sre.SUBPATTERN:
        return _required(value[-1])
    if op is sre.ATOMIC_GROUP:
        return _required(value)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _required(value[2]) if value[0] >= 1 else []
    if op is sre.BRANCH:
        union = _union([_best(_required(branch)) for branch in value[1]])
        return [] if union is None else [union]
    return []


def telling_first(strings: Strings) -> tuple[int, int]:
    """Sort key of requirements, the most telling first: longest shortest string, then fewest strings."""
    return -min(map(len, strings)), len(strings)


def _best(requirements: list[Strings]) -> Strings | None:
    usable = [strings for strings in requirements if min(map(len, strings)) >= MIN_LENGTH]
    return min(usable, key=telling_first, default=None)


def _union(alternatives: list[Strings | None]) -> Strings | None:
    """The strings of a branch's alternatives together: None if one has none, or too many."""
    if any(strings is None for strings in alternatives):
        return None
    union = frozenset().union(*(strings for strings in alternatives if strings is not None))
    return union if len(union) <= MAX_STRINGS else None


def _strings(piece: Any) -> Strings | None:
    """The few lower-case strings a piece can read, or None (unbounded, or too many)."""
    op, value = piece
    if op is sre.LITERAL:
        return frozenset({chr(value).lower()})
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""})  # reads nothing
    if op is sre.IN:
        if not all(item_op is sre.LITERAL for item_op, _ in value):
            return None
        characters = frozenset(chr(code).lower() for _, code in value)
        return characters if len(characters) <= MAX_STRINGS else None
    if op is sre.SUBPATTERN:
        return _sequence_strings(value[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence_strings(value)
    if op is sre.BRANCH:
        return _union([_sequence_strings(branch) for branch in value[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[1] == 1:
        inner = _sequence_strings(value[2])
        if inner is None:
            return None
        return inner | {""} if value[0] == 0 else inner
    return None


def _sequence_strings(sequence: Any) -> Strings | None:
    strings: Strings | None = frozenset({""})
    for piece in sequence:
        piece_strings = _strings(piece)
        if piece_strings is None or strings is None:
            return None
        strings = _join(strings, piece_strings)
    return strings


def _join(first: Strings, second: Strings) -> Strings | None:
    """Every string of ``first`` followed by one of ``second`` (None when too many)."""
    if len(first) * len(second) > MAX_STRINGS:
        return None
    return frozenset(a + b for a, b in product(first, second))
