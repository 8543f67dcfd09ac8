"""Finding the document's own date in its text: bylines and datelines.

A byline date stands on a line of its own ("Sat, 05/15/2021 – 07:35"), perhaps after a label
("Published: 2 June 2015", "Updated on ..."). Dates inside sentences are what the document talks
about, not when it was written, so they never count.
"""

from __future__ import annotations

import regex

from timeline.extract.calendar import CalendarValue
from timeline.extract.matching import Candidate
from timeline.extract.meaning import DateMeaning
from timeline.extract.model import DctSource, DocumentDate
from timeline.extract.resources import TextRules

BYLINE_REACH = 200  # characters around a byline date its line may hold


def find_document_date(text: str, candidates: list[Candidate], rules: TextRules) -> DocumentDate | None:
    """The byline date of ``text``, preferring one labelled "Published"/"Posted" (the labels of
    the language's ``language.toml`` [byline])."""
    found: list[tuple[bool, Candidate, CalendarValue]] = []
    for candidate in candidates:
        meaning = candidate.meaning
        if not isinstance(meaning, DateMeaning):
            continue
        year = meaning.value.year
        if year is None or not 1 <= year <= 9999 or meaning.value.day is None:
            continue  # a day BC ("15 March 44 BC" on a line of its own) dates no document
        # a byline is a short line: look no farther than BYLINE_REACH each side
        window = max(0, candidate.start - BYLINE_REACH)
        line_start = text.rfind("\n", window, candidate.start) + 1
        if line_start == 0 and window > 0:
            continue
        limit = min(len(text), candidate.end + BYLINE_REACH)
        line_end = text.find("\n", candidate.end, limit)
        if line_end < 0 and limit < len(text):
            continue
        line_end = limit if line_end < 0 else line_end
        before = text[line_start : candidate.start]
        after = text[candidate.end : line_end]
        if rules.byline_label.match(before) and not regex.search(r"\w", after):
            found.append((bool(rules.byline_labelled.search(before)), candidate, meaning.value))
    if not found:
        return None
    labelled = [(c, v) for is_labelled, c, v in found if is_labelled]
    chosen, value = (labelled or [(c, v) for _, c, v in found])[0]
    day = f"{value.year:04d}-{value.month or 1:02d}-{value.day:02d}"
    return DocumentDate(day, DctSource.TEXT, text[chosen.start : chosen.end], chosen.start, chosen.end)
