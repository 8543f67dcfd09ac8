"""The extractor: text (and what is known of its date) in, resolved temporal expressions out."""

from __future__ import annotations

from datetime import date

from timeline.extract.calendar import parse_iso_date
from timeline.extract.context import TextContext
from timeline.extract.dct import find_document_date
from timeline.extract.matching import Candidate, find_candidates
from timeline.extract.model import DctSource, DocumentDate, Extraction, Timex
from timeline.extract.resolve import Resolver, to_timex
from timeline.extract.resources import load_language


def extract(
    text: str,
    dct: str | date | None = None,
    *,
    metadata_date: str | None = None,
    language: str = "en",
) -> Extraction:
    """Find and resolve the temporal expressions of ``text``.

    ``dct`` is the document creation time when known (ISO string or date). Without it the
    date is looked for in the text (a byline), then in ``metadata_date`` (HTML metadata);
    failing both, the document is read as a narrative, resolved against the dates it mentions.
    Raises ValueError only for a ``dct`` that is not a date; any text is accepted.
    """
    lang = load_language(language)
    candidates = find_candidates(text, lang)
    document_date = _document_date(text, candidates, dct, metadata_date)
    day = parse_iso_date(document_date.value) if document_date.value else None
    context = TextContext(text)
    resolver = Resolver(context, day, candidates)
    timexes: list[Timex] = []
    for candidate in candidates:
        resolved = resolver.resolve(candidate)
        timexes.append(to_timex(candidate, resolved, context, text))
    return Extraction(timexes, document_date)


def _document_date(
    text: str, candidates: list[Candidate], dct: str | date | None, metadata_date: str | None
) -> DocumentDate:
    if dct is not None:
        day = dct if isinstance(dct, date) else parse_iso_date(dct)
        return DocumentDate(day.isoformat(), DctSource.GIVEN)
    found = find_document_date(text, candidates)
    if found is not None:
        return found
    if metadata_date:
        try:
            return DocumentDate(parse_iso_date(metadata_date).isoformat(), DctSource.METADATA)
        except ValueError:
            pass
    return DocumentDate(None, DctSource.NONE)
