"""Level of detail: which events in view are drawn with their label, in which row, and what is counted.

For a view (two milliseconds) and a plot width (px, as the browser reports it), every event in
view ends up in exactly one of two places:

* **placed**: drawn on its own, in a row of its lane, with its label (and its date where there
  is room) beside its mark or on its bar. Rows are filled first-fit in time order, as
  vis-timeline stacks its items: an item goes in the first row whose last item ends (label
  included) :data:`~timeline.figure.style.ITEM_GAP` px before it starts, so no label overlaps
  another label or mark. A label too long for the free space falls back to a shorter text,
  keeping its date as long as any dated text fits (:class:`LabelTexts`).
* **clustered**: counted in a cluster mark ("+37") in the last row of its lane, one per column
  of :data:`~timeline.figure.style.CLUSTER_PX` px, when its lane has no row left for it. Of the
  events starting in one column, only as many as the lane has rows are tried, which bounds the
  work by what fits on screen, not by the size of the table.

Lanes share :data:`~timeline.figure.style.ROW_BUDGET` rows by need (:func:`row_caps`).

Zooming in spreads events over more pixels, so what was counted gets placed once there is room.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from timeline.events.label import shorten, shorten_to_words
from timeline.events.timescale import MS_PER_DAY, civil_date
from timeline.events.when import when
from timeline.figure.prepare import Prepared
from timeline.figure.style import (
    CLUSTER_PX,
    ITEM_GAP,
    LABEL_CHARS,
    LABEL_GAP,
    LABEL_SIZE,
    MARK_RADIUS,
    MIN_LANE_ROWS,
    ROW_BUDGET,
    SAMPLE_EVENTS,
    SHORT_LABEL_CHARS,
    SHORT_LABEL_WORDS,
    SPAN_PAD,
)
from timeline.figure.textwidth import text_width

RIGHT, LEFT = "middle right", "middle left"  # where a label sits: plotly textposition
_RUNS_BEFORE, _RUNS_AFTER = "◂ ", " ▸"  # a period longer than the view says so
_TEXT_COLUMNS = ("label", "text", "mentions", "interval_start", "interval_end", "grain")


@dataclass(frozen=True, slots=True)
class Scene:
    """What one view of a prepared table draws. ``placed`` and ``clusters`` are tables:

    * placed: pos (position in the :class:`Prepared`), lane, row, text, side (RIGHT/LEFT), text_ms;
    * clusters: lane, row, x_ms, start_ms, end_ms, count, members (positions of the first few).
    """

    view: tuple[float, float]
    width: float
    placed: pd.DataFrame
    clusters: pd.DataFrame
    lane_rows: tuple[int, ...]
    in_view: int

    def lane_tops(self) -> list[int]:
        """The first row of each lane, counted from the top of the plot."""
        tops, row = [], 0
        for rows in self.lane_rows:
            tops.append(row)
            row += rows
        return tops

    @property
    def total_rows(self) -> int:
        return sum(self.lane_rows)


def row_caps(demand: np.ndarray, row_budget: int = ROW_BUDGET) -> np.ndarray:
    """How many rows of labels each lane may grow to: ``row_budget`` shared out by need.

    Lanes that need few rows (few events in view) get what they need, the busy ones share the
    rest equally; every lane may have :data:`MIN_LANE_ROWS`.
    """
    caps = np.zeros(len(demand), dtype=np.int64)
    left, lanes_left = row_budget, len(demand)
    for lane in np.argsort(demand, kind="stable"):
        share = left // max(lanes_left, 1)
        caps[lane] = max(MIN_LANE_ROWS, min(int(demand[lane]), share))
        left -= int(caps[lane])
        lanes_left -= 1
    return caps


def level_of_detail(
    prepared: Prepared,
    view: tuple[float, float],
    width: float,
    *,
    row_budget: int = ROW_BUDGET,
    name_px: Sequence[float] = (),
    keep: int | None = None,
) -> Scene:
    """The scene of ``prepared`` seen over ``view`` (ms) on a plot ``width`` px wide; ``name_px``
    keeps the start of each lane's first row free (px) for its name, drawn there on a narrow plot.

    ``keep`` (a position: the event selected in the app) is drawn on its own whenever it is in view
    and its label fits at all: if first fit would count it, its lane is filled again with it first.
    """
    first, last = view
    if not last > first:
        raise ValueError(f"the view must end after it starts, not {view}")
    scale = width / (last - first)
    lane_count = len(prepared.lanes.names)
    spans = prepared.is_span
    visible = np.where(
        spans,
        (prepared.start_ms < last) & (prepared.end_ms > first),
        (prepared.mark_ms >= first) & (prepared.mark_ms <= last),
    )
    # The events in view by lane, then by place in the lane: the time order is the preparation's,
    # and a stable sort by lane (a radix sort: lanes are few) keeps it within each lane.
    in_time = prepared.by_time[visible[prepared.by_time]]
    positions = in_time[np.argsort(prepared.lanes.index[in_time].astype(np.int16), kind="stable")]
    lanes = prepared.lanes.index[positions]
    caps = row_caps(np.bincount(lanes, minlength=lane_count), row_budget)
    anchor_px = np.where(
        spans[positions],
        np.maximum((prepared.start_ms[positions] - first) * scale, 0.0),
        (prepared.mark_ms[positions] - first) * scale,
    )
    columns = np.floor(anchor_px / CLUSTER_PX).astype(np.int64)
    column_count = int(math.ceil(width / CLUSTER_PX)) + 1
    cell = lanes.astype(np.int64) * column_count + np.clip(columns, 0, column_count - 1)
    # Columns run left to right within a lane, so ``positions`` are in order of cell too: the order
    # rows are filled in. Each event's rank in its cell:
    count = len(positions)
    starts = np.r_[0, np.flatnonzero(np.diff(cell)) + 1] if count else np.zeros(0, np.int64)
    rank = np.arange(count) - np.repeat(starts, np.diff(np.r_[starts, count]))
    # Only the first few of a column (as many as its lane has rows) can find room: the rest are counted.
    crowded = rank >= caps[lanes] if count else np.zeros(0, bool)

    def pack(first_of_all: int | None) -> tuple[_Packer, np.ndarray]:
        """First fit in time order (``first_of_all``, an index into positions, before the rest)."""
        counted = crowded.copy()
        tried = np.flatnonzero(~counted)
        if first_of_all is not None:
            counted[first_of_all] = False
            tried = np.r_[first_of_all, tried[tried != first_of_all]]
        packer = _Packer(prepared, positions[tried], first, last, width, caps, lane_count)
        for lane, reserved in enumerate(name_px):
            packer.edges[lane][0] = reserved
        for i in tried.tolist():
            if not packer.place(int(positions[i]), int(lanes[i]), float(anchor_px[i])):
                counted[i] = True
        return packer, counted

    packer, counted = pack(None)
    kept = np.flatnonzero(counted & (positions == keep)) if keep is not None else np.zeros(0, np.int64)
    if len(kept):
        packer, counted = pack(int(kept[0]))
    clusters = _clusters(
        prepared, positions[counted], cell[counted], column_count, packer.rows_used, first, scale, width
    )
    lane_rows = tuple(
        max(1, packer.rows_used[lane] + (1 if lane in set(clusters["lane"]) else 0)) for lane in range(lane_count)
    )
    return Scene((first, last), width, packer.table(), clusters, lane_rows, int(len(positions)))


class LabelTexts:
    """The texts the label of an event in view may be drawn with, in the order they are tried (:meth:`of`)."""

    def __init__(self, prepared: Prepared, positions: np.ndarray, view: tuple[float, float]) -> None:
        self.prepared, (self.first, self.last) = prepared, view
        self.year_shown = _year_shown(*view)
        # One take of the few columns the labels need, for these positions only: rows are not read one by one.
        columns = prepared.take(positions, _TEXT_COLUMNS)
        self._facts = dict(zip(positions.tolist(), columns.itertuples(index=False, name=None), strict=True))

    def of(self, pos: int) -> list[str]:
        """The texts of event ``pos``, longest first, every dated one before any undated one.

        The date as :func:`~timeline.events.when.when` words it, without the year in a view within
        one year (its axis shows the year). The label cut to :data:`~timeline.figure.style.LABEL_CHARS`,
        to a few words (a crowded plot still says what happened, not "Following the…"), to
        :data:`~timeline.figure.style.SHORT_LABEL_CHARS`: each after the date, then the label alone,
        long and short. A date never stands alone: it says nothing of what happened.
        """
        label, text, mentions, interval_start, interval_end, grain = self._facts[pos]
        label = str(label or text)
        if mentions > 1:
            label = f"{label} ({mentions}×)"
        date = when(str(interval_start), str(interval_end), str(grain), short=True, year_shown=self.year_shown)
        long_cut, short_cut = shorten(label, LABEL_CHARS), shorten(label, SHORT_LABEL_CHARS)
        few_words = shorten_to_words(label, SHORT_LABEL_CHARS, SHORT_LABEL_WORDS, LABEL_CHARS)
        before = _RUNS_BEFORE if self.prepared.is_span[pos] and self.prepared.start_ms[pos] < self.first else ""
        after = _RUNS_AFTER if self.prepared.is_span[pos] and self.prepared.end_ms[pos] > self.last else ""
        dated = [f"{date} · {cut}" for cut in (long_cut, few_words, short_cut)]
        undated = [long_cut, short_cut]
        return [f"{before}{body}{after}" for body in dict.fromkeys([*dated, *undated])]


class _Packer:
    """First-fit rows, lane by lane: the right edge (px) of each row's last item."""

    def __init__(
        self,
        prepared: Prepared,
        candidates: np.ndarray,
        first: float,
        last: float,
        width: float,
        caps: np.ndarray,
        lanes: int,
    ) -> None:
        self.prepared, self.first, self.last, self.width = prepared, first, last, width
        self.scale = width / (last - first)
        self.edges = [[-math.inf] * int(caps[lane]) for lane in range(lanes)]
        self.rows_used = [0] * lanes
        self.placed: list[tuple[int, int, int, str, str, float]] = []
        self.texts = LabelTexts(prepared, candidates, (first, last))

    def place(self, pos: int, lane: int, anchor_px: float) -> bool:
        """Put event ``pos`` in the first row of ``lane`` with room for it; False when none has."""
        edges = self.edges[lane]
        # No item starts further right than its mark (less its radius) or its bar: where no row has
        # room even there, no text needs measuring.
        furthest = anchor_px if self.prepared.is_span[pos] else anchor_px - MARK_RADIUS
        if not any(edge + ITEM_GAP <= furthest for edge in edges):
            return False
        for text in self.texts.of(pos):
            extent = self._extent(pos, anchor_px, text_width(text, LABEL_SIZE))
            if extent is None:
                continue
            x0, x1, side, text_px = extent
            for row, edge in enumerate(edges):
                if edge + ITEM_GAP <= x0:
                    edges[row] = x1
                    self.rows_used[lane] = max(self.rows_used[lane], row + 1)
                    self.placed.append((pos, lane, row, text, side, self.first + text_px / self.scale))
                    return True
        return False

    def _extent(self, pos: int, anchor_px: float, text_px: float) -> tuple[float, float, str, float] | None:
        """(left, right, side, text start) in px of event ``pos`` with a label ``text_px`` wide, or
        None when the label fits on neither side."""
        if self.prepared.is_span[pos]:
            bar_end = min((self.prepared.end_ms[pos] - self.first) * self.scale, self.width)
            text_at = min(anchor_px + SPAN_PAD, self.width - text_px - SPAN_PAD)
            if text_at < 0:
                return None
            return min(anchor_px, text_at), max(bar_end, text_at + text_px + SPAN_PAD), RIGHT, text_at
        right_end = anchor_px + MARK_RADIUS + LABEL_GAP + text_px
        if right_end <= self.width:
            return anchor_px - MARK_RADIUS, right_end, RIGHT, anchor_px
        left_start = anchor_px - MARK_RADIUS - LABEL_GAP - text_px
        if left_start >= 0:
            return left_start, anchor_px + MARK_RADIUS, LEFT, anchor_px
        return None

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.placed, columns=["pos", "lane", "row", "text", "side", "text_ms"]).astype(
            {"pos": "int64", "lane": "int64", "row": "int64", "text": "object", "side": "object", "text_ms": "float64"}
        )


