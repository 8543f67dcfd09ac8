"""The traces of one scene (see :mod:`timeline.figure.detail`): a handful per figure, never one per event.

* Placed instants: SVG markers with their labels beside them (circles for days, diamonds for
  times, a triangle for the document's own date), one trace per colour.
* Placed periods and anchored durations: translucent bars over their interval (hatched for an
  anchored duration), with their label on the bar in a text trace.
* Clusters: a light band over the events they count and "+N" in bold; a click zooms to them.
* The overview: events per time bin over the whole collection, on its own strip above the lanes.

Every clickable mark carries ``customdata`` [event_id, action, from, to]: action "event" for
an event (from and to empty), "zoom" for a cluster or a bin (from and to ISO dates).
Text from documents is escaped for plotly's pseudo-HTML wherever it is shown.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd

from timeline.events.schema import ANCHORED_DURATION, PUBLICATION
from timeline.events.timescale import iso_of_ms
from timeline.events.when import when
from timeline.figure.detail import Scene
from timeline.figure.hover import hover_texts
from timeline.figure.prepare import Prepared
from timeline.figure.style import (
    ANCHORED_PATTERN,
    BAR_OPACITY,
    BAR_THICKNESS,
    CLUSTER_COLOUR,
    CLUSTER_FILL,
    FONT_FAMILY,
    LABEL_SIZE,
    MARKER_OPACITY,
    MARKER_SIZE,
    MIN_BAR_PX,
    OVERVIEW_BINS,
    PUBLICATION_SYMBOL,
    TEXT_COLOUR,
    TIME_SYMBOL,
)

EVENT, ZOOM = "event", "zoom"
Trace = dict[str, Any]  # a plotly trace as plain data: the figure validates it once, with its layout


def trace(kind: str, **properties: Any) -> Trace:
    """A trace of plotly type ``kind`` ("bar", "scatter")."""
    return {"type": kind, **properties}


_HOVER = "%{hovertext}<extra></extra>"
_DAY_GRAIN = "day"


def scene_traces(prepared: Prepared, scene: Scene, colours: Sequence[str]) -> list[Trace]:
    """Every trace of the lanes: bars, markers, span labels, clusters."""
    positions = scene.placed["pos"].to_numpy()
    tops = np.array(scene.lane_tops(), dtype=float)
    placed = scene.placed.assign(
        y=tops[scene.placed["lane"].to_numpy()] + scene.placed["row"].to_numpy() + 0.5,
        colour=prepared.lanes.colour[positions] % len(colours),
        span=prepared.is_span[positions],
        hover=hover_texts(prepared.take(positions)) if len(positions) else [],
    )
    spans, instants = placed[placed["span"]], placed[~placed["span"]]
    return [
        *_bar_traces(prepared, spans, colours, MIN_BAR_PX * (scene.view[1] - scene.view[0]) / scene.width),
        *_marker_traces(prepared, instants, colours),
        *([_span_labels(spans)] if len(spans) else []),
        *_cluster_traces(prepared, scene),
    ]


def _event_customdata(prepared: Prepared, positions: np.ndarray) -> np.ndarray:
    ids = prepared.values("event_id", positions)
    return np.column_stack([ids, np.full(len(ids), EVENT), np.full(len(ids), ""), np.full(len(ids), "")])


def _bar_traces(prepared: Prepared, spans: pd.DataFrame, colours: Sequence[str], min_ms: float) -> list[Trace]:
    """The bars of periods; one shorter than ``min_ms`` (a year seen across millennia) is widened
    about its middle to that, so it stays visible."""
    traces = []
    for colour, group in spans.groupby("colour", sort=True):
        positions = group["pos"].to_numpy()
        start, end = prepared.start_ms[positions], prepared.end_ms[positions]
        middle, half = (start + end) / 2, np.maximum(end - start, min_ms) / 2
        start, end = middle - half, middle + half
        kinds = prepared.values("kind", positions)
        traces.append(
            trace(
                "bar",
                orientation="h",
                base=start,
                x=end - start,
                y=group["y"].to_numpy(),
                width=BAR_THICKNESS,
                showlegend=False,
                name="",
                marker={
                    "color": colours[cast(int, colour)],
                    "opacity": BAR_OPACITY,
                    "line": {"width": 0},
                    "pattern": {
                        "shape": np.where(kinds == ANCHORED_DURATION, ANCHORED_PATTERN, "").tolist(),
                        "solidity": 0.3,
                    },
                },
                customdata=_event_customdata(prepared, positions),
                hovertext=group["hover"].to_numpy(),
                hovertemplate=_HOVER,
            )
        )
    return traces


def _marker_traces(prepared: Prepared, instants: pd.DataFrame, colours: Sequence[str]) -> list[Trace]:
    traces = []
    for colour, group in instants.groupby("colour", sort=True):
        positions = group["pos"].to_numpy()
        kinds = prepared.values("kind", positions)
        grains = prepared.values("grain", positions)
        symbols = np.where(
            kinds == PUBLICATION, PUBLICATION_SYMBOL, np.where(grains == _DAY_GRAIN, "circle", TIME_SYMBOL)
        )
        traces.append(
            trace(
                "scatter",
                x=prepared.mark_ms[positions],
                y=group["y"].to_numpy(),
                mode="markers+text",
                text=[html.escape(text, quote=False) for text in group["text"]],
                textposition=group["side"].tolist(),
                textfont={"size": LABEL_SIZE, "color": TEXT_COLOUR, "family": FONT_FAMILY},
                marker={
                    "color": colours[cast(int, colour)],
                    "size": MARKER_SIZE,
                    "opacity": MARKER_OPACITY,
                    "symbol": symbols.tolist(),
                    "line": {"width": 1, "color": "white"},
                },
                showlegend=False,
                name="",
                cliponaxis=False,
                customdata=_event_customdata(prepared, positions),
                hovertext=group["hover"].to_numpy(),
                hovertemplate=_HOVER,
            )
        )
    return traces


def _span_labels(spans: pd.DataFrame) -> Trace:
    """The labels of the bars, on the bars (their hover is the bar's)."""
    return trace(
        "scatter",
        x=spans["text_ms"].to_numpy(),
        y=spans["y"].to_numpy(),
        mode="text",
        text=[html.escape(text, quote=False) for text in spans["text"]],
        textposition="middle right",
        textfont={"size": LABEL_SIZE, "color": TEXT_COLOUR, "family": FONT_FAMILY},
        showlegend=False,
        name="",
        hoverinfo="skip",
        cliponaxis=False,
    )


def _cluster_traces(prepared: Prepared, scene: Scene) -> list[Trace]:
    clusters = scene.clusters
    if not len(clusters):
        return []
    tops = np.array(scene.lane_tops(), dtype=float)
    y = tops[clusters["lane"].to_numpy()] + clusters["row"].to_numpy() + 0.5
    customdata = np.column_stack(
        [
            np.full(len(clusters), ""),
            np.full(len(clusters), ZOOM),
            [iso_of_ms(ms) for ms in clusters["start_ms"]],
            [iso_of_ms(ms) for ms in clusters["end_ms"]],
        ]
    )
    hovers = _cluster_hovers(prepared, clusters)
    first, last = scene.view
    start = np.maximum(clusters["start_ms"].to_numpy(), first)
    end = np.minimum(clusters["end_ms"].to_numpy(), last)
    return [
        trace(
            "bar",
            orientation="h",
            base=start,
            x=np.maximum(end - start, (last - first) / 400),
            y=y,
            width=0.7,
            marker={"color": CLUSTER_FILL, "line": {"width": 0}},
            showlegend=False,
            name="",
            customdata=customdata,
            hovertext=hovers,
            hovertemplate=_HOVER,
        ),
        trace(
            "scatter",
            x=clusters["x_ms"].to_numpy(),
            y=y,
            mode="text",
            text=[f"<b>+{count:,}</b>" for count in clusters["count"]],
            textfont={"size": LABEL_SIZE, "color": CLUSTER_COLOUR, "family": FONT_FAMILY},
            showlegend=False,
            name="",
            cliponaxis=False,
            customdata=customdata,
            hovertext=hovers,
            hovertemplate=_HOVER,
        ),
    ]


_SAMPLE_COLUMNS = ["interval_start", "interval_end", "grain", "label"]


def _cluster_hovers(prepared: Prepared, clusters: pd.DataFrame) -> list[str]:
    """Each cluster's hover: how many events, over when, and its first few events (one take of the
    few columns needed for all of them)."""
    members = [list(m) for m in clusters["members"]]
    flat = np.array([pos for group in members for pos in group], dtype=np.int64)
    samples = iter(prepared.take(flat, _SAMPLE_COLUMNS).itertuples(index=False, name=None))
    hovers = []
    for group, count, start_ms, end_ms in zip(
        members, clusters["count"], clusters["start_ms"], clusters["end_ms"], strict=True
    ):
        lines = [f"<b>{count:,} events</b> here, {html.escape(_span_words(start_ms, end_ms))}"]
        for interval_start, interval_end, grain, label in (next(samples) for _ in group):
            date = when(interval_start, interval_end, grain, short=True)
            lines.append(f"• {html.escape(date)} · {html.escape(str(label)[:70], quote=False)}")
        if count > len(group):
            lines.append(f"… and {count - len(group):,} more")
        lines.append("<i>Click to zoom in</i>")
        hovers.append("<br>".join(lines))
    return hovers


def _span_words(start_ms: float, end_ms: float) -> str:
    first, last = iso_of_ms(start_ms), iso_of_ms(end_ms - 1)
    first_day, last_day = when(first, first, "day", short=True), when(last, last, "day", short=True)
    return first_day if first_day == last_day else f"{first_day} – {last_day}"


def overview_traces(prepared: Prepared) -> list[Trace]:
    """Events per time bin over the whole collection, on the overview strip (x2, y2); a click zooms to a bin."""
    first, last = prepared.span()
    counts, edges = np.histogram(prepared.mark_ms, bins=OVERVIEW_BINS, range=(first, last))
    filled = counts > 0
    starts, ends = edges[:-1][filled], edges[1:][filled]
    customdata = np.column_stack(
        [
            np.full(len(starts), ""),
            np.full(len(starts), ZOOM),
            [iso_of_ms(ms) for ms in starts],
            [iso_of_ms(ms) for ms in ends],
        ]
    )
    return [
        trace(
            "bar",
            x=(starts + ends) / 2,
            y=counts[filled],
            width=(ends - starts),
            xaxis="x2",
            yaxis="y2",
            marker={"color": CLUSTER_COLOUR, "opacity": 0.55, "line": {"width": 0}},
            showlegend=False,
            name="",
            customdata=customdata,
            hovertext=[
                f"{c:,} events, {html.escape(_span_words(s, e))}"
                for c, s, e in zip(counts[filled], starts, ends, strict=True)
            ],
            hovertemplate=_HOVER,
        )
    ]


def legend_traces(colours: Sequence[str], names: Mapping[int, str], used: Sequence[int]) -> list[Trace]:
    """Empty traces that give each colour in use one legend entry."""
    return [
        trace(
            "scatter",
            x=[None],
            y=[None],
            mode="markers",
            name=html.escape(names.get(colour, ""), quote=False),
            marker={"color": colours[colour % len(colours)], "size": MARKER_SIZE, "symbol": "circle"},
            hoverinfo="skip",
        )
        for colour in used
    ]
