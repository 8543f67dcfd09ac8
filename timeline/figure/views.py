"""Which part of time the timeline shows: the first view, and the windows of the range buttons.

* The first view goes where the events are: the shortest span holding 70% of their middles,
  widened to the events within that span's length of it (or a twentieth of the whole span),
  padded, so one long period ("the last century"), a stray date or a second, distant cluster (a
  history of antiquity beside a week of news) does not squeeze the rest into a sliver. "all"
  still shows everything.
* The range buttons (1m, 6m, 1y, 10y) count back from the latest event on the first view, and
  centre on the event nearest the middle of a view the user chose; either way the window holds
  an event, so no button shows an empty range.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from timeline.events.timescale import MS_PER_DAY
from timeline.figure.prepare import Prepared

_SHARE: Final = 0.7  # of the events, in the first view's core
_NEAR_SHARE: Final = 0.05  # of the whole span: how near the core an event joins it, at least
_PAD: Final = 0.06  # of the view, each side
_MIN_VIEW_MS: Final = 2.0 * MS_PER_DAY
_MONTH_MS: Final = 30.436875 * MS_PER_DAY
_YEAR_MS: Final = 365.2425 * MS_PER_DAY
RANGE_BUTTONS: Final = (("1m", _MONTH_MS), ("6m", 6 * _MONTH_MS), ("1y", _YEAR_MS), ("10y", 10 * _YEAR_MS))

Window = tuple[float, float]


def first_view(prepared: Prepared) -> Window:
    """The span most events are in, padded; a few days around them when they share one day."""
    low, high = densest_span(prepared.mark_ms, _SHARE)
    # Events near the bulk join it, so its edges are not cut off: near is within the bulk's own
    # length, or a twentieth of the whole span when the bulk is a few days of a longer story.
    first, last = prepared.span()
    reach = max(high - low, (last - first) * _NEAR_SHARE)
    near = prepared.mark_ms[(prepared.mark_ms >= low - reach) & (prepared.mark_ms <= high + reach)]
    low, high = min(low, float(near.min())), max(high, float(near.max()))
    if high - low < _MIN_VIEW_MS:
        middle = (high + low) / 2
        low, high = middle - _MIN_VIEW_MS / 2, middle + _MIN_VIEW_MS / 2
    pad = (high - low) * _PAD
    return max(low - pad, first), min(high + pad, last)


def densest_span(moments: np.ndarray, share: float) -> Window:
    """The shortest span holding ``share`` of ``moments`` (the earliest such span on a tie)."""
    ordered = np.sort(moments)
    held = max(int(np.ceil(share * len(ordered))) - 1, 0)  # the span runs from one moment to the held-th after it
    start = int(np.argmin(ordered[held:] - ordered[: len(ordered) - held]))
    return float(ordered[start]), float(ordered[start + held])


def whole_view(prepared: Prepared) -> Window:
    """Every event, from the earliest start to the latest end."""
    return prepared.span()


def button_windows(prepared: Prepared, view: Window | None) -> list[tuple[str, Window]]:
    """(label, window) of each range button for the current ``view`` (None: the first view)."""
    windows = []
    for label, length in RANGE_BUTTONS:
        if view is None:
            latest = float(np.max(prepared.mark_ms))
            end = latest + length * _PAD
            windows.append((label, (end - length, end)))
        else:
            centre = _nearest_event(prepared, (view[0] + view[1]) / 2)
            windows.append((label, (centre - length / 2, centre + length / 2)))
    windows.append(("all", whole_view(prepared)))
    return windows


def _nearest_event(prepared: Prepared, moment: float) -> float:
    """The middle of the event nearest ``moment``."""
    return float(prepared.mark_ms[int(np.argmin(np.abs(prepared.mark_ms - moment)))])
