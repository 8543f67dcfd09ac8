"""Trigger words: one cheap pass over a text says where a rule could possibly match.

Tokens are read with a plain word regex (C speed) and looked up in a table built from the
language's vocabularies and its ``[triggers]`` lists; digits are classified by shape. A rule
runs only in windows around triggers of the categories its own examples contain, so a page
of numbers and prose with few dates costs little more than the token pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import regex

from timeline.extract.resources import HOLD_GIL, Language, RuleSpec

TOKEN = re.compile(r"[^\W\d_]+|\d+")
LETTERS = re.compile(r"[^\W\d_]+")
DIGITS = re.compile(r"\d+")
DIGIT_RUN = regex.compile(r"\d+")  # the same runs and a few more (see digit_runs), found faster
YEAR_DIGITS = re.compile(r"1\d{3}|20\d{2}")
DOTTED_SHORT_YEAR = re.compile(r"\.\d{1,2}\.\d{2}(?![\d.])")  # the rest of 25.12.20 after its first number
DATE_SEPARATORS = frozenset("/.-–")  # 05/15/2021, 2021-05-13, 1915-17, 25.12.2019


def lowered(category: str, capitalized_only: frozenset[str]) -> str:
    """The category a lower-case occurrence of a trigger word belongs to: its own, or
    "<category>_lower" for the tables of words the language capitalizes ("May", "Sat")."""
    return f"{category}_lower" if category in capitalized_only else category


Trigger = tuple[
    int, int, str, str
]  # start, end, category, word lower-cased ("" for digits); a tuple: made by the hundred thousand
MARGIN = 8  # characters a window reaches past the farthest an example's span did


class TriggerTable:
    """Word -> categories, for one language."""

    def __init__(self, language: Language, wanted: frozenset[str] | None = None) -> None:
        """``wanted``: the categories to look for (None: all of them)."""
        words: dict[str, set[str]] = {}
        phrases: dict[tuple[str, str], set[str]] = {}  # (word, category) -> the whole words it is
        unknown: set[tuple[str, str]] = set()  # (word, category): the first word of an entry of several ("q4")
        lists = language.trigger_lists
        capitalized_only = frozenset(lists.get("capitalized_only", []))
        assert language.text_rules is not None
        self.text_rules = language.text_rules
        for table in lists.get("vocabulary_tables", []):
            for key in language.vocabulary[table]:
                tokens = TOKEN.findall(key.lower())
                if len(tokens) == 1:  # multi-word keys ("late night") are woken by their own words
                    words.setdefault(tokens[0], set()).add(table)
                    phrases.setdefault((tokens[0], table), set()).add(key)
        whole_words = frozenset(lists.get("whole_words", []))
        digit_words: dict[str, set[str]] = {}  # "2nite", "2moro": words the token pass splits at their digits
        for category, entries in lists.items():
            if category in ("vocabulary_tables", "capitalized_only", "whole_words", "only_before", "hyphenated"):
                continue
            for entry in entries:
                tokens = TOKEN.findall(entry.lower())
                if len(tokens) == 2 and tokens[0].isdigit() and entry.isalnum():
                    digit_words.setdefault(entry.lower(), set()).add(category)
                for word in tokens[:1]:
                    words.setdefault(word, set()).add(category)
                    if category in whole_words and len(tokens) == 1:
                        phrases.setdefault((word, category), set()).add(entry)
                    elif category in whole_words:
                        unknown.add((word, category))
        # A lower-case "may", "friday", "aug" is looked for as its own category ("month_lower"):
        # rules that read lower-case names want a preposition or a number beside them.
        lower = {word: {lowered(category, capitalized_only) for category in found} for word, found in words.items()}
        if wanted is not None:
            words = {word: found & wanted for word, found in words.items()}
            lower = {word: found & wanted for word, found in lower.items()}
        self.words = {word: frozenset(found) for word, found in words.items() if found}
        self.lower_words = {word: frozenset(found) for word, found in lower.items() if found}
        self.word_set = frozenset(self.words) | frozenset(self.lower_words)
        self.digit_words = {
            word: frozenset(found if wanted is None else found & wanted) for word, found in digit_words.items()
        }
        self.hyphen_variants = {
            category: f"{category}_hyphen"
            for category in lists.get("hyphenated", [])
            if wanted is None or f"{category}_hyphen" in wanted
        }
        """Category -> the category its words also have beside a hyphen ("three-year")."""
        self.next_word: dict[str, tuple[str, ...]] = {}
        """Trigger word -> what must follow it for it to wake anything (" year" of "new year")."""
        for entry in lists.get("only_before", []):
            word = TOKEN.findall(entry.lower())[0]
            self.next_word[word] = (*self.next_word.get(word, ()), entry.lower()[len(word) :])
        self.phrases: dict[str, dict[str, frozenset[str]]] = {}
        """Category (a vocabulary table or a list of whole words) -> trigger word -> the words it
        stands for ("sept" -> "sept"); none where it also starts a longer entry ("q" of "q4")."""
        for word, category in unknown:
            phrases[word, category] = set()
        for (word, category), texts in phrases.items():
            for name in {category, lowered(category, capitalized_only)}:
                self.phrases.setdefault(name, {})[word] = frozenset(texts)

    def words_of(self, category: str) -> frozenset[str]:
        """The trigger words of ``category``, in any case."""
        tables = (self.words, self.lower_words)
        return frozenset(word for table in tables for word, categories in table.items() if category in categories)

    def scan(self, text: str) -> list[Trigger]:
        """Triggers of ``text`` in text order.

        The runs of letters are split off in C and only those that are trigger words are
        located (see :func:`_word_positions`), so the Python work follows the number of trigger
        words in the text rather than its length.
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length when lowered: go token by token
            return self._scan_tokens(text)
        found: list[Trigger] = []
        append = found.append
        length = len(text)
        upper_words, lower_words, hyphen_variants = self.words, self.lower_words, self.hyphen_variants
        empty: frozenset[str] = frozenset()
        for position, word in _word_positions(self.word_set, lowered):
            end = position + len(word)
            next_word = self.next_word.get(word)
            if next_word is None or lowered.startswith(next_word, end):
                categories = upper_words.get(word, empty) if text[position].isupper() else lower_words.get(word, empty)
                for category in categories:
                    append((position, end, category, word))
                if hyphen_variants and _beside_hyphen(lowered, position, end):
                    found.extend(self._hyphenated(position, end, categories, word))
        for start, end, digits in digit_runs(text):
            for category in self._digits(text, start, end, digits):
                append((start, end, category, ""))
            if end < length and text[end].isalpha():
                found.extend(self._digit_word(text, start, end, digits))
        found.sort()
        return found

    def _hyphenated(self, start: int, end: int, categories: frozenset[str], word: str) -> list[Trigger]:
        """The "<table>_hyphen" triggers of a word beside a hyphen ("three-[year]")."""
        variants = self.hyphen_variants
        return [(start, end, variants[category], word) for category in categories if category in variants]

    def _digit_word(self, text: str, start: int, end: int, digits: str) -> list[Trigger]:
        """The triggers of a word that runs from digits into letters ("2nite"), if it is one."""
        letters = LETTERS.match(text, end)
        if letters is None or not self.digit_words:
            return []
        word_end = letters.end()
        categories = self.digit_words.get((digits + letters.group()).lower(), frozenset())
        return [(start, word_end, category, "") for category in categories]

    def _scan_tokens(self, text: str) -> list[Trigger]:
        found: list[Trigger] = []
        for match in TOKEN.finditer(text):
            token = match.group()
            if token[0].isdigit():
                for category in self._digits(text, match.start(), match.end(), token):
                    found.append((match.start(), match.end(), category, ""))
                found.extend(self._digit_word(text, match.start(), match.end(), token))
                continue
            table = self.words if token[0].isupper() else self.lower_words
            word = token.lower()
            next_word = self.next_word.get(word)
            if next_word is not None and not text[match.end() :].lower().startswith(next_word):
                continue
            categories = table.get(word, frozenset())
            for category in categories:
                found.append((match.start(), match.end(), category, word))
            if self.hyphen_variants and _beside_hyphen(text, match.start(), match.end()):
                found.extend(self._hyphenated(match.start(), match.end(), categories, word))
        return found

    def _digits(self, text: str, start: int, end: int, token: str) -> tuple[str, ...]:
        """The categories of a run of digits, by its shape and its neighbours.

        Plain character tests come before each regex: most numbers in news are counts and
        money, followed by a space, a comma or a letter that rules the regexes out.
        """
        following = text[end : end + 2]
        after = following[:1]
        rules = self.text_rules
        if after in (":", ".", " ", "a", "p", "A", "P", "h") and rules.clock_after.match(text, end, None, HOLD_GIL):
            return ("clock",)
        if len(token) <= 4 and after in (" ", "B", "A", "C", "a") and rules.era_after.match(text, end, None, HOLD_GIL):
            return ("era",)
        if len(token) == 4 and rules.four_digit_clock_after.match(text, end, None, HOLD_GIL):
            return ("clock",)  # "at 0800 hours", "1900 hours", "0930 GMT", "0600 hrs"
        if len(token) == 4 and token[0] == "0" and token[2] < "6":
            return ("clock", "number")  # "at 0800", "by 0930": a time of day written as a count
        numeric = (after in DATE_SEPARATORS and following[1:].isdigit()) or (
            start >= 2 and text[start - 1] in DATE_SEPARATORS and text[start - 2].isdigit()
        )
        if token.endswith("0") and after in ("s", "'", "’"):  # 1990s, '90s, the 490s BC
            return ("year", "decade_digits", "numeric") if numeric else ("year", "decade_digits")
        if (len(token) == 4 and YEAR_DIGITS.fullmatch(token)) or (len(token) == 8 and token[:2] in ("19", "20")):
            return ("year", "numeric") if numeric else ("year",)  # 1997, 20130321
        if len(token) == 4 and token[0] != "0":  # 2100-9999: a year in "1 March 2100", a count in "3000 troops"
            return ("year", "numeric") if numeric else ("year", "number")
        if len(token) == 2 and start and text[start - 1] in ("'", "’"):
            return ("year",)  # '17
        if numeric and after in ("/", "-") and len(token) <= 2:
            return ("numeric", "dashed")  # 7-4-19, 11/23/98, 3/8: not a decimal (3.5, 1.2%)
        if numeric and after == "." and len(token) <= 2 and DOTTED_SHORT_YEAR.match(text, end):
            return ("numeric", "dotted")  # 25.12.20
        if numeric:
            return ("numeric",)
        if len(token) <= 2 and after.isalpha():
            return ("number", "suffixed")  # "the 3rd", "le 1er": a day number with an ordinal ending
        return ("number",)


