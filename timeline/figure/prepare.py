"""The events table made ready to draw at any zoom: positions in milliseconds, lanes, colours.

Preparing is the part of drawing that does not depend on the view: it runs once per table and
lane choice (the app keeps it while the user zooms and pans), and everything after it is
vectorised over its arrays or bounded by what fits on screen.

A plotly date axis reads numbers as milliseconds since 1970 and spans years -9999 to 9999, BC
included; the milliseconds come from the table's fractional years (``x_start``/``x_end``), never
through pandas timestamps, which stop at 1677.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from timeline.events.schema import INSTANT, PUBLICATION, validate_events
from timeline.events.timescale import ms_of_fractional_years
from timeline.figure.lanes import LANE_BY, Lanes, assign_lanes, document_codes

FIRST_YEAR, LAST_YEAR = -9999, 9999  # what a plotly date axis can show
_MIN_PAD_MS = 86_400_000.0


@dataclass(frozen=True, slots=True)
class Prepared:
    """The drawable events (positions 0..n-1) and, per event, where it goes.

    The table is not copied: position ``i`` is row ``rows[i]`` of ``table``, and the few columns a
    view needs are taken for the positions it draws (a filter over a million events is a choice
    of rows, not a new table).
    """

    table: pd.DataFrame
    rows: np.ndarray
    lanes: Lanes
    start_ms: np.ndarray
    end_ms: np.ndarray
    mark_ms: np.ndarray  # the middle of the interval: where an instant's mark goes
    is_span: np.ndarray  # drawn as a bar over its interval (periods, anchored durations)
    left_out: int  # events outside the years a date axis shows
    lane_by: str
    doc_code: np.ndarray  # a number for each event's document
    by_time: np.ndarray  # positions by where their mark or bar starts, earliest first (ties by position)

    def select(self, wanted: np.ndarray) -> Prepared:
        """The events of rows ``wanted`` (booleans over the whole table) with lanes of their own,
        from this preparation of the whole table: a filter converts no column again."""
        if len(self.rows) + self.left_out != len(self.table):
            raise ValueError("select works on a preparation of the whole table")
        keep = wanted[self.rows]
        rows, doc_code = self.rows[keep], self.doc_code[keep]
        renumbered = np.cumsum(keep) - 1  # a kept position's place among the kept
        return Prepared(
            table=self.table,
            rows=rows,
            lanes=assign_lanes(self.table, rows, self.lane_by, doc_code),
            start_ms=self.start_ms[keep],
            end_ms=self.end_ms[keep],
            mark_ms=self.mark_ms[keep],
            is_span=self.is_span[keep],
            left_out=int(np.count_nonzero(wanted)) - len(rows),
            lane_by=self.lane_by,
            doc_code=doc_code,
            by_time=renumbered[self.by_time[keep[self.by_time]]],
        )

    def __len__(self) -> int:
        return len(self.rows)

    def take(self, positions: np.ndarray | Sequence[int], columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The events at ``positions`` (all columns, or ``columns``), as a table indexed 0..k-1."""
        chosen = self.table if columns is None else self.table[list(columns)]
        return chosen.take(self.rows[np.asarray(positions, dtype=np.int64)]).reset_index(drop=True)

    def values(self, column: str, positions: np.ndarray) -> np.ndarray:
        """The ``column`` of the events at ``positions``, as an object array: only those rows are
        converted (a whole column of a million strings takes a second)."""
        chosen: np.ndarray = self.table[column].take(self.rows[positions]).to_numpy(dtype=object)
        return chosen

    def position_of(self, event_id: str) -> int | None:
        """The position of the event ``event_id``; None when it is not among these events."""
        rows = np.flatnonzero((self.table["event_id"] == event_id).to_numpy(dtype=bool))
        at = np.flatnonzero(np.isin(self.rows, rows))
        return int(at[0]) if len(at) else None

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
    x_start = events["x_start"].to_numpy(dtype=float, na_value=np.nan)
    x_end = events["x_end"].to_numpy(dtype=float, na_value=np.nan)
    drawable = (x_start >= FIRST_YEAR) & (x_end <= LAST_YEAR + 1)
    shown = np.flatnonzero(drawable)
    start_ms = ms_of_fractional_years(x_start[drawable])
    end_ms = ms_of_fractional_years(x_end[drawable])
    is_instant = events["kind"].take(shown).isin([INSTANT, PUBLICATION]).to_numpy(dtype=bool)
    doc_code = document_codes(events, shown)
    return Prepared(
        table=events,
        rows=shown,
        lanes=assign_lanes(events, shown, lane_by, doc_code),
        start_ms=start_ms,
        end_ms=end_ms,
        mark_ms=(start_ms + end_ms) / 2,
        is_span=~is_instant,
        left_out=int(len(events) - len(shown)),
        lane_by=lane_by,
        doc_code=doc_code,
        by_time=np.argsort(np.where(is_instant, (start_ms + end_ms) / 2, start_ms), kind="stable"),
    )
