"""Where ``-o FILE`` output goes, by what FILE is.

- a regular file, or nothing yet: written to a temporary file beside it and renamed over it once
  complete, so a failed or interrupted run (SIGTERM included) leaves the old file and no ``.part``;
- a symlink: the same, for the file it points to (the link stays a link);
- anything else that takes writes (a device such as /dev/null or /dev/full, a FIFO): written in
  place, since renaming would replace the device or pipe with a regular file;
- a folder, or a name that is empty: a usage error.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

import click

EXIT_TERMINATED = 128 + signal.SIGTERM


def output_path(_context: click.Context, _option: click.Parameter, value: Path | None) -> Path | None:
    """click callback: refuse ``-o ''`` (click reads an empty name as the current folder)."""
    if value is not None and str(value) in ("", "."):
        raise click.BadParameter("the file name is empty")
    if value is not None and not value.parent.is_dir():
        raise click.BadParameter(f"folder {str(value.parent)!r} does not exist")
    return value


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or the stream that writes ``path`` (see the module's description).

    Raises click.FileError when ``path`` cannot be opened at all.
    """
    if path is None:
        yield sys.stdout
        return
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # a link that loops, a folder that may not be entered
        raise click.FileError(str(path), hint=error.strerror) from None
    if mode is not None and not stat.S_ISREG(mode):
        with _in_place(path, target) as stream:
            yield stream
    else:
        with _replacing(path, target) as stream:
            yield stream


@contextmanager
def _in_place(path: Path, target: Path) -> Iterator[TextIO]:
    try:
        stream = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as error:
        raise click.FileError(str(path), hint=error.strerror) from None
    with stream:
        yield stream


@contextmanager
def _replacing(path: Path, target: Path) -> Iterator[TextIO]:
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise click.FileError(str(path), hint=error.strerror) from None
    try:
        with _terminate_as_exit(), open(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """While inside, SIGTERM raises SystemExit (so clean-up code runs) instead of killing the process."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def exit_now(_signal: int, _frame: FrameType | None) -> None:
        raise SystemExit(EXIT_TERMINATED)

    previous = signal.signal(signal.SIGTERM, exit_now)
    if previous is None:  # a handler set outside Python: the default is the closest to restore
        previous = signal.SIG_DFL
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
