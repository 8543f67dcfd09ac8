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

SAMPLE = Path(__file__).parents[2] / "data" / "armenia-azerbaijan-2021-05-15.txt"
WIDTH, HEIGHT = 1000, 500


def render(fig: go.Figure) -> np.ndarray:
    """The figure as an RGB array, height x width x 3."""
    png = pio.to_image(fig, format="png", width=WIDTH, height=HEIGHT)
    image = Image.open(io.BytesIO(png))
    assert image.size == (WIDTH, HEIGHT)
    return np.asarray(image.convert("RGB")).astype(int)


def seen(pixels: np.ndarray, colour: str, opacity: float, tolerance: int = 10) -> np.ndarray:
    """Mask of the pixels showing ``colour`` (hex) drawn at ``opacity`` over white."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    blended = rgb * opacity + 255 * (1 - opacity)
    return (np.abs(pixels - blended) <= tolerance).all(axis=2)


def plot_area(pixels: np.ndarray, fig: go.Figure) -> np.ndarray:
    """The lanes: below the overview strip, inside the margins."""
    margin, domain = fig.layout.margin, fig.layout.yaxis.domain
    inner = HEIGHT - margin.t - margin.b
    top = margin.t + int(inner * (1 - domain[1]))
    return pixels[top : HEIGHT - margin.b, margin.l : WIDTH - margin.r]


def test_the_sample_article() -> None:
    document = Document(
        str(SAMPLE), SAMPLE.read_text(encoding="utf-8"), title="Armenia asks Russia for help", date="2021-05-15"
    )
    events = events_from_documents([document])
    fig = timeline_figure(events, title="Armenia and Azerbaijan, May 2021", width=WIDTH, controls=False)
    pixels = render(fig)
    markers = seen(plot_area(pixels, fig), PALETTE[0], MARKER_OPACITY, tolerance=40)
    assert markers.sum() > 20  # the day markers (the tweets' dates at least) are drawn
    dark = (plot_area(pixels, fig) < 100).all(axis=2)
    assert dark.sum() > 2000  # and their labels: dark text beside them
    assert (pixels > 250).all(axis=2).mean() > 0.6  # a clean, mostly white page


def test_490_bc_is_drawn_where_it_belongs() -> None:
    table = events_frame([MARATHON])
    fig = timeline_figure(table, x_range=("-0495-01-01", "-0480-01-01"), width=WIDTH, controls=False)
    near = plot_area(render(fig), fig)
    bar_columns = np.flatnonzero(seen(near, PALETTE[0], BAR_OPACITY).any(axis=0))
    assert bar_columns.size, "the 490 BC bar is not drawn"
    plot_width = near.shape[1]
    assert plot_width / 15 * 0.8 <= bar_columns.size <= plot_width / 15 * 1.2  # one year of fifteen
    middle = (bar_columns.min() + bar_columns.max()) / 2
    assert plot_width * 5.5 / 15 < middle < plot_width * 6.5 / 15  # 490 BC is the sixth year from 495 BC
    far = timeline_figure(table, x_range=("1000-01-01", "1100-01-01"), width=WIDTH, controls=False)
    assert not seen(plot_area(render(far), far), PALETTE[0], BAR_OPACITY).any()


def test_1648_1939_the_19th_century_and_490_bc_together() -> None:
    fig = timeline_figure(events_frame(FAR_DATES), x_range=("-0600-01-01", "2000-01-01"), width=WIDTH, controls=False)
    pixels = plot_area(render(fig), fig)
    history = np.flatnonzero(seen(pixels, PALETTE[0], BAR_OPACITY).any(axis=0))  # 1648 and the 1800s
    greece = np.flatnonzero(seen(pixels, PALETTE[1], BAR_OPACITY).any(axis=0))  # 490 BC, one year of 2,600
    assert greece.size >= 3  # too short for a pixel, drawn a few pixels wide to stay visible
    assert history.size >= 25  # a century of 2,600 years is ~4% of ~800 px: a span, not a point
    assert greece.size and greece.max() < history.min()  # BC left of the modern events


def test_the_empty_figure_draws_nothing_in_colour() -> None:
    pixels = render(timeline_figure(empty_events()))
    assert not any(seen(pixels, colour, 1.0, tolerance=30).any() for colour in PALETTE[:4])
    assert (pixels > 250).all(axis=2).mean() > 0.95
