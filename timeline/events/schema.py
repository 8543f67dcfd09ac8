"""The events table: one row per event, the contract between events, figure, app and export.

:data:`EVENT_COLUMNS` maps each column name, in table order, to its dtype and meaning;
iterating it yields the names. :func:`events_frame` makes a table from row mappings,
:func:`empty_events` a table with no rows, and :func:`validate_events` checks a table that came
from elsewhere (a CSV, a filter in the app) and raises :class:`EventsTableError` naming the
column, row and problem.

String columns use pandas' ``str`` dtype; a missing ``mod`` or ``anchor_value`` is NA. Calendar
positions stay ISO strings (astronomical years, "-0489-01-01" is 490 BC) and are mirrored as
fractional years in ``x_start``/``x_end``: pandas timestamps cannot hold years before 1677.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import pandas as pd

from timeline.errors import InputError
from timeline.events.timescale import epoch_days, on_distinct
from timeline.extract.model import AnchorKind, Grain, TimexType

INSTANT: Final = "instant"
PERIOD: Final = "period"
ANCHORED_DURATION: Final = "anchored duration"
PUBLICATION: Final = "publication"  # the document's own date (byline, dateline): when it was written
KINDS: Final = (INSTANT, PERIOD, ANCHORED_DURATION, PUBLICATION)

_STR, _INT, _FLOAT = "str", "int64", "float64"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the events table."""

    dtype: str
    description: str
    nullable: bool = False
    default: object = None  # what a row made without this column holds (tables of older versions too)


EVENT_COLUMNS: Final[Mapping[str, Column]] = MappingProxyType(
    {
        "event_id": Column(_STR, 'Stable id, f"{doc_id}:{start}"; unique in a table'),
        "doc_id": Column(_STR, "Id of the document the event was found in"),
        "doc_title": Column(_STR, "Title of the document, or its id when it has none"),
        "doc_date": Column(_STR, "The document's own date (ISO), NA for a narrative", nullable=True),
        "text": Column(_STR, "The date expression as written"),
        "start": Column(_INT, "Character offset of the expression in the document text"),
        "end": Column(_INT, "Character offset just past the expression"),
        "type": Column(_STR, "TimeML type: DATE, TIME, DURATION or SET"),
        "value": Column(_STR, "TimeML value: 2021-05-13, 2020-11, 1997-SU, 199, P6M ..."),
        "mod": Column(_STR, "TimeML mod (START, APPROX, BEFORE ...), NA when none", nullable=True),
        "grain": Column(_STR, "Precision of the value: a Grain value (day, month, year, century ...)"),
        "interval_start": Column(_STR, "Start of the half-open interval covered, ISO 8601, astronomical year"),
        "interval_end": Column(_STR, "End (exclusive) of the interval covered, ISO 8601, astronomical year"),
        "sentence": Column(_STR, "The sentence the expression is in"),
        "label": Column(_STR, "What happened: the clause around the expression, date words removed, <= ~80 chars"),
        "anchor": Column(_STR, "What a relative expression was resolved against: an AnchorKind value"),
        "anchor_value": Column(_STR, "TimeML value of that reference date, NA when none", nullable=True),
        "explanation": Column(_STR, 'How it was resolved: "6 months before the document date, 2021-05-15"'),
        "mentions": Column(_INT, "How many times the document mentions this value; 1 when once", default=1),
        "other_mentions": Column(
            _STR, 'Offsets "start-end" of the later mentions, space-separated; "" when none', default=""
        ),
        "kind": Column(
            _STR,
            'How it is drawn: "instant" (day/time grains), "period" (coarser), "anchored duration", '
            '"publication" (the document\'s own date)',
        ),
        "x_start": Column(_FLOAT, "interval_start as a fractional year (2021.36); sorts and plots any year, BC too"),
        "x_end": Column(_FLOAT, "interval_end as a fractional year"),
        "language": Column(_STR, 'Language the document was read in: "en", "es", "fr"', default="en"),
    }
)

_ALLOWED: Mapping[str, frozenset[str]] = {
    "type": frozenset(TimexType),
    "grain": frozenset(Grain),
    "anchor": frozenset(AnchorKind),
    "kind": frozenset(KINDS),
}
_MAX_REPORTED = 5


