"""Axes, sizes, lanes, buttons and notes of the timeline figure: everything but the traces.

The figure's height is set so that one row of a lane is :data:`~timeline.figure.style.ROW_PX`
px: the stacking in :mod:`timeline.figure.detail` is done in pixels, and so is the drawing.
Above the lanes, an overview strip shows the whole collection with the current view shaded.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from timeline.events.timescale import iso_of_ms
from timeline.figure.style import (
    FONT_FAMILY,
    FONT_SIZE,
    HOVER_SIZE,
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
_TITLE_PX = 40
_MIN_LEFT, _MAX_LEFT = 60, 240


def margins(lane_names: Sequence[str], *, title: bool, controls: bool) -> dict[str, int]:
    """Fixed margins, so the plot's width in px (what labels are stacked in) is known in advance."""
    widest = max((text_width(name, TICK_SIZE) for name in lane_names), default=0.0)
    top = 24 + (_TITLE_PX if title else 0) + (_BUTTONS_PX if controls else 0)
    return {"l": int(min(max(widest + 18, _MIN_LEFT), _MAX_LEFT)), "r": _RIGHT_MARGIN, "t": top, "b": _BOTTOM_MARGIN}


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


def sized_layout(total_rows: int, margin: dict[str, int]) -> dict[str, Any]:
    """Height and the two vertical domains: the overview strip on top, the lanes below."""
    plot = total_rows * ROW_PX
    inner = plot + OVERVIEW_GAP_PX + OVERVIEW_PX
    top_of_lanes = plot / inner
    return {
        "height": margin["t"] + inner + margin["b"],
        "margin": margin,
        "yaxis_domain": [0, top_of_lanes],
        "yaxis2_domain": [(plot + OVERVIEW_GAP_PX) / inner, 1],
    }


def time_axis(view: Window) -> dict[str, Any]:
    """The date x axis of the lanes, showing ``view`` (milliseconds)."""
    return {
        "type": "date",
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
    }


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
        },
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


def lane_axis(names: Sequence[str], tops: Sequence[int], rows: Sequence[int]) -> dict[str, Any]:
    """The y axis: rows counted from the top; one tick per lane, at its first row."""
    total = sum(rows)
    return {
        "tickvals": [top + 0.5 for top in tops],
        "ticktext": [html.escape(name, quote=False) for name in names],
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


def range_buttons(windows: Sequence[tuple[str, Window]]) -> list[dict[str, Any]]:
    """The 1m / 6m / 1y / 10y / all buttons: each sets the x range the server worked out."""
    return [
        {
            "type": "buttons",
            "direction": "right",
            "showactive": False,
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "pad": {"b": 4},
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


def note(text: str) -> dict[str, Any]:
    """A small grey note at the top right, above the overview strip."""
    return {
        "text": html.escape(text, quote=False),
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": 1,
        "xanchor": "right",
        "yanchor": "bottom",
        "yshift": 4,
        "showarrow": False,
        "font": {"size": LABEL_SIZE, "color": MUTED_COLOUR},
    }


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
