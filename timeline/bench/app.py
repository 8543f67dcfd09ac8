"""`timeline bench app --events 10000,100000,1000000`: the app at scale, in a real headless Chromium.

For each size it builds a store from real text: the TBAQ texts (each with its document date) are
run through the extractor once, and their documents and events are stored again and again under
new ids until the store holds that many events. Then it starts `timeline serve` on the store
(a separate process on 127.0.0.1, so its memory is its own), opens the page in Debian's headless
Chromium and measures:

* first draw: from navigation to the first figure on screen;
* zoom: a zoom (``Plotly.relayout``) until the server's new figure is drawn, end to end (median);
* the server's time for each callback (the browser's time to the response's first byte) and
  the size of the biggest response, as sent (compressed);
* the server's resident memory (peak) after all of it;
* then, with the server stopped, adding one document and deleting it, each up to the next view,
  in this process (:mod:`timeline.bench.store_change`).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import click

from timeline.app.store import TimelineStore
from timeline.bench.extraction import DEFAULT_CORPUS
from timeline.bench.figure import sizes_list
from timeline.bench.store_change import time_add_and_delete
from timeline.evaluate.timeml import read_corpus
from timeline.ingest.document import Document
from timeline.pipeline import events_from_documents

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
ZOOMS = 5
_GRAPH = "#timeline-graph .js-plotly-plot"
_SETTLED = f"""
const gd = document.querySelector('{_GRAPH}');
const shown = gd && gd.layout && gd.layout.xaxis && gd.layout.xaxis.range;
const drawn = gd && gd.layout && gd.layout.meta && gd.layout.meta.view;
return !!(shown && drawn && shown[0] === drawn[0] && shown[1] === drawn[1]);
"""
_ZOOM = f"""
const gd = document.querySelector('{_GRAPH}');
const xa = gd._fullLayout.xaxis, [a, b] = xa.range.map(v => xa.r2l(v));
const middle = a + (b - a) * arguments[0], half = (b - a) * arguments[1] / 2;
Plotly.relayout(gd, {{'xaxis.range': [xa.l2r(middle - half), xa.l2r(middle + half)]}});
"""
_CALLBACKS = """
return performance.getEntriesByType('resource').filter(r => r.name.includes('_dash-update-component'))
  .map(r => [r.responseStart - r.requestStart, r.transferSize, r.encodedBodySize, r.decodedBodySize]);
