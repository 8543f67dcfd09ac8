"""`timeline extract`: every temporal expression in the documents, one record each."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

import click

from timeline.cli.common import ProblemReport, dct_option, input_paths
from timeline.cli.output_file import output_path, output_stream
from timeline.extract import extract
from timeline.extract.records import RECORD_FIELDS, Record, timex_record
from timeline.ingest import Document, Problem, read_documents

EXIT_INPUT_PROBLEMS = 1
EXIT_BROKEN_PIPE = 128 + 13  # as if killed by SIGPIPE, what `cmd | head` expects of cmd


@click.command(name="extract")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=input_paths())
@dct_option()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv", "json"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object a line; csv: with a header row; json: one array.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=output_path,
    help="Write to FILE (a regular file is replaced only once complete) instead of standard output.",
)
def command(paths: tuple[Path, ...], dct: str | None, output_format: str, output: Path | None) -> None:
    """Find every date in PATH... and write one record per temporal expression.

    PATH is a .txt/.md/.html/.htm file, a .jsonl/.csv corpus (columns id, text, and optionally
    date, title) or a folder of them. Each piece of bad input is reported on stderr as
    "timeline: SOURCE: PROBLEM" and the rest is still read.

    Exit status: 0 every document was read; 1 some input had problems (everything else was
    written); 2 usage error.
    """
    report = ProblemReport()
    records = _records(read_documents(paths), dct, report)
    try:
        with output_stream(output) as stream:
            _WRITERS[output_format](records, stream)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except OSError as error:  # disk full, output folder gone...
        raise click.ClickException(f"cannot write {output or 'standard output'}: {error}") from None
    if report.failed:
        sys.exit(EXIT_INPUT_PROBLEMS)






def _records(
    items: Iterable[Document | Problem], dct: str | None, report: Callable[[Problem], None]
) -> Iterator[Record]:
    for item in items:
        if isinstance(item, Problem):
            report(item)
            continue
        try:
            extraction = extract(item.text, dct=item.date or dct, metadata_date=item.metadata_date)
            records = [timex_record(item.id, timex, extraction.document_date) for timex in extraction.timexes]
        except Exception as error:  # noqa: BLE001 - one document's failure must not end the run
            report(Problem(item.source, f"extraction failed: {type(error).__name__}: {error}"))
            continue
        yield from records


def _write_jsonl(records: Iterable[Record], stream: TextIO) -> None:
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_json(records: Iterable[Record], stream: TextIO) -> None:
    stream.write("[")
    separator = "\n"
    for record in records:
        stream.write(separator + json.dumps(record, ensure_ascii=False))
        separator = ",\n"
    stream.write("\n]\n")


def _write_csv(records: Iterable[Record], stream: TextIO) -> None:
    # the csv module's own line end, "\r\n": with it a field holding a bare CR is quoted too
    writer = csv.DictWriter(stream, fieldnames=RECORD_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)


_WRITERS: dict[str, Callable[[Iterable[Record], TextIO], None]] = {
    "jsonl": _write_jsonl,
    "json": _write_json,
    "csv": _write_csv,
}


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush raises no second error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
