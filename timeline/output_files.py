"""Writing an output file the right way for what the name is.

- a regular file, or nothing yet: written to a temporary file beside it and renamed over it once
  complete, so a failed or interrupted run (SIGTERM included) leaves the old file and no ``.part``;
- a symlink: the same, for the file it points to (the link stays a link);
- anything else that takes writes (a device such as /dev/null or /dev/full, a FIFO): written in
  place, since renaming would replace the device or pipe with a regular file.

Used by ``timeline extract -o`` and ``timeline export -o``; it knows nothing of either.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, Any, BinaryIO, TextIO, cast

EXIT_TERMINATED = 128 + signal.SIGTERM


def text_output(path: Path) -> AbstractContextManager[TextIO]:
    """A UTF-8 text stream (line ends written as given) that writes ``path``; raises OSError."""
    return cast(AbstractContextManager[TextIO], _output(path, binary=False))


def bytes_output(path: Path) -> AbstractContextManager[BinaryIO]:
    """A binary stream that writes ``path``; raises OSError."""
    return cast(AbstractContextManager[BinaryIO], _output(path, binary=True))


@contextmanager
def _output(path: Path, *, binary: bool) -> Iterator[IO[Any]]:
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with _open(target, binary) as stream:
            yield stream
    else:
        with _replacing(target, binary) as stream:
            yield stream


def _open(target: Path | int, binary: bool) -> IO[Any]:
    if binary:
        return open(target, "wb")  # noqa: SIM115 - the caller closes it
    return open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115


@contextmanager
def _replacing(target: Path, binary: bool) -> Iterator[IO[Any]]:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with _terminate_as_exit() as terminated, _open(handle, binary) as stream:
            yield stream
        if terminated:  # the SystemExit was raised where Python swallows exceptions (a finalizer)
            raise SystemExit(EXIT_TERMINATED)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


@contextmanager
def _terminate_as_exit() -> Iterator[list[int]]:
    """While inside, SIGTERM raises SystemExit (so clean-up code runs) instead of killing the
    process; the list it gives holds the signal once received. Python runs a signal handler
    between any two bytecodes, also inside a finalizer or a garbage-collector callback, where
    an exception is printed and dropped ("Exception ignored in ..."): the list still tells."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received  # signal handlers can only be set from the main thread
        return

    def exit_now(signal_number: int, _frame: FrameType | None) -> None:
        received.append(signal_number)
        raise SystemExit(EXIT_TERMINATED)

    previous = signal.signal(signal.SIGTERM, exit_now)
    if previous is None:  # a handler set outside Python: the default is the closest to restore
        previous = signal.SIG_DFL
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