"""


@dataclass(frozen=True, slots=True)
class Row:
    events: int
    documents: int
    first_draw: float
    zoom: float
    server_median: float
    server_max: float
    biggest_response: int
    rss_mb: float
    add_view: float
    delete_view: float


def corpus_documents(corpus: Path) -> list[Document]:
    """The texts of the .tml files of ``corpus``, each with its document date."""
    return [
        Document(id=name, text=d.text, title=name, date=d.dct, source=f"{name} (TBAQ)")
        for name, d in read_corpus(corpus).documents.items()
    ]


def build_store(path: Path, events_wanted: int, corpus: Path) -> tuple[int, int]:
    """A store at ``path`` holding about ``events_wanted`` events of TBAQ texts; (documents, events)."""
    documents = corpus_documents(corpus)
    events = events_from_documents(documents)
    copies = max(1, -(-events_wanted // len(events)))
    with TimelineStore(path) as store:
        for copy in range(copies):
            renamed = {d.id: f"{copy:06d}/{d.id}" for d in documents}
            copied = events.assign(
                doc_id=events["doc_id"].map(renamed),
                event_id=events["doc_id"].map(renamed) + ":" + events["start"].astype(str),
            )
            store.save(
                [
                    Document(id=renamed[d.id], text=d.text, title=d.title, date=d.date, source=d.source)
                    for d in documents
                ],
                copied,
            )
        return store.document_count(), len(store.events())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(db: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`timeline serve --db DB` on a free port of 127.0.0.1, until the block ends."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise click.ClickException("timeline serve stopped before it listened") from None
                time.sleep(0.5)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def _browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1440,900",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)  # type: ignore[no-untyped-call]  # selenium 4.2 leaves it untyped
    return webdriver.Chrome(options=options)


def _wait(driver: Any, script: str, timeout: float = 120) -> float:
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if driver.execute_script(script):
            return time.perf_counter() - began
        time.sleep(0.02)
    raise click.ClickException(f"the page did not get there in {timeout:.0f} s")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(size: int, folder: Path, corpus: Path) -> Row:
    db = folder / f"bench-{size}.sqlite3"
    documents, events = build_store(db, size, corpus) if not db.exists() else _counts(db)
    with served(db) as (url, server):  # noqa: SIM117 (the browser goes before the server)
        driver = _browser()
        try:
            began = time.perf_counter()
            driver.get(url)
            _wait(driver, _SETTLED)
            first_draw = time.perf_counter() - began
            time.sleep(3)
            zooms = []
            for step in range(ZOOMS):
                began = time.perf_counter()
                driver.execute_script(_ZOOM, 0.3 + 0.1 * step, 0.25)
                _wait(driver, _SETTLED)
                zooms.append(time.perf_counter() - began)
            callbacks = driver.execute_script(_CALLBACKS)
        finally:
            driver.quit()
        rss = _peak_rss_mb(server.pid)
    changes = time_add_and_delete(db, corpus_documents(corpus)[0])
    server_times = [entry[0] / 1000 for entry in callbacks]
    return Row(
        events,
        documents,
        first_draw,
        statistics.median(zooms),
        statistics.median(server_times),
        max(server_times),
        max(int(entry[1]) for entry in callbacks),
        rss,
        changes.add,
        changes.delete,
    )


def _counts(db: Path) -> tuple[int, int]:
    with TimelineStore(db) as store:
        return store.document_count(), len(store.events())


def format_row(row: Row) -> str:
    return (
        f"{row.events:>10,}  {row.documents:>8,}  {row.first_draw:>8.2f}s  {row.zoom:>7.2f}s  "
        f"{row.server_median:>9.3f}s  {row.server_max:>8.3f}s  {row.biggest_response / 1024:>8.0f} kB  "
        f"{row.rss_mb:>7.0f} MB  {row.add_view:>7.2f}s  {row.delete_view:>7.2f}s"
    )


HEADER = (
    f"{'events':>10}  {'docs':>8}  {'1st draw':>9}  {'zoom':>8}  {'server p50':>10}  {'max':>9}  "
    f"{'biggest':>11}  {'RSS peak':>10}  {'add+view':>8}  {'del+view':>8}"
)


@click.command(name="app")
@click.option(
    "--events",
    "sizes",
    default=",".join(map(str, DEFAULT_SIZES)),
    show_default=True,
    callback=sizes_list,
    help="Comma-separated numbers of events in the store.",
)
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder of .tml files whose texts fill the store [default: {DEFAULT_CORPUS}].",
)
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the stores in this folder (and reuse them on the next run).",
)
def command(sizes: Sequence[int], corpus: Path | None, keep: Path | None) -> None:
    """The app at 10k, 100k and 1M events in headless Chromium: first draw, zoom, callbacks, memory;
    then adding and deleting a document, each with the next view (in this process)."""
    corpus = corpus or DEFAULT_CORPUS
    if not corpus.is_dir():
        raise click.ClickException(f"corpus directory not found: {corpus} (give --corpus)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        click.echo(f"stores of {corpus} texts; zoom = median of {ZOOMS}; server = time to first byte of each callback")
        click.echo(HEADER)
        for size in sizes:
            row = measure(size, folder, corpus)
            click.echo(format_row(row))
            if os.environ.get("TIMELINE_BENCH_JSON"):
                click.echo(json.dumps(asdict(row)))
