"""`timeline export PATH... -o FILE`: the timeline of some documents as an image, a page or data.

The format comes from ``-o``'s extension (``.png .svg .pdf .html .csv .json .jsonl``, and
``.timelinejs.json`` for TimelineJS) or from ``--format``; ``--format timeml -o DIR`` writes one
``.tml`` per document. Each input problem is one stderr line; the rest is still exported and the
exit code is then 1 (2 for a usage error).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import click

from timeline.cli.common import ProblemReport, dct_option, input_paths
from timeline.export.formats import FORMATS, format_for_path
from timeline.export.from_documents import export_documents
from timeline.export.periods import Period, parse_period
from timeline.export.render import FigureOptions
from timeline.extract.model import Grain
from timeline.figure import LANE_BY
from timeline.ingest import Document, Problem, read_documents

EXIT_INPUT_PROBLEMS = 1


class _PeriodType(click.ParamType[Period]):
    """A date bound typed as YYYY, YYYY-MM or YYYY-MM-DD."""

    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        if isinstance(value, Period):
            return value
        try:
            return parse_period(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


@click.command(name="export")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=input_paths())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write (its extension picks the format), or a folder for --format timeml.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Format, when -o's extension does not say it (TimelineJS: also -o NAME.timelinejs.json).",
)
@click.option("--width", type=click.IntRange(min=200, max=20_000), help="Width in CSS pixels.")
@click.option("--height", type=click.IntRange(min=150, max=20_000), help="Height in CSS pixels.")
@click.option(
    "--scale",
    type=click.FloatRange(min=0.1, max=10.0),
    default=1.0,
    show_default=True,
    help="Image pixels per CSS pixel (2 for print).",
)
@click.option("--title", help="Title of the figure, the page or the TimelineJS story.")
@click.option("--from", "date_from", type=_PeriodType(), help="Only events from this date on: YYYY[-MM[-DD]].")
@click.option("--to", "date_to", type=_PeriodType(), help="Only events up to the end of this date: YYYY[-MM[-DD]].")
@click.option("--doc", "doc_ids", multiple=True, metavar="ID", help="Only this document (repeatable).")
@click.option(
    "--grain",
    "grains",
    multiple=True,
    type=click.Choice([str(g) for g in Grain]),
    help="Only events of this grain (repeatable).",
)
@click.option(
    "--excel",
    is_flag=True,
    help="CSV for spreadsheets: start the file with a UTF-8 byte-order mark, so Excel shows accents "
    "and curly quotes right.",
)
@dct_option()
@click.option(
    "--lanes",
    type=click.Choice(LANE_BY),
    default="document",
    show_default=True,
    help="What each row of the figure holds.",
)
def command(
    paths: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    width: int | None,
    height: int | None,
    scale: float,
    title: str | None,
    date_from: Period | None,
    date_to: Period | None,
    doc_ids: tuple[str, ...],
    grains: tuple[str, ...],
    excel: bool,
    dct: str | None,
    lanes: str,
) -> None:
    """Export the dates found in PATH... (files, folders, JSONL/CSV corpora) as a timeline or as data.

    Exit status: 0 every document was exported; 1 some input had problems (everything else was
    exported); 2 usage error.
    """
    fmt = fmt or format_for_path(output)
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the format from {str(output)!r}: name it .png, .svg, .pdf, .html, "
            ".csv, .json, .jsonl or .timelinejs.json, or give --format"
        )
    if not output.absolute().parent.is_dir():
        raise click.BadParameter(f"folder {str(output.parent)!r} does not exist", param_hint="'-o'")
    if excel and fmt != "csv":
        raise click.BadParameter(f"--excel is for CSV files, not {fmt}", param_hint="'--excel'")
    if date_from is not None and date_to is not None and date_from.start >= date_to.end:
        raise click.BadParameter(f"{date_from.iso} is after {date_to.iso}", param_hint="'--from'/'--to'")

    report = ProblemReport()
    documents = _documents(report.documents(read_documents(paths)), dct, set(doc_ids))
    x_range = (date_from.iso, date_to.end_iso) if date_from and date_to else None
    options = FigureOptions(lane_by=lanes, title=title, x_range=x_range, width=width, height=height, scale=scale)
    try:
        summary = export_documents(
            documents,
            output,
            fmt,
            on_problem=report,
            options=options,
            date_from=date_from,
            date_to=date_to,
            grains=grains,
            input_roots=paths,
            excel=excel,
        )
    except OSError as error:  # disk full, a file where the TimeML folder should go ...
        raise click.ClickException(f"cannot write {output}: {error}") from None
    for doc_id in sorted(set(doc_ids) - summary.doc_ids):
        report(Problem(f"--doc {doc_id}", "no such document in the input"))
    click.echo(summary.describe())
    if report.failed:
        sys.exit(EXIT_INPUT_PROBLEMS)


def _documents(documents: Iterable[Document], dct: str | None, doc_ids: set[str]) -> Iterator[Document]:
    """The documents asked for (all without --doc), dated ``dct`` where they give no date of their own."""
    for document in documents:
        if doc_ids and document.id not in doc_ids:
            continue
        yield replace(document, date=dct) if dct is not None and document.date is None else document
