"""Background work: the job runner, uploads read off the request thread, re-extraction, their progress."""

from __future__ import annotations

import base64
import threading
from pathlib import Path

from dash import html

from timeline.app.collection import IngestReport, add_documents
from timeline.app.jobs import Job, JobRunner
from timeline.app.progress import outcome_items, progress_items, submit_reextraction, submit_uploads
from timeline.app.store import TimelineStore
from timeline.ingest.document import Document


def _url(content: bytes) -> str:
    return "data:text/plain;base64," + base64.b64encode(content).decode()


def test_each_page_is_shown_its_own_jobs_and_their_outcome_once() -> None:
    runner = JobRunner()
    release = threading.Event()
    mine = runner.submit("Mine", lambda job: release.wait(10) and "done", unit="file", owner="page-a")
    runner.submit("Theirs", lambda job: "other", unit="file", owner="page-b")
    running, finished = runner.for_page("page-a")
    assert running == [mine] and finished == []
    release.set()
    assert runner.wait(10)
    running, finished = runner.for_page("page-a")
    assert running == [] and finished == [mine] and mine.outcome == "done"
    assert runner.for_page("page-a") == ([], [])
    runner.shutdown()


def test_the_servers_jobs_show_on_every_page_and_their_outcome_where_they_were_seen() -> None:
    runner = JobRunner()
    release = threading.Event()
    shared = runner.submit("Extracting again", lambda job: release.wait(10), unit="document")
    assert runner.for_page("watching")[0] == [shared]
    release.set()
    assert runner.wait(10)
    assert runner.for_page("watching") == ([], [shared])
    assert runner.for_page("opened-later") == ([], [])
    runner.shutdown()


def test_a_failing_job_is_finished_with_its_error_and_the_runner_goes_on() -> None:
    runner = JobRunner()

    def fail(job: Job[None]) -> None:
        raise OSError("disk full")

    failed = runner.submit("Reading", fail, unit="file", owner="p")
    after = runner.submit("Next", lambda job: 7, unit="file", owner="p")
    assert runner.wait(10)
    assert failed.finished and failed.error == "OSError: disk full" and after.outcome == 7
    assert "Reading: failed: OSError: disk full" in str(outcome_items([failed]))
    runner.shutdown()


def test_uploads_are_read_in_the_background_and_counted(tmp_path: Path) -> None:
    runner = JobRunner()
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        screened = {
            "files": [
                {"name": "a.txt", "contents": _url(b"Signed on May 13, 2021.")},
                {"name": "..", "contents": _url(b"x")},
                {"name": "b.md", "contents": _url(b"It began in 1997.")},
            ],
            "refused": [{"name": "big.txt", "size": 30_000_000}],
            "held": [{"name": "later.txt", "size": 10}],
        }
        job = submit_uploads(runner, store, screened, 20 * 2**20, "page")
        assert job is not None and job.title == "Reading 5 dropped files"
        assert runner.wait(30)
        report = job.outcome
        assert isinstance(report, IngestReport)
        assert report.added == ["a.txt", "b.md"] and job.done == job.total == 2
        assert [p.source for p in report.problems] == ["big.txt", "later.txt", ".."]
        assert "drop this one again on its own" in report.problems[1].message
        assert [d.id for d in store.documents()] == ["a.txt", "b.md"]
        assert submit_uploads(runner, store, None, 20 * 2**20, "page") is None
    runner.shutdown()


def test_reextraction_runs_as_the_servers_job_over_every_stored_document(tmp_path: Path) -> None:
    runner = JobRunner()
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        add_documents(store, [Document(id=f"d{i}", text=f"It happened in {1990 + i}.") for i in range(5)])
        seen: list[Job[IngestReport]] = []
        job = submit_reextraction(runner, store, "--reextract", when_done=seen.append)
        assert job.owner is None and job.total == 5
        assert runner.wait(30)
        assert seen == [job] and job.outcome is not None and len(job.outcome.replaced) == 5 and job.done == 5
    runner.shutdown()


def test_progress_lines_say_what_how_far_and_carry_a_bar() -> None:
    job: Job[None] = Job(
        id="job-1", title="Reading 3 dropped files", unit="document", total=40, done=12, state="running"
    )
    [line] = progress_items([job])
    text, bar = line.children
    assert text.children == "Reading 3 dropped files: 12 of 40 documents …"
    assert isinstance(bar, html.Progress)
    assert {k: bar.to_plotly_json()["props"][k] for k in ("value", "max")} == {"value": "12", "max": "40"}
    queued: Job[None] = Job(id="job-2", title="Reading 1 dropped file", unit="document")
    assert "waiting for the job before it" in progress_items([queued])[0].children[0].children
