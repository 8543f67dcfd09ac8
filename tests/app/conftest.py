"""`timeline serve` run for real: started as a command, answered once, stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

ServeOnce = Callable[..., str]  # (*serve arguments, unused_db=...) -> what the command wrote to stderr


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def serve_once() -> ServeOnce:
    """Run ``timeline serve ARGS --port <free>`` until its page answers 200 (within a minute),
    stop it, and return its stderr. ``TIMELINE_DB`` points at ``unused_db``, so a test can check
    that ``--db`` was the store used."""

    def serve(*arguments: str, unused_db: Path) -> str:
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "timeline", "serve", *arguments, "--port", str(port)],
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TIMELINE_DB": str(unused_db)},
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                        assert response.status == 200
                        break
                except OSError:
                    assert server.poll() is None, server.stderr.read() if server.stderr else ""
                    assert time.monotonic() < deadline, "the server did not answer within a minute"
                    time.sleep(0.3)
        finally:
            server.terminate()
            _, stderr = server.communicate(timeout=20)
        return stderr

    return serve
