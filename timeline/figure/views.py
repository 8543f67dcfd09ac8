"""Which part of time the timeline shows: the first view, and the windows of the range buttons.

* The first view goes where the events are: from the 10th to the 90th percentile of their
  middles, widened to the events within that span's length of it, padded, so one long period
  ("the last century") or one stray date does not squeeze the rest into a sliver. "all" still
  shows everything.
* The range buttons (1m, 6m, 1y, 10y) count back from the latest event on the first view, and
  centre on the event nearest the middle of a view the user chose; either way the window holds
  an event, so no button shows an empty range.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from timeline.events.timescale import MS_PER_DAY
from timeline.figure.prepare import Prepared

_QUANTILES: Final = (0.1, 0.9)
_PAD: Final = 0.06  # of the view, each side
_MIN_VIEW_MS: Final = 2.0 * MS_PER_DAY
_MONTH_MS: Final = 30.436875 * MS_PER_DAY
_YEAR_MS: Final = 365.2425 * MS_PER_DAY
RANGE_BUTTONS: Final = (("1m", _MONTH_MS), ("6m", 6 * _MONTH_MS), ("1y", _YEAR_MS), ("10y", 10 * _YEAR_MS))

Window = tuple[float, float]


def first_view(prepared: Prepared) -> Window:
    """The span most events are in, padded; a few days around them when they share one day."""
    low, high = (float(q) for q in np.quantile(prepared.mark_ms, _QUANTILES))
    # Events near the bulk (within its own length) join it, so its edges are not cut off.
    near = prepared.mark_ms[(prepared.mark_ms >= low - (high - low)) & (prepared.mark_ms <= high + (high - low))]
    low, high = min(low, float(near.min())), max(high, float(near.max()))
    if high - low < _MIN_VIEW_MS:
        middle = (high + low) / 2
        low, high = middle - _MIN_VIEW_MS / 2, middle + _MIN_VIEW_MS / 2
    pad = (high - low) * _PAD
    first, last = prepared.span()
    return max(low - pad, first), min(high + pad, last)


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
