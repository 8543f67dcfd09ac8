"""A key for paper: each event numbered on the timeline and listed with its label below it.

On screen, what an event is shows on hover; a printed or pasted image has no hover. So for
images the marks carry small numbers, and a key under the plot gives each number's date and
label, in time order. Numbers never overlap the way 80-character labels beside the marks
would. Past :data:`KEY_LIMIT` events the key would not fit a page and is left out.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from timeline.figure.style import FONT_FAMILY, MUTED_COLOUR

KEY_LIMIT = 40  # events a key may list
KEY_LINE_PX = 17  # height of one key line
KEY_LABEL_CHARS = 90  # a key line's label is cut to this many characters


def with_event_key(fig: go.Figure, events: pd.DataFrame) -> go.Figure:
    """A copy of ``fig`` (as :func:`timeline_figure` made it from ``events``) with numbered marks
    and a key below the plot; ``fig`` itself when there are no events or too many to list."""
    numbers = event_numbers(events)
    if not numbers or len(numbers) > KEY_LIMIT:
        return fig
    numbered = go.Figure(fig)
    for trace in numbered.data:
        # Numbers go on the markers: every event has one (spans a tick at their middle).
        if not isinstance(trace, go.Scatter | go.Scattergl) or trace.customdata is None:
            continue
        trace.text = [str(numbers.get(row[0], "")) for row in trace.customdata]
        trace.textfont = {"size": 10, "color": "#333333", "family": FONT_FAMILY}
        trace.mode = "markers+text"
        trace.textposition = "top center"
    lines = key_lines(events, numbers)
    plot_height = numbered.layout.height or 400 + 60 * events["doc_id"].nunique()
    key_height = KEY_LINE_PX * len(lines) + 24
    bottom = (numbered.layout.margin.b or 40) + key_height
    numbered.update_layout(height=plot_height + key_height, margin={"b": bottom})
    numbered.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bottom - 8),
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": 11, "family": FONT_FAMILY, "color": "#222222"},
    )
    return numbered


def event_numbers(events: pd.DataFrame) -> dict[str, int]:
    """event_id -> its number: 1 for the earliest event, ties in table order."""
    ordered = events.sort_values(["x_start", "x_end"], kind="stable")
    return {event_id: number for number, event_id in enumerate(ordered["event_id"], start=1)}


def key_lines(events: pd.DataFrame, numbers: dict[str, int]) -> list[str]:
    """One line per event, in number order: "3  2021-05-13  Armenia said Azerbaijan had failed …"."""
    by_id = events.set_index("event_id")
    lines = []
    for event_id, number in sorted(numbers.items(), key=lambda item: item[1]):
        row = by_id.loc[event_id]
        label = str(row["label"] or row["text"])
        if len(label) > KEY_LABEL_CHARS:
            label = label[: KEY_LABEL_CHARS - 1].rsplit(" ", 1)[0] + " …"
        lines.append(
            f"<b>{number}</b>  <span style='color:{MUTED_COLOUR}'>{html.escape(str(row['value']))}</span>"
            f"  {html.escape(label)}"
        )
    return lines