class EventsTableError(InputError):
    """A table that does not follow the events schema."""


def events_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A table with the schema's columns, order and dtypes from row mappings (extra keys ignored)."""
    frame = pd.DataFrame.from_records(list(rows), columns=list(EVENT_COLUMNS))
    defaults = {name: column.default for name, column in EVENT_COLUMNS.items() if column.default is not None}
    return frame.fillna(defaults).astype({name: column.dtype for name, column in EVENT_COLUMNS.items()})


def empty_events() -> pd.DataFrame:
    """An events table with no rows."""
    return events_frame([])


def validate_events(df: pd.DataFrame) -> None:
    """Raise :class:`EventsTableError` unless ``df`` follows the events schema.

    Extra columns are allowed (the app may add its own); the schema's columns must all be
    there with compatible dtypes and values.
    """
    missing = [name for name in EVENT_COLUMNS if name not in df.columns]
    if missing:
        raise EventsTableError(f"events table: missing column(s) {', '.join(missing)}")
    problems: list[str] = []
    for name, column in EVENT_COLUMNS.items():
        problems.extend(_column_problems(df, name, column))
    if not problems and len(df):
        problems.extend(_row_problems(df))
    if problems:
        more = len(problems) - _MAX_REPORTED
        tail = f"; and {more} more" if more > 0 else ""
        raise EventsTableError("events table: " + "; ".join(problems[:_MAX_REPORTED]) + tail)


def _column_problems(df: pd.DataFrame, name: str, column: Column) -> list[str]:
    series = df[name]
    if column.dtype == _STR:
        if series.dtype == object:  # a str dtype guarantees text; object columns are checked
            wrong = series.map(lambda v: not isinstance(v, str) and not _is_missing(v))
            if wrong.any():
                return [_at(df, wrong, name, "is not text")]
        elif not pd.api.types.is_string_dtype(series):
            return [f"column {name!r} should hold text, not {series.dtype}"]
    elif column.dtype == _INT:
        if not pd.api.types.is_integer_dtype(series):
            return [f"column {name!r} should hold integers, not {series.dtype}"]
    elif not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return [f"column {name!r} should hold numbers, not {series.dtype}"]
    if not column.nullable and series.isna().any():
        return [_at(df, series.isna(), name, "is missing")]
    allowed = _ALLOWED.get(name)
    if allowed is not None:
        bad = ~series.isin(allowed)
        if bad.any():
            return [_at(df, bad, name, f"is not one of {', '.join(sorted(allowed))}")]
    return []


def _row_problems(df: pd.DataFrame) -> list[str]:
    problems = []
    duplicated = df["event_id"].duplicated()
    if duplicated.any():
        problems.append(_at(df, duplicated, "event_id", "repeats an earlier event_id"))
    finite = pd.Series(
        np.isfinite(df["x_start"].to_numpy(float)) & np.isfinite(df["x_end"].to_numpy(float)), index=df.index
    )
    if not finite.all():
        problems.append(_at(df, ~finite, "x_start", "x_start/x_end must be finite numbers"))
    elif (df["x_start"] > df["x_end"]).any():
        problems.append(_at(df, df["x_start"] > df["x_end"], "x_start", "is after x_end"))
    for name in ("interval_start", "interval_end"):
        unreadable = pd.Series(on_distinct(df[name], _not_iso).astype(bool), index=df.index)
        if unreadable.any():
            problems.append(_at(df, unreadable, name, "is not an ISO 8601 date"))
    return problems


def _at(df: pd.DataFrame, mask: pd.Series, name: str, problem: str) -> str:
    """Name the first offending row by position and event_id."""
    position = int(mask.to_numpy().nonzero()[0][0])
    value = df[name].iloc[position]
    event_id = df["event_id"].iloc[position] if name != "event_id" else value
    count = int(mask.sum())
    others = f" (and {count - 1} more rows)" if count > 1 else ""
    return f"row {position} (event_id {event_id!r}): {name} {value!r} {problem}{others}"


def _not_iso(value: object) -> float:
    """1.0 when ``value`` is not an ISO date (a number, for :func:`on_distinct`)."""
    try:
        epoch_days(str(value))
    except ValueError:
        return 1.0
    return 0.0


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA
