"""An events table rendered in one export format: image, page, table or TimelineJS."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.events.when import event_when
from timeline.export.formats import FIGURE_FORMATS
from timeline.export.html_page import standalone_html
from timeline.export.images import DEFAULT_WIDTH, render_image
from timeline.export.tables import events_to_csv, events_to_json, events_to_jsonl
from timeline.export.timelinejs import timelinejs_json
from timeline.figure import timeline_figure

_TABLE_WRITERS = {"json": events_to_json, "jsonl": events_to_jsonl}


@dataclass(frozen=True, slots=True)
class FigureOptions:
    """How the figure of an image or page is drawn (see :func:`timeline.figure.timeline_figure`)."""

    lane_by: str = "document"
    title: str | None = None
    x_range: tuple[str, str] | None = None  # ISO dates, astronomical years
    width: int | None = None  # CSS px; images default to images.DEFAULT_WIDTH, pages fill the window
    height: int | None = None  # CSS px; by default as tall as the lanes need
    scale: float = 1.0  # image pixels per CSS pixel
    selected: str | None = None  # an event_id: drawn on its own; a page names it above the plot
    address: str | None = None  # a page: the app's address of the view, said above the plot


def render_events(
    events: pd.DataFrame, fmt: str, options: FigureOptions | None = None, *, excel: bool = False
) -> bytes:
    """The events table as the bytes of one file of format ``fmt`` (any single-file format).

    ``excel`` writes a CSV with a byte-order mark, so that spreadsheets read it as UTF-8.
    """
    options = options or FigureOptions()
    if fmt in FIGURE_FORMATS:
        width = options.width or (None if fmt == "html" else DEFAULT_WIDTH)
        # Images carry the labels on the plot (paper has no hover) and no buttons to press.
        fig = timeline_figure(
            events,
            lane_by=options.lane_by,
            title=options.title,
            x_range=options.x_range,
            width=width,
            height=options.height,
            responsive=fmt == "html",
            controls=fmt == "html",
            selected=options.selected,
        )
        if fmt == "html":
            selected = event_words(events, options.selected)
            return standalone_html(fig, title=options.title, address=options.address, selected=selected).encode()
        return render_image(fig, fmt, width=width, height=options.height, scale=options.scale)
    if fmt == "csv":
        return events_to_csv(events, excel=excel).encode("utf-8")
    if fmt in _TABLE_WRITERS:
        return _TABLE_WRITERS[fmt](events).encode("utf-8")
    if fmt == "timelinejs":
        return timelinejs_json(events, title=options.title).encode("utf-8")
    raise ValueError(f"{fmt!r} is not a single-file export format")


def event_words(events: pd.DataFrame, event_id: str | None) -> str | None:
    """The event ``event_id`` of ``events`` as a reader names it: "13 May 2021 · Troops crossed the
    border · War diary" (its date, label and document); None when it is not among them."""
    rows = events[events["event_id"] == event_id] if event_id else events.iloc[:0]
    if rows.empty:
        return None
    event = rows.iloc[0].to_dict()
    return " · ".join(str(part) for part in (event_when(event), event["label"], event["doc_title"] or event["doc_id"]))
