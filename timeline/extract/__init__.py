"""The date extractor: finds temporal expressions in text and resolves them to the calendar.

It knows nothing of pandas, Dash or files: text (and an optional document date) in,
:class:`~timeline.extract.model.Extraction` out.
"""

from timeline.extract.engine import extract
from timeline.extract.model import (
    Anchor,
    AnchorKind,
    DctSource,
    DocumentDate,
    Extraction,
    Grain,
    Interval,
    Timex,
    TimexType,
)

__all__ = [
    "Anchor",
    "AnchorKind",
    "DctSource",
    "DocumentDate",
    "Extraction",
    "Grain",
    "Interval",
    "Timex",
    "TimexType",
    "extract",
]
