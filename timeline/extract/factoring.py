"""Alternations regrouped by their first character, so that the regex engine tries fewer branches.

The engine tries the branches of an alternation one after another at every position it
searches, and a caseless branch costs a case lookup even when its first character rules it
out: the 45 words of ``(?i:couple of|a hundred|...|one|two|three|...|some)`` are 45 tries at
every word start. Regrouped as ``(?i:couple of|a(?:...)|on(?:...)|t(?:wo|hree|...)|...)`` a
branch is tried only once its first character is there (a quarter of the cost of the costliest
rule, count_units, and a third of the tense markers'). Branches that share a first character
keep their order, and branches with different first characters never match at one position,
so a search finds what it found before. A branch that may open with any character (``[0-9]+``,
a look-behind) stays where it is, between the runs of plain branches regrouped on either side;
one that opens with a plain group is spread over its branches first ("(?:is|are) on" is
"is on|are on"). Look-arounds are left as written, and so is any pattern this rewriter does not
read (a bare ``(?i)`` would change the case of what follows it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

META = frozenset("\\.^$*+?{}[]()|")
QUANTIFIERS = frozenset("?*+{")
LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
SCOPED_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]+))?:")  # (?i: (?-i: (?:
BARE_FLAGS = re.compile(r"\(\?[a-zA-Z-]+\)")
MOST_SPREAD = 400  # branches a group's spreading may make (each copies what follows the group)


def factor_alternations(pattern: str, caseless: bool = False) -> str:
    """``pattern`` with its alternations regrouped by first character (``caseless``: compiled
    with IGNORECASE); unchanged when it holds a construct this does not read."""
    if BARE_FLAGS.search(pattern):
        return pattern
    try:
        return _rewrite(pattern, caseless)
    except ValueError:
        return pattern


def _rewrite(body: str, caseless: bool) -> str:
    """A sequence of alternatives, its groups rewritten, its own alternatives regrouped."""
    pieces: list[str] = []
    index = 0
    while index < len(body):
        character = body[index]
        if character == "\\":
            pieces.append(body[index : index + 2])
            index += 2
        elif character == "[":
            end = class_end(body, index)
            pieces.append(body[index:end])
            index = end
        elif character == "(":
            end = group_end(body, index)
            pieces.append(_rewrite_group(body[index:end], caseless))
            index = end
        else:
            pieces.append(character)
            index += 1
    return "|".join(_regroup(top_level_branches("".join(pieces)), caseless))


def _rewrite_group(group: str, caseless: bool) -> str:
    if group.startswith(LOOKAROUNDS):
        return group
    if group.startswith("(?P<"):
        opener = group[: group.index(">") + 1]
    elif not group.startswith("(?"):
        opener = "("
    elif (flags := SCOPED_FLAGS.match(group)) is not None:
        opener = flags.group()
        caseless = (caseless or "i" in flags.group(1)) and "i" not in (flags.group(2) or "")
    else:
        return group  # atomic, branch reset, comment, conditional: as written
    return opener + _rewrite(group[len(opener) : -1], caseless) + ")"


def _regroup(alternatives: list[str], caseless: bool) -> list[str]:
    """The alternatives grouped by first character. A branch that does not open with a plain
    character (``[0-9]+``, a look-behind) may match where the others do, so it stays where it
    is and only the runs of plain branches between such ones are regrouped."""
    spread = _distribute(alternatives)
    regrouped: list[str] = []
    run: list[str] = []
    for alternative in [*spread, ""]:  # "" (not plain) ends the last run
        if _opens_plainly(alternative, caseless):
            run.append(alternative)
            continue
        regrouped += _regroup_run(run, caseless)
        run = []
        regrouped.append(alternative)
    regrouped.pop()
    return regrouped if len(regrouped) < len(spread) else alternatives


def _distribute(alternatives: list[str]) -> list[str]:
    """Branches that open with a plain group, spread over its branches: "(?:is|are) on" is
    "is on|are on" (tried in the same order), so that each may join its first character's group."""
    spread: list[str] = []
    for alternative in alternatives:
        if alternative.startswith("(?:"):
            close = group_end(alternative, 0)
            if alternative[close : close + 1] not in QUANTIFIERS:
                rest = alternative[close:]
                spread += _distribute([inner + rest for inner in top_level_branches(alternative[3 : close - 1])])
                continue
        spread.append(alternative)
    return spread if len(spread) <= MOST_SPREAD else alternatives


def _regroup_run(run: list[str], caseless: bool) -> list[str]:
    """Plain branches grouped by first character, in the order each character first comes."""
    groups: dict[str, list[str]] = {}
    for alternative in run:
        first = alternative[0]
        groups.setdefault(first.lower() if caseless else first, []).append(alternative)
    regrouped = []
    for members in groups.values():
        if len(members) == 1:
            regrouped.append(members[0])
            continue
        rests = _regroup([member[1:] for member in members], caseless)
        regrouped.append(members[0][0] + (rests[0] if len(rests) == 1 else f"(?:{'|'.join(rests)})"))
    return regrouped


def _opens_plainly(alternative: str, caseless: bool) -> bool:
    """Whether a branch opens with a character that matches itself and is not repeated (and,
    caseless, is ASCII: "É" and "é" would fall in two groups that both match either)."""
    if not alternative or alternative[0] in META or alternative[1:2] in QUANTIFIERS:
        return False
    return alternative[0].isascii() or not caseless


def class_end(pattern: str, index: int) -> int:
    """The index past the character class opening at ``index``."""
    position = index + 1
    if pattern[position : position + 1] == "^":
        position += 1
    if pattern[position : position + 1] == "]":
        position += 1
    while position < len(pattern):
        if pattern[position] == "\\":
            position += 2
        elif pattern[position] == "]":
            return position + 1
        else:
            position += 1
    raise ValueError(f"unclosed character class: {pattern[index:]}")


def group_end(pattern: str, index: int) -> int:
    """The index past the group opening at ``index``."""
    depth = 0
    for position, character in _structure(pattern, index):
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth == 0:
                return position + 1
    raise ValueError(f"unclosed group: {pattern[index:]}")


def top_level_branches(pattern: str) -> list[str]:
    """The top-level branches of ``pattern``."""
    depth, start, found = 0, 0, []
    for position, character in _structure(pattern, 0):
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif character == "|" and depth == 0:
            found.append(pattern[start:position])
            start = position + 1
    return [*found, pattern[start:]]


def _structure(pattern: str, index: int) -> Iterator[tuple[int, str]]:
    """(index, character) of the parentheses and bars outside escapes and character classes."""
    position = index
    while position < len(pattern):
        character = pattern[position]
        if character == "\\":
            position += 2
            continue
        if character == "[":
            position = class_end(pattern, position)
            continue
        if character in "()|":
            yield position, character
        position += 1
