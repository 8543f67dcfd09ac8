"""The extractor's hot modules compiled to C with mypyc, and the Python sources when they are not.

The extractor is plain, fully typed Python (mypy --strict). mypyc, the compiler that ships with
mypy, turns such modules into C extensions that run the same code about 20% faster: an extension
module of the same name beside ``matching.py`` is what Python imports first. ``bash bootstrap.sh
setup`` builds them (``python -m timeline.compiled build``: a C compiler and Python's headers);
without them, or with ``TIMELINE_PURE_PYTHON=1`` set, the sources run, with the same results.

Extensions older than their sources would run code that is no longer there, so the build
records a digest of the package's sources, and :func:`prefer_fresh_code` (run when
``timeline.extract`` is first imported) has the sources imported instead when it no longer
matches: an edit is seen at once, and only its speed waits for the next build.

Not compiled: ``context`` (slower compiled: its cached properties), ``record`` (its decorator
is read by the type checker), and the modules that only load rules (tests patch them).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Literal

BuildState = Literal["fresh", "stale", "not built"]

EXTRACT_DIR = Path(__file__).resolve().parent / "extract"
PACKAGE = "timeline.extract"
COMPILED_MODULES = (
    "calendar",
    "calendar_words",
    "dct",
    "engine",
    "focus",
    "literals",
    "matching",
    "meaning",
    "model",
    "normalize",
    "records",
    "resolve",
    "triggers",
    "word_start",
)
GROUP = f"{PACKAGE}._compiled"  # mypyc's shared library: timeline/extract/_compiled__mypyc.*.so
STAMP_NAME = "_compiled.stamp"  # beside the extensions: the digest of the sources they were built from
PURE_PYTHON_VARIABLE = "TIMELINE_PURE_PYTHON"


def source_digest() -> str:
    """A digest of every source of the extractor: the compiled modules call into the others."""
    digest = hashlib.sha256()
    for path in sorted(EXTRACT_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def built_extensions() -> list[Path]:
    """The extension files of the compiled modules (and their shared library) now in the package."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    names = {*COMPILED_MODULES, GROUP.rsplit(".", 1)[1] + "__mypyc"}
    return sorted(
        path for path in EXTRACT_DIR.iterdir() if path.name.endswith(suffixes) and path.name.split(".", 1)[0] in names
    )


def _stamp() -> Path:
    return EXTRACT_DIR / STAMP_NAME


def build_state() -> BuildState:
    """ "fresh": extensions built from the sources as they are now; "stale": built from others."""
    if not built_extensions():
        return "not built"
    stamp = _stamp()
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == source_digest():
        return "fresh"
    return "stale"


class _SourcesFirst:
    """A meta path finder that imports the compiled modules from their ``.py`` sources."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        package, _, module = name.rpartition(".")
        if package != PACKAGE or module not in COMPILED_MODULES:
            return None
        return importlib.util.spec_from_file_location(name, EXTRACT_DIR / f"{module}.py")


def prefer_fresh_code() -> None:
    """Have the sources imported in place of extensions that are stale (or when asked to)."""
    if not os.environ.get(PURE_PYTHON_VARIABLE) and build_state() != "stale":
        return
    if not any(isinstance(finder, _SourcesFirst) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourcesFirst())


def running_compiled() -> bool:
    """Whether the extractor's modules in this process are the compiled ones."""
    from timeline.extract import matching

    return not (matching.__file__ or "").endswith(".py")


def describe() -> str:
    """One line for benchmarks: which code the extractor runs."""
    if running_compiled():
        return "extractor: compiled with mypyc (timeline/compiled.py)"
    if os.environ.get(PURE_PYTHON_VARIABLE):
        return f"extractor: Python sources ({PURE_PYTHON_VARIABLE} is set)"
    if build_state() == "stale":
        return "extractor: Python sources (the compiled modules are older; bash bootstrap.sh setup rebuilds them)"
    return "extractor: Python sources (not compiled: bash bootstrap.sh setup compiles them, about 20% faster)"


def remove_built() -> None:
    """Delete the extensions and the stamp (a file being unlinked stays mapped where it is loaded)."""
    for path in built_extensions():
        path.unlink()
    _stamp().unlink(missing_ok=True)


def build() -> None:
    """Compile :data:`COMPILED_MODULES` into extensions beside their sources and stamp them.

    The build runs in a scratch folder (mypy's cache, the C files, setuptools' reading of a
    pyproject.toml stay out of the repository); only the extensions are copied in. Raises,
    with no extension left behind, when mypyc or the C compiler fails.
    """
    from mypyc.build import mypycify
    from setuptools import setup  # type: ignore[import-untyped]  # setuptools ships no types

    remove_built()
    digest = source_digest()
    with tempfile.TemporaryDirectory(prefix="timeline-mypyc-") as scratch:
        previous = Path.cwd()
        os.chdir(scratch)
        try:
            extensions = mypycify(
                [*_mypy_config(), *(str(EXTRACT_DIR / f"{module}.py") for module in COMPILED_MODULES)],
                opt_level="3",
                group_name=GROUP,
            )
            setup(
                name="timeline-compiled",
                ext_modules=extensions,
                script_args=["-q", "build_ext", "--build-lib", "lib", "--build-temp", "temp"],
            )
            for extension in (Path(scratch) / "lib" / PACKAGE.replace(".", "/")).iterdir():
                shutil.copy2(extension, EXTRACT_DIR / extension.name)
        except BaseException:
            remove_built()
            raise
        finally:
            os.chdir(previous)
    _stamp().write_text(digest + "\n", encoding="utf-8")


def _mypy_config() -> list[str]:
    """The project's mypy settings (pyproject.toml beside the package, in a checkout)."""
    config = EXTRACT_DIR.parents[1] / "pyproject.toml"
    return ["--config-file", str(config)] if config.is_file() else []


def main(arguments: Sequence[str]) -> int:
    """``python -m timeline.compiled build|status``: build if stale (``--force``: always), or say which code runs."""
    command = arguments[0] if arguments else "status"
    if command == "status":
        print(f"compiled extractor: {build_state()}")
        return 0
    if command != "build":
        print("usage: python -m timeline.compiled build [--force] | status", file=sys.stderr)
        return 2
    if build_state() == "fresh" and "--force" not in arguments:
        return 0
    started = time.perf_counter()
    try:
        build()
    except (Exception, SystemExit) as error:  # setuptools reports a failed compiler as SystemExit
        print(
            f"timeline: could not compile the extractor ({error}); it runs as Python, about 20% slower", file=sys.stderr
        )
        return 1
    print(
        f"timeline: compiled the extractor's {len(COMPILED_MODULES)} hot modules in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
