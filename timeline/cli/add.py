"""`timeline add PATH... [--db FILE]`: put documents and their events into the app's store, without serving.

PATH is what `timeline serve` takes (files, folders, JSONL/CSV/Parquet corpora, which are
extracted), or the records folder of `timeline extract -o DIR.parquet`, whose records go in as
they are, without extracting again: the way a cluster's extraction of an archive reaches the app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from timeline.app.collection import IngestReport

EXIT_INPUT_PROBLEMS = 1


@click.command(name="add")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file keeping documents and events [default: $TIMELINE_DB, else "
    "~/.local/share/timeline/timeline.sqlite3].",
)
def command(paths: tuple[Path, ...], db: Path | None) -> None:
    """Add the documents of PATH... (and their events) to the store that `timeline serve` opens.

    A records folder written by `timeline extract -o DIR.parquet` is loaded without extracting
    again. Exit status: 0 everything was read; 1 some input had problems (the rest was added).
    """
    from timeline.app.collection import ingest_paths
    from timeline.app.store import TimelineStore, default_db_path

    db_path = db or default_db_path()
    store = TimelineStore(db_path)  # a StoreError, if it cannot be opened, is the command's one-line error
    with store:
        report = ingest_paths(store, paths, progress=_progress)
        if sys.stderr.isatty():
            click.echo("\r\033[K", err=True, nl=False)
        for problem in [*report.skipped, *report.problems]:
            click.echo(f"timeline: {problem}", err=True)
        click.echo(
            f"timeline: {report.summary()}; {store.document_count():,} documents, "
            f"{len(store.events()):,} events in {db_path}",
            err=True,
        )
    if report.problems:
        sys.exit(EXIT_INPUT_PROBLEMS)


def _progress(report: IngestReport) -> None:
    from timeline.pipeline.progress import wanted

    if wanted():
        done = len(report.added) + len(report.replaced) + len(report.unchanged)
        click.echo(f"\rtimeline: {done:,} documents added ...", err=True, nl=False)
