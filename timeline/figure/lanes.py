"""Rows of the timeline: which lane each event sits in, its colour, and its offset in the lane.

Documents are ordered by first appearance in the table: that order gives document lanes (top to
bottom) and colours. Beyond :data:`~timeline.figure.style.MAX_LANES` documents, the ones with
the most events keep a lane each and the rest share a last "other documents" lane.

The offset within a lane comes from a hash of the event_id, not from the event's neighbours,
so an event keeps its place when the app filters others away.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from timeline.events.label import shorten
from timeline.extract.model import GRAIN_ORDER, TimexType
from timeline.figure.style import JITTER, LANE_LABEL_CHARS, MAX_LANES, PALETTE

LANE_BY: Final = ("document", "grain", "type")


@dataclass(frozen=True, slots=True)
class Lanes:
    """Lane names top to bottom, the lane of each row of the table, and the shared lane if any."""

    names: tuple[str, ...]
    index: np.ndarray
    shared: int | None = None  # the "other documents" lane, when there are too many documents


def assign_lanes(events: pd.DataFrame, lane_by: str) -> Lanes:
    """The lanes for ``lane_by`` in :data:`LANE_BY`; raises ValueError for anything else."""
    if lane_by == "document":
        return _document_lanes(events)
    if lane_by == "grain":
        return _category_lanes(events["grain"], [str(g) for g in GRAIN_ORDER])
    if lane_by == "type":
        return _category_lanes(events["type"], [str(t) for t in TimexType])
    raise ValueError(f"lane_by must be one of {', '.join(LANE_BY)}, not {lane_by!r}")


def document_order(events: pd.DataFrame) -> list[str]:
    """Document ids in order of first appearance."""
    return list(pd.unique(events["doc_id"]))


def colour_index(events: pd.DataFrame) -> np.ndarray:
    """Palette position of each row: its document's rank in :func:`document_order`, cycled."""
    rank = {doc_id: i % len(PALETTE) for i, doc_id in enumerate(document_order(events))}
    return events["doc_id"].map(rank).to_numpy(dtype=int)


def jitter(event_ids: Sequence[str]) -> np.ndarray:
    """A stable offset in [-JITTER, JITTER) for each event id."""
    unit = np.array([zlib.crc32(event_id.encode("utf-8")) for event_id in event_ids], dtype=float) / 2**32
    return (unit * 2 - 1) * JITTER


def _document_lanes(events: pd.DataFrame) -> Lanes:
    order = document_order(events)
    titles = events.drop_duplicates("doc_id").set_index("doc_id")["doc_title"]
    if len(order) <= MAX_LANES:
        kept = order
    else:
        counts = events["doc_id"].value_counts()
        busiest = set(sorted(order, key=lambda doc_id: -counts[doc_id])[: MAX_LANES - 1])
        kept = [doc_id for doc_id in order if doc_id in busiest]
    position = {doc_id: i for i, doc_id in enumerate(kept)}
    names = [shorten(str(titles[doc_id]), LANE_LABEL_CHARS) for doc_id in kept]
    shared = None
    if len(kept) < len(order):
        shared = len(kept)
        names.append(f"{len(order) - len(kept):,} other documents")
    index = events["doc_id"].map(lambda doc_id: position.get(doc_id, len(kept)))
    return Lanes(tuple(names), index.to_numpy(dtype=int), shared)


def _category_lanes(values: pd.Series, order: list[str]) -> Lanes:
    present = set(values)
    kept = [value for value in order if value in present]
    position = {value: i for i, value in enumerate(kept)}
    names = tuple(value.replace("_", " ").capitalize() for value in kept)
    return Lanes(names, values.map(position).to_numpy(dtype=int))
