"""Bounded work for the app's callbacks: a few run at once, the rest wait briefly or are told to retry.

Every figure, filter and click is one POST to Dash's callback route, and drawing a large
timeline takes a second or two of CPU. Without a bound, a burst of such requests makes every
one of them wait for all the others, and work goes on for clients that gave up long ago. So:

* at most ``slots`` callbacks compute at a time (the machine's cores: Python holds one at a time
  anyway, and more in flight only make each slower);
* a callback waits for a slot only while the expected wait (those ahead of it times the recent
  time per callback) stays within ``max_wait`` seconds; otherwise it is answered at once with
  429 Too Many Requests and a Retry-After, which costs nothing;
* a request whose client has disconnected (``waitress.client_disconnected``) is dropped
  before it computes, while it waits too.

Pages, assets and the layout do not pass through the gate, so they stay fast during a burst.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from timeline.app.hosts import WsgiApp

CALLBACK_PATH_SUFFIX = "_dash-update-component"
DEFAULT_MAX_WAIT_S = 5.0
INITIAL_ESTIMATE_S = 0.2  # time per callback assumed before any was measured
SMOOTHING = 0.3  # weight of the newest measure in the running estimate
POLL_S = 0.25  # how often a waiting request looks whether its client is still there


class CallbackGate:
    """WSGI middleware bounding the callbacks that compute at once (see the module docstring)."""

    def __init__(self, app: WsgiApp, *, slots: int, max_wait: float = DEFAULT_MAX_WAIT_S) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, not {slots}")
        self.app = app
        self.slots = slots
        self.max_wait = max_wait
        self._lock = threading.Condition()
        self._running = 0
        self._waiting = 0
        self._estimate = INITIAL_ESTIMATE_S
        self.refused = 0  # counters, for the load benchmark and the tests
        self.dropped = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or not str(environ.get("PATH_INFO", "")).endswith(
            CALLBACK_PATH_SUFFIX
        ):
            return self.app(environ, start_response)
        gone: Callable[[], bool] = environ.get("waitress.client_disconnected") or (lambda: False)
        admitted = self._admit(gone)
        if admitted is None:
            return _no_content(start_response)
        if not admitted:
            return self._busy(start_response)
        began = time.perf_counter()
        try:
            result = self.app(environ, start_response)
            try:
                return list(result)  # computed here, inside the slot
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        finally:
            self._release(time.perf_counter() - began)

    def expected_wait(self) -> float:
        """Seconds a callback arriving now would wait for a slot, by the recent time per callback."""
        with self._lock:
            return self._expected_wait_locked()

    def _expected_wait_locked(self) -> float:
        ahead = self._running + self._waiting - self.slots + 1
        return max(0, ahead) * self._estimate / self.slots

    def _admit(self, gone: Callable[[], bool]) -> bool | None:
        """True once a slot is held; False when the wait would be too long; None when the client left."""
        with self._lock:
            if self._running < self.slots and self._waiting == 0:
                self._running += 1
                return True
            if self._expected_wait_locked() > self.max_wait:
                self.refused += 1
                return False
            self._waiting += 1
            deadline = time.monotonic() + self.max_wait
            try:
                while self._running >= self.slots:
                    if gone():
                        self.dropped += 1
                        return None
                    left = deadline - time.monotonic()
                    if left <= 0:
                        self.refused += 1
                        return False
                    self._lock.wait(min(POLL_S, left))
                if gone():
                    self.dropped += 1
                    return None
                self._running += 1
                return True
            finally:
                self._waiting -= 1

    def _release(self, seconds: float) -> None:
        with self._lock:
            self._running -= 1
            self._estimate = (1 - SMOOTHING) * self._estimate + SMOOTHING * seconds
            self._lock.notify()

    def _busy(self, start_response: Callable[..., Any]) -> list[bytes]:
        retry = max(1, math.ceil(self.expected_wait()))
        body = b'{"message": "the server is busy drawing other timelines; try again in a moment"}'
        start_response(
            "429 Too Many Requests",
            [("Content-Type", "application/json"), ("Retry-After", str(retry)), ("Content-Length", str(len(body)))],
        )
        return [body]


def _no_content(start_response: Callable[..., Any]) -> list[bytes]:
    """The answer to a client that has gone (nobody reads it; Dash would take it as 'nothing to update')."""
    start_response("204 No Content", [("Content-Length", "0")])
    return []
