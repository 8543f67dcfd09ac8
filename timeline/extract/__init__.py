"""The date extractor: finds temporal expressions in text and resolves them to the calendar.

It knows nothing of pandas, Dash or files: text (and an optional document date) in,
:class:`~timeline.extract.model.Extraction` out.
"""

from timeline import compiled as _compiled

_compiled.prefer_fresh_code()  # before the first of its modules is imported: stale compiled ones must not load

from timeline.extract.engine import extract  # noqa: E402
from timeline.extract.model import (  # noqa: E402
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
