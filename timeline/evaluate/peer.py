"""dateparser's ``search_dates`` as a peer system, its results turned into :class:`Timex` objects.

``search_dates`` returns (substring, datetime) pairs; we find each substring in the text
(searching forward from the previous one) and cut the datetime to the granularity
dateparser itself reports for that substring (``DateDataParser.get_date_data().period``):
"March 2013" becomes 2013-03, not 2013-03-01.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from timeline.extract.calendar import CalendarValue, parse_iso_date
from timeline.extract.model import Anchor, AnchorKind, Timex, TimexType

LANGUAGES = ["en"]  # what `timeline bench extract` reads its (English) texts as


def dateparser_timexes(text: str, dct: str | None = None, language: str = "en") -> list[Timex]:
    """The dates ``search_dates`` finds in ``text`` (read as ``language``), relative ones resolved
    against ``dct``.

    Without ``dct``, dateparser resolves relative dates against today, as it does by default.
    """
    found = search_dates(text, languages=[language], settings=search_settings(dct)) or []
    parser = _parser(dct, language)
    anchor = Anchor(AnchorKind.DOCUMENT_DATE, dct) if dct else Anchor(AnchorKind.NONE)
    timexes: list[Timex] = []
    cursor = 0
    for substring, moment in found:
        start = text.find(substring, cursor)
        if start < 0:  # dateparser reported text it did not take verbatim from ours
            continue
        cursor = start + len(substring)
        period = parser.get_date_data(substring).period or "day"
        value = _at_period(moment, period)
        timexes.append(
            Timex(
                text=substring,
                start=start,
                end=cursor,
                type=TimexType.TIME if period == "time" else TimexType.DATE,
                value=value.timeml(),
                grain=value.grain,
                interval=value.interval(),
                anchor=anchor,
                rule="dateparser.search_dates",
            )
        )
    return timexes


def search_settings(dct: str | None) -> dict[str, Any]:
    """dateparser settings resolving relative dates against ``dct`` (ISO day), or today without one."""
    if dct is None:
        return {}
    day = parse_iso_date(dct)
    return {"RELATIVE_BASE": datetime(day.year, day.month, day.day)}


@lru_cache(maxsize=64)
def _parser(dct: str | None, language: str) -> DateDataParser:
    return DateDataParser(languages=[language], settings=search_settings(dct))


def _at_period(moment: datetime, period: str) -> CalendarValue:
    """The calendar value of ``moment`` at dateparser's period (year, month, week, day, time)."""
    if period == "year":
        return CalendarValue(year=moment.year)
    if period == "month":
        return CalendarValue(year=moment.year, month=moment.month)
    if period == "week":
        iso = moment.isocalendar()
        return CalendarValue(year=iso.year, week=iso.week)
    if period == "time":
        return CalendarValue(
            year=moment.year,
            month=moment.month,
            day=moment.day,
            hour=moment.hour,
            minute=moment.minute,
            second=moment.second or None,
        )
    return CalendarValue(year=moment.year, month=moment.month, day=moment.day)
