"""The events table made ready to draw at any zoom: positions in milliseconds, lanes, colours.

Preparing is the part of drawing that does not depend on the view: it runs once per table and
lane choice (the app keeps it while the user zooms and pans), and everything after it is
vectorised over its arrays or bounded by what fits on screen.

A plotly date axis reads numbers as milliseconds since 1970 and spans years -9999 to 9999, BC
included; the milliseconds come from the table's fractional years (``x_start``/``x_end``), never
through pandas timestamps, which stop at 1677.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from timeline.events.schema import INSTANT, PUBLICATION, validate_events
from timeline.events.timescale import ms_of_fractional_years
from timeline.figure.lanes import LANE_BY, Lanes, assign_lanes

FIRST_YEAR, LAST_YEAR = -9999, 9999  # what a plotly date axis can show
_MIN_PAD_MS = 86_400_000.0


@dataclass(frozen=True, slots=True)
class Prepared:
    """The drawable events (positions 0..n-1) and, per event, where it goes."""

    events: pd.DataFrame
    lanes: Lanes
    start_ms: np.ndarray
    end_ms: np.ndarray
    mark_ms: np.ndarray  # the middle of the interval: where an instant's mark goes
    is_span: np.ndarray  # drawn as a bar over its interval (periods, anchored durations)
    left_out: int  # events outside the years a date axis shows

    def __len__(self) -> int:
        return len(self.events)

    def span(self) -> tuple[float, float]:
        """(first, last) millisecond any event covers, padded so edge events are not on the frame."""
        first, last = float(np.min(self.start_ms)), float(np.max(self.end_ms))
        pad = max((last - first) * 0.02, _MIN_PAD_MS)
        return first - pad, last + pad


def prepare(events: pd.DataFrame, lane_by: str = "document", *, validate: bool = True) -> Prepared:
    """``events`` (a table as made by :mod:`timeline.events`) ready to draw with lanes by ``lane_by``;
    ``validate=False`` skips checking the table against the schema (it came from the store)."""
    if lane_by not in LANE_BY:
        raise ValueError(f"lane_by must be one of {', '.join(LANE_BY)}, not {lane_by!r}")
    if validate:
        validate_events(events)
    drawable = (events["x_start"] >= FIRST_YEAR) & (events["x_end"] <= LAST_YEAR + 1)
    shown = events[drawable].reset_index(drop=True)
    start_ms = ms_of_fractional_years(shown["x_start"].to_numpy(dtype=float))
    end_ms = ms_of_fractional_years(shown["x_end"].to_numpy(dtype=float))
    kind = shown["kind"].to_numpy(dtype=object)
    return Prepared(
        events=shown,
        lanes=assign_lanes(shown, lane_by) if len(shown) else Lanes((), np.zeros(0, int), np.zeros(0, int), {}),
        start_ms=start_ms,
        end_ms=end_ms,
        mark_ms=(start_ms + end_ms) / 2,
        is_span=(kind != INSTANT) & (kind != PUBLICATION),
        left_out=int(len(events) - len(shown)),
    )
