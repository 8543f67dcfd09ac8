"""Which events an export holds: a date range, some documents, some grains.

Dates are compared as fractional years (the events table's ``x_start``/``x_end``), so BC dates
work like any other.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
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
    keep = selection_mask(events, date_from=date_from, date_to=date_to, doc_ids=doc_ids, grains=grains)
    return events[keep].reset_index(drop=True)


def selection_mask(
    events: pd.DataFrame,
    *,
    date_from: Period | None = None,
    date_to: Period | None = None,
    doc_ids: Collection[str] = (),
    grains: Collection[str] = (),
) -> np.ndarray:
    """Which rows :func:`select_events` keeps, as booleans: no table is copied."""
    keep = np.ones(len(events), dtype=bool)
    if doc_ids:
        keep &= events["doc_id"].isin(list(doc_ids)).to_numpy(dtype=bool)
    if grains:
        keep &= events["grain"].astype(str).isin([str(g) for g in grains]).to_numpy(dtype=bool)
    if date_from is None and date_to is None:
        return keep
    x_start = events["x_start"].to_numpy(dtype=float, na_value=np.nan)
    x_end = events["x_end"].to_numpy(dtype=float, na_value=np.nan)
    if date_from is not None:
        # An event overlaps when it ends after the bound; one of no length counts if it lies on it.
        keep &= (x_end > date_from.start) | (x_start >= date_from.start)
    if date_to is not None:
        keep &= x_start < date_to.end
    return keep
