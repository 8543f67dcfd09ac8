"""The text around an expression: sentences, quotations and tense.

Resolution needs to know which sentence an expression is in (for the event it becomes and
for its tense) and whether it sits inside a quotation (so "today" means the day the words
were said, not the day the article was published).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

import regex

SENTENCE_END = regex.compile(
    r"(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|No|U\.S|vs|etc|[A-Z]))"
    r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n"
)
FUTURE = regex.compile(
    r"\b(?:will|won't|shall|'ll|going to|plans? to|expect\w*|is to|are to|scheduled|"
    r"set to|intends? to|upcoming|next|until|as soon as|as early as)\b",
    regex.IGNORECASE,
)
PAST = regex.compile(
    r"\b(?:was|were|had|did|ago|last|earlier|previously|(?<!\b(?:be|been|being|to|will|would|to be) )"
    r"(?!(?:said|told|announced|reported|added|stated|expected|scheduled|planned)\b)\w{3,}ed)\b",
    regex.IGNORECASE,
)
QUOTE_PAIRS = (("“", "”"), ('"', '"'))


@dataclass(frozen=True)
class Quote:
    """A quotation: its inner span and the attribution around it ("..., the minister said Friday.")."""

    start: int
    end: int
    attribution_start: int
    attribution_end: int


class TextContext:
    """Sentences, quotations and tense of one text, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        bounds: list[tuple[int, int]] = []
        start = 0
        for match in SENTENCE_END.finditer(self.text):
            end = match.end()
            bounds.append((start, end))
            start = end
        bounds.append((start, len(self.text)))
        return [self._strip(lo, hi) for lo, hi in bounds if self.text[lo:hi].strip()] or [(0, len(self.text))]

    def _strip(self, lo: int, hi: int) -> tuple[int, int]:
        while lo < hi and self.text[lo].isspace():
            lo += 1
        while hi > lo and self.text[hi - 1].isspace():
            hi -= 1
        return lo, hi

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [lo for lo, _ in self.sentence_bounds]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        return self.sentence_bounds[index]

    @cached_property
    def quotes(self) -> list[Quote]:
        quotes: list[Quote] = []
        for opening, closing in QUOTE_PAIRS:
            position = 0
            while True:
                start = self.text.find(opening, position)
                if start < 0:
                    break
                end = self.text.find(closing, start + 1)
                paragraph_end = self.text.find("\n", start)
                if end < 0 or (0 <= paragraph_end < end and opening == '"'):
                    break
                if end - start > 20:  # a quotation, not a scare-quoted word
                    quotes.append(self._with_attribution(start + 1, end))
                position = end + 1
        return sorted(quotes, key=lambda q: q.start)

    def _with_attribution(self, start: int, end: int) -> Quote:
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        after_end = self.text.find(".", end + 1, line_end)
        after_end = line_end if after_end < 0 else after_end
        return Quote(start, end, line_start, after_end)

    def quote_at(self, offset: int) -> Quote | None:
        for quote in self.quotes:
            if quote.start <= offset < quote.end:
                return quote
        return None

    def tense(self, start: int, end: int) -> int:
        """-1 past, +1 future, 0 unknown, from the verbs of the clause around ``start:end``."""
        lo, hi = self.sentence_at(start)
        before = self.text[max(lo, start - 50):start]
        after = self.text[end:min(hi, end + 30)]
        # The marker nearest the expression wins: "said it will sign on Friday" is future.
        nearest: tuple[int, int] | None = None  # (distance, tense)
        for pattern, tense in ((FUTURE, 1), (PAST, -1)):
            for match in pattern.finditer(before):
                distance = len(before) - match.end()
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, tense)
            for match in pattern.finditer(after):
                distance = match.start() + 10  # words after the expression count a little less
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, tense)
        return 0 if nearest is None else nearest[1]
