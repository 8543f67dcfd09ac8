"""The extractor: text (and what is known of its date) in, resolved temporal expressions out."""

from __future__ import annotations

from datetime import date

from timeline.extract.calendar import parse_iso_date
from timeline.extract.context import TextContext
from timeline.extract.dct import find_document_date
from timeline.extract.detect import detect_language
from timeline.extract.matching import Candidate, find_candidates
from timeline.extract.model import DctSource, DocumentDate, Extraction, Timex
from timeline.extract.resolve import Resolver, to_timex
from timeline.extract.resources import Language, TextRules, load_language


def extract(
    text: str,
    dct: str | date | None = None,
    *,
    metadata_date: str | None = None,
    language: str | Language | None = None,
) -> Extraction:
    """Find and resolve the temporal expressions of ``text``.

    ``dct`` is the document creation time when known (ISO string or date). Without it the
    date is looked for in the text (a byline), then in ``metadata_date`` (HTML metadata);
    failing both, the document is read as a narrative, resolved against the dates it mentions.
    ``language`` is a language code ("en", "es", "fr"), a :class:`Language` read from a folder,
    or None to detect it from the text. Raises ValueError only for a ``dct`` that is not a date
    (and :class:`ResourceError` for a language that has no resources); any text is accepted.
    """
    if isinstance(language, Language):
        lang = language
    else:
        lang = load_language(language or detect_language(text))
    candidates = find_candidates(text, lang)
    assert lang.text_rules is not None
    document_date = _document_date(text, candidates, dct, metadata_date, lang.text_rules)
    day = parse_iso_date(document_date.value) if document_date.value else None
    context = TextContext(text, lang)
    resolver = Resolver(context, day, candidates)
    timexes: list[Timex] = []
    for candidate in candidates:
        resolved = resolver.resolve(candidate)
        timexes.append(to_timex(candidate, resolved, context, text))
    return Extraction(timexes, document_date, lang.code)


def _document_date(
    text: str, candidates: list[Candidate], dct: str | date | None, metadata_date: str | None, rules: TextRules
) -> DocumentDate:
    if dct is not None:
        day = dct if isinstance(dct, date) else parse_iso_date(dct)
        return DocumentDate(day.isoformat(), DctSource.GIVEN)
    found = find_document_date(text, candidates, rules)
    if found is not None:
        return found
    if metadata_date:
        try:
            return DocumentDate(parse_iso_date(metadata_date).isoformat(), DctSource.METADATA)
        except ValueError:
            pass
    return DocumentDate(None, DctSource.NONE)
