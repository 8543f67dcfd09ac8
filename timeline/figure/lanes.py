"""Lanes of the timeline: which lane each event sits in, and its colour.

* By document: one lane a document, in order of first appearance, while there are at most
  :data:`~timeline.figure.style.MAX_LANES` documents. An archive with more is laid out in lanes by
  when its documents were written ("Written 1998 · 312 documents"; by decade when the years are
  too many, by month when they all share one year; "Undated" for narratives): the lanes stay
  few and each says something. Picking documents in the filter gives them lanes of their own.
* By grain or by type: one lane per value present, in calendar order.

Colours follow documents while there are few enough to tell apart, else lanes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from timeline.events.label import shorten
from timeline.events.timescale import era_year
from timeline.events.when import MONTHS
from timeline.extract.model import GRAIN_ORDER, TimexType
from timeline.figure.style import LANE_LABEL_CHARS, MAX_LANES, PALETTE

LANE_BY: Final = ("document", "grain", "type")
_UNDATED: Final = "Undated"


@dataclass(frozen=True, slots=True)
class Lanes:
    """Lane names top to bottom, the lane and colour of each row of the table, and colour names."""

    names: tuple[str, ...]
    index: np.ndarray
    colour: np.ndarray
    colour_names: dict[int, str]


def assign_lanes(events: pd.DataFrame, lane_by: str) -> Lanes:
    """The lanes for ``lane_by`` in :data:`LANE_BY`; raises ValueError for anything else."""
    if lane_by == "document":
        return _document_lanes(events)
    if lane_by == "grain":
        return _category_lanes(events, events["grain"], [str(g) for g in GRAIN_ORDER])
    if lane_by == "type":
        return _category_lanes(events, events["type"], [str(t) for t in TimexType])
    raise ValueError(f"lane_by must be one of {', '.join(LANE_BY)}, not {lane_by!r}")


def document_order(events: pd.DataFrame) -> list[str]:
    """Document ids in order of first appearance."""
    return list(pd.unique(events["doc_id"]))


def _titles(events: pd.DataFrame) -> dict[str, str]:
    firsts = events.drop_duplicates("doc_id")
    return dict(zip(firsts["doc_id"], firsts["doc_title"].astype(str), strict=True))


def _document_lanes(events: pd.DataFrame) -> Lanes:
    order = document_order(events)
    if len(order) <= MAX_LANES:
        titles = _titles(events)
        position = {doc_id: i for i, doc_id in enumerate(order)}
        index = events["doc_id"].map(position).to_numpy(dtype=int)
        names = tuple(shorten(titles[doc_id], LANE_LABEL_CHARS) for doc_id in order)
        return Lanes(names, index, index % len(PALETTE), {i: titles[d] for i, d in enumerate(order)})
    return _written_lanes(events)


def _written_lanes(events: pd.DataFrame) -> Lanes:
    """Lanes by when the documents were written: years, decades or centuries, the finest that gives
    at most :data:`MAX_LANES` lanes; months when they were all written in one year."""
    documents = events.drop_duplicates("doc_id")
    dates = {
        doc: str(date)[:-3]
        for doc, date in zip(documents["doc_id"], documents["doc_date"], strict=True)
        if isinstance(date, str) and len(date) >= 10
    }  # "1998-03"
    months = {doc: _month_number(month) for doc, month in dates.items()}
    lanes_wanted = MAX_LANES - (1 if len(dates) < len(documents) else 0)
    months_per_lane, group_of = 1, months
    one_year = len({month // 12 for month in months.values()}) <= 1
    for months_per_lane in _LANE_MONTHS if one_year else _LANE_MONTHS[1:]:
        group_of = {doc: month // months_per_lane for doc, month in months.items()}
        if len(set(group_of.values())) <= lanes_wanted:
            break
    groups: list[int | None] = [*sorted(set(group_of.values()))]
    if len(dates) < len(documents):
        groups.append(None)
    position = {group: i for i, group in enumerate(groups)}
    lane_of_doc = {doc: position[group_of.get(doc)] for doc in documents["doc_id"]}
    counts = pd.Series(list(lane_of_doc.values())).value_counts()
    index = events["doc_id"].map(lane_of_doc).to_numpy(dtype=int)
    names = tuple(f"{_group_name(group, months_per_lane)} · {counts[i]:,} documents" for i, group in enumerate(groups))
    return Lanes(names, index, index % len(PALETTE), dict(enumerate(names)))


_LANE_MONTHS: Final = (1, 12, 120, 1200, 12000)  # a month, a year, a decade, a century, a millennium a lane


def _month_number(month: str) -> int:
    """Months since year 0 of "1998-03" (astronomical years, "-0489-01" too)."""
    year, _, number = month.rpartition("-")
    return int(year) * 12 + int(number) - 1


def _group_name(group: int | None, months_per_lane: int) -> str:
    if group is None:
        return _UNDATED
    first = group * months_per_lane
    year = first // 12
    if months_per_lane == 1:
        return f"Written {MONTHS[first % 12]} {era_year(year)}"
    if months_per_lane == 12:
        return f"Written {era_year(year)}"
    return f"Written {era_year(year)}s"


def _category_lanes(events: pd.DataFrame, values: pd.Series, order: list[str]) -> Lanes:
    present = set(values)
    kept = [value for value in order if value in present]
    position = {value: i for i, value in enumerate(kept)}
    names = tuple(value.replace("_", " ").capitalize() for value in kept)
    index = values.map(position).to_numpy(dtype=int)
    documents = document_order(events)
    if len(documents) <= len(PALETTE):
        rank = {doc_id: i for i, doc_id in enumerate(documents)}
        titles = _titles(events)
        return Lanes(
            names,
            index,
            events["doc_id"].map(rank).to_numpy(dtype=int),
            {i: titles[doc_id] for i, doc_id in enumerate(documents)},
        )
    return Lanes(names, index, index % len(PALETTE), dict(enumerate(names)))
