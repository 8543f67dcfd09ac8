"""`timeline bench export [PATH...]`: how long each export format takes, first time and repeated.

The documents are extracted once; each format is then exported from the same events table.
For images, "first" starts a fresh browser (what a CLI run pays), "repeated" reuses it (what the
app pays per download after the first). Times are wall-clock, so run it on a quiet machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click
import pandas as pd

from timeline.export.formats import IMAGE_FORMATS
from timeline.export.images import stop_image_renderer
from timeline.export.render import FigureOptions, render_events
from timeline.ingest import Document, read_documents
from timeline.pipeline import events_from_documents

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATHS = (REPO_ROOT / "data",)
BENCH_FORMATS: tuple[str, ...] = (*IMAGE_FORMATS, "html")


@dataclass(frozen=True, slots=True)
class Timing:
    """One format's export times, in seconds, and the size of what it made."""

    fmt: str
    first: float
    repeated: Sequence[float]
    size: int


@click.command(name="export")
@click.argument("paths", metavar="[PATH...]", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--repeat",
    default=5,
    show_default=True,
    type=click.IntRange(min=1),
    help="Repeated exports per format, after the first.",
)
def command(paths: tuple[Path, ...], repeat: int) -> None:
    """First-export and repeated-export times of png, svg, pdf and html (default input: the repo's data/)."""
    documents = [item for item in read_documents(paths or DEFAULT_PATHS) if isinstance(item, Document)]
    if not documents:
        raise click.ClickException("no readable documents in the input")
    events = events_from_documents(documents)
    click.echo(f"input: {len(documents)} documents, {len(events)} events; {repeat} repeated exports per format")
    click.echo(format_timings([time_format(events, fmt, repeat) for fmt in BENCH_FORMATS]))


def time_format(events: pd.DataFrame, fmt: str, repeat: int) -> Timing:
    """Export ``events`` as ``fmt`` once from cold, then ``repeat`` times (figure building included)."""
    options = FigureOptions(title="Benchmark")
    if fmt in IMAGE_FORMATS:
        stop_image_renderer()
    first, data = _timed(events, fmt, options)
    repeated = [_timed(events, fmt, options)[0] for _ in range(repeat)]
    return Timing(fmt, first, repeated, len(data))


def _timed(events: pd.DataFrame, fmt: str, options: FigureOptions) -> tuple[float, bytes]:
    started = time.perf_counter()
    data = render_events(events, fmt, options)
    return time.perf_counter() - started, data


def format_timings(timings: Sequence[Timing]) -> str:
    lines = [f"{'format':<8}{'first s':>10}{'repeated s (median)':>22}{'min s':>9}{'bytes':>12}"]
    for t in timings:
        lines.append(
            f"{t.fmt:<8}{t.first:>10.3f}{statistics.median(t.repeated):>22.3f}{min(t.repeated):>9.3f}{t.size:>12,}"
        )
    return "\n".join(lines)
