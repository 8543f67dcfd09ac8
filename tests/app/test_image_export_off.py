"""Without a browser for image export the app says so once, turns the image buttons off, and works on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from timeline.app import create_app
from timeline.app.store import TimelineStore
from timeline.bench.load import fill_store, free_port
from timeline.export import image_export_problem, stop_image_renderer


def test_no_browser_at_browser_path_is_a_problem_with_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    stop_image_renderer()  # a browser started by an earlier test would be reused
    problem = image_export_problem()
    assert problem is not None and problem.startswith("BROWSER_PATH='/nowhere/chromium' is not an executable file")
    assert "apt-get install chromium" in problem


def test_no_browser_on_the_path_is_a_problem_with_the_install_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no browser in it
    stop_image_renderer()
    problem = image_export_problem()
    assert problem is not None and problem.startswith("image export needs Chrome or Chromium and none was found")


@pytest.mark.browser
def test_with_a_browser_the_check_draws_a_test_image() -> None:
    stop_image_renderer()
    assert image_export_problem() is None


def _buttons(layout: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "props" in node:
            props = node["props"]
            if isinstance(props.get("id"), dict) and props["id"].get("type") == "download-button":
                found[props["id"]["format"]] = props
            walk(props.get("children"))

    walk(layout)
    return found


def test_the_image_buttons_are_off_with_the_hint_and_the_others_on(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        client = create_app(
            store, image_problem="no browser; install Chromium (apt-get install chromium)"
        ).server.test_client()
        buttons = _buttons(client.get("/_dash-layout").get_json())
    for fmt in ("png", "svg", "pdf"):
        assert buttons[fmt].get("disabled") is True
        assert buttons[fmt]["title"].endswith(
            "download is off: no browser; install Chromium (apt-get install chromium)"
        )
    for fmt in ("html", "csv", "json"):
        assert not buttons[fmt].get("disabled")


def test_serve_says_once_that_image_export_is_off_and_serves_the_page_with_the_buttons_off(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    fill_store(db, None)
    port = free_port()
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-chromium-here")}
    server = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=2) as response:
                    layout = json.load(response)
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=20)
    assert stderr.count("image export is off") == 1
    assert (
        f"timeline: image export is off: BROWSER_PATH='{tmp_path / 'no-chromium-here'}' is not an executable" in stderr
    )
    assert "The PNG, SVG and PDF downloads are disabled; everything else works" in stderr
    buttons = _buttons(layout)
    assert buttons["png"]["disabled"] is True and "apt-get install chromium" in buttons["png"]["title"]
    assert not buttons["csv"].get("disabled")
