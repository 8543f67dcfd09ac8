"""What happened: a short label for an event, taken from the sentence that dates it.

The label is the clause around the date expression with the date words taken out, so that
"Armenia said on Friday Azerbaijan had failed to fulfil a promise" dated by "Friday" reads
"Armenia said Azerbaijan had failed to fulfil a promise".

* Clauses split on ``; : —``, on a spaced en dash (not on "1939–1945"), at full stops (for
  text that is a paragraph, not a sentence) and on ", " before a conjunction ("…, and it had").
  A stop the language's sentence rules end no sentence at (an initial, "Gen.", "U.S.": the
  extractor's ``[sentences] abbreviations``) splits nothing and stays on a label it ends; a
  ", and" that closes a list ("France, Belgium, the Netherlands, and Luxembourg") is no break.
* Every date expression of the clause is taken out, with a preposition it leaves dangling
  ("on", "since", "jusqu'à", "hasta" …), the words joining it to the next date ("entre el 5 y
  el 6"), a possessive "’s", and a complement hanging on a date that opens the clause ("La
  veille de la clôture, le concert …"); a date with a complement inside the clause ("Los
  últimos dos meses de la campaña han …") stays. Quotes and brackets the cut orphaned go, and so
  do list conjunctions left at the end ("… Asia Minor and").
* The words are the language's: ``labels.toml`` in its resources folder
  (:mod:`timeline.events.label_words`), read for the document's language.
* A clause too long for a label gives way to its comma-separated piece around the expression
  when that piece has a few words of its own, else to a window that holds the expression.
* Labels longer than :data:`MAX_LABEL` characters are cut at a word boundary with an ellipsis.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import cache

import regex

from timeline.events.label_words import LabelWords, label_words
from timeline.extract.resources import ResourceError, TextRules, load_language

MAX_LABEL = 80
ELLIPSIS = "…"

_MIN_PIECE_WORDS = 4  # a comma piece shorter than this ("that is") says too little alone
_LEAD_IN = 48  # an expression further than this into a long clause gets a label that starts near it
_LIST_ITEM_WORDS = 2  # "…, the Soviet Union, and": an item this short (articles aside) after a comma is a list's
_ABBREVIATION_REACH = 16  # characters before a stop that can tell an abbreviation ("Sept", "U.S", "Mmes")
_PREPOSITION_REACH = 24  # characters before a date that can hold the preposition(s) it leaves dangling
_POSSESSIVE = regex.compile(r"['’]s\b")
_COMMA = regex.compile(r",[’”\"]?\s+")
_EMPTY_BRACKETS = regex.compile(r"\([\s\-–—,;/]*\)|\[[\s\-–—,;/]*\]")
_WORD = regex.compile(r"\p{L}{2,}")
_WORD_OR_NUMBER = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_ANTECEDENT_WORDS = 3
_ASIDE_WORDS = 5  # a piece between commas this short ("its launch customer") is an aside a long label may drop
_HASHTAG = regex.compile(r"(?<![\p{L}\p{N}])#(?=\p{L})")
_URL = regex.compile(r"\b(?:https?://|www\.)\S+", regex.IGNORECASE)
_SPACE = regex.compile(r"\s+")
_SPACE_BEFORE_PUNCT = regex.compile(r"\s+([,.;:!?)\]’”])")
_SPACE_AFTER_OPEN = regex.compile(r"([(\[‘“])\s+")
_REPEATED_COMMA = regex.compile(r",(\s*,)+")
_EDGE_JUNK = " \t\n,;:.-—–"
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ('"', '"'), ("(", ")"), ("[", "]"))


def event_label(
    sentence: str, span: tuple[int, int], date_spans: Sequence[tuple[int, int]] = (), *, language: str = "en"
) -> str:
    """The label of the event dated by ``sentence[span[0]:span[1]]``.

    ``date_spans`` are the offsets (into ``sentence``) of every date expression to leave out;
    ``span`` is always left out. Falls back to the rest of the sentence when the expression's
    clause holds nothing but dates, and to the expression itself when the sentence does.
    ``language`` (a code) says which stops end no sentence ("Dr.", "U.S.").
    """
    removed = sorted({span, *date_spans})
    whole = (0, len(sentence))
    rules, words = _sentence_rules(language), label_words(language)
    clause = _around(
        _pieces(sentence, words.clause_break, *whole, keep=lambda brk: _is_break(sentence, brk, rules, words)),
        span[0],
    )
    region = clause
    label = _label_of(sentence, *clause, removed, words)
    if len(label) > MAX_LABEL:
        label = _without_asides(sentence, clause, span, removed, words) or label
    if len(label) > MAX_LABEL:
        piece = _around(_pieces(sentence, _COMMA, *clause), span[0])
        piece_label = _label_of(sentence, *piece, removed, words)
        after = (span[1], clause[1])
        after_label = _label_of(sentence, *after, removed, words)
        if piece != clause and _word_count(piece_label) >= _MIN_PIECE_WORDS:
            region, label = piece, piece_label
        elif span[0] - clause[0] > _LEAD_IN and _word_count(after_label) >= _MIN_PIECE_WORDS:
            # Deep in a long clause ("X said that on Friday Y happened"): what follows the date is what happened.
            region, label = after, after_label
        elif span[0] - clause[0] > _LEAD_IN:
            # A window that holds the expression, as late as the clause allows.
            earliest = max(clause[0], min(span[0] - _LEAD_IN // 2, clause[1] - MAX_LABEL))
            window = sentence.find(" ", earliest, span[0])
            if window > 0:
                region, label = (window, clause[1]), ELLIPSIS + _label_of(sentence, window, clause[1], removed, words)
    if not _word_count(label):
        region, label = whole, _label_of(sentence, *whole, removed, words)
    if not _word_count(label):
        label = _tidy(sentence[span[0] : span[1]], words)
    label = _with_antecedent(label, _label_of(sentence, 0, region[0], removed, words), words)
    label = _with_abbreviation_stop(label, sentence, rules)
    if words.fragment_start.match(label):  # a piece that hangs on what the label left out: "…de la decepción"
        label = ELLIPSIS + label
    return shorten(label[:1].upper() + label[1:])


def _without_asides(
    sentence: str, clause: tuple[int, int], span: tuple[int, int], removed: Sequence[tuple[int, int]], words: LabelWords
) -> str | None:
    """The clause's label without a short aside between its subject and its predicate
    ("Deliveries to Singapore Airlines, its launch customer, are not due until October"), when
    that fits a label: the predicate is said of the subject, so neither may go. The aside is the
    second comma piece, short, the first holds a few words and no date, and the third goes on in
    lower case (a predicate, not the next item of a list). None when there is no such aside or
    the label is still too long."""
    pieces = _pieces(sentence, _COMMA, *clause)
    if len(pieces) < 3 or span[0] < pieces[1][1]:
        return None
    subject, aside, rest = pieces[0], pieces[1], pieces[2]
    going_on = _WORD_OR_NUMBER.match(sentence, rest[0])
    if (
        _word_count(sentence[subject[0] : subject[1]]) < 2
        or _word_count(sentence[aside[0] : aside[1]]) > _ASIDE_WORDS
        or any(start < subject[1] for start, _ in removed)
        or going_on is None
        or not going_on.group()[:1].islower()
        or going_on.group().lower() in words.list_conjunctions
    ):
        return None
    label = _label_of(sentence, *clause, sorted([*removed, (subject[1], rest[0])]), words)
    return label if len(label) <= MAX_LABEL else None


@cache
def _sentence_rules(language: str) -> TextRules:
    """The sentence rules of ``language`` (English for a code that has no resources: a made-up one)."""
    try:
        rules = load_language(language).text_rules
    except ResourceError:
        rules = load_language("en").text_rules
    assert rules is not None  # every loaded language has them
    return rules


def _ends_sentence(text: str, stop: int, rules: TextRules) -> bool:
    """Whether the stop at ``text[stop]`` ends a sentence by the language's rules: not the stop of
    an initial ("Franklin D."), nor of an abbreviation ("Gen.", "U.S."). The rules ask what follows
    the stop, so they are shown a capital after it (and only the few characters before it that an
    abbreviation can take)."""
    start = max(0, stop - _ABBREVIATION_REACH)
    probe = text[start : stop + 1] + " A"
    return rules.sentence_end.match(probe, stop - start) is not None


def _is_break(sentence: str, brk: regex.Match[str], rules: TextRules, words: LabelWords) -> bool:
    """Whether a match of the language's clause breaks breaks the clause: a stop that ends a sentence, a
    ", and" that joins clauses, not the last items of a list; any other break does."""
    if brk.group("stop") is not None:
        return _ends_sentence(sentence, brk.start("stop"), rules)
    if brk.group("conjunction") is not None:
        word = _WORD_OR_NUMBER.match(sentence, brk.end())
        if word is not None and word.group().lower() in words.list_conjunctions:
            item_start = sentence.rfind(",", 0, brk.start()) + 1
            item = sentence[item_start : brk.start()]
            item_words = [w for w in _WORD_OR_NUMBER.findall(item) if w.lower() not in words.articles]
            is_list = item_start > 0 and len(item_words) <= _LIST_ITEM_WORDS
            return not is_list
    return True


def _with_abbreviation_stop(label: str, sentence: str, rules: TextRules) -> str:
    """The label with the stop its tidying took off its last word put back where that stop ends no
    sentence: "travelling to the U.S." (not "the U.S")."""
    last = label.rsplit(" ", 1)[-1]
    if not last[-1:].isalpha() or _ends_sentence(label + ".", len(label), rules):
        return label
    written = regex.search(r"(?<!\S)" + regex.escape(last) + r"\.", sentence)
    return label + "." if written else label


def _with_antecedent(label: str, before: str, words: LabelWords) -> str:
    """A label that opens on a relative pronoun ("which killed thousands") gets the words it stands
    for back ("fierce fighting killed thousands"), or loses the pronoun when nothing precedes it.

    The antecedent is the noun phrase ending just before: a run of capitalised words ("Thrace",
    "Nagorno-Karabakh"), else the words after the last determiner among the last few ("their
    fierce fighting" gives "fierce fighting"), else the last word.
    """
    if label.startswith(ELLIPSIS):  # a window into a clause: the pronoun's antecedent is not in it
        inside = label[len(ELLIPSIS) :]
        relative = words.relative.match(inside)
        return label if relative is None else ELLIPSIS + inside[relative.end() :]
    relative = words.relative.match(label)
    if relative is None:
        return label
    rest = label[relative.end() :]
    antecedent = _WORD_OR_NUMBER.findall(before)[-_ANTECEDENT_WORDS:]
    if antecedent and antecedent[-1][:1].isupper():
        capitalised = list(itertools.takewhile(lambda w: w[:1].isupper(), reversed(antecedent)))
        antecedent = capitalised[::-1]
    else:
        determiners = words.determiners
        cut = max((i + 1 for i, w in enumerate(antecedent) if w.lower() in determiners), default=len(antecedent) - 1)
        antecedent = antecedent[cut:]
    return " ".join([*antecedent, rest]) if antecedent else rest


def text_label(text: str, *, language: str = "en") -> str:
    """A label made of a whole short text (a quoted post): links and hashtag signs dropped, tidied, cut."""
    label = _tidy(_HASHTAG.sub("", text), label_words(language))
    return shorten(label[:1].upper() + label[1:])


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut at the last word boundary that fits ``limit`` characters with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS) + 1]
    cut = head.rfind(" ")
    head = head[:cut] if cut > 0 else head[:-1]
    return head.rstrip(_EDGE_JUNK) + ELLIPSIS


def shorten_to_words(text: str, limit: int, words: int, most: int = MAX_LABEL) -> str:
    """``text`` cut as :func:`shorten` cuts it at ``limit`` characters, or at the first later word
    boundary (up to ``most`` characters) that keeps ``words`` words, when the cut at ``limit``
    keeps fewer: "Following the…" becomes "Following the Nagorno-Karabakh…"."""
    cut = shorten(text, limit)
    space = limit - 1
    while cut != text and _word_count(cut) < words:
        space = text.find(" ", space + 1)
        if space < 0 or space + 1 > most:
            return shorten(text, limit)
        cut = shorten(text, space + 1)
    return cut


def _pieces(
    sentence: str,
    breaks: regex.Pattern[str],
    start: int,
    end: int,
    keep: Callable[[regex.Match[str]], bool] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) offsets of the pieces of ``sentence[start:end]`` between ``breaks`` (those ``keep`` keeps)."""
    bounds, position = [], start
    for brk in breaks.finditer(sentence, start, end):
        if keep is not None and not keep(brk):
            continue
        bounds.append((position, brk.start()))
        position = brk.end()
    bounds.append((position, end))
    return bounds


def _around(pieces: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The piece holding ``offset`` (the last one when it falls in a break)."""
    return next((p for p in pieces if p[0] <= offset < p[1]), pieces[-1])


def _label_of(sentence: str, start: int, end: int, removed: Sequence[tuple[int, int]], words: LabelWords) -> str:
    """``sentence[start:end]`` with the date spans inside it cut out, tidied. A date goes with the
    prepositions it leaves dangling ("since", "jusqu'à"), the words joining it to the next date
    ("entre el 5 y el 6 de junio") and, when it opens the text, the complement that hangs on it
    ("La veille de la clôture, le concert …" gives "le concert …"). A date with a complement
    elsewhere is what the clause is about ("Los últimos dos meses de la campaña han estado …"):
    it stays."""
    spans = [(s, e) for s, e in removed if e > start and s < end]
    pieces: list[str] = []
    position, last_cut = start, -1
    for index, (date_start, date_end) in enumerate(spans):
        after = min(date_end, end)
        complement = words.date_complement.match(sentence, after, end)
        opens = not _word_count(" ".join(pieces)) and not _word_count(sentence[position:date_start])
        if words.date_of.match(sentence, after, end) and not (complement is not None and opens):
            continue
        before = sentence[position : max(position, date_start)]
        if position == last_cut and words.between_dates.fullmatch(before):
            before = ""
        else:
            following = spans[index + 1][0] if index + 1 < len(spans) else -1
            starts_range = following >= 0 and words.between_dates.fullmatch(sentence, after, following) is not None
            preposition = words.range_preposition if starts_range else words.date_preposition
            cut = max(0, len(before) - _PREPOSITION_REACH)  # the regex only needs the last words
            before = before[:cut] + preposition.sub("", before[cut:])
        pieces.append(before)
        position = max(position, after)
        if _POSSESSIVE.match(sentence, position):
            position += 2
        if complement is not None and opens:
            position = complement.end()
        last_cut = position
    head, tail = " ".join(pieces), sentence[position:end]
    if spans and not _word_count(tail):  # a cut ends the text: nothing may hang on it ("… Mayo y")
        head = words.dangling_end.sub("", head)
    return _tidy(f"{head} {tail}", words)


def _tidy(text: str, words: LabelWords) -> str:
    text = _URL.sub("", text)
    text = _EMPTY_BRACKETS.sub("", text)
    text = _SPACE.sub(" ", text)
    text = _REPEATED_COMMA.sub(",", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    text = _tight_straight_quotes(text)
    text = text.strip(_EDGE_JUNK)
    for opening, closing in _QUOTE_PAIRS:
        text = _drop_unbalanced(text, opening, closing)
    text = words.trailing_conjunction.sub("", text)
    return words.leading_conjunction.sub("", text.strip(_EDGE_JUNK))


def _tight_straight_quotes(text: str) -> str:
    """Straight double quotes that pair up hold their words without spaces inside: a date cut
    from the end of a quotation leaves none before its closing mark ('"… para el pueblo"')."""
    parts = text.split('"')
    if len(parts) % 2 == 0:  # an odd number of marks: which closes is unknown
        return text
    for quoted in range(1, len(parts), 2):
        parts[quoted] = parts[quoted].strip()
    return '"'.join(parts)


def _drop_unbalanced(text: str, opening: str, closing: str) -> str:
    """Remove quote marks a clause cut orphaned; an apostrophe inside a word is not a quote."""
    if opening not in text and closing not in text:
        return text
    if opening == closing:
        if text.count(opening) % 2 == 0:
            return text
        return text.replace(opening, "", 1) if text.startswith(opening) else text.rstrip(opening)
    depth, orphans = 0, []
    for i, ch in enumerate(text):
        if ch == opening:
            depth += 1
            orphans.append(i)
        elif ch == closing and not _is_apostrophe(text, i):
            if depth:
                depth -= 1
                orphans.pop()
            else:
                orphans.append(i)
    for i in reversed(orphans):
        text = text[:i] + text[i + 1 :]
    return text


def _is_apostrophe(text: str, index: int) -> bool:
    """A ’ between letters ("Russia’s") is an apostrophe, not a closing quote."""
    return text[index] == "’" and 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))
