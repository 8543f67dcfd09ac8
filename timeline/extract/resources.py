"""Language resources: vocabularies, pattern fragments and rules, read from data files.

A language is a folder under ``resources/`` holding ``vocabulary.toml``, ``patterns.toml``,
``rules.toml`` and ``language.toml`` (sentences, tense, quotations, bylines); the engine finds them
by name, so a new language is a new folder, not new code. :func:`load_language_folder` reads one
from any folder. Everything is checked on load: an unknown rule kind or option, a table a
normalizer needs but cannot read, is a :class:`ResourceError` naming the file and the entry.
This module only reads and compiles them; what a matched group *means* is decided in
:mod:`timeline.extract.normalize`, and how a rule builds a value in :mod:`timeline.extract.rules`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as importlib_resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import regex

from timeline.errors import TimelineError
from timeline.extract.factoring import factor_alternations
from timeline.extract.word_start import start_guard

PLACEHOLDER = regex.compile(r"\{([a-z][a-z_0-9]*)(?::([a-z_0-9]+))?\}")
VOCABULARY_REF = regex.compile(r"@([A-Za-z_]+)")


class ResourceError(TimelineError, ValueError):
    """A resource file is malformed: names the file and the entry."""


RULE_KINDS = frozenset({"date", "relative", "duration", "set", "ref"})  # see meaning.BUILDERS
RULE_OPTIONS: dict[str, type | tuple[type, ...]] = {  # option -> the TOML type it takes
    "anchor": str,
    "unit": str,
    "amount": int,
    "sign": int,
    "mod": str,
    "part_of_day": str,
    "value": str,
    "quant": str,
    "keep_grain": str,
    "nearest": bool,
    "future_only": bool,
    "anchored": bool,
    "reported_span": bool,  # "the nine months": results over months, after which "a year earlier" is a year
    "week_of": bool,  # "the week of March 6": the ISO week holding the day the rule reads
    "weekend_of": bool,  # "the first weekend of August": the weekend holding the Saturday the rule reads
    "days_after": int,  # "the day before last Tuesday" (-1): days from the day the rule reads
    "swappable": bool,
    "year_month": bool,
    "counted_from_weekday": bool,  # "a week from Monday", "a month from Friday": counted on from the coming weekday
    "minute": int,  # the minute a form implies: "at half six" (British) is 6:30
    "from_day": int,  # "this time next year": counted from this day (0: the document's), as "a year from today"
    "day_offset": int,
    "tense": int,  # -1: the clause is past whatever its verbs say (a weekday said of the saying)
    "years_ahead": int,  # how far past the reference's year a two-digit year may lie (5 unless told)
}
ANCHORS = frozenset({"document", "mention", "mention_of_unit", "year_in_focus"})
HOLD_GIL = False
"""regex's ``concurrent`` argument, given positionally to the calls made by the ten thousand
(``pattern.search(text, lo, hi, HOLD_GIL)``): by default the regex module lets go of the GIL
around every call on a str, and takes it back for each allocation inside, which costs more
than most of the extractor's short searches do (a keyword argument would cost more than it saves)."""
SENTENCE_STOPS = ".!?\n"  # what each alternative of TextRules.sentence_end starts with


@dataclass(frozen=True)
class TextRules:
    """How a language's text is read around its expressions (``language.toml``)."""

    sentence_end: regex.Pattern[str]  # matched at a stop: each alternative starts with one of SENTENCE_STOPS
    tense_marker: regex.Pattern[str]
    not_speakers: frozenset[str]
    byline_label: regex.Pattern[str]
    byline_labelled: regex.Pattern[str]
    clock_then_day: regex.Pattern[str]
    day_then_clock: regex.Pattern[str]
    clock_after: regex.Pattern[str]
    era_after: regex.Pattern[str]
    four_digit_clock_after: regex.Pattern[str]
    clock_on_mentioned_day: bool = False  # a clock time alone is on the day last talked about
    aside_before: regex.Pattern[str] | None = None  # what before a date makes it no new focus
    clause_break: regex.Pattern[str] = regex.compile(r"[;:]")  # where the clause after an expression ends
    range_joiner: regex.Pattern[str] | None = None  # between the two dates of a range ("to", "-")
    deadline_before: regex.Pattern[str] | None = None  # "RSVP by Friday": ahead where no verb says a tense
    # a sentence opened by an expression takes its main clause's tense ([opening], see resolve.py)
    opening_before: regex.Pattern[str] | None = None  # what may stand before such an expression
    opening_past: regex.Pattern[str] | None = None  # verbs of that clause that say it is past


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
    text_rules: TextRules | None = None

    def lookup(self, table: str, word: str) -> Any:
        """Normalize ``word`` through vocabulary ``table`` (case-insensitive); KeyError if absent."""
        return self.vocabulary[table][" ".join(word.lower().replace("’", "'").split())]


