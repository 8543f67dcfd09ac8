"""One computation for identical callback requests: the answer is shared while the store is unchanged.

When many pages open at once they all send the same figure request (same filters, same view),
and drawing it is the app's costliest work. A callback that only reads its inputs and the store
gives the same answer to the same request body as long as the store's revision has not moved,
so the first such request computes it, those arriving meanwhile wait for it, and those arriving
later get it from a small cache. Only the callbacks named by ``shareable`` (the figure) are
shared; answers other than 200, and large bodies, are never kept.

A large answer is also gzip-compressed once, for every client that accepts it: a figure of
100,000 events is 24 MB of JSON, and sending it uncompressed to many pages at once ties up the
server's threads for as long as the slowest of them takes to read it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from timeline.app.admission import CALLBACK_PATH_SUFFIX
from timeline.app.hosts import WsgiApp

MAX_REQUEST_BYTES = 256 * 1024  # figure requests are a few KB; uploads are never shared
KEPT_ANSWERS = 4
MAX_KEPT_BYTES = 64 * 1024 * 1024
FOLLOWER_WAIT_S = 60.0
COMPRESS_FROM_BYTES = 64 * 1024


@dataclass
class _Answer:
    status: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    gzipped: bytes | None = None  # the body compressed, when it is large enough to be worth it
    ready: threading.Event = field(default_factory=threading.Event)

    def send(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        """Answer with the body, compressed when the client accepts gzip and it was compressed."""
        if self.gzipped is not None and "gzip" in str(environ.get("HTTP_ACCEPT_ENCODING", "")):
            headers = [(k, v) for k, v in self.headers if k.lower() != "content-length"]
            start_response(
                self.status,
                [
                    *headers,
                    ("Content-Encoding", "gzip"),
                    ("Vary", "Accept-Encoding"),
                    ("Content-Length", str(len(self.gzipped))),
                ],
            )
            return [self.gzipped]
        start_response(self.status, self.headers)
        return [self.body]


class SharedAnswers:
    """WSGI middleware sharing the answers of identical ``shareable`` callback requests (see module doc)."""

    def __init__(self, app: WsgiApp, *, shareable: Callable[[bytes], bool], version: Callable[[], Hashable]) -> None:
        self.app = app
        self.shareable = shareable
        self.version = version
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple[str, Hashable], _Answer] = OrderedDict()
        self.computed = 0  # counters, for the tests
        self.shared = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        body = self._small_callback_body(environ)
        if body is None or not self.shareable(body):
            return self.app(environ, start_response)
        key = (hashlib.sha256(body).hexdigest(), self.version())
        with self._lock:
            answer = self._answers.get(key)
            leader = answer is None
            if answer is None:
                answer = self._answers[key] = _Answer()
            else:
                self._answers.move_to_end(key)
        if leader:
            return self._compute(key, answer, environ, start_response)
        if answer.ready.wait(FOLLOWER_WAIT_S) and answer.status.startswith("200"):
            self.shared += 1
            return answer.send(environ, start_response)
        return self.app(environ, start_response)  # the leader got no answer to share: compute alone

    def _compute(
        self, key: tuple[str, Hashable], answer: _Answer, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], Any]:
            answer.status, answer.headers = status, list(headers)
            return lambda data: None  # the body is sent below, with send()

        try:
            result = self.app(environ, capture)
            try:
                answer.body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
            if answer.status.startswith("200") and len(answer.body) >= COMPRESS_FROM_BYTES:
                answer.gzipped = gzip.compress(answer.body, compresslevel=1)
            self.computed += 1
        finally:
            answer.ready.set()
            with self._lock:
                if not answer.status.startswith("200") or len(answer.body) > MAX_KEPT_BYTES:
                    self._answers.pop(key, None)
                while (
                    len(self._answers) > KEPT_ANSWERS
                    or sum(len(a.body) for a in self._answers.values()) > MAX_KEPT_BYTES
                ):
                    self._answers.popitem(last=False)
        return answer.send(environ, start_response)

    @staticmethod
    def _small_callback_body(environ: dict[str, Any]) -> bytes | None:
        """The body of a small callback POST (put back for the app to read), or None for anything else."""
        if environ.get("REQUEST_METHOD") != "POST" or not str(environ.get("PATH_INFO", "")).endswith(
            CALLBACK_PATH_SUFFIX
        ):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            return None
        if not 0 <= length <= MAX_REQUEST_BYTES:
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        return bytes(body)
