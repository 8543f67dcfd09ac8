"""The details panel of a clicked event: the sentence, the facts of the resolution, the document.

Document text is always passed as plain text children (never as HTML), so an uploaded HTML
page cannot inject markup or script into the app.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any, cast

import pandas as pd
from dash import html
from dash.development.base_component import Component

from timeline.events.when import day_in_words, event_when, when
from timeline.ingest.document import Document

Children = list[Component | str]
_ORDINAL_GRAINS = ("century", "millennium")  # "the 400s BC" is also said "4th century BC"
HINT = "Click an event on the timeline to see the sentence it comes from and how its date was resolved."


def clicked_event_id(click_data: Mapping[str, Any] | None) -> str | None:
    """The event id a plotly click points at (customdata[0]), or None (e.g. a density bar)."""
    points = (click_data or {}).get("points") or []
    if not points:
        return None
    customdata = points[0].get("customdata")
    if isinstance(customdata, list | tuple) and customdata and isinstance(customdata[0], str):
        return customdata[0] or None  # a cluster or an overview bin carries no event id
    if isinstance(customdata, str):
        return customdata or None
    return None


def find_event(events: pd.DataFrame, event_id: str) -> dict[str, Any] | None:
    """The row of ``event_id`` as a dict with None for missing values."""
    rows = events[events["event_id"] == event_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {str(key): (None if _missing(value) else value) for key, value in row.items()}


def stepped(events: pd.DataFrame, event_id: str | None, step: int) -> str | None:
    """The event ``step`` places after ``event_id`` in time order (start, end, id) among ``events``;
    None past either end. An event not among them (filtered out meanwhile) steps from where it
    would stand, when it is known, else from the first or last event."""
    placed = events.dropna(subset=["x_start"]).sort_values(["x_start", "x_end", "event_id"], kind="stable")
    order = placed["event_id"].astype(str).tolist()
    if not order:
        return None
    if event_id in order:
        at = order.index(event_id) + step
    else:
        at = 0 if step > 0 else len(order) - 1
    return order[at] if 0 <= at < len(order) else None


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def marked(text: str, start: int, end: int) -> Children:
    """``text`` with ``text[start:end]`` wrapped in html.Mark; the rest as plain strings."""
    if not 0 <= start < end <= len(text):
        return [text]
    pieces: Children = []
    if start:
        pieces.append(text[:start])
    pieces.append(html.Mark(text[start:end]))
    if end < len(text):
        pieces.append(text[end:])
    return pieces


def placeholder(message: str = HINT) -> Component:
    return html.P(message, className="details-hint")


def event_details(event: Mapping[str, Any], document: Document | None) -> Children:
    """The panel for one event; ``document`` None when it was deleted meanwhile."""
    sentence = str(event.get("sentence") or "")
    expression = str(event.get("text") or "")
    at = sentence.find(expression) if expression else -1
    facts = [
        ("Written", expression),
        ("When", _when(event)),
        ("Value", _value(event)),
        ("Grain", str(event.get("grain") or "").replace("_", " ")),
        ("Interval", _interval(event)),
        ("Resolved", event.get("explanation") or _anchor(event)),
        ("Document", _document_line(event, document)),
    ]
    children: Children = [
        html.H3(str(event.get("label") or expression), className="details-label"),
        html.Dl(
            [part for name, value in facts if value for part in (html.Dt(name), html.Dd(str(value)))],
            className="details-facts",
        ),
        html.Blockquote(
            marked(sentence, at, at + len(expression)) if at >= 0 else sentence, className="details-sentence"
        ),
    ]
    if document is None:
        children.append(placeholder("The document of this event is no longer stored."))
    else:
        start, end = int(event.get("start") or 0), int(event.get("end") or 0)
        children.append(html.Div(marked(document.text, start, end), className="document-text"))
    return children


def _value(event: Mapping[str, Any]) -> str:
    parts = [str(event.get("value") or ""), str(event.get("type") or "")]
    if event.get("mod"):
        parts.append(f"mod {event['mod']}")
    return " · ".join(p for p in parts if p)


def _when(event: Mapping[str, Any]) -> str:
    """The date in words ("490 BC", "5th century BC"), as the exports word it."""
    if not event.get("interval_start") or not event.get("interval_end"):
        return ""
    try:
        words = event_when(cast("Mapping[Hashable, object]", event))
        coarse = str(event.get("grain")) in _ORDINAL_GRAINS
        ordinal = when(str(event["interval_start"]), str(event["interval_end"]), str(event["grain"])) if coarse else ""
    except (KeyError, ValueError):
        return ""
    return f"{words} ({ordinal})" if ordinal and ordinal != words else words


def _interval(event: Mapping[str, Any]) -> str:
    """The interval in words, then as ISO dates: "1 January 490 BC – 1 January 489 BC (-0489-01-01 → ...)"."""
    start, end = event.get("interval_start"), event.get("interval_end")
    if not start or not end:
        return ""
    try:
        words = f"{day_in_words(str(start), 3)} – {day_in_words(str(end), 3)} · "
    except ValueError:
        words = ""
    return f"{words}{start} → {end} (end excluded)"


def _anchor(event: Mapping[str, Any]) -> str:
    anchor, value = event.get("anchor"), event.get("anchor_value")
    if not anchor:
        return ""
    return f"{anchor} {value}" if value else str(anchor)


def _document_line(event: Mapping[str, Any], document: Document | None) -> str:
    title = (document.title if document else None) or event.get("doc_title") or event.get("doc_id")
    date = document.date if document else None
    return f"{title} ({date})" if date else str(title)
