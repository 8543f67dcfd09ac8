"""The timeline figure: a pure, deterministic function of the events table (no Dash here).

Drawing choices (see :mod:`timeline.figure.traces` for the traces):

* x is a plotly date axis, fed milliseconds computed from the ISO intervals: it zooms from
  centuries to minutes with fitting tick labels, shows years -9999..9999 (BC included, labelled
  astronomically: "-0489" is 490 BC, which the hover spells out), and gives the range slider
  and the 1m/6m/1y/10y/all buttons. Events outside those years are left out, with a note.
* y is one lane per document (or per grain or per type), each event offset within its lane
  by a stable hash of its id; colour is by document.
* Above :data:`~timeline.figure.style.LARGE_TABLE` events the figure switches to its overview
  drawing: events with the same lane, colour, grain and interval become one mark (a marker
  whose area grows with the count, a bar whose hover gives it), hovers leave out the sentence,
  and a density strip above the lanes shows events over time. Where lanes mix more documents
  than the palette has colours (the "other documents" lane; grain and type lanes of a big
  corpus), those events are grey and merge across documents. Marks and payload then grow with
  the distinct dates per lane, not with the events.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from timeline.events.schema import ANCHORED_DURATION, INSTANT, PERIOD, validate_events
from timeline.events.timescale import epoch_ms
from timeline.figure import layout
from timeline.figure.lanes import LANE_BY, assign_lanes, document_order
from timeline.figure.positions import FIRST_YEAR, LAST_YEAR, SHARED_COLOUR, data_span, drawable, plot_frame
from timeline.figure.style import LARGE_TABLE, PALETTE, SHARED_LANE_COLOUR
from timeline.figure.traces import bar_traces, density_trace, legend_traces, marker_traces


def timeline_figure(
    events: pd.DataFrame,
    *,
    lane_by: str = "document",
    title: str | None = None,
    x_range: tuple[str, str] | None = None,
    width: int | None = None,
    height: int | None = None,
) -> go.Figure:
    """The interactive timeline of ``events`` (a table as made by :mod:`timeline.events`).

    ``lane_by`` is "document", "grain" or "type"; ``x_range`` two ISO dates to show first
    (astronomical years, "-0489-01-01" for 490 BC), else the span of the events; ``width`` and
    ``height`` in px, else the figure is as wide as its container and as tall as its lanes need.
    Each drawn point carries its event_id in ``customdata[0]``.
    """
    if lane_by not in LANE_BY:
        raise ValueError(f"lane_by must be one of {', '.join(LANE_BY)}, not {lane_by!r}")
    validate_events(events)
    shown = events[drawable(events)]
    left_out = len(events) - len(shown)
    notes = [f"{left_out:,} events outside years {FIRST_YEAR}…{LAST_YEAR} not drawn"] if left_out else []
    if shown.empty:
        return _empty_figure(title=title, width=width, height=height, notes=notes)

    large = len(shown) > LARGE_TABLE
    lanes = assign_lanes(shown, lane_by)
    few_documents = len(document_order(shown)) <= len(PALETTE)
    frame = plot_frame(shown, lanes, merge=large, mixed=large and lane_by != "document" and not few_documents)
    names = _colour_names(shown)
    colours = {**dict(enumerate(PALETTE)), SHARED_COLOUR: SHARED_LANE_COLOUR}
    legend = lane_by != "document" and few_documents
    traces: list[go.BaseTraceType] = [
        *bar_traces(frame, colours, names),
        *marker_traces(frame, colours, names, large=large),
        *(legend_traces(frame, colours, names) if legend else []),
    ]
    if large:
        traces.append(density_trace(frame))
    notes.insert(0, _key(frame, large=large))

    span = data_span(frame)
    figure = go.Figure(data=traces)
    figure.update_layout(
        layout.base_layout(title=title, width=width, height=height or layout.auto_height(len(lanes.names), large))
        | {
            "showlegend": legend,
            "xaxis": layout.time_axis(_x_range(x_range) if x_range else span, span),
            "yaxis": layout.lane_axis(lanes.names, density=large),
            "shapes": layout.lane_bands(len(lanes.names)),
            "annotations": [layout.note("  ·  ".join(notes))],
        }
        | ({"yaxis2": layout.density_axis()} if large else {})
    )
    return figure


def _empty_figure(*, title: str | None, width: int | None, height: int | None, notes: list[str]) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(
        layout.base_layout(title=title, width=width, height=height or layout.auto_height(0, False))
        | {
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [layout.no_events(), *([layout.note("  ·  ".join(notes))] if notes else [])],
        }
    )
    return figure


def _colour_names(events: pd.DataFrame) -> Mapping[int, str]:
    """Legend name of each palette colour: the document's title, or a count when colours are shared."""
    titles = events.drop_duplicates("doc_id").set_index("doc_id")["doc_title"]
    members: dict[int, list[str]] = {}
    for rank, doc_id in enumerate(document_order(events)):
        members.setdefault(rank % len(PALETTE), []).append(str(titles[doc_id]))
    names = {colour: docs[0] if len(docs) == 1 else f"{len(docs):,} documents" for colour, docs in members.items()}
    return {**names, SHARED_COLOUR: "other documents"}


def _key(frame: pd.DataFrame, *, large: bool) -> str:
    """What the marks mean, for the marks present."""
    instants = frame["kind"] == INSTANT
    days = instants & (frame["grain"] == "day")
    keys = [
        (bool(days.any()), "● day"),
        (bool((instants & ~days).any()), "◆ time"),
        (bool((frame["kind"] == PERIOD).any()), "▬ period"),
        (bool((frame["kind"] == ANCHORED_DURATION).any()), "▨ anchored duration"),
        (large, "bigger marks stand for more events"),
    ]
    return "   ".join(text for present, text in keys if present)


def _x_range(x_range: tuple[str, str]) -> tuple[float, float]:
    start, end = x_range
    try:
        return epoch_ms(start), epoch_ms(end)
    except ValueError as error:
        raise ValueError(f"x_range: {error}") from None