def _year_shown(first: float, last: float) -> int | None:
    """The year (AD) the view ``first``..``last`` (ms) lies within, which its axis ticks name; None
    when it spans more than one (or lies before AD 1, where plotly's ticks count years from 0)."""
    year = civil_date(int(first // MS_PER_DAY))[0]
    return year if year >= 1 and civil_date(int(last // MS_PER_DAY))[0] == year else None


def _clusters(
    prepared: Prepared,
    members: np.ndarray,
    cells: np.ndarray,
    column_count: int,
    rows_used: list[int],
    first: float,
    scale: float,
    width: float,
) -> pd.DataFrame:
    """One cluster per lane and column of the events that found no row (``members``, sorted by
    ``cells`` and then by place in the column)."""
    columns = ["lane", "row", "x_ms", "start_ms", "end_ms", "count", "members"]
    if not len(members):
        return pd.DataFrame(
            {name: pd.Series(dtype="object" if name == "members" else "float64") for name in columns}
        ).astype({"lane": "int64", "row": "int64", "count": "int64"})
    starts = np.r_[0, np.flatnonzero(np.diff(cells)) + 1]
    counts = np.diff(np.r_[starts, len(cells)])
    distinct = cells[starts]
    lane_of = distinct // column_count
    column = distinct % column_count
    start_ms = np.minimum.reduceat(prepared.start_ms[members], starts)
    end_ms = np.maximum.reduceat(prepared.end_ms[members], starts)
    centre_px = np.clip((column + 0.5) * CLUSTER_PX, CLUSTER_PX / 2, max(width - CLUSTER_PX / 2, CLUSTER_PX / 2))
    return pd.DataFrame(
        {
            "lane": lane_of.astype(np.int64),
            "row": np.array([rows_used[lane] for lane in lane_of], dtype=np.int64),
            "x_ms": first + centre_px / scale,
            "start_ms": start_ms,
            "end_ms": end_ms,
            "count": counts.astype(np.int64),
            "members": [
                tuple(int(m) for m in members[s : s + min(c, SAMPLE_EVENTS)])
                for s, c in zip(starts, counts, strict=True)
            ],
        }
    )
