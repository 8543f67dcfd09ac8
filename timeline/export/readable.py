"""The columns an export adds for people and spreadsheets: a date in words and one ISO form for all rows.

The events table keeps each interval at its own precision ("1997-01-01", "2021-05-13T19:45"),
which is exact but trips spreadsheets and ``pd.to_datetime``; exports add the same interval as
``start_time``/``end_time`` in one form, ``YYYY-MM-DDTHH:MM:SS``, and the zone the text gave as
``utc_offset``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import pandas as pd

from timeline.events import EVENT_COLUMNS
from timeline.events.when import event_when, iso_parts
from timeline.events.zones import utc_offset

READABLE_COLUMNS: Final[dict[str, str]] = {
    "when": 'When it happened, in words: "499 BC", "May 2021", "14 May 2021, evening"',
    "start_time": "Start of the interval, YYYY-MM-DDTHH:MM:SS for every row, local time as written, "
    "astronomical year (-0489 is 490 BC)",
    "end_time": "End of the interval (exclusive: the first instant after it), same form as start_time",
    "utc_offset": 'UTC offset of the zone the text gave with a clock time ("-05:00" for "12:30 EST"), else empty',
}


@lru_cache(maxsize=65_536)
def full_timestamp(iso: str) -> str:
    """An ISO date or timestamp at any precision as ``YYYY-MM-DDTHH:MM:SS``: "-0489" -> "-0489-01-01T00:00:00"."""
    (year, month, day, hour, minute, second), _ = iso_parts(iso)
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"


def with_readable_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The schema's columns of ``df``, then ``when``, ``start_time``, ``end_time`` and ``utc_offset``."""
    table = df[list(EVENT_COLUMNS)].copy()
    records = table.to_dict(orient="records")
    table["when"] = pd.Series([event_when(record) for record in records], index=table.index, dtype="str")
    table["start_time"] = table["interval_start"].map(full_timestamp).astype("str")
    table["end_time"] = table["interval_end"].map(full_timestamp).astype("str")
    offsets = [utc_offset(str(record["text"])) if "T" in str(record["interval_start"]) else None for record in records]
    table["utc_offset"] = pd.Series([offset or "" for offset in offsets], index=table.index, dtype="str")
    return table