def _beside_hyphen(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] == "-") or text.startswith("-", end)


def digit_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of each run of decimal digits: what ``DIGITS.finditer`` finds.

    The runs are found by the regex module, whose search skips ahead to a digit (a quarter of
    the instructions of ``re``'s). Its Unicode is newer and knows more digits than
    ``str.isdecimal``; a run holding one of those is split where ``re`` would split it.
    """
    for match in DIGIT_RUN.finditer(text, concurrent=HOLD_GIL):
        run = match.group()
        if run.isascii() or run.isdecimal():
            yield match.start(), match.end(), run
            continue
        for inner in DIGITS.finditer(run):
            yield match.start() + inner.start(), match.start() + inner.end(), inner.group()


COMMON_NON_LETTERS = "“”‘’–—…«»\u00a0\u2009\u202f"  # the non-ASCII marks of English news text
NON_LETTERS = str.maketrans(
    {
        character: " "
        for character in [chr(code) for code in range(128)] + list(COMMON_NON_LETTERS)
        if not character.isalpha()
    }
)


def _word_positions(words: frozenset[str], lowered: str) -> list[tuple[int, str]]:
    """(start, word) of each occurrence of one of ``words`` as a whole run of letters of a
    lower-cased text, in text order.

    Punctuation becomes space and the text is split, all in C, which gives the runs of letters
    in order; each run that is a trigger word is then located by ``str.find`` of the word between
    spaces, from where the last one ended, so the text is read once in all (a ``find`` per
    distinct trigger word, each reading the whole text, made the scan of a TBAQ pass 37 ms
    against 27). A text in which other characters than letters are left (rarer marks, digits
    of other scripts) is read by the letter regex instead.
    """
    spaced = lowered.translate(NON_LETTERS)
    if not (spaced.isascii() or spaced.replace(" ", "").isalpha()):
        return [(match.start(), match.group()) for match in LETTERS.finditer(lowered) if match.group() in words]
    padded = f" {spaced} "  # padded[i + 1] is spaced[i]: " word " found at i starts the word at i
    positions: list[tuple[int, str]] = []
    cursor = 0
    for word in [run for run in spaced.split() if run in words]:
        cursor = padded.find(f" {word} ", cursor)
        positions.append((cursor, word))
        cursor += len(word) + 1
    return positions


def categories_of(table: TriggerTable, texts: Iterable[str]) -> frozenset[str]:
    """The trigger categories found in ``texts``; "number" only when nothing else is there."""
    found: set[str] = set()
    for text in texts:
        found |= {category for _, _, category, _ in table.scan(text)}
    if found - {"number"}:
        found.discard("number")
    return frozenset(found)


RARITY = (  # rarest first: a rule is woken by the rarest category all its examples contain
    "era",
    "clock",
    "dashed",
    "dotted",
    "numeric",
    "unit_hyphen",
    "holiday",
    "holiday_word",
    "decade_word",
    "decade_digits",
    "ago",
    "frequency",
    "set",
    "deictic",
    "season",
    "weekday_plural",
    "weekday",
    "weekday_lower",
    "minute_word",
    "clock_fraction",
    "clock_offset_word",
    "millennium_word",
    "from_now",
    "time_word",
    "ref",
    "ordinal",
    "suffixed",
    "month",
    "month_lower",
    "part_of_day",
    "sequence",
    "year",
    "position",
    "period",
    "unit",
    "direction",
    "number",
)


@cache
def rule_categories(language: Language) -> dict[str, frozenset[str]]:
    """Rule name -> the categories that wake it, read off the rule's own examples.

    Every example of a rule shows which trigger categories its matches contain; the rarest
    category common to all of them is enough to wake the rule (so "six months ago" is looked
    for around "ago", not around every "months"). Rules whose examples share none are woken
    by any category they show, but a word of two categories by the rarer only ("the 1990s",
    "the nineties": by "1990s" as a decade, not as a year, so not by every year).
    """
    table = full_table(language)
    result: dict[str, frozenset[str]] = {}
    for rule in language.rules:
        per_example = [_example_categories(table, example) for example in rule.examples]
        common = frozenset.intersection(*per_example) if per_example else frozenset()
        if common:
            result[rule.name] = frozenset({_rarest(common)})
        else:
            shown = [
                _unshadowed(table, example, categories)
                for example, categories in zip(rule.examples, per_example, strict=True)
            ]
            result[rule.name] = frozenset().union(*shown)
    return result


def _unshadowed(table: TriggerTable, example: str, categories: frozenset[str]) -> frozenset[str]:
    """``categories`` less those whose every word in the example's span also has a rarer one of
    them: such a word wakes the rule by its rarer category, in the same window."""
    by_word: dict[tuple[int, int], set[str]] = {}
    for start, end, category, _ in table.scan(_example_span(example)):
        by_word.setdefault((start, end), set()).add(category)

    def shadowed(category: str) -> bool:
        words = [found & categories for found in by_word.values() if category in found]
        return bool(words) and all(min(map(_rarity, found)) < _rarity(category) for found in words)

    return frozenset(category for category in categories if not shadowed(category))


def _rarity(category: str) -> int:
    return RARITY.index(category) if category in RARITY else len(RARITY)


def _rarest(categories: frozenset[str]) -> str:
    return min(categories, key=_rarity)


# Never optional in a form whose examples all show one ("number": a day number, which a
# numeric-date digit run also satisfies, see matching._windows_by_category).
REQUIRABLE = frozenset({"year", "period", "number", "unit", "direction", "ordinal", "month", "month_lower"})


@cache
def rule_requirements(language: Language) -> dict[str, frozenset[str]]:
    """Rule name -> the other categories (of REQUIRABLE) every example of the rule shows.

    A window around the waking trigger that lacks one of them cannot hold a match, so the
    rule is not run there: "13 May 2021" needs a year beside the month.
    """
    table = full_table(language)
    wakers = rule_categories(language)
    scanned = REQUIRABLE
    result: dict[str, frozenset[str]] = {}
    for rule in language.rules:
        per_example = [frozenset(c for _, _, c, _ in table.scan(_example_span(e))) for e in rule.examples]
        common = frozenset.intersection(*per_example) if per_example else frozenset()
        result[rule.name] = (common & scanned) - wakers[rule.name]
    return result


@cache
def rule_sides(language: Language) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Rule name -> the needed categories (of :func:`rule_requirements`) that every example shows
    before its waking trigger, and those it shows after ("13 May": a day number before the month).

    A window whose trigger words have none of them on that side cannot hold a match. Only rules
    woken by one category are read this way: the side is taken against triggers of that category.
    """
    table = full_table(language)
    wakers, required = rule_categories(language), rule_requirements(language)
    result: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for rule in language.rules:
        before, after = set(required[rule.name]), set(required[rule.name])
        if len(wakers[rule.name]) != 1 or not rule.examples:
            before.clear()
            after.clear()
        for example in rule.examples if before or after else ():
            found = table.scan(_example_span(example))
            waking = [start for start, _, category, _ in found if category in wakers[rule.name]]
            for category in required[rule.name]:
                starts = [start for start, _, found_category, _ in found if found_category == category]
                if not waking or not starts or min(starts) >= max(waking):
                    before.discard(category)
                if not waking or not starts or max(starts) <= min(waking):
                    after.discard(category)
        result[rule.name] = (frozenset(before), frozenset(after))
    return result


def _example_categories(table: TriggerTable, example: str) -> frozenset[str]:
    span = _example_span(example)
    categories = categories_of(table, [span])
    if not categories or categories == {"number"}:  # "1915-[17]": woken by the year beside it
        categories = categories_of(table, [span, example.rsplit("=>", 1)[0]])
    return categories


@cache
def full_table(language: Language) -> TriggerTable:
    """The table of every category, which the examples are read with."""
    return TriggerTable(language)


@cache
def trigger_table(language: Language) -> TriggerTable:
    """The table the engine scans with: only the categories that wake some rule."""
    wanted = frozenset().union(*rule_categories(language).values(), *rule_requirements(language).values())
    return TriggerTable(language, wanted)


def _example_span(example: str) -> str:
    """The expression of an example: the [bracketed] part, else all before "=>"."""
    text = example.rsplit("=>", 1)[0].strip()
    if "[" in text and "]" in text:
        return text[text.index("[") + 1 : text.index("]")]
    return text


@cache
def rule_reach(language: Language) -> dict[str, tuple[int, int]]:
    """Rule name -> how far (characters) a window must reach before and after the waking trigger.

    Read off the examples: the rule is run on each, and the window around the trigger must
    hold its match (context words included, such as the "in" of "in [1997]") and what its
    look-aheads read; a margin is added for longer forms than the examples show (a form
    longer still needs an example of its own). Where an example holds several triggers of
    the waking category, the one needing the smallest window is measured.
    """
    table = full_table(language)
    categories = rule_categories(language)
    reach: dict[str, tuple[int, int]] = {}
    for rule in language.rules:
        before = after = 0
        for example in rule.examples:
            clean, (lo, hi) = _example_match(rule, example)
            sides = [
                _sides_needed(rule, clean, (lo, hi), (start, end))
                for start, end, category, _ in table.scan(clean)
                if category in categories[rule.name]
            ]
            if sides:
                nearest = min(sides, key=lambda side: max(side))
                before, after = max(before, nearest[0]), max(after, nearest[1])
        reach[rule.name] = (before + MARGIN, after + MARGIN)
    return reach


def _sides_needed(rule: RuleSpec, text: str, match: tuple[int, int], trigger: tuple[int, int]) -> tuple[int, int]:
    """How far before and after ``trigger`` a window must reach for the rule to find ``match``
    in it: past the match's edges, and past what its look-aheads read ("du [26] au 29
    septembre" is found around "septembre" only if the window holds the "26")."""
    before = max(trigger[0] - match[0], 0)
    after = max(match[1] - trigger[1], 0)
    lo = trigger[0] - before
    while trigger[1] + after < len(text):
        found = rule.pattern.search(text, lo, trigger[1] + after)
        if found is not None and found.span() == match:
            break
        after += 1
    return before, after


def _example_match(rule: RuleSpec, example: str) -> tuple[str, tuple[int, int]]:
    """An example's text (without its brackets) and the edges of the rule's match in it."""
    clean = example.rsplit("=>", 1)[0].strip().replace("[", "").replace("]", "")
    span = _example_span(example)
    offset = clean.find(span)
    return clean, _match_around(rule, clean, offset, offset + len(span))


def _match_around(rule: RuleSpec, text: str, start: int, end: int) -> tuple[int, int]:
    """The edges of the rule's match that covers text[start:end] (the span itself if none does)."""
    for match in rule.pattern.finditer(text):
        if match.start() <= start and end <= match.end():
            return match.start(), match.end()
    return start, end


@cache
def rule_words(language: Language) -> dict[str, frozenset[str] | None]:
    """Rule name -> the trigger words that can wake it (None: every trigger of its category).

    A rule woken by one category of words need not run around all of them: "last [year]" can
    never be "last [quarter]" if its pattern names no quarter. Each phrase a trigger word
    starts ("quarter", "Good Friday") is put in place of the waking word of each example; the
    word wakes the rule if the rule then still matches where the example's match starts.
    Only the words of vocabulary tables and of the [triggers] lists named ``whole_words`` are
    told apart this way (other lists hold first words of longer names), for each category that
    wakes the rule; a word that also starts a longer entry and digits ("" as a word) always
    wake it, and so do all the triggers of a rule woken by a category of neither kind.
    """
    table = full_table(language)
    categories = rule_categories(language)
    result: dict[str, frozenset[str] | None] = {}
    for rule in language.rules:
        waking = categories[rule.name]
        if not rule.examples or any(category not in table.phrases for category in waking):
            result[rule.name] = None
            continue
        woken = {""}
        for category in waking:
            read = [_read_words(rule, table, frozenset({category}), example) for example in rule.examples]
            woken |= {
                word
                for word, texts in table.phrases[category].items()
                if not texts or any(_wakes(rule, read, text) for text in texts)
            }
        result[rule.name] = frozenset(woken)
    return result


ExampleWords = tuple[str, int, tuple[tuple[int, int], ...]]  # an example's text, its match's start, words it reads


def _wakes(rule: RuleSpec, examples: list[ExampleWords], phrase: str) -> bool:
    """Whether ``phrase``, put in place of a word an example's match reads, keeps that match (same start)."""
    return any(
        _keeps_match(rule, clean, match_start, start, end, phrase)
        for clean, match_start, words in examples
        for start, end in words
    )


def _read_words(rule: RuleSpec, table: TriggerTable, waking: frozenset[str], example: str) -> ExampleWords:
    """An example's text, the start of its match and the (start, end) of the words of ``waking``
    categories that its match reads: those without which it is lost. A unit elsewhere in the
    sentence ("For [the nine months], net rose 5% from a year earlier") does not say that
    "year" wakes the rule. When the match reads none of them (it is woken by a word it may
    do without), all of them."""
    clean, (match_start, _) = _example_match(rule, example)
    words = [(start, end) for start, end, category, _ in table.scan(clean) if category in waking]
    read = tuple(word for word in words if not _keeps_match(rule, clean, match_start, *word, FILLER))
    return clean, match_start, read or tuple(words)


FILLER = "zqxj"  # a word no pattern reads


def _keeps_match(rule: RuleSpec, clean: str, match_start: int, start: int, end: int, phrase: str) -> bool:
    """Whether the rule still matches at ``match_start`` with ``phrase`` in place of clean[start:end],
    written in the case of the word it replaces."""
    original = clean[start:end]
    if original.isupper() and len(original) > 1:
        put = phrase.upper()
    elif original[:1].isupper():
        put = phrase[:1].upper() + phrase[1:]
    else:
        put = phrase.lower()
    changed = clean[:start] + put + clean[end:]
    return any(match.start() == match_start for match in rule.pattern.finditer(changed))


@cache
def category_reach(language: Language) -> dict[str, tuple[int, int]]:
    """Category -> the farthest reach, before and after, of the rules it wakes."""
    reach = rule_reach(language)
    result: dict[str, tuple[int, int]] = {}
    for category, rules in rules_by_category(language).items():
        result[category] = (max(reach[r.name][0] for r in rules), max(reach[r.name][1] for r in rules))
    return result


@cache
def rules_by_category(language: Language) -> dict[str, list[RuleSpec]]:
    by_category: dict[str, list[RuleSpec]] = {}
    categories = rule_categories(language)
    for rule in language.rules:
        for category in categories[rule.name]:
            by_category.setdefault(category, []).append(rule)
    return by_category
