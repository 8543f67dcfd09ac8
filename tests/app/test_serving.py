"""The production server: the Host check, the body cap, bounded callback work, and a burst it holds."""

from __future__ import annotations

import gzip
import io
import json
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from werkzeug.test import Client

from timeline.app import create_app, serving
from timeline.app.admission import CallbackGate
from timeline.app.hosts import allowed_hosts, host_name
from timeline.app.store import TimelineStore
from timeline.bench.load import fill_store, free_port, parse_outputs, run_load, start_server, stop_server
from timeline.ingest.document import Document


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8050", "127.0.0.1"),
        ("LOCALHOST", "localhost"),
        ("[::1]:8050", "::1"),
        ("[::1]", "::1"),
        ("example.com.:80", "example.com"),
        ("evil.example", "evil.example"),
        ("", ""),
    ],
)
def test_host_names_are_read_without_port_brackets_or_case(header: str, name: str) -> None:
    assert host_name(header) == name


def test_the_allowed_hosts_are_the_local_names_the_listen_host_and_the_allowed_ones() -> None:
    assert allowed_hosts("127.0.0.1") == frozenset({"127.0.0.1", "localhost", "::1"})
    assert allowed_hosts("0.0.0.0") == frozenset({"127.0.0.1", "localhost", "::1"})
    assert allowed_hosts("192.0.2.7", ["Box.Lan"]) == frozenset(
        {"127.0.0.1", "localhost", "::1", "192.0.2.7", "box.lan"}
    )
    assert allowed_hosts("127.0.0.1", ["*"]) is None


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TimelineStore]:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        from timeline.app.collection import add_documents

        add_documents(store, [Document(id="talks.txt", text="Talks resumed on May 13, 2021.")])
        yield store


def _delete_request(client: Client, doc_id: str) -> dict[str, Any]:
    """The body the page sends when the delete button of ``doc_id`` is clicked."""
    dependencies = client.get("/_dash-dependencies", headers={"Host": "127.0.0.1"}).get_json()
    [dependency] = [d for d in dependencies if "delete-document" in json.dumps(d["inputs"])]
    button = {"doc": doc_id, "type": "delete-document"}
    return {
        "output": dependency["output"],
        "outputs": parse_outputs(dependency["output"]),
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "changedPropIds": [json.dumps(button, separators=(",", ":")) + ".n_clicks"],
        "state": [],
    }


def test_a_request_for_another_host_is_refused_and_changes_nothing(store: TimelineStore) -> None:
    app = create_app(store)
    client = Client(serving.wsgi_app(app, store, listen_host="127.0.0.1"))
    refused = client.get("/", headers={"Host": "rebound.attacker.example:8050"})
    assert refused.status_code == 400 and b"--allow-host" in refused.data
    delete = _delete_request(client, "talks.txt")
    callback = client.post("/_dash-update-component", json=delete, headers={"Host": "rebound.attacker.example:8050"})
    assert callback.status_code == 400
    assert [d.id for d in store.documents()] == ["talks.txt"]
    for host in ("127.0.0.1:8050", "localhost:8050", "[::1]:8050"):
        assert client.get("/", headers={"Host": host}).status_code == 200
    # The same request from the page itself deletes: the refusal above is the Host check's doing.
    assert client.post("/_dash-update-component", json=delete, headers={"Host": "localhost:8050"}).status_code == 200
    assert store.documents() == []


def test_allow_host_adds_a_name(store: TimelineStore) -> None:
    client = Client(serving.wsgi_app(create_app(store), store, listen_host="0.0.0.0", allow_hosts=["box.lan"]))
    assert client.get("/", headers={"Host": "box.lan:8050"}).status_code == 200
    assert client.get("/", headers={"Host": "other.lan:8050"}).status_code == 400


# -- the callback gate -----------------------------------------------------------------------------


class _Blocking:
    """A WSGI app whose callbacks wait until released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.started += 1
        self.release.wait(10)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"drawn"]


def _call(app: Any, path: str = "/_dash-update-component", gone: Callable[[], bool] = lambda: False) -> str:
    statuses: list[str] = []
    body = b"".join(
        app(
            {"REQUEST_METHOD": "POST", "PATH_INFO": path, "waitress.client_disconnected": gone},
            lambda status, headers: statuses.append(status),
        )
    )
    return f"{statuses[0].split()[0]} {body.decode()[:5]}"


def _in_thread(work: Callable[[], str]) -> tuple[threading.Thread, list[str]]:
    out: list[str] = []
    thread = threading.Thread(target=lambda: out.append(work()))
    thread.start()
    return thread, out


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_callbacks_beyond_the_slots_wait_and_those_that_would_wait_too_long_are_told_to_retry() -> None:
    inner = _Blocking()
    gate = CallbackGate(inner, slots=1, max_wait=5.0)
    gate._estimate = 3.0  # each callback is known to take 3 s: one may wait, the next would wait 6 s
    first, first_out = _in_thread(lambda: _call(gate))
    _until(lambda: inner.started == 1)
    second, second_out = _in_thread(lambda: _call(gate))
    _until(lambda: gate._waiting == 1)
    assert _call(gate) == '429 {"mes'
    inner.release.set()
    first.join(10)
    second.join(10)
    assert first_out == second_out == ["200 drawn"]
    assert gate.refused == 1


def test_pages_do_not_wait_for_the_callbacks() -> None:
    inner = _Blocking()
    gate = CallbackGate(inner, slots=1)
    busy, _ = _in_thread(lambda: _call(gate))
    _until(lambda: inner.started == 1)
    page, page_out = _in_thread(lambda: _call(gate, path="/"))
    _until(lambda: inner.started == 2)  # the page went straight to the app while the callback holds the slot
    inner.release.set()
    busy.join(10)
    page.join(10)
    assert page_out == ["200 drawn"]


def test_a_request_whose_client_left_is_not_computed() -> None:
    inner = _Blocking()
    gate = CallbackGate(inner, slots=1)
    busy, _ = _in_thread(lambda: _call(gate))
    _until(lambda: inner.started == 1)
    left = threading.Event()
    waiting, waiting_out = _in_thread(lambda: _call(gate, gone=left.is_set))
    _until(lambda: gate._waiting == 1)
    left.set()
    waiting.join(10)
    inner.release.set()
    busy.join(10)
    assert waiting_out == ["204 "] and inner.started == 1 and gate.dropped == 1


# -- `timeline serve` itself ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`timeline serve` on the sample documents, on a free port of 127.0.0.1: its address."""
    folder = tmp_path_factory.mktemp("served")
    db = folder / "load.sqlite3"
    assert fill_store(db, None) > 200
    port = free_port()
    server = start_server(db, port, folder / "serve.log")
    try:
        yield f"127.0.0.1:{port}"
    finally:
        stop_server(server)


