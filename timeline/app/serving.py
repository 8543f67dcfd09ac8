"""Serving the app for real: waitress, a bounded pool, a body-size cap and the Host check.

waitress is a production WSGI server in pure Python (no compiler, no C extension, runs wherever
the app does), maintained by the Pylons project, with the limits this needs built in: a fixed
pool of worker threads, a cap on the request body enforced while reading it (413 before the
body is buffered), and a way to learn that a client has disconnected. Flask's own server has
none of these and says it is for development only.

The stack, outermost first: :class:`~timeline.app.hosts.HostCheck` (DNS rebinding),
:class:`~timeline.app.sharing.SharedAnswers` (identical figure requests computed once),
:class:`~timeline.app.admission.CallbackGate` (bounded callback work), the Dash app.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from typing import Any

from dash import Dash
from waitress.server import create_server

from timeline.app import ids
from timeline.app.admission import DEFAULT_MAX_WAIT_S, CallbackGate
from timeline.app.hosts import HostCheck, WsgiApp, allowed_hosts
from timeline.app.sharing import SharedAnswers
from timeline.app.store import TimelineStore

# Threads mostly wait (for a callback slot, or on a slow client), so there can be many; only
# CallbackGate's slots compute. Connections beyond the limit wait in the kernel's backlog.
THREADS = 32
CONNECTION_LIMIT = 500


def compute_slots() -> int:
    """Callbacks computing at once: one per core, two to four."""
    return min(4, max(2, os.cpu_count() or 2))


def draws_the_figure(body: bytes) -> bool:
    """Whether a callback request body is the figure's (a pure function of its inputs and the store)."""
    try:
        output = json.loads(body).get("output", "")
    except (ValueError, AttributeError):
        return False
    return isinstance(output, str) and f"{ids.GRAPH}.figure" in output.strip(".").split("...")


def wsgi_app(
    app: Dash,
    store: TimelineStore,
    *,
    listen_host: str,
    allow_hosts: Iterable[str] = (),
    slots: int | None = None,
    max_wait: float = DEFAULT_MAX_WAIT_S,
) -> WsgiApp:
    """The app's Flask server wrapped in the Host check, the shared answers and the callback gate."""
    gate = CallbackGate(app.server, slots=slots or compute_slots(), max_wait=max_wait)
    shared = SharedAnswers(gate, shareable=draws_the_figure, version=lambda: store.revision)
    return HostCheck(shared, allowed_hosts(listen_host, allow_hosts))


def create(
    app: Dash,
    store: TimelineStore,
    *,
    host: str,
    port: int,
    request_limit: int,
    allow_hosts: Iterable[str] = (),
    threads: int = THREADS,
) -> Any:
    """A waitress server for ``app`` listening on ``host:port`` (not yet running: call its ``run()``).

    Raises OSError when it cannot listen there.
    """
    # In a burst waitress logs "Task queue depth is N" for every request queued; the gate already copes.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    return create_server(
        wsgi_app(app, store, listen_host=host, allow_hosts=allow_hosts),
        host=host,
        port=port,
        threads=threads,
        connection_limit=CONNECTION_LIMIT,
        max_request_body_size=request_limit,
        channel_request_lookahead=1,  # keeps reading a busy connection, so a disconnect is seen
        ident="timeline",
        clear_untrusted_proxy_headers=True,
    )
