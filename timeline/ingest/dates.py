"""Reading the document dates that corpora, HTML metadata and ``--dct`` give as ISO strings."""

from __future__ import annotations

from datetime import date, datetime


def iso_date(value: str) -> str | None:
    """``value`` as an ISO calendar date (``YYYY-MM-DD``), or None when it is not an ISO date.

    A full ISO timestamp (``2021-05-15T10:00:00+04:00``, as HTML metadata writes it) gives the
    date as written, not converted to UTC: the date printed on the article is the one it speaks from.
    """
    text = value.strip()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None
