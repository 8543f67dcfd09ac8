"""`timeline bench figure`: how long the timeline figure and the app's callbacks take at 1k-100k events.

The events are synthetic (built with the events schema helpers, seeded, so every run draws the
same table): a mix of days, times, months, years and decades over 1900-2024 in a few hundred
documents. For each size it prints the best of ``--repeat`` runs of:

* figure: ``timeline_figure`` on the whole table;
* json: serialising that figure as Dash sends it to the browser (and its size);
* filter callback: the app's figure callback body with a text search and a date range
  (filter in pandas, prepare, lay out, build, serialise) — what one keystroke in the filter costs;
* zoom callback: the same callback for a new view of an already prepared table (lay out the
  events in view, build, serialise) — what a zoom or a pan costs;
* click callback: looking up a clicked event and building its details panel.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import click
import pandas as pd
import plotly.io

from timeline.app.callbacks import filtered_figure
from timeline.app.details import event_details, find_event
from timeline.app.prepared import FixedEvents, PreparedEvents
from timeline.events import events_frame
from timeline.events.timescale import fractional_year
from timeline.figure import timeline_figure
from timeline.ingest.document import Document

DEFAULT_SIZES = (1_000, 10_000, 100_000)
EVENTS_PER_DOCUMENT = 250
_WORDS = (
    "ceasefire troops border talks minister election protest treaty court vote strike summit army "
    "parliament report village river bridge harvest market"
).split()
_GRAINS: tuple[str, ...] = ("day", "minute", "month", "year", "decade")
_GRAIN_WEIGHTS: tuple[float, ...] = (0.62, 0.08, 0.12, 0.14, 0.04)


@dataclass(frozen=True, slots=True)
class Row:
    """One size's best times in seconds, and the figure's JSON size in bytes."""

    events: int
    figure: float
    json: float
    json_bytes: int
    filter_callback: float
    zoom_callback: float
    click_callback: float


def synthetic_events(count: int, *, seed: int = 13) -> pd.DataFrame:
    """``count`` events over 1900-2024 with the events table's columns and dtypes."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        doc = f"doc{i // EVENTS_PER_DOCUMENT:05d}"
        start = (i % EVENTS_PER_DOCUMENT) * 40
        grain = rng.choices(_GRAINS, _GRAIN_WEIGHTS)[0]
        year, month, day = rng.randint(1900, 2023), rng.randint(1, 12), rng.randint(1, 27)
        first, last, value = _interval(grain, year, month, day, rng)
        words = " ".join(rng.choice(_WORDS) for _ in range(12))
        rows.append(
            {
                "event_id": f"{doc}:{start}",
                "doc_id": doc,
                "doc_title": f"Report {doc[3:]}",
                "text": value,
                "start": start,
                "end": start + len(value),
                "type": "TIME" if grain == "minute" else "DATE",
                "value": value,
                "mod": None,
                "grain": grain,
                "interval_start": first,
                "interval_end": last,
                "sentence": f"The {words} on {value}.",
                "label": f"The {words}"[:80],
                "anchor": "absolute",
                "anchor_value": None,
                "explanation": "written in full",
                "kind": "instant" if grain in ("day", "minute") else "period",
                "x_start": fractional_year(first),
                "x_end": fractional_year(last),
            }
        )
    return events_frame(rows)


def _interval(grain: str, year: int, month: int, day: int, rng: random.Random) -> tuple[str, str, str]:
    if grain == "day":
        nxt = f"{year:04d}-{month:02d}-{day + 1:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}", nxt, f"{year:04d}-{month:02d}-{day:02d}"
    if grain == "minute":
        at = f"{year:04d}-{month:02d}-{day:02d}T{rng.randint(0, 22):02d}:{rng.randint(0, 58):02d}"
        return at, at[:-2] + f"{int(at[-2:]) + 1:02d}", at
    if grain == "month":
        nxt = f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"
        return f"{year:04d}-{month:02d}-01", nxt + "-01", f"{year:04d}-{month:02d}"
    if grain == "year":
        return f"{year:04d}-01-01", f"{year + 1:04d}-01-01", f"{year:04d}"
    decade = year // 10 * 10
    return f"{decade:04d}-01-01", f"{decade + 10:04d}-01-01", f"{decade // 10:03d}"


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest wall time of ``repeat`` runs of ``work``, and what its last run returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - began)
    return best, result


def measure(count: int, repeat: int) -> Row:
    events = synthetic_events(count)
    figure_time, figure = best_of(repeat, lambda: timeline_figure(events))
    json_time, text = best_of(repeat, lambda: plotly.io.to_json(figure, validate=False))
    filters = {"search": "ceasefire", "date_from": "1950", "date_to": "2000"}
    filter_time, _ = best_of(
        repeat,
        lambda: plotly.io.to_json(
            filtered_figure(PreparedEvents(FixedEvents(events)), filters, "document", None, 1200)[0], validate=False
        ),
    )
    source = PreparedEvents(FixedEvents(events))
    source.get({}, "document")
    views = iter([[f"{1900 + i}-01-01", f"{1910 + i}-06-01"] for i in range(repeat)])
    zoom_time, _ = best_of(
        repeat, lambda: plotly.io.to_json(filtered_figure(source, {}, "document", next(views), 1200)[0], validate=False)
    )
    clicked = str(events["event_id"].iloc[count // 2])
    document = Document(id=clicked.split(":")[0], text="x" * 10_000)
    click_time, _ = best_of(repeat, lambda: event_details(find_event(events, clicked) or {}, document))
    return Row(count, figure_time, json_time, len(text), filter_time, zoom_time, click_time)


def format_rows(rows: Sequence[Row]) -> str:
    header = (
        f"{'events':>8}  {'figure':>8}  {'json':>8}  {'json size':>9}  {'filter cb':>9}  {'zoom cb':>8}  "
        f"{'click cb':>8}"
    )
    lines = [header]
    for r in rows:
        lines.append(
            f"{r.events:>8,}  {r.figure:>7.3f}s  {r.json:>7.3f}s  {r.json_bytes / 2**20:>6.1f} MB  "
            f"{r.filter_callback:>8.3f}s  {r.zoom_callback:>7.3f}s  {r.click_callback:>7.3f}s"
        )
    return "\n".join(lines)


def sizes_list(_: click.Context, __: click.Parameter, value: str) -> tuple[int, ...]:
    """click callback: "1000,10000,100000" as positive numbers (the sizes of `bench figure` and `bench app`)."""
    try:
        sizes = tuple(int(part.replace("_", "")) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r}: give sizes like 1000,10000,100000") from None
    if any(size < 1 for size in sizes):
        raise click.BadParameter("sizes must be positive")
    return sizes


@click.command(name="figure")
@click.option(
    "--sizes",
    default=",".join(map(str, DEFAULT_SIZES)),
    show_default=True,
    callback=sizes_list,
    help="Comma-separated numbers of synthetic events.",
)
@click.option(
    "--repeat", default=3, show_default=True, type=click.IntRange(min=1), help="Runs per measure; the best is shown."
)
def command(sizes: tuple[int, ...], repeat: int) -> None:
    """Figure-build and app-callback times at 1k, 10k and 100k synthetic events (best of --repeat)."""
    click.echo(f"best of {repeat}; filter cb = search 'ceasefire' + 1950..2000, build, serialise")
    rows = []
    for size in sizes:
        rows.append(measure(size, repeat))
        click.echo(format_rows(rows).splitlines()[-1] if len(rows) > 1 else format_rows(rows))
