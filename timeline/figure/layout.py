"""Axes, lanes, sizes and notes of the timeline figure: everything but the traces."""

from __future__ import annotations

from typing import Any

from timeline.figure.style import (
    FONT_FAMILY,
    FONT_SIZE,
    HOVER_SIZE,
    LANE_BAND,
    LANE_HEIGHT,
    MAX_HEIGHT,
    MIN_HEIGHT,
    MUTED_COLOUR,
    TEXT_COLOUR,
    TICK_SIZE,
    TITLE_SIZE,
)

_RANGE_BUTTONS = (
    {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
    {"count": 6, "label": "6m", "step": "month", "stepmode": "backward"},
    {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
    {"count": 10, "label": "10y", "step": "year", "stepmode": "backward"},
    {"label": "all", "step": "all"},
)
_DENSITY_SHARE = 0.16  # of the plot height, for the density strip of large tables
_DENSITY_HEIGHT = 130  # px added for it
_CHROME_HEIGHT = 190  # px for title, range buttons, axis labels and range slider


def base_layout(*, title: str | None, width: int | None, height: int | None) -> dict[str, Any]:
    """Template, fonts, margins and size shared by every timeline figure, empty or not."""
    return {
        "template": "plotly_white",
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "title": {"text": title or "", "x": 0.01, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        "margin": {"l": 20, "r": 24, "t": 96 if title else 56, "b": 24},
        "width": width,
        "height": height,
        "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "font": {"size": HOVER_SIZE, "family": FONT_FAMILY}, "align": "left"},
        "barmode": "overlay",  # bars of different colours share a lane; "group" would shift them
        "dragmode": "zoom",
        "showlegend": False,
        "legend": {"title": {"text": "Documents"}, "font": {"size": TICK_SIZE}, "itemsizing": "constant"},
    }


def auto_height(lane_count: int, density: bool) -> int:
    """A height that gives every lane room for its label."""
    wanted = _CHROME_HEIGHT + LANE_HEIGHT * lane_count + (_DENSITY_HEIGHT if density else 0)
    return max(MIN_HEIGHT, min(MAX_HEIGHT, wanted))


def time_axis(shown: tuple[float, float], span: tuple[float, float]) -> dict[str, Any]:
    """The date x axis showing ``shown`` (milliseconds), with range buttons and a range slider over ``span``."""
    return {
        "type": "date",
        "range": list(shown),
        "autorange": False,
        "showgrid": True,
        "gridcolor": "#e6e6e6",
        "tickfont": {"size": TICK_SIZE},
        # Year ticks unpadded ("500", "-500" rather than "0500", "-0500"); finer ticks as plotly picks.
        "tickformatstops": [{"dtickrange": ["M12", None], "value": "%-Y"}],
        "showline": True,
        "linecolor": "#bdbdbd",
        "rangeslider": {"visible": True, "thickness": 0.07, "range": list(span), "autorange": False},
        "rangeselector": {
            "buttons": list(_RANGE_BUTTONS),
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": TICK_SIZE - 1},
            "bgcolor": "#f2f2f2",
            "activecolor": "#d0d0d0",
        },
    }


def lane_axis(names: tuple[str, ...], *, density: bool) -> dict[str, Any]:
    """The y axis: one tick per lane, first lane on top; y does not zoom, time does."""
    return {
        "tickvals": list(range(len(names))),
        "ticktext": list(names),
        "range": [len(names) - 0.5, -0.5],
        "autorange": False,
        "fixedrange": True,
        "showgrid": False,
        "zeroline": False,
        "tickfont": {"size": TICK_SIZE},
        "automargin": True,
        "domain": [0, 1 - _DENSITY_SHARE - 0.03] if density else [0, 1],
    }


def density_axis() -> dict[str, Any]:
    """The y axis of the density strip above the lanes."""
    return {
        "domain": [1 - _DENSITY_SHARE, 1],
        "fixedrange": True,
        "showgrid": False,
        "zeroline": False,
        "rangemode": "tozero",
        "title": {"text": "events", "font": {"size": TICK_SIZE, "color": MUTED_COLOUR}},
        "tickfont": {"size": TICK_SIZE - 2, "color": MUTED_COLOUR},
        "nticks": 3,
    }


def lane_bands(lane_count: int) -> list[dict[str, Any]]:
    """Light bands behind every other lane, so the eye can follow a lane across the plot."""
    return [
        {
            "type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": lane - 0.5, "y1": lane + 0.5,
            "fillcolor": LANE_BAND, "line": {"width": 0}, "layer": "below",
        }
        for lane in range(1, lane_count, 2)
    ]


def note(text: str) -> dict[str, Any]:
    """A small grey note in the top right corner, above the plot."""
    return {
        "text": text, "xref": "paper", "yref": "paper", "x": 1, "y": 1, "xanchor": "right", "yanchor": "bottom",
        "showarrow": False, "font": {"size": TICK_SIZE - 1, "color": MUTED_COLOUR},
    }


def no_events() -> dict[str, Any]:
    """The annotation of an empty timeline."""
    return {
        "text": "No events", "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False,
        "font": {"size": TITLE_SIZE, "color": MUTED_COLOUR},
    }
