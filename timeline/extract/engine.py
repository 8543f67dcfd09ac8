"""TEMPORARY stand-in, being replaced by the rule engine. Same signature as the final one."""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.extract.model import (
    Anchor, AnchorKind, DctSource, DocumentDate, Extraction, Grain, Interval, Timex, TimexType,
)

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_DATE = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r") (\d{1,2}), (\d{4})\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def extract(text: str, dct: str | date | None = None, *, metadata_date: str | None = None) -> Extraction:
    """Find and resolve the temporal expressions of ``text``.

    ``dct`` is the document creation time when known (ISO string or date); ``metadata_date``
    a publication date read from the document's metadata (HTML), used when ``dct`` is None.
    """
    out: list[Timex] = []
    for m in _DATE.finditer(text):
        d = date(int(m[3]), _MONTHS.index(m[1].lower()) + 1, int(m[2]))
        out.append(Timex(m[0], m.start(), m.end(), TimexType.DATE, d.isoformat(), Grain.DAY,
                         Interval(d.isoformat(), (d + timedelta(days=1)).isoformat()),
                         Anchor(AnchorKind.ABSOLUTE), sentence=text[max(0, m.start() - 40):m.end() + 40],
                         sentence_start=max(0, m.start() - 40), rule="stub"))
    for m in _YEAR.finditer(text):
        if any(t.start <= m.start() < t.end for t in out):
            continue
        y = int(m[0])
        out.append(Timex(m[0], m.start(), m.end(), TimexType.DATE, m[0], Grain.YEAR,
                         Interval(f"{y:04d}-01-01", f"{y + 1:04d}-01-01"), Anchor(AnchorKind.ABSOLUTE),
                         sentence=text[max(0, m.start() - 40):m.end() + 40], sentence_start=max(0, m.start() - 40),
                         rule="stub"))
    out.sort(key=lambda t: t.start)
    given = dct.isoformat() if isinstance(dct, date) else dct
    ddate = DocumentDate(given, DctSource.GIVEN) if given else DocumentDate(None, DctSource.NONE)
    return Extraction(out, ddate)
