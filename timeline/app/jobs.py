"""Long work off the request threads: a queue of jobs, run one at a time, whose progress pages can read.

Reading uploads and extracting their dates can take minutes for a large file; a request that
waited for it would hold a server thread (and the browser's patience) all that time. A job is
submitted, runs on the runner's own thread, counts what it has done, and keeps its outcome
until the page that asked for it (its ``owner``, a key each page makes for itself) has been
told. The server's own jobs (no owner) are shown on every page while they run, and their
outcome on the pages that saw them running. One job runs at a time: extraction is CPU work, and two at once
would only each take twice as long while starving the page's own requests.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
Item = TypeVar("Item")
KEPT_JOBS = 200  # finished jobs remembered for pages that have not asked yet


@dataclass(eq=False)
class Job(Generic[T]):
    """One piece of work: what it is, how far it is, and when done its outcome or error."""

    id: str
    title: str  # "Reading 3 uploaded files"
    unit: str  # what ``done`` and ``total`` count: "document"
    owner: str | None = None  # the page that asked; None for the server's own work, shown on every page
    total: int | None = None
    done: int = 0
    state: str = "queued"  # queued, running, finished
    outcome: T | None = None
    error: str | None = None
    submitted: float = field(default_factory=time.monotonic)
    watchers: set[str] = field(default_factory=set)  # pages that were shown it running
    told: set[str] = field(default_factory=set)  # pages that were shown its outcome

    @property
    def finished(self) -> bool:
        return self.state == "finished"

    def counting(self, items: Iterable[Item]) -> Iterator[Item]:
        """``items``, counting each one handed on in :attr:`done`."""
        for item in items:
            yield item
            self.done += 1


class JobRunner:
    """Runs submitted jobs on one background thread, in order."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._jobs: OrderedDict[str, Job[object]] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def submit(
        self,
        title: str,
        work: Callable[[Job[T]], T],
        *,
        unit: str,
        owner: str | None = None,
        total: int | None = None,
        when_done: Callable[[Job[T]], None] | None = None,
    ) -> Job[T]:
        """Queue ``work(job)``; it may set ``job.total`` and advance ``job.done`` as it goes."""
        job: Job[T] = Job(id=f"job-{next(self._ids)}", title=title, unit=unit, owner=owner, total=total)
        with self._lock:
            self._jobs[job.id] = job  # type: ignore[assignment]
            while len(self._jobs) > KEPT_JOBS and next(iter(self._jobs.values())).finished:
                self._jobs.popitem(last=False)
        self._put(lambda: self._run(job, work, when_done))
        return job

    def for_page(self, page: str) -> tuple[list[Job[object]], list[Job[object]]]:
        """The jobs ``page`` should show as running, and those whose outcome it has not been shown yet.

        Each outcome is handed over once; the page is then told nothing more of that job.
        """
        running: list[Job[object]] = []
        finished: list[Job[object]] = []
        with self._lock:
            for job in self._jobs.values():
                if job.owner not in (None, page) or page in job.told:
                    continue
                if not job.finished:
                    job.watchers.add(page)
                    running.append(job)
                elif job.owner == page or page in job.watchers:
                    job.told.add(page)
                    finished.append(job)
        return running, finished

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every job submitted so far has finished (True) or ``timeout`` passed (False)."""
        done = threading.Event()
        self._put(done.set)
        return done.wait(timeout)

    def shutdown(self) -> None:
        """Let the worker thread end once the jobs queued so far have run."""
        self._queue.put(None)

    def _put(self, task: Callable[[], None]) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="timeline-jobs", daemon=True)
                self._thread.start()
        self._queue.put(task)

    def _work(self) -> None:
        try:
            while (task := self._queue.get()) is not None:
                task()
        except SystemExit:  # the thread is being stopped from outside (dash's test server stops its threads so)
            return

    @staticmethod
    def _run(job: Job[T], work: Callable[[Job[T]], T], when_done: Callable[[Job[T]], None] | None) -> None:
        job.state = "running"
        try:
            job.outcome = work(job)
        except Exception as error:  # the job's own problem, shown on the page; the runner goes on
            job.error = f"{type(error).__name__}: {error}"
        job.state = "finished"
        if when_done is not None:
            when_done(job)
