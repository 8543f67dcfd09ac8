"""The timeline as plotly.js draws it: PNGs rendered by kaleido in headless Chromium, then looked at."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from PIL import Image
from test_figure import FAR_DATES, MARATHON

from timeline.events import empty_events, events_frame
from timeline.figure import timeline_figure
from timeline.figure.style import BAR_OPACITY, MARKER_OPACITY, PALETTE
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).parent.parent / "data" / "armenia-azerbaijan-2021-05-15.txt"
WIDTH, HEIGHT = 1000, 500


def render(fig: go.Figure) -> np.ndarray:
    """The figure as an RGB array, height x width x 3."""
    png = pio.to_image(fig, format="png", width=WIDTH, height=HEIGHT)
    image = Image.open(io.BytesIO(png))
    assert image.size == (WIDTH, HEIGHT)
    return np.asarray(image.convert("RGB")).astype(int)


def seen(pixels: np.ndarray, colour: str, opacity: float, tolerance: int = 10) -> np.ndarray:
    """Mask of the pixels showing ``colour`` (hex) drawn at ``opacity`` over white."""
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    blended = rgb * opacity + 255 * (1 - opacity)
    return (np.abs(pixels - blended) <= tolerance).all(axis=2)


def plot_area(pixels: np.ndarray) -> np.ndarray:
    """The rows above the range slider, where the lanes are."""
    return pixels[: int(HEIGHT * 0.7)]


def test_the_sample_article() -> None:
    document = Document(str(SAMPLE), SAMPLE.read_text(encoding="utf-8"), title="Armenia asks Russia for help",
                        date="2021-05-15")
    events = events_from_documents([document])
    pixels = render(timeline_figure(events, title="Armenia and Azerbaijan, May 2021"))
    markers = seen(plot_area(pixels), PALETTE[0], MARKER_OPACITY)
    assert markers.sum() > 20  # the day markers (the tweets' dates at least) are drawn
    assert (pixels > 250).all(axis=2).mean() > 0.6  # a clean, mostly white page


def test_490_bc_is_drawn_where_it_belongs() -> None:
    table = events_frame([MARATHON])
    near = plot_area(render(timeline_figure(table, x_range=("-0495-01-01", "-0480-01-01"))))
    bar_columns = np.flatnonzero(seen(near, PALETTE[0], BAR_OPACITY).any(axis=0))
    assert bar_columns.size, "the 490 BC bar is not drawn"
    plot_width = WIDTH * 0.8  # the lane labels and margins take the rest
    assert plot_width / 15 * 0.7 <= bar_columns.size <= plot_width / 15 * 1.3  # one year of fifteen
    tick_columns = np.flatnonzero(seen(near, PALETTE[0], MARKER_OPACITY, tolerance=40).any(axis=0))
    assert tick_columns.size and bar_columns.min() < tick_columns.mean() < bar_columns.max()
    elsewhere = plot_area(render(timeline_figure(table, x_range=("1000-01-01", "1100-01-01"))))
    assert not seen(elsewhere, PALETTE[0], BAR_OPACITY).any()


def test_1648_1939_the_19th_century_and_490_bc_together() -> None:
    pixels = plot_area(render(timeline_figure(events_frame(FAR_DATES))))
    history = np.flatnonzero(seen(pixels, PALETTE[0], BAR_OPACITY).any(axis=0))  # 1648 and the 1800s
    greece = np.flatnonzero(seen(pixels, PALETTE[1], MARKER_OPACITY, tolerance=40).any(axis=0))  # 490 BC
    assert history.size >= 25  # a century of ~2500 years is ~4% of ~800 px: a span, not a point
    assert greece.size and greece.max() < history.min()  # BC left of the modern events


def test_the_empty_figure_draws_nothing_in_colour() -> None:
    pixels = render(timeline_figure(empty_events()))
    assert not any(seen(pixels, colour, 1.0, tolerance=30).any() for colour in PALETTE[:4])
    assert (pixels > 250).all(axis=2).mean() > 0.95
