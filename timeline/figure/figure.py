"""The timeline figure: a pure, deterministic function of the events table and a view (no Dash here).

``timeline_figure`` prepares the table (:mod:`timeline.figure.prepare`), works out which events
in view are drawn with their labels and which are counted in clusters
(:mod:`timeline.figure.detail`), and draws that scene (:mod:`timeline.figure.traces`). The app
keeps the prepared table and calls :func:`draw` again on every zoom, pan or resize, so the
figure always holds what fits the view and never the whole table.

Drawing choices: x is a plotly date axis (years -9999..9999, BC included); y is rows of lanes
(by document, grain or type); day and time events are markers with their labels beside them;
months, seasons, years and longer are bars with their label on the bar; an overview strip above
the lanes shows the whole collection, with the view shaded.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from timeline.events.schema import ANCHORED_DURATION, INSTANT, PERIOD, PUBLICATION
from timeline.events.timescale import epoch_ms
from timeline.figure import layout
from timeline.figure.detail import Scene, level_of_detail
from timeline.figure.prepare import FIRST_YEAR, LAST_YEAR, Prepared, prepare
from timeline.figure.style import DEFAULT_PLOT_WIDTH, PALETTE, ROW_BUDGET
from timeline.figure.traces import legend_traces, overview_traces, scene_traces
from timeline.figure.views import Window, button_windows, first_view

_KEYS = (
    (INSTANT, "● day  ◆ time"),
    (PERIOD, "▬ period"),
    (ANCHORED_DURATION, "▨ anchored duration"),
    (PUBLICATION, "▼ published"),
)


def timeline_figure(
    events: pd.DataFrame,
    *,
    lane_by: str = "document",
    title: str | None = None,
    x_range: tuple[str, str] | None = None,
    width: int | None = None,
    height: int | None = None,
    responsive: bool = False,
    controls: bool = True,
    selected: str | None = None,
) -> go.Figure:
    """The timeline of ``events`` (a table as made by :mod:`timeline.events`).

    ``lane_by`` is "document", "grain" or "type"; ``x_range`` two ISO dates to show (astronomical
    years, "-0489-01-01" for 490 BC), else the span most events are in; ``width`` the figure's
    width in px, which the labels are laid out for; ``responsive`` leaves the figure's width to
    its container (the app, which measures it); ``controls`` adds the range buttons; ``selected``
    (an event_id) is drawn on its own wherever it is in view.
    """
    return draw(
        prepare(events, lane_by),
        view=view_of(x_range),
        title=title,
        width=width,
        height=height,
        responsive=responsive,
        controls=controls,
        selected=selected,
    )


def view_of(x_range: tuple[str, str] | None) -> Window | None:
    """Two ISO dates (or plotly's "2021-05-13 04:22:11.123") as milliseconds; ValueError names a bad one."""
    if x_range is None:
        return None
    try:
        first, last = (epoch_ms(bound.strip()) for bound in x_range)
    except ValueError as error:
        raise ValueError(f"x_range: {error}") from None
    return (first, last) if last > first else (last, first)


def draw(
    prepared: Prepared,
    *,
    view: Window | None = None,
    title: str | None = None,
    width: int | None = None,
    height: int | None = None,
    responsive: bool = False,
    controls: bool = True,
    row_budget: int = ROW_BUDGET,
    selected: str | None = None,
    min_height: int = 0,
) -> go.Figure:
    """The figure of a prepared table over ``view`` (ms; None for the first view); the event
    ``selected`` (an event_id) is drawn on its own wherever it is in view, never only counted.
    Without a ``height``, the figure is as tall as its rows need, and at least ``min_height``."""
    notes = (
        [f"{prepared.left_out:,} events outside years {FIRST_YEAR}…{LAST_YEAR} not drawn"] if prepared.left_out else []
    )
    if not len(prepared):
        return _empty_figure(title=title, width=width, height=height, notes=notes)
    names = prepared.lanes.names
    margin = layout.margins(names, title=bool(title), controls=controls, width=width)
    shown = view or first_view(prepared)
    plot_width = max((width or DEFAULT_PLOT_WIDTH + margin["l"] + margin["r"]) - margin["l"] - margin["r"], 120)
    scene = level_of_detail(
        prepared,
        shown,
        plot_width,
        row_budget=row_budget,
        name_px=layout.inside_name_widths(names, margin),
        keep=prepared.position_of(selected) if selected else None,
    )
    colours = PALETTE
    used = sorted({int(c) % len(colours) for c in prepared.lanes.colour[scene.placed["pos"].to_numpy()]})
    legend = prepared.lanes.colour_names and len(used) > 1 and not _colour_is_lane(prepared)
    traces = [*scene_traces(prepared, scene, colours), *overview_traces(prepared)]
    if legend:
        traces.extend(legend_traces(colours, prepared.lanes.colour_names, used))
    tops = scene.lane_tops()
    note = [*notes, *_key(prepared, scene)]
    buttons = button_windows(prepared, view) if controls else []
    below = layout.names_inside(margin)  # a narrow figure's note goes under the dates
    raised = 0 if below or not controls else layout.note_row(note, [label for label, _ in buttons], plot_width)
    margin = layout.with_note_row(margin, raised)
    sized = layout.sized_layout(scene.total_rows, margin, min_height)
    overview = layout.overview_axes(prepared.span())
    overview["yaxis2"] = overview["yaxis2"] | {"domain": sized["yaxis2_domain"]}
    whole_layout = (
        layout.base_layout(title=title, width=None if responsive else width, height=height or sized["height"])
        | {
            "margin": sized["margin"],
            "showlegend": bool(legend),
            "xaxis": layout.time_axis(shown),
            "yaxis": layout.lane_axis(names, tops, scene.lane_rows, margin) | {"domain": sized["yaxis_domain"]},
            "shapes": [*layout.lane_bands(tops, scene.lane_rows), layout.view_marker(shown)],
            "annotations": [
                layout.note(note, below=below),
                *layout.inside_names(names, tops, margin),
            ],
            "updatemenus": layout.range_buttons(buttons, raised=raised) if controls else [],
            "uirevision": f"{shown[0]:.0f}:{shown[1]:.0f}",
            "meta": {
                "in_view": scene.in_view,
                "placed": len(scene.placed),
                "view": layout.time_axis(shown)["range"],
                "counted": int(scene.clusters["count"].sum()) if len(scene.clusters) else 0,
            },
        }
        | overview
    )
    return go.Figure(data=traces, layout=whole_layout)  # validated once, as a whole


def _colour_is_lane(prepared: Prepared) -> bool:
    """Whether colours follow lanes (then a legend would repeat the lane names)."""
    return bool((prepared.lanes.colour == prepared.lanes.index % len(PALETTE)).all()) and len(
        prepared.lanes.colour_names
    ) == len(prepared.lanes.names)


def _key(prepared: Prepared, scene: Scene) -> list[str]:
    """What the marks mean (for the kinds present), then how many of the events in view are counted."""
    kinds = set(prepared.values("kind", scene.placed["pos"].to_numpy()))
    keys = ["   ".join(text for kind, text in _KEYS if kind in kinds)]
    counted = int(scene.clusters["count"].sum()) if len(scene.clusters) else 0
    if counted:
        keys.append(f"+N: {counted:,} of {scene.in_view:,} events in view counted, click to zoom in")
    return keys


def _empty_figure(*, title: str | None, width: int | None, height: int | None, notes: list[str]) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(
        layout.base_layout(title=title, width=width, height=height or 360)
        | {
            "margin": {"l": 20, "r": 24, "t": 96 if title else 56, "b": 24},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [layout.no_events(), *([layout.note(["  ·  ".join(notes)])] if notes else [])],
        }
    )
    return figure
