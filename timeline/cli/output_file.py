"""``-o FILE`` on the command line: the name checked, then written as timeline/output_files.py says."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click

from timeline.output_files import text_output


def output_path(_context: click.Context, _option: click.Parameter, value: Path | None) -> Path | None:
    """click callback: refuse ``-o ''`` (click reads an empty name as the current folder) and a
    name in a folder that does not exist."""
    if value is not None and str(value) in ("", "."):
        raise click.BadParameter("the file name is empty")
    if value is not None and not value.absolute().parent.is_dir():
        raise click.BadParameter(f"folder {str(value.parent)!r} does not exist")
    return value


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a text stream that writes ``path``; raises OSError."""
    if path is None:
        yield sys.stdout
        return
    with text_output(path) as stream:
        yield stream
