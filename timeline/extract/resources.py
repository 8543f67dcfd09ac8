"""Language resources: vocabularies, pattern fragments and rules, read from data files.

A language is a folder under ``resources/`` holding ``vocabulary.toml``, ``patterns.toml`` and
``rules.toml``; the engine finds them by name, so a new language is a new folder, not new code.
This module only reads and compiles them; what a matched group *means* is decided in
:mod:`timeline.extract.normalize`, and how a rule builds a value in :mod:`timeline.extract.rules`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as importlib_resources
from typing import Any

import regex

from timeline.errors import TimelineError

PLACEHOLDER = regex.compile(r"\{([a-z][a-z_0-9]*)(?::([a-z_0-9]+))?\}")
VOCABULARY_REF = regex.compile(r"@([A-Za-z_]+)")


class ResourceError(TimelineError, ValueError):
    """A resource file is malformed: names the file and the entry."""


@dataclass(frozen=True)
class RuleSpec:
    """One rule as written in rules.toml, its pattern expanded to a compiled regex."""

    name: str
    kind: str
    pattern: regex.Pattern[str]
    options: dict[str, Any]
    examples: tuple[str, ...]
    order: int


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process (cached)
class Language:
    """Everything the engine knows about one language."""

    code: str
    vocabulary: dict[str, dict[str, Any]]
    fragments: dict[str, str]
    rules: tuple[RuleSpec, ...] = field(default=())
    trigger_lists: dict[str, list[str]] = field(default_factory=dict, hash=False, compare=False)

    def lookup(self, table: str, word: str) -> Any:
        """Normalize ``word`` through vocabulary ``table`` (case-insensitive); KeyError if absent."""
        return self.vocabulary[table][" ".join(word.lower().split())]


def _read_toml(language: str, name: str) -> dict[str, Any]:
    path = importlib_resources.files("timeline.extract") / "resources" / language / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ResourceError(f"{language}/{name}: {error}") from error


def _alternation(words: list[str], capitalized: bool) -> str:
    """A regex alternative of ``words``, each ending at a word boundary.

    The words are laid out as a trie ("ju(?:ne|ly|n|l)"), so that the regex engine settles
    most positions on their first letter instead of trying every word in turn.
    """
    forms: list[str] = []
    for word in words:
        if capitalized:
            forms += [word[:1].upper() + word[1:], word.upper()]
        else:
            forms.append(word)
    body = _trie(sorted(set(forms)))
    return f"(?:{body})\\b" if capitalized else f"(?i:{body})\\b"


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words``; at each branch the longer continuation is tried first."""
    branches: dict[str, list[str]] = {}
    ends_here = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    parts = [
        (r"\s+" if first == " " else regex.escape(first)) + _trie(rests) for first, rests in sorted(branches.items())
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if ends_here else body


def _expand_vocabulary(fragment: str, vocabulary: dict[str, dict[str, Any]], where: str) -> str:
    def replace(match: regex.Match[str]) -> str:
        name = match.group(1)
        table = name.lower()
        if table not in vocabulary:
            raise ResourceError(f"{where}: unknown vocabulary @{name}")
        return _alternation(list(vocabulary[table]), capitalized=name[0].isupper())

    return VOCABULARY_REF.sub(replace, fragment)


def _expand_rule_pattern(pattern: str, fragments: dict[str, str], where: str) -> str:
    def replace(match: regex.Match[str]) -> str:
        fragment, alias = match.group(1), match.group(2)
        if fragment not in fragments:
            raise ResourceError(f"{where}: unknown pattern fragment {{{fragment}}}")
        return f"(?P<{alias or fragment}>{fragments[fragment]})"

    expanded = PLACEHOLDER.sub(replace, pattern)
    # A space in a rule matches any run of white space (line breaks included). No expression
    # starts inside a word: saying so first lets the engine skip mid-word positions at once.
    spaced = expanded.replace(" ?", r"\s*").replace(" ", r"\s+")
    return r"(?<!\w)(?:" + spaced + ")"


@cache
def load_language(code: str = "en") -> Language:
    """Read and compile the resources of language ``code`` (cached: done once a process)."""
    vocabulary = _read_toml(code, "vocabulary.toml")
    pattern_file = _read_toml(code, "patterns.toml")
    raw_fragments = pattern_file.get("patterns", {})
    fragments = {
        name: _expand_vocabulary(text, vocabulary, f"{code}/patterns.toml [{name}]")
        for name, text in raw_fragments.items()
    }
    specs: list[RuleSpec] = []
    for order, entry in enumerate(_read_toml(code, "rules.toml").get("rule", [])):
        name = entry.get("name", f"#{order}")
        where = f"{code}/rules.toml rule {name}"
        try:
            source = _expand_rule_pattern(entry["pattern"], fragments, where)
            compiled = regex.compile(source, regex.VERSION0)
        except KeyError as error:
            raise ResourceError(f"{where}: missing {error}") from error
        except regex.error as error:
            raise ResourceError(f"{where}: bad pattern: {error}") from error
        options = {k: v for k, v in entry.items() if k not in {"name", "kind", "pattern", "examples"}}
        specs.append(RuleSpec(name, entry["kind"], compiled, options, tuple(entry.get("examples", [])), order))
    return Language(code, vocabulary, fragments, tuple(specs), pattern_file.get("triggers", {}))
