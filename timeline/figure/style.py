"""The look of the timeline: palette, fonts, sizes and the thresholds that change the drawing."""

from __future__ import annotations

from typing import Final

import plotly.colors

# Tableau 10, then Dark2: eighteen colours distinct on white and in print.
PALETTE: Final[tuple[str, ...]] = (*plotly.colors.qualitative.T10, *plotly.colors.qualitative.Dark2)
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
MARKER_OPACITY: Final = 0.9
TIME_SYMBOL: Final = "diamond"  # time-of-day grains; days are circles
PUBLICATION_SYMBOL: Final = "triangle-down"  # the document's own date
BAR_THICKNESS: Final = 0.62  # in rows
BAR_OPACITY: Final = 0.35
MIN_BAR_PX: Final = 4  # a period shorter than this on screen is drawn this wide
ANCHORED_PATTERN: Final = "/"  # hatching marks a duration the text anchored ("the past three years")

# The readable layout (see timeline.figure.detail): sizes in CSS px.
LABEL_SIZE: Final = 12  # font size of the labels on the plot
ROW_PX: Final = 22  # height of one row of a lane
MARK_RADIUS: Final = 5
LABEL_GAP: Final = 4  # between a mark and its label
SPAN_PAD: Final = 4  # between a bar's start (or the plot's right edge) and its label
ITEM_GAP: Final = 10  # between two items of one row
CLUSTER_PX: Final = 60  # width of the columns that overflowing events are counted in
ROW_BUDGET: Final = 28  # rows of labels the lanes share, by need (detail.row_caps); each has MIN_LANE_ROWS
MIN_LANE_ROWS: Final = 2
LABEL_CHARS: Final = 44  # a label on the plot is cut to this, then to SHORT_LABEL_CHARS where crowded
SHORT_LABEL_CHARS: Final = 22
SHORT_LABEL_WORDS: Final = 3  # a short label is cut later when the cut at SHORT_LABEL_CHARS keeps fewer words
SAMPLE_EVENTS: Final = 6  # events a cluster's hover lists
DEFAULT_PLOT_WIDTH: Final = 1000  # when the browser has not said
OVERVIEW_PX: Final = 46  # the density strip of the whole collection
OVERVIEW_GAP_PX: Final = 56  # room for the overview's tick labels and, under them, the lanes' date ticks
OVERVIEW_BINS: Final = 120
CLUSTER_COLOUR: Final = "#5f6b7a"
CLUSTER_FILL: Final = "rgba(95, 107, 122, 0.16)"
VIEW_FILL: Final = "rgba(42, 99, 170, 0.14)"

LANE_LABEL_CHARS: Final = 28
MAX_LANES: Final = 14  # more documents than this are grouped into lanes by when they were written
HOVER_WRAP: Final = 60
HOVER_SENTENCE_LINES: Final = 6
