"""`timeline bench load`: does `timeline serve` hold a burst of figure requests?

It starts `timeline serve` on 127.0.0.1 (a free port, a database in a temporary folder holding
the sample documents of data/, or ``--events N`` synthetic events), sends the figure request
a browser sends when it opens the page once alone, then ``--burst`` copies of it at once (with
``--distinct``, each with another "From" year, so that no two can share an answer), and when
the burst is over one fresh request (with ``--distinct``, for a year no burst request asked). Every client gives up at the ``--deadline`` (60 s
after the burst began), so the run stops by itself. It prints the answers by status, the
latency percentiles and the fresh request's time, and fails (exit 1) on any 5xx answer or a
fresh request slower than ``--fresh-within`` seconds.

Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

HOST = "127.0.0.1"
FIGURE_OUTPUT = "timeline-graph.figure"
DATE_FROM = "filter-date-from"
FIRST_YEAR = 1000  # --distinct: burst request i shows events from FIRST_YEAR + 5 i on
START_TIMEOUT_S = 120.0
TIMED_OUT = "timeout"


@dataclass(frozen=True, slots=True)
class Answer:
    """One request's outcome: the HTTP status (or ``timeout`` / the error's name) and its seconds."""

    status: str
    seconds: float


@dataclass(frozen=True, slots=True)
class LoadResult:
    alone: Answer
    burst: list[Answer]
    fresh: Answer
    page_during_burst: Answer

    def statuses(self) -> Counter[str]:
        return Counter(answer.status for answer in self.burst)

    def server_errors(self) -> int:
        return sum(1 for a in [*self.burst, self.alone, self.fresh, self.page_during_burst] if a.status[0] == "5")


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fill_store(db: Path, events: int | None) -> int:
    """Put the sample documents (``events`` None) or ``events`` synthetic events into ``db``; the event count."""
    from timeline.app.collection import ingest_paths
    from timeline.app.store import TimelineStore
    from timeline.cli.serve import SAMPLE_DATA

    with TimelineStore(db) as store:
        if events is None:
            ingest_paths(store, [SAMPLE_DATA])
        else:
            from timeline.bench.figure import synthetic_events
            from timeline.ingest.document import Document

            table = synthetic_events(events)
            documents = [
                Document(id=str(doc), text=f"Report {doc}.", title=f"Report {doc}") for doc in table["doc_id"].unique()
            ]
            store.save(documents, table)
        return len(store.events())


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`timeline serve` on 127.0.0.1:``port`` over ``db``, answering ``/`` (or raises RuntimeError)."""
    env = {**os.environ, "TIMELINE_DB": str(db)}
    with log.open("wb") as stderr:
        # A session of its own: a signal meant for the caller's process group (a test runner's, a
        # browser's clean-up) must not stop the server in the middle of the measure.
        server = subprocess.Popen(
            [sys.executable, "-m", "timeline", "serve", "--db", str(db), "--port", str(port), "--host", HOST],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            start_new_session=True,
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"timeline serve stopped (exit status {server.returncode}): {log.read_text(errors='replace')}"
            )
        if request(f"http://{HOST}:{port}/", timeout=2).status == "200":
            return server
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"timeline serve did not answer within {START_TIMEOUT_S:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=20)


def request(url: str, body: bytes | None = None, *, timeout: float) -> Answer:
    """POST ``body`` (JSON) or GET ``url``; never raises."""
    began = time.perf_counter()
    headers = {"Accept-Encoding": "gzip"}  # as browsers send it; the body is read, not inflated
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=body, headers=headers), timeout=max(0.1, timeout)
        ) as response:
            response.read()
            status = str(response.status)
    except urllib.error.HTTPError as error:
        status = str(error.code)
    except TimeoutError:
        status = TIMED_OUT
    except OSError as error:
        status = TIMED_OUT if "timed out" in str(error) else type(error).__name__
    return Answer(status, time.perf_counter() - began)


def figure_request(base: str) -> bytes:
    """The body of the figure callback as a browser opening the page sends it (read from the app's own
    callback list, so it follows the callbacks as they change)."""
    with urllib.request.urlopen(f"{base}/_dash-dependencies", timeout=30) as response:
        dependencies = json.load(response)
    layout_values = _initial_values(base)
    for dependency in dependencies:
        if FIGURE_OUTPUT in dependency["output"]:
            return json.dumps(
                {
                    "output": dependency["output"],
                    "outputs": parse_outputs(dependency["output"]),
                    "inputs": [
                        {**i, "value": layout_values.get((i["id"], i["property"]))} for i in dependency["inputs"]
                    ],
                    "state": [{**s, "value": layout_values.get((s["id"], s["property"]))} for s in dependency["state"]],
                    "changedPropIds": [],
                }
            ).encode()
    raise RuntimeError(f"no callback draws {FIGURE_OUTPUT}")


def parse_outputs(output: str) -> list[dict[str, Any]]:
    """The ``outputs`` of a callback request, from the callback's ``output`` string in _dash-dependencies."""
    parsed: list[dict[str, Any]] = []
    for part in output.strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        parsed.append(
            {"id": json.loads(component) if component.startswith("{") else component, "property": prop.split("@")[0]}
        )
    return parsed


