"""The look of the timeline: palette, fonts, sizes and the thresholds that change the drawing."""

from __future__ import annotations

from typing import Final

import plotly.colors

# Tableau 10: distinct, readable on white, and fine in print.
PALETTE: Final[tuple[str, ...]] = tuple(plotly.colors.qualitative.T10)
FONT_FAMILY: Final = '"Noto Sans", "Noto Sans CJK SC", "Liberation Sans", Arial, sans-serif'
FONT_SIZE: Final = 14
TITLE_SIZE: Final = 20
TICK_SIZE: Final = 13
HOVER_SIZE: Final = 13
TEXT_COLOUR: Final = "#2a2a2a"
MUTED_COLOUR: Final = "#6b6b6b"
LANE_BAND: Final = "rgba(0, 0, 0, 0.035)"
DENSITY_COLOUR: Final = "#8c8c8c"
SHARED_LANE_COLOUR: Final = "#8c8c8c"  # the "other documents" lane mixes documents: no document colour

MARKER_SIZE: Final = 10
LARGE_MARKER_SIZE: Final = 6
MARKER_OPACITY: Final = 0.9
LARGE_MARKER_OPACITY: Final = 0.6
TIME_SYMBOL: Final = "diamond"  # time-of-day grains; days are circles
BAR_THICKNESS: Final = 0.2  # in lanes
SPAN_TICK_SIZE: Final = 14  # px; the tick at the middle of a period
BAR_OPACITY: Final = 0.4
ANCHORED_PATTERN: Final = "/"  # hatching marks a duration the text anchored ("the past three years")
JITTER: Final = 0.3  # events spread over lane ± JITTER so same-day events do not hide each other

LANE_LABEL_CHARS: Final = 30
LANE_HEIGHT: Final = 44  # px per lane when the figure picks its own height
MIN_HEIGHT: Final = 400
MAX_HEIGHT: Final = 1800
HOVER_WRAP: Final = 60
HOVER_SENTENCE_LINES: Final = 6

MAX_LANES: Final = 30  # more documents than this share one last "other documents" lane
LARGE_TABLE: Final = 5_000  # above this many events the overview drawing (about 0.75 kB of hover per event below it)
DENSITY_BINS: Final = 200
