"""`timeline bench ingest [DIR]`: how fast the app takes documents in (extract, tabulate, store).

The texts of the ``.tml`` files under DIR (TBAQ by default), each given its document date, are
added ``--copies`` times under fresh ids to an empty SQLite store in a temporary folder, as
`timeline serve PATH` and the upload button do; it prints documents and events per second.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click

from timeline.app.collection import add_documents
from timeline.app.store import TimelineStore
from timeline.bench.extraction import copies_option, corpus_texts
from timeline.ingest.document import Document


@click.command(name="ingest")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@copies_option(4, "How many times each text is added (under a new id).")
def command(directory: Path | None, copies: int) -> None:
    """Documents per second into the app's store: extraction, events table, SQLite."""
    directory, texts = corpus_texts(directory)
    documents = [
        Document(id=f"{copy}-{index}", text=text, date=dct, source=f"copy {copy} of text {index}")
        for copy in range(copies)
        for index, (text, dct) in enumerate(texts)
    ]
    words = sum(len(document.text.split()) for document in documents)
    with tempfile.TemporaryDirectory() as folder, TimelineStore(Path(folder) / "bench.sqlite3") as store:
        start = time.perf_counter()
        report = add_documents(store, documents)
        seconds = time.perf_counter() - start
    click.echo(f"corpus: {directory} ({len(texts)} texts x {copies} = {len(documents):,} documents, {words:,} words)")
    click.echo(
        f"{len(report.added):,} documents, {report.events:,} events stored in {seconds:.2f} s: "
        f"{len(report.added) / seconds:,.0f} documents/s, {words / seconds:,.0f} words/s"
    )
