"""Narrowing the events table to what the user asked for: documents, grains, types, dates, words.

Documents, grains and dates are read and selected as the export command does
(:func:`~timeline.export.parse_period`, :func:`~timeline.export.selection.selection_mask`), so a download
holds exactly what the page shows; types and the free-text search are added here. All of it is
vectorised pandas on columns of the table (``x_start``/``x_end`` for dates): nothing re-extracts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from timeline.app.typed_dates import typed_period
from timeline.app.wording import counted
from timeline.export import Period
from timeline.export.selection import selection_mask

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
    return events[filter_mask(events, wanted)].reset_index(drop=True)


def filter_mask(events: pd.DataFrame, wanted: EventFilter) -> np.ndarray:
    """Which rows of ``events`` match every restriction of ``wanted``, as booleans (nothing copied:
    the app prepares a choice of rows of its one table)."""
    keep = selection_mask(
        events, date_from=wanted.date_from, date_to=wanted.date_to, doc_ids=wanted.documents, grains=wanted.grains
    )
    if wanted.types:
        keep &= events["type"].isin(wanted.types).to_numpy(dtype=bool)
    if wanted.languages:
        keep &= events["language"].isin(wanted.languages).to_numpy(dtype=bool)
    words = wanted.search.strip()
    if words:
        found = np.zeros(len(events), dtype=bool)
        for column in _TEXT_COLUMNS:
            found |= events[column].str.contains(words, case=False, regex=False).fillna(False).to_numpy(dtype=bool)
        keep &= found
    return keep


def read_filter(values: Mapping[str, Any]) -> tuple[EventFilter, list[str]]:
    """The filter of the page's inputs, and a message for each input that could not be used.

    ``values`` has the keys documents, grains, types, languages (lists), date_from, date_to and
    search (text). A date that cannot be read is reported and left out, and so are From and To
    when From is after To; the rest still applies.
    """
    messages: list[str] = []

    def period(key: str, name: str) -> Period | None:
        text = (values.get(key) or "").strip()
        if not text:
            return None
        try:
            return typed_period(text)
        except ValueError as error:
            messages.append(f"{name}: {error}")
            return None

    date_from, date_to = period("date_from", "From"), period("date_to", "To")
    if date_from is not None and date_to is not None and date_from.start >= date_to.end:
        messages.append(
            f"From ({values.get('date_from')}) is after To ({values.get('date_to')}): "
            "swap them; the dates are not applied meanwhile."
        )
        date_from = date_to = None
    wanted = EventFilter(
        documents=_strings(values.get("documents")),
        grains=_strings(values.get("grains")),
        types=_strings(values.get("types")),
        languages=_strings(values.get("languages")),
        date_from=date_from,
        date_to=date_to,
        search=str(values.get("search") or ""),
    )
    return wanted, messages


# What each restriction is called in a message, and how it is lifted.
_LIFTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("the documents", {"documents": ()}),
    ("the grains", {"grains": ()}),
    ("the types", {"types": ()}),
    ("the languages", {"languages": ()}),
    ("the dates", {"date_from": None, "date_to": None}),
    ("the search", {"search": ""}),
)


def option_counts(events: pd.DataFrame, wanted: EventFilter, column: str) -> pd.Series:
    """How many events each value of ``column`` ("grain", "type") has under every other filter:
    the count an option would give if it were picked."""
    lifted: dict[str, Any] = {"grain": {"grains": ()}, "type": {"types": ()}}[column]
    chosen = filter_mask(events, replace(wanted, **lifted))
    return events[column][chosen].astype(str).value_counts()


def why_none(events: pd.DataFrame, wanted: EventFilter) -> str:
    """Why no event matches: which one filter, lifted, would let events through, and how many."""
    if events.empty:
        return ""
    active = [(name, lift) for name, lift in _LIFTS if any(getattr(wanted, key) for key in lift)]
    freed = [(name, int(np.count_nonzero(filter_mask(events, replace(wanted, **lift))))) for name, lift in active]
    helping = [f"without {name}, {counted(n, 'event')} would match" for name, n in freed if n]
    if len(active) == 1:
        return f"No event matches {active[0][0]}."
    if not helping:
        return "No event matches these filters, nor any of them lifted alone."
    return "No event matches these filters together: " + "; ".join(helping) + "."


def _strings(selected: Sequence[str] | str | None) -> tuple[str, ...]:
    if not selected:
        return ()
    return (selected,) if isinstance(selected, str) else tuple(selected)


def count_text(in_view: int, matched: int, total: int) -> str:
    """ "5 in view · 16 match · 540 in all"; the parts that say nothing new are left out."""
    if matched == total:
        return f"{in_view:,} in view · {counted(total, 'event')}" if in_view != total else counted(total, "event")
    return f"{in_view:,} in view · {matched:,} match · {total:,} in all"
