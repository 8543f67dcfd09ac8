"""The events table: every dated mention of every document as one row, ready to draw.

``ingest -> extract -> events -> figure``: this package turns extractions into a pandas
DataFrame with the columns of :data:`EVENT_COLUMNS` (see :mod:`timeline.events.schema`); the
rules for what becomes an event are in :mod:`timeline.events.build`.
"""

from timeline.events.build import events_from_extractions
from timeline.events.schema import (
    ANCHORED_DURATION,
    EVENT_COLUMNS,
    INSTANT,
    KINDS,
    PERIOD,
    Column,
    EventsTableError,
    empty_events,
    events_frame,
    validate_events,
)

__all__ = [
    "ANCHORED_DURATION",
    "EVENT_COLUMNS",
    "INSTANT",
    "KINDS",
    "PERIOD",
    "Column",
    "EventsTableError",
    "empty_events",
    "events_frame",
    "events_from_extractions",
    "validate_events",
]
