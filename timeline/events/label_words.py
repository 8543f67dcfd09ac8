"""The words of a language that event labels are made with, read from its ``labels.toml``.

Each language folder of the extractor (``timeline/extract/resources/<code>/``) holds a
``labels.toml`` beside the extractor's files: the prepositions that only attach a date, the
conjunctions that end a clause, articles, relative pronouns and determiners (the file says what
each list is for). The extractor does not read it; :mod:`timeline.events.label` does, through
:func:`label_words`, for the language of each document. A missing file, list or malformed entry is
a :class:`~timeline.extract.resources.ResourceError` naming the file and the list.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from importlib.resources.abc import Traversable
from pathlib import Path

import regex

from timeline.extract.resources import ResourceError

LABELS_FILE = "labels.toml"
FALLBACK_LANGUAGE = "en"  # for a code with no resources of its own (a made-up language)
_LISTS = (
    "date_prepositions",
    "date_complements",
    "conjunctions",
    "list_conjunctions",
    "articles",
    "leading_conjunctions",
    "complementizers",
    "subject_openers",
    "relative_pronouns",
    "determiners",
)
_APOSTROPHE = "['’]"
_SPACE = r"\s+"
_SPACE_OR_COMMA = r"[\s,]+"
_COMPLEMENT_REACH = 40  # "of the vote, ": the longest complement of a date cut with it


@dataclass(frozen=True)
class LabelWords:
    """One language's label words, as sets (lower case) and the patterns made of them."""

    code: str
    list_conjunctions: frozenset[str]
    articles: frozenset[str]
    determiners: frozenset[str]
    clause_break: regex.Pattern[str]  # see label._is_break: dashes, ; :, stops, ", " + conjunction
    date_preposition: regex.Pattern[str]  # the preposition(s) ending a text, with their space
    range_preposition: regex.Pattern[str]  # the same, or an article, or both: "entre el" (5 y el 6)
    between_dates: regex.Pattern[str]  # what joins two dates of a range: " y el ", " and ", " au "
    dangling_end: regex.Pattern[str]  # function words ending a text: " en el", " y"
    fragment_start: regex.Pattern[str]  # a lower-case complement opening a label: "de la campaña"
    date_of: regex.Pattern[str]  # a complement opening after a date: " de la campaña" (match at a pos)
    date_complement: regex.Pattern[str]  # a date's complement up to its comma: " of the vote, " (match at a pos)
    leading_conjunction: regex.Pattern[str]  # "and ", "and that " (before a subject)
    trailing_conjunction: regex.Pattern[str]  # "… en el Bagdad y": a list conjunction ending a text
    relative: regex.Pattern[str]  # a relative pronoun opening a text, with its space


def words_pattern(words: tuple[str, ...], after: str = "") -> str:
    """A regex alternation of ``words`` (longest first), each ending at a word boundary and
    followed by ``after``; a space matches any white space, an apostrophe either apostrophe, and
    an elided entry ("d'", "qu'") ends at its apostrophe, with nothing after it."""
    forms = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        form = r"\s+".join(
            _APOSTROPHE.join(regex.escape(piece) for piece in regex.split("['’]", part)) for part in word.split()
        )
        forms.append(form if word.endswith(("'", "’")) else form + r"\b" + after)
    return "(?:" + "|".join(forms) + ")"


@cache
def label_words(code: str) -> LabelWords:
    """The label words of language ``code`` (English for a code without a resources folder); cached."""
    folder = importlib_resources.files("timeline.extract") / "resources" / code
    if not folder.is_dir():
        folder, code = (
            importlib_resources.files("timeline.extract") / "resources" / FALLBACK_LANGUAGE,
            FALLBACK_LANGUAGE,
        )
    return read_label_words(folder, code)


def read_label_words(folder: Traversable | Path, code: str) -> LabelWords:
    """The label words in ``folder/labels.toml`` (not cached)."""
    where = f"{code}/{LABELS_FILE}"
    try:
        table = tomllib.loads((folder / LABELS_FILE).read_text(encoding="utf-8")).get("labels")
    except FileNotFoundError:
        raise ResourceError(f"{where}: missing file") from None
    except tomllib.TOMLDecodeError as error:
        raise ResourceError(f"{where}: {error}") from None
    if not isinstance(table, dict):
        raise ResourceError(f"{where}: missing [labels] table")
    lists: dict[str, tuple[str, ...]] = {}
    for name in _LISTS:
        words = table.get(name)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ResourceError(f"{where}: [labels] {name} must be a list of words")
        lists[name] = tuple(" ".join(w.lower().split()) for w in words)
    unknown = sorted(set(table) - set(_LISTS))
    if unknown:
        raise ResourceError(f"{where}: [labels] unknown list {unknown[0]!r}")
    word_start = r"(?<![\p{L}\p{N}'’])"
    conjunction = words_pattern(lists["conjunctions"])
    prepositions = words_pattern(lists["date_prepositions"], _SPACE)
    articles = words_pattern(lists["articles"], _SPACE)
    joiners = words_pattern((*lists["list_conjunctions"], *lists["date_prepositions"], *lists["articles"]))
    complement = rf"\s+{words_pattern(lists['date_complements'], _SPACE)}"
    return LabelWords(
        code=code,
        list_conjunctions=frozenset(lists["list_conjunctions"]),
        articles=frozenset(lists["articles"]),
        determiners=frozenset(lists["determiners"]),
        clause_break=regex.compile(
            rf"\s*—\s*|\s+–\s+|\s*[;:]\s+|(?P<conjunction>,\s+(?=(?i:{conjunction})))"
            r"|(?<=(?P<stop>[.!?])[”’\"»]?)\s+(?=[“‘\"«¿¡]?\s?\p{Lu})"
        ),
        date_preposition=regex.compile(rf"{word_start}{prepositions}$", regex.IGNORECASE),
        range_preposition=regex.compile(
            rf"{word_start}(?:{prepositions}|{articles}|{prepositions}{articles})$", regex.IGNORECASE
        ),
        between_dates=regex.compile(rf"(?:[\s,/–-]|{joiners})*", regex.IGNORECASE),
        dangling_end=regex.compile(rf"(?:{word_start}{joiners}[\s,]*)+$", regex.IGNORECASE),
        fragment_start=regex.compile(words_pattern(lists["date_complements"], _SPACE)),
        date_of=regex.compile(complement, regex.IGNORECASE),
        date_complement=regex.compile(rf"{complement}[^,;:.!?]{{1,{_COMPLEMENT_REACH}}},\s+(?=\S)", regex.IGNORECASE),
        leading_conjunction=regex.compile(
            rf"^{words_pattern(lists['leading_conjunctions'], _SPACE_OR_COMMA)}"
            rf"(?:{words_pattern(lists['complementizers'], _SPACE)}(?={words_pattern(lists['subject_openers'])}))?",
            regex.IGNORECASE,
        ),
        trailing_conjunction=regex.compile(
            rf"(?:[\s,]+{words_pattern(lists['list_conjunctions'])})+[\s,]*$", regex.IGNORECASE
        ),
        relative=regex.compile(rf"^{words_pattern(lists['relative_pronouns'], _SPACE)}(?=\S)", regex.IGNORECASE),
    )
