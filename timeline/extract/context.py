"""The text around an expression: sentences, quotations and tense.

Resolution needs to know which sentence an expression is in (for the event it becomes and
for its tense) and whether it sits inside a quotation (so "today" means the day the words
were said, not the day the article was published).
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from functools import cached_property

import regex

from timeline.extract.record import record
from timeline.extract.resources import HOLD_GIL, SENTENCE_STOPS, Language, TextRules, load_language

QUOTE_OPENERS = ('"', "“", "‘", " '", "('")  # what a quotation may open with (see QUOTATION)
QUOTE_OPENER = regex.compile("|".join(regex.escape(mark) for mark in QUOTE_OPENERS))
NEWLINE = regex.compile("\n")
QUOTATION = regex.compile(  # double or single, curly or straight; apostrophes inside words allowed
    r"“(?P<q>[^”\n]{20,}?)”"
    r'|"(?P<q>[^"\n]{20,}?)"'
    r"|(?<!\w)‘(?P<q>(?:[^’\n]|’(?=\w)){20,}?)’(?!\w)"
    r"|(?<!\w)'(?P<q>(?:[^'\n]|'(?=\w)){20,}?)'(?!\w)"
)


MAX_SENTENCE = 1000  # characters: a longer run without a full stop is cut into pieces
# characters added to the distance of a tense marker after an expression: words after it count a little less
AFTER_PENALTY = 10


def _cut_long_sentences(text: str, ends: list[int], limit: int) -> list[int]:
    """``ends`` with extra boundaries, at the last white space before ``limit`` characters
    (or at ``limit`` itself when there is none), so that no sentence is longer than ``limit``."""
    if max(map(operator.sub, [*ends, len(text)], [0, *ends])) <= limit:
        return ends  # the usual case, checked at C speed
    result: list[int] = []
    previous = 0
    for end in [*ends, len(text)]:
        while end - previous > limit:
            space = text.rfind(" ", previous + limit // 2, previous + limit)
            previous = space + 1 if space >= 0 else previous + limit
            result.append(previous)
        result.append(end)
        previous = end
    result.pop()  # the end of the text is no boundary of its own
    return result


def sentence_ends(text: str, sentence_end: regex.Pattern[str]) -> list[int]:
    """Where the matches of ``sentence_end`` end, as ``finditer`` finds them, with the pattern
    tried only where a stop or a line break stands (each of its alternatives starts with one
    of SENTENCE_STOPS): ``str.find`` reaches those at C speed, where the regex module's scan
    paid for every character of the text (a third of the cost of one TBAQ pass's sentences)."""
    stops: list[int] = []
    for stop in SENTENCE_STOPS:
        position = text.find(stop)
        while position >= 0:
            stops.append(position)
            position = text.find(stop, position + 1)
    stops.sort()
    ends: list[int] = []
    end = 0
    for position in stops:
        if position < end:
            continue  # inside the last match ("\n\n\n" is one)
        match = sentence_end.match(text, position, None, HOLD_GIL)
        if match is not None:
            end = match.end()
            ends.append(end)
    return ends


@record
class Quote:
    """A quotation: its inner span and the attribution around it ("..., the minister said Friday.")."""

    start: int
    end: int
    attribution_start: int
    attribution_end: int


class TextContext:
    """Sentences, quotations and tense of one text, computed once."""

    def __init__(self, text: str, language: Language | None = None) -> None:
        self.text = text
        rules = (language or load_language("en")).text_rules
        assert rules is not None  # every loaded language has them
        self.rules: TextRules = rules
        self._sentences: dict[int, tuple[int, int]] = {}

    @cached_property
    def _boundaries(self) -> list[int]:
        """Where sentences end (one pass over the text, done on first use); a run of text
        longer than MAX_SENTENCE without a full stop is cut at white space into pieces."""
        return _cut_long_sentences(self.text, sentence_ends(self.text, self.rules.sentence_end), MAX_SENTENCE)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding ``offset``, white space trimmed."""
        known = self._sentences.get(offset)
        if known is not None:
            return known
        boundaries = self._boundaries
        index = bisect_right(boundaries, offset)
        start = boundaries[index - 1] if index else 0
        end = boundaries[index] if index < len(boundaries) else len(self.text)
        bounds = self._strip(start, end)
        if bounds[0] >= bounds[1]:
            bounds = (offset, offset)
        self._sentences[offset] = bounds
        return bounds

    def _strip(self, lo: int, hi: int) -> tuple[int, int]:
        while lo < hi and self.text[lo].isspace():
            lo += 1
        while hi > lo and self.text[hi - 1].isspace():
            hi -= 1
        return lo, hi

    @cached_property
    def quotes(self) -> list[Quote]:
        """Quotations of 20 characters or more (shorter ones are scare quotes or titles)."""
        if not any(mark in self.text for mark in "“\"‘'"):
            return []
        return [self._with_attribution(*match.span("q")) for match in QUOTATION.finditer(self.text)]

    def _with_attribution(self, start: int, end: int) -> Quote:
        """The attribution: the rest of the sentence after the quote, and the part before it
        (each looked for within MAX_SENTENCE characters, so a huge line costs no more)."""
        sentence_start, _ = self.sentence_at(start - 1) if start else (0, 0)
        line_start = max(self.text.rfind("\n", max(0, start - MAX_SENTENCE), start) + 1, min(sentence_start, start))
        limit = min(len(self.text), end + MAX_SENTENCE)
        line_end = self.text.find("\n", end, limit)
        line_end = limit if line_end < 0 else line_end
        after_end = self.text.find(".", end + 1, line_end)
        after_end = line_end if after_end < 0 else after_end
        return Quote(start, end, line_start, after_end)

    def quote_at(self, offset: int) -> Quote | None:
        """The quotation ``offset`` is inside, if any."""
        if not self._opens_quote_before(offset):
            return None  # no quotation opens on this line before the offset: skip finding them all
        quotes = self.quotes
        index = bisect_right(self._quote_starts, offset) - 1
        if index >= 0 and offset < quotes[index].end:
            return quotes[index]
        return None

    def _opens_quote_before(self, offset: int) -> bool:
        """Whether a quotation mark opens on the line of ``offset`` before it: read off the line
        when it is short, else by bisection in where lines and marks are (so that a long line
        is not read again for each expression on it)."""
        window = max(0, offset - MAX_SENTENCE)
        newline = self.text.rfind("\n", window, offset)
        if newline >= 0 or window == 0:
            line = self.text[newline + 1 : offset]
            return any(mark in line for mark in QUOTE_OPENERS) or line.startswith("'")
        newlines = self._newlines
        line_start = newlines[bisect_right(newlines, offset - 1) - 1] + 1 if newlines and newlines[0] < offset else 0
        if self.text.startswith("'", line_start):
            return True
        openers = self._openers
        index = bisect_left(openers, (line_start, 0))
        return index < len(openers) and openers[index][1] <= offset

    @cached_property
    def _newlines(self) -> list[int]:
        return [match.start() for match in NEWLINE.finditer(self.text)]

    @cached_property
    def _openers(self) -> list[tuple[int, int]]:
        """(start, end) of each mark a quotation may open with, in text order."""
        return [match.span() for match in QUOTE_OPENER.finditer(self.text)]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [quote.start for quote in self.quotes]

    def tense(self, start: int, end: int, *, deadline: bool = True) -> int:
        """-1 past, +1 future, 0 unknown, from the verbs of the clause around ``start:end``;
        ``deadline``: with no verb, "by" before it points ahead ("RSVP by Friday")."""
        lo, hi = self.sentence_at(start)
        before = self.text[max(lo, start - 60) : start]
        after = self.text[end : min(hi, end + 30)]
        # The marker nearest the expression wins: "said it will sign on Friday" is future.
        nearest: tuple[int, int] | None = None  # (distance, tense)
        marker = self.rules.tense_marker
        for match in marker.finditer(before, concurrent=HOLD_GIL):
            distance = len(before) - match.end()
            if nearest is None or distance <= nearest[0]:
                nearest = (distance, 1 if match.lastgroup == "future" else -1)
        if nearest is None or nearest[0] > AFTER_PENALTY:  # else no marker after could be nearer
            clause_end = self.rules.clause_break.search(after)  # "on Saturday and were ...": another verb's
            following = marker.search(after[: clause_end.start()] if clause_end else after)
            if following is not None:
                distance = following.start() + AFTER_PENALTY
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, 1 if following.lastgroup == "future" else -1)
        if nearest is None and deadline and self.rules.deadline_before and self.rules.deadline_before.search(before):
            return 1  # "RSVP by Friday"
        return 0 if nearest is None else nearest[1]