def test_a_body_over_the_cap_is_refused_before_it_is_read(served: str) -> None:
    host, port = served.split(":")
    with closing(socket.create_connection((host, int(port)), timeout=10)) as sock:
        sock.sendall(
            b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n" + b"x" * 1000
        )
        reply = sock.recv(200)
    assert reply.startswith(b"HTTP/1.1 413"), reply


@pytest.mark.parametrize("distinct", [False, True], ids=["same-view", "distinct-views"])
def test_serve_holds_a_burst_of_figure_requests_and_then_answers_a_fresh_one_at_once(
    served: str, distinct: bool
) -> None:
    result = run_load(f"http://{served}", burst=30, deadline_s=30, distinct=distinct)
    assert result.alone.status == "200"
    assert set(result.statuses()) <= {"200", "429"} and result.statuses()["200"] >= 2, result.statuses()
    if not distinct:  # one drawing serves every page that opens at once
        assert result.statuses()["200"] == 30
    assert result.page_during_burst.status == "200" and result.page_during_burst.seconds < 2
    assert result.fresh.status == "200" and result.fresh.seconds < 2, result.fresh


# -- identical figure requests computed once ---------------------------------------------------------


class _Counting:
    """A WSGI app answering each request with its body and how many it computed."""

    def __init__(self, status: str = "200 OK") -> None:
        self.calls = 0
        self.status = status
        self.release = threading.Event()
        self.release.set()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.calls += 1
        body = environ["wsgi.input"].read()
        self.release.wait(10)
        start_response(self.status, [("Content-Type", "application/json")])
        return [body + f" #{self.calls}".encode()]


def _post(app: Any, body: bytes, **environ_extra: str) -> str:
    statuses: list[str] = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/_dash-update-component",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        **environ_extra,
    }
    answer = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    return f"{statuses[0].split()[0]} {answer.decode()}"


def test_a_large_shared_answer_is_compressed_once_for_the_clients_that_accept_gzip() -> None:
    from timeline.app.sharing import SharedAnswers

    inner = _Counting()
    shared = SharedAnswers(inner, shareable=lambda body: True, version=lambda: 1)
    body = b"figure " + b"0123456789" * 20_000
    headers: list[tuple[str, str]] = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/_dash-update-component",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
    }
    compressed = b"".join(shared(environ, lambda status, given: headers.extend(given)))
    assert ("Content-Encoding", "gzip") in headers and ("Content-Length", str(len(compressed))) in headers
    assert gzip.decompress(compressed) == body + b" #1" and len(compressed) < len(body) / 10
    assert _post(shared, body) == "200 " + (body + b" #1").decode()  # plain for a client without gzip
    assert inner.calls == 1


def test_identical_figure_requests_are_computed_once_while_the_store_is_unchanged() -> None:
    from timeline.app.sharing import SharedAnswers

    inner, revision = _Counting(), [1]
    shared = SharedAnswers(inner, shareable=lambda body: body.startswith(b"figure"), version=lambda: revision[0])
    inner.release.clear()
    threads = [_in_thread(lambda: _post(shared, b"figure a")) for _ in range(5)]
    _until(lambda: inner.calls == 1)
    time.sleep(0.1)
    inner.release.set()
    for thread, _ in threads:
        thread.join(10)
    assert [out for _, out in threads] == [["200 figure a #1"]] * 5
    assert _post(shared, b"figure a") == "200 figure a #1"  # kept while the revision stands
    assert _post(shared, b"figure b") == "200 figure b #2"  # another view is its own computation
    assert _post(shared, b"upload x") == "200 upload x #3"
    assert _post(shared, b"upload x") == "200 upload x #4"  # what is not shareable is never shared
    revision[0] = 2
    assert _post(shared, b"figure a") == "200 figure a #5"  # the store changed: drawn again


def test_an_answer_that_is_not_200_is_not_shared() -> None:
    from timeline.app.sharing import SharedAnswers

    inner = _Counting("429 Too Many Requests")
    shared = SharedAnswers(inner, shareable=lambda body: True, version=lambda: 1)
    assert _post(shared, b"figure") == "429 figure #1"
    assert _post(shared, b"figure") == "429 figure #2"


def test_only_the_figure_callback_is_shareable() -> None:
    assert serving.draws_the_figure(b'{"output": "..timeline-graph.figure...event-count.children..."}')
    assert not serving.draws_the_figure(b'{"output": "..notices.children@abc...store-revision.data@def.."}')
    assert not serving.draws_the_figure(b"not json")
    assert not serving.draws_the_figure(b"[1, 2]")