def _read_toml(folder: Traversable, language: str, name: str) -> dict[str, Any]:
    path = folder / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ResourceError(f"{language}/{name}: missing file") from error
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
    """A regex matching exactly ``words``; at each branch the longer continuation is tried first.
    A space stands for any white space, an apostrophe for a straight or a curly one ("Father’s Day")."""
    branches: dict[str, list[str]] = {}
    ends_here = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    parts = [
        (r"\s+" if first == " " else "['’]" if first == "'" else regex.escape(first)) + _trie(rests)
        for first, rests in sorted(branches.items())
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


SPACING_REGEX = {",? ": r"\s?,?\s+", ", ": r"\s?,\s+", " ?": r"\s*", " ": r"\s+"}
SPACING = regex.compile("|".join(regex.escape(written) for written in SPACING_REGEX))


def _nest_fragments(fragments: dict[str, str], where: str) -> dict[str, str]:
    """The fragments with the fragments they name put in their place ("{not_indefinite}" in
    "weekday"), as plain groups: the only named group of a fragment is the one a rule gives it."""
    nested: dict[str, str] = {}

    def expand(name: str, path: tuple[str, ...]) -> str:
        if name in nested:
            return nested[name]
        if name in path:
            raise ResourceError(f"{where}: fragments that name each other: {' -> '.join((*path, name))}")
        if name not in fragments:
            raise ResourceError(f"{where} [{path[-1]}]: unknown pattern fragment {{{name}}}")

        def replace(match: regex.Match[str]) -> str:
            return f"(?:{expand(match.group(1), (*path, name))})"

        nested[name] = PLACEHOLDER.sub(replace, fragments[name])
        return nested[name]

    return {name: expand(name, ()) for name in fragments}


def _expand_rule_pattern(pattern: str, fragments: dict[str, str], where: str) -> str:
    def replace(match: regex.Match[str]) -> str:
        fragment, alias = match.group(1), match.group(2)
        if fragment not in fragments:
            raise ResourceError(f"{where}: unknown pattern fragment {{{fragment}}}")
        return f"(?P<{alias or fragment}>{fragments[fragment]})"

    expanded = PLACEHOLDER.sub(replace, pattern)
    # A space in a rule matches any run of white space (line breaks included), and a comma
    # before one may have a space before it too, as tokenized text writes "May 3 , 2005". No
    # expression starts inside a word: saying so first lets the engine skip mid-word positions.
    spaced = SPACING.sub(lambda match: SPACING_REGEX[match.group()], expanded)
    return start_guard(spaced) + "(?:" + spaced + ")"


@cache
def load_language(code: str = "en") -> Language:
    """Read and compile the resources of language ``code`` (cached: done once a process)."""
    folder = importlib_resources.files("timeline.extract") / "resources" / code
    if not folder.is_dir():
        raise ResourceError(f"{code}: no such language (no folder resources/{code})")
    return load_language_folder(folder, code)


def load_language_folder(folder: Traversable | Path, code: str) -> Language:
    """Read and compile the language whose four files are in ``folder`` (not cached)."""
    vocabulary = _read_vocabulary(folder, code)
    for table, entries in vocabulary.items():
        if not isinstance(entries, dict):
            raise ResourceError(f"{code}/vocabulary.toml: [{table}] must be a table of word = value")
    pattern_file = _read_toml(folder, code, "patterns.toml")
    raw_fragments = pattern_file.get("patterns", {})
    fragments = _nest_fragments(
        {
            name: _expand_vocabulary(text, vocabulary, f"{code}/patterns.toml [{name}]")
            for name, text in raw_fragments.items()
        },
        f"{code}/patterns.toml",
    )
    specs: list[RuleSpec] = []
    for order, entry in enumerate(_read_toml(folder, code, "rules.toml").get("rule", [])):
        name = entry.get("name", f"#{order}")
        where = f"{code}/rules.toml rule {name}"
        try:
            source = _expand_rule_pattern(entry["pattern"], fragments, where)
            compiled = regex.compile(factor_alternations(source), regex.VERSION0)
        except KeyError as error:
            raise ResourceError(f"{where}: missing {error}") from error
        except regex.error as error:
            raise ResourceError(f"{where}: bad pattern: {error}") from error
        options = {k: v for k, v in entry.items() if k not in {"name", "kind", "pattern", "examples"}}
        _check_rule(entry.get("kind"), options, where)
        specs.append(RuleSpec(name, entry["kind"], compiled, options, tuple(entry.get("examples", [])), order))
    triggers = pattern_file.get("triggers", {})
    for table in triggers.get("vocabulary_tables", []):
        if table not in vocabulary:
            raise ResourceError(f"{code}/patterns.toml [triggers]: unknown vocabulary table {table!r}")
    text_rules = _text_rules(_read_toml(folder, code, "language.toml"), f"{code}/language.toml")
    return Language(code, vocabulary, fragments, tuple(specs), triggers, text_rules)


def _read_vocabulary(folder: Traversable | Path, code: str) -> dict[str, dict[str, Any]]:
    """``calendar.toml`` (generated from CLDR, where the language has one) extended by the
    hand-written ``vocabulary.toml``."""
    vocabulary: dict[str, dict[str, Any]] = {}
    if (folder / "calendar.toml").is_file():
        vocabulary = _read_toml(folder, code, "calendar.toml")
    for table, entries in _read_toml(folder, code, "vocabulary.toml").items():
        if not isinstance(entries, dict):
            raise ResourceError(f"{code}/vocabulary.toml: [{table}] must be a table of word = value")
        vocabulary.setdefault(table, {}).update(entries)
    return vocabulary


def _check_rule(kind: object, options: dict[str, Any], where: str) -> None:
    """An unknown kind or option, or an option of the wrong type, is an error, never ignored."""
    if kind not in RULE_KINDS:
        raise ResourceError(f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(RULE_KINDS))})")
    for option, value in options.items():
        expected = RULE_OPTIONS.get(option)
        if expected is None:
            raise ResourceError(f"{where}: unknown option {option!r}")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ResourceError(f"{where}: option {option!r} must be {getattr(expected, '__name__', expected)}")
    if options.get("anchor", "document") not in ANCHORS:
        raise ResourceError(f"{where}: anchor must be one of {', '.join(sorted(ANCHORS))}")
    if kind == "ref" and "value" not in options:
        raise ResourceError(f"{where}: a ref rule needs a value")