def _initial_values(base: str) -> dict[tuple[str, str], Any]:
    """Every (id, property) value the page's layout starts with."""
    with urllib.request.urlopen(f"{base}/_dash-layout", timeout=30) as response:
        layout = json.load(response)
    values: dict[tuple[str, str], Any] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "props" in node:
            props = node["props"]
            if isinstance(props.get("id"), str):
                values.update({(props["id"], key): value for key, value in props.items()})
            walk(props.get("children"))

    walk(layout)
    return values


def from_year(body: bytes, year: int) -> bytes:
    """The figure request ``body`` with the date filter's "From" set to ``year``."""
    request_json = json.loads(body)
    for item in request_json["inputs"]:
        if item.get("id") == DATE_FROM:
            item["value"] = str(year)
            return json.dumps(request_json).encode()
    raise RuntimeError(f"the figure request has no {DATE_FROM} input")


def run_load(base: str, *, burst: int, deadline_s: float, distinct: bool = False) -> LoadResult:
    """The figure request alone, ``burst`` of them at once (a page load in the middle), then a fresh one."""
    url = f"{base}/_dash-update-component"
    body = figure_request(base)
    bodies = [from_year(body, FIRST_YEAR + 5 * i) if distinct else body for i in range(burst)]
    fresh_body = from_year(body, FIRST_YEAR + 3) if distinct else body
    alone = request(url, body, timeout=deadline_s)
    began = time.monotonic()
    answers: list[Answer | None] = [None] * burst
    start = threading.Barrier(burst + 1)

    def client(index: int) -> None:
        start.wait()
        answers[index] = request(url, bodies[index], timeout=deadline_s - (time.monotonic() - began))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(burst)]
    for thread in threads:
        thread.start()
    start.wait()
    time.sleep(0.2)  # the burst is in: a new visitor's page now
    page = request(f"{base}/", timeout=deadline_s)
    for thread in threads:
        thread.join(timeout=max(0.0, deadline_s - (time.monotonic() - began)) + 1)
    fresh = request(url, fresh_body, timeout=deadline_s)
    done = [a if a is not None else Answer(TIMED_OUT, deadline_s) for a in answers]
    return LoadResult(alone=alone, burst=done, fresh=fresh, page_during_burst=page)


def percentile(values: Sequence[float], fraction: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def describe(result: LoadResult) -> list[str]:
    seconds = sorted(a.seconds for a in result.burst)
    answered = sorted(a.seconds for a in result.burst if a.status == "200")
    counts = ", ".join(f"{status}: {n}" for status, n in sorted(result.statuses().items()))
    lines = [
        f"alone: {result.alone.status} in {result.alone.seconds:.2f} s",
        f"burst of {len(result.burst)}: {counts}",
        f"  all answers  p50 {percentile(seconds, 0.5):.2f} s  p95 {percentile(seconds, 0.95):.2f} s  "
        f"max {seconds[-1]:.2f} s",
    ]
    if answered:
        lines.append(f"  200 answers  p50 {percentile(answered, 0.5):.2f} s  p95 {percentile(answered, 0.95):.2f} s")
    lines += [
        f"page during the burst: {result.page_during_burst.status} in {result.page_during_burst.seconds:.2f} s",
        f"fresh figure request after the burst: {result.fresh.status} in {result.fresh.seconds:.2f} s",
    ]
    return lines


@click.command(name="load")
@click.option(
    "--events",
    type=click.IntRange(min=1),
    default=None,
    help="Synthetic events to serve [default: the sample documents of data/].",
)
@click.option(
    "--burst", default=200, show_default=True, type=click.IntRange(1, 1000), help="Figure requests sent at once."
)
@click.option(
    "--deadline",
    default=60.0,
    show_default=True,
    type=click.FloatRange(1, 60),
    help="Seconds after the burst began when every client gives up.",
)
@click.option(
    "--distinct", is_flag=True, help="Give every request another filter, so that none can share another's answer."
)
@click.option(
    "--fresh-within",
    default=2.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds the fresh request after the burst may take.",
)
def command(events: int | None, burst: int, deadline: float, distinct: bool, fresh_within: float) -> None:
    """A burst of figure requests against `timeline serve` on 127.0.0.1: no 5xx, then a fast fresh answer."""
    with tempfile.TemporaryDirectory(prefix="timeline-load-") as folder:
        db, port = Path(folder) / "load.sqlite3", free_port()
        count = fill_store(db, events)
        click.echo(
            f"serving {count:,} events on {HOST}:{port}; the burst's requests are "
            + ("all different" if distinct else "all the same (pages opening)")
        )
        server = start_server(db, port, Path(folder) / "serve.log")
        try:
            result = run_load(f"http://{HOST}:{port}", burst=burst, deadline_s=deadline, distinct=distinct)
        finally:
            stop_server(server)
    for line in describe(result):
        click.echo(line)
    failures = []
    if result.server_errors():
        failures.append(f"{result.server_errors()} answers were 5xx")
    if result.fresh.status != "200" or result.fresh.seconds > fresh_within:
        failures.append(f"the fresh request was not answered within {fresh_within:g} s")
    if failures:
        raise click.ClickException("; ".join(failures))
    click.echo(f"ok: no 5xx, fresh request answered within {fresh_within:g} s")
