"""The traces of the timeline, one per document colour and drawing, never one per event.

* Instants (day and time grains) are WebGL markers, so 100,000 of them stay fluid.
* Periods and anchored durations are translucent horizontal bars over their whole interval
  ("2020" reads as a span, not as a fake day), plus a tick at their middle in the colour's
  marker trace, which keeps a year visible and clickable when the view spans centuries.
* Large tables get a density trace: events per time bin, on a strip above the lanes.

Every mark carries its event_id in ``customdata[0]``; in a large table, where one mark may
stand for several events (see :func:`timeline.figure.positions.merge_same_place`), the number
of events in ``customdata[1]``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.events.schema import ANCHORED_DURATION, INSTANT
from timeline.figure.style import (
    ANCHORED_PATTERN,
    BAR_OPACITY,
    BAR_THICKNESS,
    DENSITY_BINS,
    DENSITY_COLOUR,
    LARGE_MARKER_OPACITY,
    LARGE_MARKER_SIZE,
    MARKER_OPACITY,
    MARKER_SIZE,
    SPAN_TICK_SIZE,
    TIME_SYMBOL,
)

_DAY_GRAIN = "day"
_SPAN_SYMBOL = "line-ns-open"
_HOVER = "%{hovertext}<extra></extra>"


def marker_traces(
    frame: pd.DataFrame, colours: Mapping[int, str], names: Mapping[int, str], *, large: bool
) -> list[go.Scattergl]:
    """One WebGL marker trace per colour: the instants, and a tick at the middle of every span."""
    is_span = (frame["kind"] != INSTANT).to_numpy()
    symbols = np.where(is_span, _SPAN_SYMBOL, np.where(frame["grain"] == _DAY_GRAIN, "circle", TIME_SYMBOL))
    sizes = np.where(is_span, SPAN_TICK_SIZE, _instant_sizes(frame) if large else MARKER_SIZE)
    marks = frame.assign(symbol=symbols, size=sizes, line_width=np.where(is_span, 2.0, 0.0 if large else 0.8))
    return [
        go.Scattergl(
            x=group["mid_ms"].to_numpy(),
            y=group["y"].to_numpy(),
            mode="markers",
            name=names[colour],
            legendgroup=f"colour{colour}",
            showlegend=False,
            marker={
                "color": colours[colour],
                "size": group["size"].to_numpy(),
                "opacity": LARGE_MARKER_OPACITY if large else MARKER_OPACITY,
                "symbol": group["symbol"].to_numpy(),
                "line": {"width": group["line_width"].to_numpy(), "color": "white"},
            },
            customdata=_customdata(group),
            hovertext=group["hover"].to_numpy(),
            hovertemplate=_HOVER,
        )
        for colour, group in _by_colour(marks)
    ]


def bar_traces(frame: pd.DataFrame, colours: Mapping[int, str], names: Mapping[int, str]) -> list[go.Bar]:
    """One horizontal bar trace per colour for the periods and anchored durations of ``frame``."""
    spans = frame[frame["kind"] != INSTANT]
    return [
        go.Bar(
            orientation="h",
            base=group["start_ms"].to_numpy(),
            x=(group["end_ms"] - group["start_ms"]).to_numpy(),
            y=group["y"].to_numpy(),
            width=BAR_THICKNESS,
            name=names[colour],
            legendgroup=f"colour{colour}",
            showlegend=False,
            marker={
                "color": colours[colour],
                "opacity": BAR_OPACITY,
                "line": {"width": 0},
                "pattern": {
                    "shape": np.where(group["kind"] == ANCHORED_DURATION, ANCHORED_PATTERN, "").tolist(),
                    "solidity": 0.3,
                },
            },
            customdata=_customdata(group),
            hovertext=group["hover"].to_numpy(),
            hovertemplate=_HOVER,
        )
        for colour, group in _by_colour(spans)
    ]


def legend_traces(frame: pd.DataFrame, colours: Mapping[int, str], names: Mapping[int, str]) -> list[go.Scattergl]:
    """Empty traces that give each colour one plain legend entry; a click on it hides the colour's marks."""
    return [
        go.Scattergl(
            x=[None], y=[None], mode="markers", name=names[colour], legendgroup=f"colour{colour}",
            marker={"color": colours[colour], "size": MARKER_SIZE, "symbol": "circle"}, hoverinfo="skip",
        )
        for colour in sorted(set(frame["colour"]))
    ]


def density_trace(frame: pd.DataFrame) -> go.Histogram:
    """Events per time bin, each counted at the middle of its interval, on the ``y2`` strip."""
    return go.Histogram(
        x=frame["mid_ms"].to_numpy(),
        y=_counts(frame),
        histfunc="sum",
        nbinsx=DENSITY_BINS,
        yaxis="y2",
        name="events",
        showlegend=False,
        marker={"color": DENSITY_COLOUR, "line": {"width": 0}},
        hovertemplate="%{y:,} events<extra></extra>",
    )


def _by_colour(frame: pd.DataFrame) -> list[tuple[int, pd.DataFrame]]:
    return [(int(colour), group) for colour, group in frame.groupby("colour", sort=True)]


def _counts(frame: pd.DataFrame) -> np.ndarray:
    return frame["count"].to_numpy() if "count" in frame else np.ones(len(frame), dtype=int)


def _instant_sizes(frame: pd.DataFrame) -> np.ndarray:
    """Marker area grows with the number of events a merged mark stands for."""
    return np.minimum(LARGE_MARKER_SIZE * np.sqrt(_counts(frame)), 4 * LARGE_MARKER_SIZE)


def _customdata(group: pd.DataFrame) -> np.ndarray:
    """event_id first; in a large table the number of events the mark stands for second."""
    if "count" not in group:
        return group[["event_id"]].to_numpy()
    return np.column_stack([group["event_id"].to_numpy(), group["count"].to_numpy()])
