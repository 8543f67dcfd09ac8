"""`timeline bench page`: how soon the page with the sample data is usable, cold and warm, in headless Chromium.

It stores the repository's sample documents (data/), starts `timeline serve` on them and, for
each run, opens the page in a new headless Chromium (a fresh profile: nothing cached) and
waits until the server's figure is on screen with its events ("usable"): that is the cold
load. A reload in the same browser is the warm load (scripts from the browser's cache). It
also reports the bytes the cold load transferred and those of plotly.js, as sent (compressed).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

from timeline.app.collection import ingest_paths
from timeline.app.store import TimelineStore
from timeline.bench.app import _SETTLED, _browser, _wait, served

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"
_USABLE = _SETTLED.replace("return !!(", "return !!(gd && gd._fullData && gd._fullData.length && ")
_TRANSFERRED = """
const entries = performance.getEntriesByType('resource');
const plotly = entries.filter(r => r.name.includes('plotly'));
return [entries.reduce((n, r) => n + r.transferSize, 0), plotly.reduce((n, r) => n + r.transferSize, 0),
        plotly.reduce((n, r) => n + r.decodedBodySize, 0)];
"""


@dataclass(frozen=True, slots=True)
class PageLoad:
    cold: float  # seconds, a fresh browser
    warm: float  # seconds, a reload in the same browser
    transferred: int  # bytes, the cold load's resources as sent
    plotly_sent: int
    plotly_size: int


def load_once(url: str) -> PageLoad:
    """One fresh browser: the cold load, the bytes it took, then a warm reload."""
    driver = _browser()
    try:
        began = time.perf_counter()
        driver.get(url)
        _wait(driver, _USABLE)
        cold = time.perf_counter() - began
        transferred, plotly_sent, plotly_size = driver.execute_script(_TRANSFERRED)
        began = time.perf_counter()
        driver.refresh()
        _wait(driver, _USABLE)
        warm = time.perf_counter() - began
    finally:
        driver.quit()
    return PageLoad(cold, warm, int(transferred), int(plotly_sent), int(plotly_size))


@click.command(name="page")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 20), help="Fresh browsers to time.")
def command(runs: int) -> None:
    """The sample-data page in headless Chromium: seconds until usable, cold and warm, and bytes sent."""
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "sample.sqlite3"
        with TimelineStore(db) as store:
            report = ingest_paths(store, [SAMPLE_DATA])
            events = len(store.events())
        if not report.added:
            raise click.ClickException(f"no sample documents in {SAMPLE_DATA}")
        with served(db) as (url, _server):
            loads = [load_once(url) for _ in range(runs)]
    first = loads[0]
    click.echo(f"sample data: {events:,} events; {runs} fresh headless Chromium(s), usable = figure drawn")
    click.echo(
        f"cold: median {statistics.median(load.cold for load in loads):.2f} s "
        f"(runs: {', '.join(f'{load.cold:.2f}' for load in loads)})"
    )
    click.echo(f"warm: median {statistics.median(load.warm for load in loads):.2f} s")
    click.echo(
        f"sent cold: {first.transferred / 1e6:.2f} MB in all; plotly.js {first.plotly_sent / 1e6:.2f} MB "
        f"({first.plotly_size / 1e6:.2f} MB uncompressed)"
    )
