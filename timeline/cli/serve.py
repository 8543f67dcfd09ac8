"""`timeline serve [PATH...]`: store the documents of PATH (extracting their dates) and open the timeline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from timeline.cli.common import input_paths

if TYPE_CHECKING:  # the app (and Dash) is imported only when the command runs
    from dash import Dash

    from timeline.app.collection import IngestReport
    from timeline.app.jobs import JobRunner
    from timeline.app.store import TimelineStore

# With no PATH and an empty database, the app opens the sample documents: package data, in a
# checkout a link to the repository's top-level data/ (the source).
SAMPLE_DATA = Path(__file__).resolve().parents[1] / "samples"


@click.command(name="serve")
@click.argument("paths", nargs=-1, type=input_paths())
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file keeping documents and events [default: $TIMELINE_DB, else "
    "~/.local/share/timeline/timeline.sqlite3].",
)
@click.option("--reextract", is_flag=True, help="Run the extractor again over every stored document.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable; '*' for any). By default only "
    "127.0.0.1, localhost, ::1 and --host are answered, against DNS rebinding.",
)
@click.option("--debug", is_flag=True, help="Dash debug mode: error pop-ups and callback graph in the page.")
def command(
    paths: tuple[Path, ...],
    host: str,
    port: int,
    db: Path | None,
    reextract: bool,
    allow_hosts: tuple[str, ...],
    debug: bool,
) -> None:
    """Open the interactive timeline of the documents in PATH (files, folders, JSONL/CSV corpora).

    Documents and their events are kept in a SQLite file, so a restart shows them again; a
    document already stored with the same id and text is not read twice. Without PATH, the
    sample documents that come with timeline (the repository's data/) are opened, when the
    database is empty.
    """
    from timeline.app import TimelineStore, create_app, default_db_path
    from timeline.app.collection import ingest_paths
    from timeline.app.jobs import JobRunner

    db_path = db or default_db_path()
    store = TimelineStore(db_path)  # a StoreError, if it cannot be opened, is the command's one-line error

    if store.labels_outdated:
        _relabel(store)
    jobs = JobRunner()
    if store.events_outdated or reextract:
        _reextract_in_background(jobs, store, outdated=store.events_outdated)

    if not paths and SAMPLE_DATA.is_dir() and store.document_count() == 0:
        paths = (_as_given(SAMPLE_DATA),)
    if paths:
        _report(ingest_paths(store, paths, progress=_progress))

    events = len(store.events())
    click.echo(f"timeline: {store.document_count():,} documents, {events:,} events in {db_path}", err=True)
    try:
        app = create_app(store, jobs=jobs, image_problem=_image_export_problem(), ready_within=600)
        _serve(app, store, host, port, allow_hosts, debug)
    finally:
        jobs.shutdown()
        store.close()


def _relabel(store: TimelineStore) -> None:
    """Make the stored labels again (an older version made them), before the page opens."""
    from timeline.app.collection import relabel

    click.echo("timeline: the stored labels were made by another version of timeline; making them again", err=True)
    report = relabel(store)
    for problem in report.problems:
        click.echo(f"timeline: {problem}", err=True)
    click.echo(f"timeline: {report.summary()}", err=True)


def _reextract_in_background(jobs: JobRunner, store: TimelineStore, *, outdated: bool) -> None:
    from timeline.app.progress import submit_reextraction

    why = "this version of timeline stores events differently" if outdated else "--reextract"
    click.echo(
        f"timeline: extracting the stored documents again ({why}) in the background; the page shows how far it is",
        err=True,
    )
    submit_reextraction(
        jobs,
        store,
        why,
        when_done=lambda job: (
            _report(job.outcome)
            if job.outcome
            else click.echo(f"timeline: extracting again failed: {job.error}", err=True)
        ),
    )


def _image_export_problem() -> str | None:
    """Say once, at start, when PNG/SVG/PDF export cannot work here (the page says it on its buttons)."""
    from timeline.export import image_export_problem

    problem = image_export_problem()
    if problem is not None:
        click.echo(
            f"timeline: image export is off: {problem}. The PNG, SVG and PDF downloads are disabled; "
            "everything else works.",
            err=True,
        )
    return problem


def _serve(app: Dash, store: TimelineStore, host: str, port: int, allow_hosts: tuple[str, ...], debug: bool) -> None:
    """Run ``app`` in waitress (see timeline.app.serving) until Ctrl-C."""
    from timeline.app import serving
    from timeline.app.hosts import WILDCARD_ADDRESSES
    from timeline.app.uploads import request_limit

    if debug:
        app.enable_dev_tools(debug=True, dev_tools_hot_reload=False)
    try:
        server = serving.create(
            app, store, host=host, port=port, request_limit=request_limit(), allow_hosts=allow_hosts
        )
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error}; choose another --port") from None
    if host in WILDCARD_ADDRESSES and not allow_hosts:
        click.echo(
            "timeline: listening on every interface, but answering only requests for 127.0.0.1 or "
            "localhost; add --allow-host NAME for the names others use to reach this machine",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"timeline: open http://{shown}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _as_given(path: Path) -> Path:
    """``path`` relative to the working directory when under it: ids of loose files are paths as given."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _progress(report: IngestReport) -> None:
    if sys.stderr.isatty():
        done = len(report.added) + len(report.replaced) + len(report.unchanged)
        click.echo(f"\rtimeline: {done:,} documents read ...", err=True, nl=False)


def _report(report: IngestReport) -> None:
    if sys.stderr.isatty():
        click.echo("\r", err=True, nl=False)
    for problem in [*report.skipped, *report.problems]:
        click.echo(f"timeline: {problem}", err=True)
    click.echo(f"timeline: {report.summary()}", err=True)
