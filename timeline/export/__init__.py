"""Exports: images (PNG, SVG, PDF) and a self-contained page of the timeline figure, the events
table as CSV/JSON/JSONL (read back to an equal table), TimelineJS JSON, and TimeML files.

Images are drawn by kaleido in the system's Chromium, started once per process (see
:mod:`timeline.export.images`).
"""

from timeline.errors import ExportError
from timeline.export.formats import FORMATS, IMAGE_FORMATS, format_for_path
from timeline.export.html_page import standalone_html
from timeline.export.images import image_export_problem, render_image, stop_image_renderer
from timeline.export.periods import Period, parse_period
from timeline.export.selection import select_events
from timeline.export.tables import (
    CSV_DTYPES,
    events_from_csv,
    events_from_json,
    events_from_jsonl,
    events_to_csv,
    events_to_json,
    events_to_jsonl,
)
from timeline.export.timelinejs import timelinejs_json

__all__ = [
    "CSV_DTYPES",
    "FORMATS",
    "IMAGE_FORMATS",
    "ExportError",
    "Period",
    "events_from_csv",
    "events_from_json",
    "events_from_jsonl",
    "events_to_csv",
    "events_to_json",
    "events_to_jsonl",
    "format_for_path",
    "image_export_problem",
    "parse_period",
    "render_image",
    "select_events",
    "standalone_html",
    "stop_image_renderer",
    "timelinejs_json",
]
