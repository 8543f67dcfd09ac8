"""The progress bar: on a terminal only, never under CI, with documents, documents/s and time left."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.pipeline.progress import ProgressBar, wanted

REPO = Path(__file__).resolve().parents[2]


def stderr_on_a_terminal(*args: str, ci: bool) -> str:
    """What `timeline ARGS` writes to stderr when stderr is a terminal (a pseudo-terminal)."""
    controller, terminal = os.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci:
        env["CI"] = "true"
    try:
        subprocess.run(
            [sys.executable, "-m", "timeline", *args],
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            env=env,
            timeout=120,
            check=False,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed and everything was read
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(controller)


@pytest.mark.parametrize("partitioned", [False, True], ids=["one process", "partitions"])
def test_a_terminal_shows_documents_and_speed_and_ci_shows_nothing(partitioned: bool, tmp_path: Path) -> None:
    corpus = str(REPO / "data" / "wikinews-airbus-a380.jsonl")
    output = ["--partition-size", "0.002", "-o", str(tmp_path / "out.parquet")] if partitioned else ["-o", os.devnull]
    shown = stderr_on_a_terminal("extract", corpus, *output, ci=False)
    assert "timeline: 8 documents" in shown and "documents/s" in shown
    if partitioned:
        assert "100%" in shown and "0:00:00 left" in shown
    assert "documents/s" not in stderr_on_a_terminal("extract", corpus, *output, "--force", ci=True)


def test_no_bar_where_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not wanted(io.StringIO())


def test_the_bar_counts_the_share_of_input_bytes_done() -> None:
    stream = io.StringIO()
    bar = ProgressBar(total_bytes=400, stream=stream)
    bar.advance(100, 100)
    assert bar.line(10.0) == "timeline: 100 documents, 25%, 10 documents/s, 0:00:30 left"
    assert stream.getvalue().startswith("\rtimeline: 100 documents, 25%")
