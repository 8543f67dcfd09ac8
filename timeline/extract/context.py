"""The text around an expression: sentences, quotations and tense.

Resolution needs to know which sentence an expression is in (for the event it becomes and
for its tense) and whether it sits inside a quotation (so "today" means the day the words
were said, not the day the article was published).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

import regex

SENTENCE_END = regex.compile(  # the stop first, then what may not precede it: cheap to scan
    r"[.!?](?<!\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Inc|Corp|Co|Ltd|No|U\.S|vs|etc|[A-Z])[.!?])"
    r"[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n"
)
FUTURE = regex.compile(
    r"\b(?:will|won't|shall|'ll|going to|plans? to|planned|planning|expect\w*|is to|are to|scheduled|"
    r"set to|intends? to|upcoming|next|until|as soon as|as early as|see (?:you|ya)|(?<!\b(?:been|was|were) )due|"
    r"(?:is|are) on|starts|begins|opens|reopens|resumes|kicks off|takes place|(?:is|are) held)\b",
    regex.IGNORECASE,
)
PAST = regex.compile(
    r"\b(?:was|were|had|did|ago|last|earlier|previously|"
    r"(?:rose|fell|grew|came|went|took|began|saw|made|gave|held|left|lost|met|paid|ran|sold|won|wrote|"
    r"spent|became|brought|fought|built|kept|sent|"
    r"(?!(?:said|told|announced|reported|added|stated|expected|scheduled|planned)\b)\w{3,}ed)"
    # a participle after "be", "to", "will" is no past tense ("will be held"); checked only
    # once a verb matched, which is cheaper than looking behind at every position
    r"(?<!\b(?:be|been|being|to|will|would)\s+\w+))\b",
    regex.IGNORECASE,
)
TENSE_MARKER = regex.compile(f"(?P<future>{FUTURE.pattern})|(?P<past>{PAST.pattern})", regex.IGNORECASE)
QUOTE_OPENERS = ('"', "“", "‘", " '", "('")  # what a quotation may open with (see QUOTATION)
QUOTATION = regex.compile(  # double or single, curly or straight; apostrophes inside words allowed
    r"“(?P<q>[^”\n]{20,}?)”"
    r'|"(?P<q>[^"\n]{20,}?)"'
    r"|(?<!\w)‘(?P<q>(?:[^’\n]|’(?=\w)){20,}?)’(?!\w)"
    r"|(?<!\w)'(?P<q>(?:[^'\n]|'(?=\w)){20,}?)'(?!\w)"
)


@dataclass(frozen=True, slots=True)
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
        self._sentences: dict[int, tuple[int, int]] = {}

    @cached_property
    def _boundaries(self) -> list[int]:
        """Where sentences end (one pass over the text, done on first use)."""
        return [match.end() for match in SENTENCE_END.finditer(self.text)]

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
        """The attribution: the rest of the sentence after the quote, and the part before it."""
        sentence_start, _ = self.sentence_at(start - 1) if start else (0, 0)
        line_start = max(self.text.rfind("\n", 0, start) + 1, min(sentence_start, start))
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        after_end = self.text.find(".", end + 1, line_end)
        after_end = line_end if after_end < 0 else after_end
        return Quote(start, end, line_start, after_end)

    def quote_at(self, offset: int) -> Quote | None:
        """The quotation ``offset`` is inside, if any."""
        line = self.text[self.text.rfind("\n", 0, offset) + 1 : offset]
        if not any(mark in line for mark in QUOTE_OPENERS) and not line.startswith("'"):
            return None  # no quotation opens on this line before the offset: skip finding them all
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
        for match in TENSE_MARKER.finditer(before):
            distance = len(before) - match.end()
            if nearest is None or distance <= nearest[0]:
                nearest = (distance, 1 if match.lastgroup == "future" else -1)
        match = TENSE_MARKER.search(after)
        if match is not None:
            distance = match.start() + 10  # words after the expression count a little less
            if nearest is None or distance < nearest[0]:
                nearest = (distance, 1 if match.lastgroup == "future" else -1)
        return 0 if nearest is None else nearest[1]
