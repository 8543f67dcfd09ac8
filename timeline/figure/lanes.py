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

import re
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


def assign_lanes(table: pd.DataFrame, rows: np.ndarray, lane_by: str, doc_codes: np.ndarray | None = None) -> Lanes:
    """The lanes for ``lane_by`` in :data:`LANE_BY` of the events at ``rows`` of ``table``;
    raises ValueError for anything else. ``doc_codes`` numbers the document of each row (see
    :func:`document_codes`), when known: the ids are then not read again."""
    if lane_by not in LANE_BY:
        raise ValueError(f"lane_by must be one of {', '.join(LANE_BY)}, not {lane_by!r}")
    if not len(rows):
        return Lanes((), np.zeros(0, int), np.zeros(0, int), {})
    documents = _Documents.of(rows, document_codes(table, rows) if doc_codes is None else doc_codes)
    if lane_by == "document":
        return _document_lanes(table, documents)
    order = [str(g) for g in GRAIN_ORDER] if lane_by == "grain" else [str(t) for t in TimexType]
    return _category_lanes(table, rows, documents, lane_by, order)


def document_codes(table: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """A number for the document of each of ``rows`` (the same number, the same document)."""
    codes: np.ndarray = pd.factorize(table["doc_id"].take(rows))[0]
    return codes


@dataclass(frozen=True, slots=True)
class _Documents:
    """The documents of some rows of a table, in order of first appearance: each row's document
    (``code``) and, per document, the table row where it first appears. Factorised once, so
    nothing loops over rows."""

    code: np.ndarray
    first_row: np.ndarray

    @classmethod
    def of(cls, rows: np.ndarray, doc_codes: np.ndarray) -> _Documents:
        code, _ = pd.factorize(doc_codes)  # 0, 1, ... in order of first appearance
        # A document appears first where its code exceeds every code before it.
        first = np.flatnonzero(code > np.maximum.accumulate(np.r_[-1, code[:-1]]))
        return cls(code, rows[first])

    def __len__(self) -> int:
        return len(self.first_row)

    def column(self, table: pd.DataFrame, name: str) -> pd.Series:
        """``name`` of each document (from its first row)."""
        return table[name].take(self.first_row).reset_index(drop=True)

    def titles(self, table: pd.DataFrame) -> list[str]:
        return [str(title) for title in self.column(table, "doc_title")]


def _document_lanes(table: pd.DataFrame, documents: _Documents) -> Lanes:
    if len(documents) <= MAX_LANES:
        titles = documents.titles(table)
        index = documents.code.astype(int)
        names = tuple(shorten(title, LANE_LABEL_CHARS) for title in titles)
        return Lanes(names, index, index % len(PALETTE), dict(enumerate(titles)))
    return _written_lanes(table, documents)


def _written_lanes(table: pd.DataFrame, documents: _Documents) -> Lanes:
    """Lanes by when the documents were written: years, decades or centuries, the finest that gives
    at most :data:`MAX_LANES` lanes; months when they were all written in one year."""
    months, dated = _month_numbers(documents.column(table, "doc_date"))  # per document
    undated = not bool(dated.all())
    lanes_wanted = MAX_LANES - (1 if undated else 0)
    one_year = len(np.unique(months[dated] // 12)) <= 1
    months_per_lane, group = 1, months
    for months_per_lane in _LANE_MONTHS if one_year else _LANE_MONTHS[1:]:
        group = months // months_per_lane
        if len(np.unique(group[dated])) <= lanes_wanted:
            break
    present = np.unique(group[dated])
    lane_of_document = np.searchsorted(present, group)
    groups: list[int | None] = [int(g) for g in present]
    if undated:
        lane_of_document[~dated] = len(groups)
        groups.append(None)
    counts = np.bincount(lane_of_document, minlength=len(groups))
    index = lane_of_document[documents.code].astype(int)
    names = tuple(f"{_group_name(g, months_per_lane)} · {counts[i]:,} documents" for i, g in enumerate(groups))
    return Lanes(names, index, index % len(PALETTE), dict(enumerate(names)))


def _month_numbers(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Months since year 0 of each "1998-03-05" (astronomical years, "-0489-01-01" too), and
    which dates could be read (the others are undated). Each distinct date is read once."""
    code, distinct = pd.factorize(dates.astype(object), use_na_sentinel=True)
    read = [_DATE_PARTS.match(date) if isinstance(date, str) else None for date in distinct]
    known = np.array([found is not None for found in read] + [False], dtype=bool)  # the last: missing
    month = np.array([int(found[1]) * 12 + int(found[2]) - 1 if found else 0 for found in read] + [0], dtype=np.int64)
    return month[code], known[code]  # a missing date's code is -1: the last entry


_DATE_PARTS: Final = re.compile(r"(-?\d{1,5})-(\d\d)-\d\d")
_LANE_MONTHS: Final = (1, 12, 120, 1200, 12000)  # a month, a year, a decade, a century, a millennium a lane


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


def _category_lanes(
    table: pd.DataFrame, rows: np.ndarray, documents: _Documents, column: str, order: list[str]
) -> Lanes:
    code, values = pd.factorize(table[column].take(rows))
    present = set(values)
    kept = [value for value in order if value in present] + [value for value in values if value not in order]
    position = {value: i for i, value in enumerate(kept)}
    names = tuple(value.replace("_", " ").capitalize() for value in kept)
    index = np.array([position[value] for value in values], dtype=int)[code]
    if len(documents) <= len(PALETTE):
        return Lanes(names, index, documents.code.astype(int), dict(enumerate(documents.titles(table))))
    return Lanes(names, index, index % len(PALETTE), dict(enumerate(names)))
