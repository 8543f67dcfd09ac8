"""The filtered events, prepared for drawing, kept between the callbacks of one view.

A zoom, a pan or a resize redraws the figure from the same filtered table. The whole table is
prepared once per store revision and lane choice; a filter is a boolean mask whose rows are
selected from it (:meth:`~timeline.figure.Prepared.select`), and each (revision, filters, lanes)
result is kept, a few at a time, so a zoom only runs the level-of-detail pass over arrays.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd

from timeline.app.filters import EventFilter, filter_mask, read_filter
from timeline.figure import Prepared, draw, prepare

_KEPT = 4  # filter and lane combinations kept


@dataclass(frozen=True, slots=True)
class FilteredEvents:
    """What the filters leave, ready to draw, and what the page says about it."""

    prepared: Prepared
    matched: int
    total: int
    messages: tuple[str, ...]


class EventSource(Protocol):
    """Where the events come from: the app's store, or a fixed table."""

    @property
    def revision(self) -> int: ...

    def events(self) -> pd.DataFrame: ...


@dataclass(frozen=True, slots=True)
class FixedEvents:
    """A table that never changes, as an :class:`EventSource`."""

    table: pd.DataFrame
    revision: int = 0

    def events(self) -> pd.DataFrame:
        return self.table


class PreparedEvents:
    """Prepared, filtered tables of one source, by (revision, filters, lanes)."""

    def __init__(self, store: EventSource) -> None:
        self._store = store
        self._kept: OrderedDict[tuple[int, str, str], FilteredEvents] = OrderedDict()
        # The whole table prepared, by (revision, lanes): a filter selects its rows from it.
        self._wholes: dict[tuple[int, str], Prepared] = {}
        self._lock = threading.Lock()  # guards _kept
        self._computing = threading.Lock()  # one table prepared at a time (and _wholes): a second asker waits

    def warm(self, *also: Callable[[], object]) -> threading.Thread:
        """Prepare and draw the page's first view (no filter, lanes by document) in the background, and run
        ``also`` (other first-visit work, such as listing the documents), so the first visitor of a
        big store does not wait for it."""
        thread = threading.Thread(target=self._warm, args=also, name="timeline-warm", daemon=True)
        thread.start()
        return thread

    def _warm(self, *also: Callable[[], object]) -> None:
        for step in (lambda: draw(self.get({}, "document").prepared), *also):
            try:
                step()
            except Exception:  # noqa: BLE001 - only a head start: the first request does it otherwise
                continue

    def get(self, filter_values: Mapping[str, Any], lane_by: str) -> FilteredEvents:
        wanted, messages = read_filter(filter_values)
        key = (self._store.revision, repr(wanted), lane_by)  # the filter as read: "" and None are one
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        with self._computing:
            with self._lock:
                if key in self._kept:
                    return self._kept[key]
            return self._prepared(key, wanted, messages, lane_by)

    def _whole(self, lane_by: str) -> Prepared:
        """The whole table prepared with lanes by ``lane_by``, for the store's revision (made once)."""
        key = (self._store.revision, lane_by)
        if key not in self._wholes:
            whole = prepare(self._store.events(), lane_by, validate=False)
            self._wholes = {k: v for k, v in self._wholes.items() if k[0] == key[0]} | {key: whole}
        return self._wholes[key]

    def _prepared(
        self, key: tuple[int, str, str], wanted: EventFilter, messages: list[str], lane_by: str
    ) -> FilteredEvents:
        whole = self._whole(lane_by)
        wanted_rows = filter_mask(whole.table, wanted)  # the very table prepared, even if the store moved on
        result = FilteredEvents(
            whole.select(wanted_rows), int(np.count_nonzero(wanted_rows)), len(whole.table), tuple(messages)
        )
        with self._lock:
            self._kept[key] = result
            while len(self._kept) > _KEPT:
                self._kept.popitem(last=False)
        return result
