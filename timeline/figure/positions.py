"""Where each event is drawn: its lane position, colour, and place on plotly's date axis.

A plotly date axis reads numbers as milliseconds since 1970 and spans years -9999 to 9999, BC
included; the milliseconds come from the ISO interval strings (never through pandas timestamps,
which stop at 1677). Instants are drawn at the middle of their interval (noon for a day).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.events.timescale import epoch_ms, on_distinct
from timeline.figure.hover import hover_texts
from timeline.figure.lanes import Lanes, colour_index, jitter

FIRST_YEAR, LAST_YEAR = -9999, 9999  # what a plotly date axis can show
SHARED_COLOUR = -1  # colour index of the events in the shared "other documents" lane
_AXIS_FIRST_MS = epoch_ms(f"{FIRST_YEAR:05d}-01-01")
_AXIS_LAST_MS = epoch_ms(f"{LAST_YEAR}-12-31T23:59")
_SAME_PLACE = ["colour", "lane", "kind", "grain", "interval_start", "interval_end"]


def drawable(events: pd.DataFrame) -> pd.Series:
    """Mask of the events whose interval fits on a plotly date axis."""
    return (events["x_start"] >= FIRST_YEAR) & (events["x_end"] <= LAST_YEAR + 1)


def plot_frame(events: pd.DataFrame, lanes: Lanes, *, merge: bool, mixed: bool = False) -> pd.DataFrame:
    """One row per mark, sorted by time then event_id.

    Columns: event_id, kind, grain, interval_start, interval_end, x_start, lane, colour, y,
    start_ms, end_ms, mid_ms, hover; with ``merge`` also count (see :func:`merge_same_place`),
    and hovers without the sentence, to keep a large figure light. ``mixed`` gives every event
    the shared colour: too many documents share each lane for colours to tell them apart, and
    marks then merge across documents.
    """
    start_ms = on_distinct(events["interval_start"], epoch_ms)
    end_ms = on_distinct(events["interval_end"], epoch_ms)
    colour = colour_index(events).copy()
    if mixed:
        colour[:] = SHARED_COLOUR
    elif lanes.shared is not None:
        colour[lanes.index == lanes.shared] = SHARED_COLOUR
    frame = pd.DataFrame({
        "row": np.arange(len(events)),
        "event_id": events["event_id"].to_numpy(),
        "kind": events["kind"].to_numpy(),
        "grain": events["grain"].to_numpy(),
        "interval_start": events["interval_start"].to_numpy(),
        "interval_end": events["interval_end"].to_numpy(),
        "x_start": events["x_start"].to_numpy(),
        "lane": lanes.index,
        "colour": colour,
        "y": lanes.index + jitter(list(events["event_id"])),
        "start_ms": start_ms,
        "end_ms": end_ms,
        "mid_ms": (start_ms + end_ms) / 2,
    })
    frame = frame.sort_values(["x_start", "event_id"], kind="stable")
    if merge:
        frame = merge_same_place(frame)
    hover = pd.Series(hover_texts(events.iloc[frame["row"]], with_sentence=not merge), index=frame.index)
    if merge:
        several = frame["count"] > 1
        hover[several] = (
            "<b>" + frame.loc[several, "count"].map("{:,}".format) + " events with this date here</b>, one of them:<br>"
            + hover[several]
        )
    return frame.assign(hover=hover).drop(columns="row").reset_index(drop=True)


def merge_same_place(frame: pd.DataFrame) -> pd.DataFrame:
    """One mark per colour, lane, kind, grain and interval, standing for ``count`` events.

    It keeps the first event (by time, then event_id) of each group, so its id is what a
    click on the mark reports.
    """
    kept = frame.drop_duplicates(_SAME_PLACE, keep="first")
    counts = frame.groupby(_SAME_PLACE, sort=False).size().rename("count")
    return kept.join(counts, on=_SAME_PLACE)


def data_span(frame: pd.DataFrame) -> tuple[float, float]:
    """(first, last) millisecond any event covers, padded so edge events are not on the frame."""
    first, last = float(np.min(frame["start_ms"])), float(np.max(frame["end_ms"]))
    pad = max((last - first) * 0.03, 86_400_000.0)
    return max(first - pad, _AXIS_FIRST_MS), min(last + pad, _AXIS_LAST_MS)
