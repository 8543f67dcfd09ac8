"""Narrowing the events table to what the user asked for: documents, grains, types, dates, words.

Documents, grains and dates are read and selected as the export command does
(:func:`~timeline.export.parse_period`, :func:`~timeline.export.select_events`), so a download
holds exactly what the page shows; types and the free-text search are added here. All of it is
vectorised pandas on columns of the table (``x_start``/``x_end`` for dates): nothing re-extracts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline.app.wording import counted
from timeline.export import Period, parse_period, select_events

_TEXT_COLUMNS = ("sentence", "label")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The user's choices; empty selections and None bounds mean "no restriction"."""

    documents: tuple[str, ...] = ()
    grains: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # language codes of the documents: "es", "fr"
    date_from: Period | None = None
    date_to: Period | None = None
    search: str = ""


def filter_events(events: pd.DataFrame, wanted: EventFilter) -> pd.DataFrame:
    """The events matching every restriction of ``wanted``."""
    selected = select_events(
        events, date_from=wanted.date_from, date_to=wanted.date_to, doc_ids=wanted.documents, grains=wanted.grains
    )
    keep = pd.Series(True, index=selected.index)
    if wanted.types:
        keep &= selected["type"].isin(wanted.types)
    if wanted.languages:
        keep &= selected["language"].isin(wanted.languages)
    words = wanted.search.strip()
    if words:
        found = pd.Series(False, index=selected.index)
        for column in _TEXT_COLUMNS:
            found |= selected[column].fillna("").str.contains(words, case=False, regex=False)
        keep &= found
    return selected if keep.all() else selected[keep]


def read_filter(values: Mapping[str, Any]) -> tuple[EventFilter, list[str]]:
    """The filter of the page's inputs, and a message for each input that could not be used.

    ``values`` has the keys documents, grains, types, languages (lists), date_from, date_to and search
    (text). A date that cannot be read is reported and left out; the rest still applies.
    """
    messages: list[str] = []

    def period(key: str, name: str) -> Period | None:
        text = (values.get(key) or "").strip()
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError as error:
            messages.append(f"{name}: {error}")
            return None

    wanted = EventFilter(
        documents=_strings(values.get("documents")),
        grains=_strings(values.get("grains")),
        types=_strings(values.get("types")),
        languages=_strings(values.get("languages")),
        date_from=period("date_from", "From"),
        date_to=period("date_to", "To"),
        search=str(values.get("search") or ""),
    )
    return wanted, messages


def _strings(selected: Sequence[str] | str | None) -> tuple[str, ...]:
    if not selected:
        return ()
    return (selected,) if isinstance(selected, str) else tuple(selected)


def count_text(in_view: int, matched: int, total: int) -> str:
    """ "5 in view · 16 match · 540 in all"; the parts that say nothing new are left out."""
    if matched == total:
        return f"{in_view:,} in view · {counted(total, 'event')}" if in_view != total else counted(total, "event")
    return f"{in_view:,} in view · {matched:,} match · {total:,} in all"
