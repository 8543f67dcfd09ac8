"""Uploads and re-extraction as background jobs, and their progress on the page.

A drop of files becomes a :class:`~timeline.app.jobs.Job` at once; while the page has jobs to
watch, an interval asks how they are doing and shows a progress bar per job; a finished job's
outcome goes where every other outcome goes (the notices), and the timeline is redrawn. The
server's own jobs (re-extracting the stored documents at start) show on every open page.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dash import Dash, Input, Output, State, html, no_update
from dash.development.base_component import Component

from timeline.app import ids
from timeline.app.collection import IngestReport, add_documents
from timeline.app.jobs import Job, JobRunner
from timeline.app.layout import notice_items
from timeline.app.store import TimelineStore
from timeline.app.uploads import batch_limit, human_size, oversize_problem, read_uploads, shown_name
from timeline.app.wording import counted
from timeline.ingest.document import Document, Problem

# The browser names a page's jobs with a key it makes itself (no server round trip, no cookie).
_NEW_PAGE_KEY = "function (_) { return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2); }"


# -- plain functions -----------------------------------------------------------------------------------


def refused_uploads(screened: Mapping[str, Any], limit: int) -> list[Problem]:
    """The files the browser held back: over the size limit, or over what one drop may send."""
    problems = [oversize_problem(shown_name(f["name"]), int(f["size"]), limit) for f in screened.get("refused") or []]
    problems.extend(
        Problem(
            shown_name(f["name"]),
            f"not sent: the files dropped at once are over {human_size(batch_limit(limit))} "
            "in all; drop this one again on its own",
        )
        for f in screened.get("held") or []
    )
    return problems


def submit_uploads(
    jobs: JobRunner, store: TimelineStore, screened: Mapping[str, Any] | None, limit: int, page: str | None
) -> Job[IngestReport] | None:
    """Queue the reading of the dropped files; None when nothing was dropped."""
    if not screened:
        return None
    files = [(str(f["name"]), str(f["contents"])) for f in screened.get("files") or []]
    refused = refused_uploads(screened, limit)

    def work(job: Job[IngestReport]) -> IngestReport:
        items = read_uploads(files, limit=limit)
        documents = [item for item in items if isinstance(item, Document)]
        job.total = len(documents)
        report = add_documents(
            store, itertools.chain(refused, (i for i in items if isinstance(i, Problem)), job.counting(documents))
        )
        return report

    title = f"Reading {counted(len(files) + len(refused), 'dropped file')}"
    return jobs.submit(title, work, unit="document", owner=page or "")


def submit_reextraction(
    jobs: JobRunner, store: TimelineStore, why: str, when_done: Callable[[Job[IngestReport]], None] | None = None
) -> Job[IngestReport]:
    """Queue extracting every stored document again (the server's own job, shown on every page)."""
    total = store.document_count()

    def work(job: Job[IngestReport]) -> IngestReport:
        return add_documents(store, job.counting(store.all_documents()), force=True)

    return jobs.submit(
        f"Extracting the stored documents again ({why})", work, unit="document", total=total, when_done=when_done
    )


def progress_items(running: Sequence[Job[Any]]) -> list[Component]:
    """One line per running or queued job: what it is, how far, and a bar when the total is known."""
    items: list[Component] = []
    for job in running:
        if job.state == "queued":
            text = f"{job.title}: waiting for the job before it …"
        elif job.total:
            text = f"{job.title}: {job.done:,} of {counted(job.total, job.unit)} …"
        else:
            text = f"{job.title} …"
        bar = html.Progress(value=str(job.done), max=str(job.total)) if job.total else html.Progress()
        items.append(html.Div([html.Span(text), bar], className="notice progress"))
    return items


def outcome_items(finished: Sequence[Job[Any]]) -> list[Component]:
    """The outcome of each finished job, as the notices show outcomes."""
    items: list[Component] = []
    for job in finished:
        if job.error is not None:
            items.extend(notice_items(None, [Problem(job.title, f"failed: {job.error}")]))
        elif isinstance(job.outcome, IngestReport):
            items.extend(notice_items(job.outcome.summary(), job.outcome.problems))
    return items


# -- registration ------------------------------------------------------------------------------------


def register_job_callbacks(app: Dash, store: TimelineStore, jobs: JobRunner, *, upload_limit: int) -> None:
    """Wire the upload, the page key and the polling of jobs."""
    changes = dict(prevent_initial_call=True)
    poll_out = Output(ids.JOB_POLL, "disabled", allow_duplicate=True)
    progress_out = Output(ids.JOB_PROGRESS, "children", allow_duplicate=True)

    app.clientside_callback(
        _NEW_PAGE_KEY,
        Output(ids.PAGE_KEY, "data"),  # type: ignore[no-untyped-call]
        Input(ids.JOB_PROGRESS, "id"),
    )

    app.clientside_callback(  # type: ignore[no-untyped-call]
        "window.dash_clientside.timeline.screenUploads",
        Output(ids.UPLOAD_SCREENED, "data"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOAD_LIMIT, "data"),
        **changes,
    )

    @app.callback(poll_out, progress_out, Input(ids.UPLOAD_SCREENED, "data"), State(ids.PAGE_KEY, "data"), **changes)
    def _upload(screened: dict[str, Any] | None, page: str | None) -> Any:
        job = submit_uploads(jobs, store, screened, upload_limit, page)
        if job is None:
            return no_update, no_update
        return False, progress_items([job])

    @app.callback(
        output=dict(
            progress=Output(ids.JOB_PROGRESS, "children"),
            notices=Output(ids.NOTICES, "children", allow_duplicate=True),
            revision=Output(ids.REVISION, "data", allow_duplicate=True),
            stop=Output(ids.JOB_POLL, "disabled"),
        ),
        inputs=dict(_=Input(ids.JOB_POLL, "n_intervals"), page=Input(ids.PAGE_KEY, "data")),
        prevent_initial_call="initial_duplicate",
    )
    def _poll(_: int | None, page: str | None) -> dict[str, Any]:
        if not page:
            return dict(progress=no_update, notices=no_update, revision=no_update, stop=no_update)
        running, finished = jobs.for_page(page)
        return dict(
            progress=progress_items(running),
            notices=outcome_items(finished) if finished else no_update,
            revision=store.revision if finished else no_update,
            stop=not running,
        )
