"""What several commands share: the --dct option and how input problems are reported."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from timeline.ingest import Document, Problem, Skipped
from timeline.ingest.dates import iso_date
from timeline.pipeline.documents import documents_only

_Command = TypeVar("_Command", bound=Callable[..., Any])


def iso_dct(_context: click.Context, _option: click.Parameter, value: str | None) -> str | None:
    """click callback: the --dct value as an ISO date, or a usage error (exit 2)."""
    if value is None:
        return None
    date = iso_date(value)
    if date is None:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    return date


def input_paths() -> click.Path:
    """The type of PATH arguments: any path; what cannot be read is reported as a problem of its
    own (exit 1) while the rest is read, not refused as a usage error."""
    return click.Path(path_type=Path, readable=False)


def dct_option(**kwargs: Any) -> Callable[[_Command], _Command]:
    """The --dct option, as `timeline extract` and `timeline export` both take it."""
    return click.option(
        "--dct",
        metavar="DATE",
        callback=iso_dct,
        help="Document creation date (YYYY-MM-DD) for documents that do not give their own.",
        **kwargs,
    )


def language_option(**kwargs: Any) -> Callable[[_Command], _Command]:
    """The --language option: the language of documents that do not give their own."""
    return click.option(
        "--language",
        metavar="CODE",
        help="Language (en, es, fr) of documents that give none (a corpus 'language' field wins); "
        "detected from each document's text when not given.",
        **kwargs,
    )


class ProblemReport:
    """Writes each Problem to stderr as it streams past; remembers whether any was more than a skipped file."""

    def __init__(self) -> None:
        self.failed = False

    def __call__(self, problem: Problem) -> None:
        click.echo(f"timeline: {problem}", err=True)
        self.failed = self.failed or not isinstance(problem, Skipped)

    def documents(self, items: Iterable[Document | Problem]) -> Iterator[Document]:
        """The documents of ``items``, reporting the problems among them."""
        return documents_only(items, self)
