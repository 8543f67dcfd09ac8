"""The compiled extractor (timeline/compiled.py): the same results as its sources, and never stale.

The whole suite runs on whichever code the checkout has (compiled after ``bash bootstrap.sh
setup``); here the other is run in a subprocess and compared, and a copy of the package
whose sources are edited after the build must import the sources.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import compiled
from timeline.extract import extract

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data").glob("*.txt"))
NEEDS_BUILD = pytest.mark.skipif(
    compiled.build_state() != "fresh",
    reason="no build of the sources as they are (python -m timeline.compiled build)",
)

EXTRACTIONS_OF = """
import json, sys
from pathlib import Path
from timeline import compiled
from timeline.extract import extract
found = [repr(extract(path.read_text(encoding="utf-8"))) for path in map(Path, sys.argv[1:])]
print(json.dumps({"compiled": compiled.running_compiled(), "extractions": found}))
"""  # every field of every timex, anchor and explanation included, one document after another


def _run(code: str, *arguments: str, pythonpath: Path = ROOT, pure: bool = False) -> str:
    environment = {**os.environ, "PYTHONPATH": str(pythonpath)}
    environment.pop(compiled.PURE_PYTHON_VARIABLE, None)
    if pure:
        environment[compiled.PURE_PYTHON_VARIABLE] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        env=environment,
        cwd=pythonpath,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_sources_give_what_this_process_gives_on_the_samples() -> None:
    """Run as Python in a subprocess (TIMELINE_PURE_PYTHON), the extractor finds on every sample
    document what this process finds (compiled, when the checkout is built)."""
    there = json.loads(_run(EXTRACTIONS_OF, *map(str, SAMPLES), pure=True))
    assert there["compiled"] is False
    here = [repr(extract(path.read_text(encoding="utf-8"))) for path in SAMPLES]
    assert sum(text.count("Timex(") for text in here) > 200
    assert there["extractions"] == here


@NEEDS_BUILD
def test_a_fresh_build_is_what_runs() -> None:
    if compiled.PURE_PYTHON_VARIABLE in os.environ:
        pytest.skip(f"{compiled.PURE_PYTHON_VARIABLE} asks for the sources")
    assert compiled.running_compiled()
    assert compiled.describe() == "extractor: compiled with mypyc (timeline/compiled.py)"


def _copy_of_the_package(destination: Path) -> Path:
    """The package's root module, compiled.py and the whole extractor (with its extensions)."""
    package = destination / "timeline"
    package.mkdir()
    for name in ("__init__.py", "compiled.py"):
        shutil.copy2(ROOT / "timeline" / name, package / name)
    shutil.copytree(ROOT / "timeline" / "extract", package / "extract", ignore=shutil.ignore_patterns("__pycache__"))
    return package


WHICH_FILE = "import timeline.extract.matching as m, timeline.compiled as c; print(m.__file__); print(c.describe())"


@NEEDS_BUILD
def test_extensions_older_than_their_sources_give_way_to_the_sources(tmp_path: Path) -> None:
    package = _copy_of_the_package(tmp_path)
    loaded, _ = _run(WHICH_FILE, pythonpath=tmp_path).splitlines()
    # the copy's extension (mypyc's __file__ repeats the package path: ".../extract/timeline/extract/...so")
    assert loaded.startswith(str(package / "extract")) and not loaded.endswith(".py")
    with (package / "extract" / "calendar.py").open("a", encoding="utf-8") as source:
        source.write("\n# an edit after the build\n")
    loaded, description = _run(WHICH_FILE, pythonpath=tmp_path).splitlines()
    assert loaded == str(package / "extract" / "matching.py")
    assert "older" in description
    there = json.loads(_run(EXTRACTIONS_OF, *map(str, SAMPLES), pythonpath=tmp_path))
    assert there["compiled"] is False
    assert there["extractions"] == [repr(extract(path.read_text(encoding="utf-8"))) for path in SAMPLES]


def test_the_digest_follows_every_source_of_the_extractor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _copy_of_the_package(tmp_path)
    monkeypatch.setattr(compiled, "EXTRACT_DIR", package / "extract")
    before = compiled.source_digest()
    assert compiled.source_digest() == before
    with (package / "extract" / "context.py").open("a", encoding="utf-8") as source:  # not compiled, yet called
        source.write("\n")
    assert compiled.source_digest() != before


def _status_of(package: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setattr(compiled, "EXTRACT_DIR", package / "extract")
    assert compiled.main(["status"]) == 0
    return capsys.readouterr().out.strip()


def test_status_tells_a_missing_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _copy_of_the_package(tmp_path)
    for extension in compiled.built_extensions():
        (package / "extract" / extension.name).unlink()
    assert _status_of(package, monkeypatch, capsys) == "compiled extractor: not built"
    assert compiled.main(["frobnicate"]) == 2
    assert "usage" in capsys.readouterr().err


@NEEDS_BUILD
def test_status_tells_a_fresh_build_from_a_stale_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _copy_of_the_package(tmp_path)
    assert _status_of(package, monkeypatch, capsys) == "compiled extractor: fresh"
    (package / "extract" / "literals.py").write_text("", encoding="utf-8")
    assert _status_of(package, monkeypatch, capsys) == "compiled extractor: stale"
