"""Which events an export holds: a date range, some documents, some grains.

Dates are compared as fractional years (the events table's ``x_start``/``x_end``), so BC dates
work like any other.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from timeline.export.periods import Period


def select_events(
    events: pd.DataFrame,
    *,
    date_from: Period | None = None,
    date_to: Period | None = None,
    doc_ids: Collection[str] = (),
    grains: Collection[str] = (),
) -> pd.DataFrame:
    """The events that overlap ``[date_from, date_to]`` and belong to ``doc_ids`` and ``grains`` (when given).

    With a date bound, events with no place on the calendar (no ``x_start``) are left out.
    """
    keep = pd.Series(True, index=events.index)
    if doc_ids:
        keep &= events["doc_id"].isin(list(doc_ids))
    if grains:
        keep &= events["grain"].astype(str).isin([str(g) for g in grains])
    x_start, x_end = events["x_start"].astype(float), events["x_end"].astype(float)
    if date_from is not None:
        # An event overlaps when it ends after the bound; one of no length counts if it lies on it.
        keep &= (x_end > date_from.start) | (x_start >= date_from.start)
    if date_to is not None:
        keep &= x_start < date_to.end
    return events[keep].reset_index(drop=True)
