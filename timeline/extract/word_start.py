"""The guard that keeps a rule from matching inside a word, in its cheaper form where it can.

Every rule is compiled behind a guard saying that no expression starts inside a word. Written
``(?<!\\w)`` it holds for any pattern; where every match of the pattern opens with a word
character, ``\\m`` (the regex module's start of a word) says the same thing, and the engine
tests it faster: ``\\b`` did too (a fifth less time on count_units, the costliest rule), but
it also holds where a word ends, and there the pattern's first elements were tried in vain
(``\\m``, with count_units' own ``(?=\\w)`` dropped: 4% fewer instructions for a TBAQ pass).
This module reads a pattern far enough to tell.
"""

from __future__ import annotations

from functools import cache

import regex

from timeline.extract.factoring import class_end, group_end, top_level_branches

ANY_START = r"(?<!\w)"  # holds for every pattern
WORD_START = r"\m"  # the same where the match's first character is a word character: a word start
ZERO_WIDTH_ESCAPES = frozenset("bBAZG")
WORD_ESCAPES = frozenset("dw")
GROUP_OPENERS = regex.compile(r"\((?:\?(?:P<\w+>|[a-zA-Z]*(?:-[a-zA-Z]+)?:|>))?")  # ( (?: (?P<n> (?i: (?-i: (?>
LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def start_guard(pattern: str) -> str:
    """The guard to put before ``pattern``: ``\\m`` when each of its matches opens with a word
    character, else ``(?<!\\w)``."""
    try:
        opens_with_word, may_be_empty = _read_branches(pattern)
    except ValueError:  # a construct this does not read
        return ANY_START
    return WORD_START if opens_with_word and not may_be_empty else ANY_START


@cache  # the fragments ({month}, {count}) come back in rule after rule
def _read_branches(pattern: str) -> tuple[bool, bool]:
    """(every non-empty match opens with a word character, some match may be empty)."""
    opens_with_word, may_be_empty = True, False
    for branch in top_level_branches(pattern):
        branch_opens, branch_empty = _read_sequence(branch)
        opens_with_word = opens_with_word and branch_opens
        may_be_empty = may_be_empty or branch_empty
    return opens_with_word, may_be_empty


def _read_sequence(sequence: str) -> tuple[bool, bool]:
    """The same for one branch, read element by element up to the first that cannot be empty."""
    index = 0
    opens_with_word = True
    while index < len(sequence):
        end, element_opens, element_empty = _read_element(sequence, index)
        end, optional = _quantifier_end(sequence, end)
        opens_with_word = opens_with_word and element_opens
        if not (element_empty or optional):
            return opens_with_word, False
        index = end
    return opens_with_word, True


def _read_element(pattern: str, index: int) -> tuple[int, bool, bool]:
    """(index past the element at ``index``, it opens with a word character, it may be empty)."""
    character = pattern[index]
    if character == "\\":
        escaped = pattern[index + 1 : index + 2]
        if escaped in ZERO_WIDTH_ESCAPES:
            return index + 2, True, True
        if escaped.isalnum() and escaped not in WORD_ESCAPES and escaped not in "sSWD":
            raise ValueError(f"escape not read: \\{escaped}")  # \x27, \p{..}, \1: longer than two characters
        return index + 2, escaped in WORD_ESCAPES, False
    if character == "[":
        end = class_end(pattern, index)
        return end, _word_class(pattern[index + 1 : end - 1]), False
    if character == "(":
        end = group_end(pattern, index)
        group = pattern[index:end]
        if group.startswith(LOOKAROUND):
            return end, True, True
        opener = GROUP_OPENERS.match(group)
        if opener is None or opener.end() == 1 and group.startswith("(?"):
            raise ValueError(f"group not read: {group[:10]}")
        return (end, *_read_branches(group[opener.end() : -1]))
    if character in "^$":
        return index + 1, True, True
    if character == ".":
        return index + 1, False, False
    if character in ")|*+?{":
        raise ValueError(f"not read here: {character}")
    return index + 1, _is_word_character(character), False


def _quantifier_end(pattern: str, index: int) -> tuple[int, bool]:
    """(index past any quantifier at ``index``, the quantifier allows no repetition at all)."""
    quantifier = pattern[index : index + 1]
    if quantifier in ("?", "*"):
        end, optional = index + 1, True
    elif quantifier == "+":
        end, optional = index + 1, False
    elif quantifier == "{" and (counted := regex.match(r"\{(\d*)(?:,\d*)?\}", pattern[index:])):
        end, optional = index + counted.end(), counted.group(1) in ("", "0")
    else:
        return index, False
    if pattern[end : end + 1] in ("?", "+"):  # lazy, possessive
        end += 1
    return end, optional


def _word_class(members: str) -> bool:
    """Whether a character class (between its brackets) holds word characters only."""
    if members.startswith("^") or not members:
        return False
    index = 0
    while index < len(members):
        if members[index] == "\\":
            if members[index + 1 : index + 2] not in WORD_ESCAPES:
                return False
            index += 2
        elif members[index + 1 : index + 2] == "-" and index + 2 < len(members):
            low, high = members[index], members[index + 2]
            if not any(low >= first and high <= last for first, last in (("a", "z"), ("A", "Z"), ("0", "9"))):
                return False
            index += 3
        elif _is_word_character(members[index]):
            index += 1
        else:
            return False
    return True


@cache
def _is_word_character(character: str) -> bool:
    return regex.match(r"\w", character) is not None
