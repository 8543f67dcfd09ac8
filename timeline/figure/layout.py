"""Axes, sizes, lanes, buttons and notes of the timeline figure: everything but the traces.

The figure's height is set so that one row of a lane is :data:`~timeline.figure.style.ROW_PX`
px: the stacking in :mod:`timeline.figure.detail` is done in pixels, and so is the drawing.
Above the lanes, an overview strip shows the whole collection with the current view shaded.

A narrow figure (a phone) has no room for a margin of lane names: the names are then drawn
inside the plot, at the top left of their lanes, and the plot takes the whole width. Wider
figures cap the margin at a quarter of the width and shorten longer names to fit it.

When the view reaches before year 1 the date ticks are worked out here ("500 BC", "AD 30"):
plotly would write astronomical years ("-499", "30").
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from timeline.events.timescale import epoch_ms, iso_of_ms
from timeline.figure.style import (
    FONT_FAMILY,
    FONT_SIZE,
    HOVER_SIZE,
    ITEM_GAP,
    LABEL_SIZE,
    LANE_BAND,
    MUTED_COLOUR,
    OVERVIEW_GAP_PX,
    OVERVIEW_PX,
    ROW_PX,
    TEXT_COLOUR,
    TICK_SIZE,
    TITLE_SIZE,
    VIEW_FILL,
)
from timeline.figure.textwidth import text_width

Window = tuple[float, float]
_RIGHT_MARGIN = 28
_BOTTOM_MARGIN = 44  # the date ticks
_BUTTONS_PX = 34  # the row of range buttons
_TOOLBAR_PX = 34  # above them, the row of plotly's toolbar (which would cover them otherwise)
_TITLE_PX = 40
_MIN_LEFT, _MAX_LEFT = 60, 240
_MAX_LEFT_SHARE = 0.25  # of the figure's width
_INSIDE_NAME_SIZE = LABEL_SIZE - 1  # a lane's name drawn inside a narrow plot
NARROW_PX = 640  # below this figure width, lane names go inside the plot
_INSIDE_LEFT, _INSIDE_RIGHT = 8, 12
_NAME_PAD = 18  # between a lane name and the plot
_NOTE_LINES, _NOTE_LINE_PX = 3, 16  # a narrow figure's note: its parts one a line, under the dates
_NOTE_GAP = "   "  # between the parts of a note on one line
_BUTTON_PAD_PX = 26  # a range button's width beyond its label's
_YEAR_MS = 365.2425 * 86_400_000
_FIRST_AD_MS = epoch_ms("0001-01-01")
_TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


def margins(lane_names: Sequence[str], *, title: bool, controls: bool, width: int | None = None) -> dict[str, int]:
    """Fixed margins, so the plot's width in px (what labels are stacked in) is known in advance.

    ``width`` (the figure's, when known) below :data:`NARROW_PX` leaves no left margin: the lane
    names are drawn inside (:func:`names_inside`)."""
    top = (_TOOLBAR_PX if controls else 24) + (_TITLE_PX if title else 0) + (_BUTTONS_PX if controls else 0)
    if width is not None and width < NARROW_PX:  # the note goes under the dates (note(below=True))
        return {"l": _INSIDE_LEFT, "r": _INSIDE_RIGHT, "t": top, "b": _BOTTOM_MARGIN + _NOTE_LINES * _NOTE_LINE_PX}
    widest = max((text_width(name, TICK_SIZE) for name in lane_names), default=0.0)
    most = min(_MAX_LEFT, int(width * _MAX_LEFT_SHARE)) if width is not None else _MAX_LEFT
    return {"l": int(min(max(widest + _NAME_PAD, _MIN_LEFT), most)), "r": _RIGHT_MARGIN, "t": top, "b": _BOTTOM_MARGIN}


def names_inside(margin: dict[str, int]) -> bool:
    """Whether the lane names are drawn inside the plot (the figure is too narrow for a margin)."""
    return margin["l"] < _MIN_LEFT


def shortened(name: str, room: float, size: float = TICK_SIZE) -> str:
    """``name`` cut with an ellipsis to fit ``room`` px at font ``size``."""
    if text_width(name, size) <= room:
        return name
    kept = name
    while kept and text_width(kept + "…", size) > room:
        kept = kept[:-1]
    return kept.rstrip() + "…" if kept else "…"


def inside_name_widths(names: Sequence[str], margin: dict[str, int]) -> list[float]:
    """How much of each lane's first row its name takes (px) when drawn inside the plot; [] otherwise."""
    if not names_inside(margin):
        return []
    return [text_width(name, _INSIDE_NAME_SIZE) + ITEM_GAP for name in names]


def inside_names(names: Sequence[str], tops: Sequence[int], margin: dict[str, int]) -> list[dict[str, Any]]:
    """Lane names at the top left of their lanes, over a light backing (for a narrow figure)."""
    if not names_inside(margin):
        return []
    return [
        {
            "text": html.escape(name, quote=False),
            "xref": "paper",
            "yref": "y",
            "x": 0,
            "y": top,
            "xanchor": "left",
            "yanchor": "top",
            "showarrow": False,
            "font": {"size": _INSIDE_NAME_SIZE, "color": MUTED_COLOUR},
            "bgcolor": "rgba(255, 255, 255, 0.8)",
            "borderpad": 1,
        }
        for name, top in zip(names, tops, strict=True)
    ]


def era_ticks(window: Window, count: int = 7) -> dict[str, Any]:
    """Year ticks reading "500 BC" / "AD 30" for a ``window`` (ms) that reaches before year 1;
    {} for any other (plotly's own ticks)."""
    first, last = window
    years = (last - first) / _YEAR_MS
    if first >= _FIRST_AD_MS or years < 3:
        return {}
    step = next((s for s in _TICK_STEPS if years / s <= count), _TICK_STEPS[-1] * max(1, int(years / count / 5000)))
    low, high = int(iso_of_ms(first)[:-12]), int(iso_of_ms(last)[:-12]) + 1  # astronomical years
    ticks: list[tuple[int, str]] = []
    for bc in range(max(1, 1 - high) // step * step, 1 - low + 1, step):  # n BC is astronomical 1 - n
        if bc >= 1 and low <= 1 - bc <= high:
            ticks.append((1 - bc, f"{bc} BC"))
    ticks.extend((ad, f"AD {ad}") for ad in range(step, high + 1, step) if ad >= low)
    ticks.sort()
    values = [f"{y:05d}-01-01" if y < 0 else f"{y:04d}-01-01" for y, _ in ticks]
    shown = [(v, t) for v, t in zip(values, (t for _, t in ticks), strict=True) if first <= epoch_ms(v) <= last]
    return {"tickmode": "array", "tickvals": [v for v, _ in shown], "ticktext": [t for _, t in shown]}


def base_layout(*, title: str | None, width: int | None, height: int | None) -> dict[str, Any]:
    """Template, fonts and size shared by every timeline figure, empty or not."""
    return {
        "template": "plotly_white",
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "title": {
            "text": html.escape(title or "", quote=False),
            "x": 0.01,
            "xanchor": "left",
            "font": {"size": TITLE_SIZE},
        },
        "width": width,
        "height": height,
        "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "font": {"size": HOVER_SIZE, "family": FONT_FAMILY}, "align": "left"},
        "barmode": "overlay",  # bars of different colours share a lane; "group" would shift them
        "dragmode": "zoom",
        "showlegend": False,
        "legend": {
            "title": {"text": "Documents"},
            "font": {"size": TICK_SIZE},
            "itemsizing": "constant",
            "orientation": "h",
            "y": -0.02,
            "yanchor": "top",
        },
    }


def sized_layout(total_rows: int, margin: dict[str, int], min_height: int = 0) -> dict[str, Any]:
    """Height and the two vertical domains: the overview strip on top, the lanes below; the lanes'
    rows are made taller where the figure is to be at least ``min_height`` px."""
    fixed = margin["t"] + OVERVIEW_GAP_PX + OVERVIEW_PX + margin["b"]
    plot = max(total_rows * ROW_PX, min_height - fixed)
    inner = plot + OVERVIEW_GAP_PX + OVERVIEW_PX
    top_of_lanes = plot / inner
    return {
        "height": margin["t"] + inner + margin["b"],
        "margin": margin,
        "yaxis_domain": [0, top_of_lanes],
        "yaxis2_domain": [(plot + OVERVIEW_GAP_PX) / inner, 1],
    }


def time_axis(view: Window) -> dict[str, Any]:
    """The date x axis of the lanes, showing ``view`` (milliseconds); its ticks above the lanes,
    where they are in sight with the first rows, not under the last one (often below the fold)."""
    return {
        "type": "date",
        "side": "top",
        "range": [iso_of_ms(view[0]), iso_of_ms(view[1])],
        "autorange": False,
        "showgrid": True,
        "gridcolor": "#e6e6e6",
        "tickfont": {"size": TICK_SIZE},
        # Year ticks unpadded ("500", "-500" rather than "0500", "-0500"); finer ticks as plotly picks.
        "tickformatstops": [{"dtickrange": ["M12", None], "value": "%-Y"}],
        "showline": True,
        "linecolor": "#bdbdbd",
        "anchor": "y",
    } | era_ticks(view)


def overview_axes(span: Window) -> dict[str, Any]:
    """The x and y axes of the overview strip: the whole collection, fixed."""
    return {
        "xaxis2": {
            "type": "date",
            "range": [iso_of_ms(span[0]), iso_of_ms(span[1])],
            "autorange": False,
            "fixedrange": True,
            "anchor": "y2",
            "showgrid": False,
            "tickfont": {"size": TICK_SIZE - 2, "color": MUTED_COLOUR},
            "tickformatstops": [{"dtickrange": ["M12", None], "value": "%-Y"}],
            "ticks": "outside",
            "ticklen": 3,
            "showline": True,
            "linecolor": "#d0d0d0",
        }
        | era_ticks(span, count=5),
        "yaxis2": {
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "showticklabels": False,
            "rangemode": "tozero",
            "anchor": "x2",
        },
    }


def view_marker(view: Window) -> dict[str, Any]:
    """The shaded window on the overview strip: where the lanes below are looking."""
    return {
        "type": "rect",
        "xref": "x2",
        "yref": "y2 domain",
        "x0": iso_of_ms(view[0]),
        "x1": iso_of_ms(view[1]),
        "y0": 0,
        "y1": 1,
        "fillcolor": VIEW_FILL,
        "line": {"width": 1, "color": "rgba(42, 99, 170, 0.5)"},
        "layer": "below",
    }


def lane_axis(
    names: Sequence[str], tops: Sequence[int], rows: Sequence[int], margin: dict[str, int] | None = None
) -> dict[str, Any]:
    """The y axis: rows counted from the top; one tick per lane, at its first row, shortened to
    fit the ``margin`` (none when the names are inside the plot)."""
    total = sum(rows)
    room = margin["l"] - _NAME_PAD + 4 if margin is not None else float("inf")
    return {
        "tickvals": [top + 0.5 for top in tops],
        "ticktext": [html.escape(shortened(name, room), quote=False) for name in names],
        "showticklabels": margin is None or not names_inside(margin),
        "range": [total, 0],
        "autorange": False,
        "fixedrange": True,
        "showgrid": False,
        "zeroline": False,
        "tickfont": {"size": TICK_SIZE},
        "automargin": False,
    }


def lane_bands(tops: Sequence[int], rows: Sequence[int]) -> list[dict[str, Any]]:
    """Light bands behind every other lane, and a line under each, so the eye can follow a lane."""
    shapes: list[dict[str, Any]] = []
    for lane, (top, count) in enumerate(zip(tops, rows, strict=True)):
        if lane % 2:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "yref": "y",
                    "x0": 0,
                    "x1": 1,
                    "y0": top,
                    "y1": top + count,
                    "fillcolor": LANE_BAND,
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
    return shapes


def buttons_width(labels: Sequence[str]) -> float:
    """How wide the row of range buttons with ``labels`` is drawn (px, estimated)."""
    return sum(text_width(label, TICK_SIZE - 1) + _BUTTON_PAD_PX for label in labels)


def note_row(parts: Sequence[str], button_labels: Sequence[str], plot_width: float) -> int:
    """The height (px) of a row of its own that the note (above the overview strip) needs under
    the range buttons, where it would run into them beside them; 0 where it fits beside them."""
    beside = text_width(_NOTE_GAP.join(part for part in parts if part), LABEL_SIZE)
    return 0 if beside + ITEM_GAP + buttons_width(button_labels) <= plot_width else _NOTE_LINE_PX + 8


def with_note_row(margin: dict[str, int], row: int) -> dict[str, int]:
    """``margin`` with the top grown by the note's own ``row`` (px)."""
    return margin | {"t": margin["t"] + row}


def range_buttons(windows: Sequence[tuple[str, Window]], *, raised: int = 0) -> list[dict[str, Any]]:
    """The 1m / 6m / 1y / 10y / all buttons: each sets the x range the server worked out;
    ``raised`` px above their place (the note's row, :func:`note_row`)."""
    return [
        {
            "type": "buttons",
            "direction": "right",
            "showactive": False,
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "pad": {"b": 4 + raised},
            "font": {"size": TICK_SIZE - 1},
            "bgcolor": "#f2f2f2",
            "bordercolor": "#d0d0d0",
            "buttons": [
                {
                    "label": label,
                    "method": "relayout",
                    "args": [{"xaxis.range": [iso_of_ms(window[0]), iso_of_ms(window[1])]}],
                }
                for label, window in windows
            ],
        }
    ]


def note(parts: Sequence[str], *, below: bool = False) -> dict[str, Any]:
    """A small grey note at the top right, above the overview strip, its ``parts`` on one line;
    ``below`` (a narrow figure, where it would run under the range buttons) under the dates,
    at most :data:`_NOTE_LINES` parts, one a line."""
    escaped = [html.escape(part, quote=False) for part in parts if part]
    place = (
        {"x": 0, "y": 0, "xanchor": "left", "yanchor": "top", "yshift": -_BOTTOM_MARGIN + 14, "align": "left"}
        if below
        else {"x": 1, "y": 1, "xanchor": "right", "yanchor": "bottom", "yshift": 4}
    )
    return {
        "text": "<br>".join(escaped[:_NOTE_LINES]) if below else _NOTE_GAP.join(escaped),
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": LABEL_SIZE, "color": MUTED_COLOUR},
    } | place


def no_events(message: str = "No events") -> dict[str, Any]:
    """The annotation of an empty timeline."""
    return {
        "text": html.escape(message, quote=False),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"size": TITLE_SIZE, "color": MUTED_COLOUR},
    }
