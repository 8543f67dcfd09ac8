"""A view of the page as a query string, so it can be bookmarked or sent: filters, lanes, zoom, event.

``?q=war&doc=a.txt&doc=b.txt&grain=year&type=DATE&lang=fr&from=1914&to=1918&lanes=grain
&view=1914-01-01,1918-11-11&event=a.txt:120`` - every key optional; what is left out is the
page's default. Reading is forgiving: an unknown key or lane is ignored, never an error, since
an address may have been typed or cut short.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

DEFAULT_LANES = "document"
LANES = ("document", "grain", "type")

# filter key of the page (callbacks' filter_values) -> key in the address
_LISTS = {"documents": "doc", "grains": "grain", "types": "type", "languages": "lang"}
_TEXTS = {"search": "q", "date_from": "from", "date_to": "to"}


@dataclass(frozen=True, slots=True)
class PageState:
    """What an address restores."""

    filters: dict[str, Any] = field(default_factory=dict)  # every key of _LISTS and _TEXTS
    lane_by: str = DEFAULT_LANES
    view: list[str] | None = None  # two plotly date strings, or None for the first view
    event: str | None = None


def view_query(
    filter_values: Mapping[str, Any], lane_by: str | None, view: Sequence[str] | None, event: str | None
) -> str:
    """The query string (without "?") of a view; "" for the page as it opens."""
    pairs: list[tuple[str, str]] = []
    text = {key: str(filter_values.get(key) or "").strip() for key in _TEXTS}
    if text["search"]:
        pairs.append(("q", text["search"]))
    for key, name in _LISTS.items():
        pairs.extend((name, str(value)) for value in filter_values.get(key) or ())
    pairs.extend((_TEXTS[key], text[key]) for key in ("date_from", "date_to") if text[key])
    if lane_by and lane_by != DEFAULT_LANES:
        pairs.append(("lanes", lane_by))
    if view and len(view) == 2:
        pairs.append(("view", f"{view[0]},{view[1]}"))
    if event:
        pairs.append(("event", event))
    return urlencode(pairs)


def view_address(page_url: str | None, query: str) -> str | None:
    """The address of a view: the page's URL (its own query and fragment dropped) with ``query``;
    without the page's URL "?query" alone, or None when the query is empty too."""
    if not page_url:
        return f"?{query}" if query else None
    scheme, host, path, _, _ = urlsplit(page_url)
    return urlunsplit((scheme, host, path or "/", query, ""))


def read_query(search: str | None) -> PageState:
    """The state an address's query string (with or without "?") asks for."""
    values = parse_qs((search or "").lstrip("?"), keep_blank_values=False)

    def first(name: str) -> str:
        return values.get(name, [""])[0].strip()

    filters: dict[str, Any] = {key: list(values.get(name, [])) for key, name in _LISTS.items()}
    filters |= {key: first(name) for key, name in _TEXTS.items()}
    lane_by = first("lanes")
    bounds = [part.strip() for part in first("view").split(",")]
    return PageState(
        filters=filters,
        lane_by=lane_by if lane_by in LANES else DEFAULT_LANES,
        view=bounds if len(bounds) == 2 and all(bounds) else None,
        event=first("event") or None,
    )
