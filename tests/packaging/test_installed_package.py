"""A wheel built from the checkout, installed (not editable) into a new virtual environment outside
it: `timeline serve`, started from another folder, serves the page with its stylesheet and opens
the sample documents. The build and the install stay offline: the wheel is built with this
environment's setuptools, and the new environment finds the dependencies in this one's
site-packages (a .pth line), so only timeline itself comes from the wheel."""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_NOT_SOURCE = (".git", ".venv", ".node", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")


def _run(*command: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a new environment holding timeline installed from a wheel of the checkout."""
    root = tmp_path_factory.mktemp("installed")
    source = root / "source"  # a copy: setuptools builds in the tree and would reuse an old build/
    shutil.copytree(REPO, source, symlinks=True, ignore=shutil.ignore_patterns(*_NOT_SOURCE))
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", root / "wheel", source)
    (wheel,) = (root / "wheel").glob("timeline-*.whl")
    _run(sys.executable, "-m", "venv", "--without-pip", root / "venv")
    python = root / "venv" / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel)
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip())
    dependencies = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "timeline-test-dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n", encoding="utf-8")
    return python


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = _run(installed, "-c", "import timeline; print(timeline.__file__)", cwd=tmp_path).strip()
    assert Path(where).is_relative_to(installed.parents[1]), where


@pytest.fixture
def served(installed: Path, tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """`timeline serve` of the new environment, run from an empty folder: (its URL, its database, its first lines)."""
    elsewhere, db = tmp_path / "elsewhere", tmp_path / "timeline.sqlite3"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "TIMELINE_DB"}}
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [installed.parent / "timeline", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(command, cwd=elsewhere, env=env, stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    lines: list[str] = []
    try:
        for line in server.stderr:
            lines.append(line)
            opened = re.search(r"open (http://\S+/)", line)
            if opened:
                yield opened.group(1), db, lines
                break
        else:
            pytest.fail("".join(lines))
    finally:
        server.terminate()
        server.communicate(timeout=20)


def test_serve_from_another_folder_has_the_stylesheet_and_the_sample_documents(
    served: tuple[str, Path, list[str]], installed: Path
) -> None:
    url, db, lines = served
    with urllib.request.urlopen(url, timeout=30) as response:
        page = response.read().decode("utf-8")
    stylesheet = re.search(r'<link rel="stylesheet" href="(/assets/timeline\.css[^"]*)"', page)
    assert stylesheet, page
    with urllib.request.urlopen(url.rstrip("/") + stylesheet.group(1), timeout=30) as response:
        assert response.read() == (REPO / "assets" / "timeline.css").read_bytes()
    plotly = re.search(r'<script src="(/assets/vendor/plotly-basic\.min\.js[^"]*)"', page)
    assert plotly, "the page does not load the vendored plotly.js"
    with urllib.request.urlopen(url.rstrip("/") + plotly.group(1), timeout=30) as response:
        assert response.read() == (REPO / "assets" / "vendor" / "plotly-basic.min.js").read_bytes()
    samples = installed.parents[1] / "lib"
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT source FROM documents").fetchall()
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    sources = {Path(re.sub(r" line \d+$", "", source)) for (source,) in rows}  # a corpus: one per line
    assert sorted(source.name for source in sources) == sorted(path.name for path in (REPO / "data").iterdir())
    assert all(source.is_relative_to(samples) and source.parent.name == "samples" for source in sources), sources
    assert events > 100, "".join(lines)
