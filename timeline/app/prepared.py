"""The filtered events, prepared for drawing, kept between the callbacks of one view.

A zoom, a pan or a resize redraws the figure from the same filtered table: filtering and
preparing a million events takes a while, so each (store revision, filters, lanes) result is
kept, a few at a time, and a zoom only runs the level-of-detail pass over arrays.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from timeline.app.filters import filter_events, read_filter
from timeline.figure import Prepared, prepare

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
        self._lock = threading.Lock()

    def get(self, filter_values: Mapping[str, Any], lane_by: str) -> FilteredEvents:
        key = (self._store.revision, json.dumps(dict(filter_values), sort_keys=True, default=str), lane_by)
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        events = self._store.events()
        wanted, messages = read_filter(filter_values)
        shown = filter_events(events, wanted)
        result = FilteredEvents(prepare(shown, lane_by), len(shown), len(events), tuple(messages))
        with self._lock:
            self._kept[key] = result
            while len(self._kept) > _KEPT:
                self._kept.popitem(last=False)
        return result