def _text_rules(settings: dict[str, Any], where: str) -> TextRules:
    def entry(section: str, key: str) -> Any:
        try:
            return settings[section][key]
        except KeyError as error:
            raise ResourceError(f"{where}: missing [{section}] {key}") from error

    def compiled(section: str, key: str, flags: int = 0) -> regex.Pattern[str]:
        try:
            return regex.compile(str(entry(section, key)), flags)
        except regex.error as error:
            raise ResourceError(f"{where}: [{section}] {key}: bad pattern: {error}") from error

    abbreviations = "|".join([*entry("sentences", "abbreviations"), "[A-Z]"])
    sentence_end = (  # the stop first, then what may not precede it: cheap to scan
        rf"[.!?](?<!\b(?:{abbreviations})[.!?])"
        r"[\"”’»')\]]*(?=\s+[\"“‘«¿¡(\[]?[A-Z0-9ÁÉÍÓÚÑÀÂÇÈÊÎÔÛ])|\n\s*\n|\n"
    )
    future, past = entry("tense", "future"), entry("tense", "past")
    try:
        tense_marker = regex.compile(factor_alternations(_tense_pattern(future, past), caseless=True), regex.IGNORECASE)
    except regex.error as error:
        raise ResourceError(f"{where}: [tense]: bad pattern: {error}") from error
    return TextRules(
        sentence_end=regex.compile(sentence_end),
        tense_marker=tense_marker,
        not_speakers=frozenset(entry("quotes", "not_speakers")),
        byline_label=regex.compile(rf"^\W*{entry('byline', 'label')}?\W*$", regex.IGNORECASE),
        byline_labelled=compiled("byline", "labelled", regex.IGNORECASE),
        clock_then_day=compiled("joining", "clock_then_day"),
        day_then_clock=compiled("joining", "day_then_clock"),
        clock_after=compiled("digits", "clock_after", regex.IGNORECASE),
        era_after=compiled("digits", "era_after"),
        four_digit_clock_after=compiled("digits", "four_digit_clock_after"),
        clock_on_mentioned_day=bool(settings.get("resolution", {}).get("clock_on_mentioned_day", False)),
        range_joiner=compiled("joining", "range_joiner") if "range_joiner" in settings["joining"] else None,
        deadline_before=compiled("tense", "deadline_before", regex.IGNORECASE)
        if "deadline_before" in settings["tense"]
        else None,
        clause_break=compiled("tense", "clause_break")
        if "clause_break" in settings["tense"]
        else regex.compile("[;:]"),
        aside_before=_optional_pattern(settings.get("resolution", {}).get("aside_before"), f"{where}: [resolution]"),
        opening_before=compiled("opening", "before", regex.IGNORECASE) if "opening" in settings else None,
        opening_past=compiled("opening", "past", regex.IGNORECASE) if "opening" in settings else None,
    )


def _tense_pattern(future: str, past: str) -> str:
    """One pattern naming which of ``future`` and ``past`` matched. When both start at a word
    boundary, the boundary is tested once, before either is tried: most positions fail there,
    and the tense window is read for every expression (a third faster)."""
    boundary = r"\b"
    if future.startswith(boundary) and past.startswith(boundary):
        return rf"\b(?:(?P<future>{future[len(boundary) :]})|(?P<past>{past[len(boundary) :]}))"
    return f"(?P<future>{future})|(?P<past>{past})"


def _optional_pattern(pattern: str | None, where: str) -> regex.Pattern[str] | None:
    """An optional regex of ``language.toml``, matched against the text just before an expression."""
    if pattern is None:
        return None
    try:
        return regex.compile(f"(?:{pattern})$")
    except regex.error as error:
        raise ResourceError(f"{where}: bad pattern: {error}") from error
