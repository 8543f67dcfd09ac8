"""The Dash application: the page, its callbacks and its assets, over one store."""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from timeline.app.callbacks import register_callbacks
from timeline.app.compression import compress_files
from timeline.app.jobs import JobRunner
from timeline.app.layout import build_layout
from timeline.app.progress import register_job_callbacks
from timeline.app.store import TimelineStore
from timeline.app.uploads import MAX_UPLOAD_BYTES, request_limit

# The CSS/JS: package data, in a checkout a link to the repository's top-level assets/ (the source).
ASSETS_FOLDER = Path(__file__).resolve().parent / "assets"
TITLE = "Timeline"


def create_app(
    store: TimelineStore,
    *,
    title: str = TITLE,
    upload_limit: int = MAX_UPLOAD_BYTES,
    jobs: JobRunner | None = None,
    image_problem: str | None = None,
    ready_within: float | None = None,
) -> Dash:
    """The app showing the documents and events of ``store``; documents added on the page go there too.

    ``jobs`` runs uploads in the background (a new runner by default); ``image_problem`` says why
    images cannot be exported here, and turns the PNG, SVG and PDF buttons off with that hint.
    The first view is prepared in the background; ``ready_within`` (seconds) waits for it, so
    the first visitor of a big store does not.
    """
    app = Dash(
        __name__,
        title=title,
        update_title="",  # keep the tab's title while callbacks run
        assets_folder=str(ASSETS_FOLDER),
    )
    app.server.config["MAX_CONTENT_LENGTH"] = request_limit(upload_limit)  # the server caps it earlier too
    compress_files(app.server)
    app.layout = build_layout(title=title, upload_limit=upload_limit, image_problem=image_problem)
    warming = register_callbacks(app, store, upload_limit=upload_limit)
    if ready_within is not None:
        warming.join(ready_within)
    register_job_callbacks(app, store, jobs or JobRunner(), upload_limit=upload_limit)
    return app
