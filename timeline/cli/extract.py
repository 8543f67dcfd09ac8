"""`timeline extract`: every temporal expression in the documents, one record each."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

import click

from timeline.cli.common import ProblemReport, dct_option, input_paths, language_option
from timeline.cli.output_file import output_path, output_stream
from timeline.cli.partitioned import (
    is_parquet,
    partition_options,
    partitioned_records,
    progress_bar,
    wants_partitions,
)
from timeline.extract.records import RECORD_FIELDS, Record
from timeline.ingest import read_documents
from timeline.pipeline import stream_records

EXIT_INPUT_PROBLEMS = 1
EXIT_BROKEN_PIPE = 128 + 13  # as if killed by SIGPIPE, what `cmd | head` expects of cmd


@click.command(name="extract")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=input_paths())
@dct_option()
@language_option()
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
    type=click.Path(path_type=Path),
    callback=output_path,
    help="Write to FILE (a regular file is replaced only once complete) instead of standard output; "
    "DIR.parquet: a folder of Parquet files, one per partition.",
)
@partition_options
def command(
    paths: tuple[Path, ...],
    dct: str | None,
    language: str | None,
    output_format: str,
    output: Path | None,
    workers: int | None,
    scheduler: str | None,
    partition_mb: float,
    force: bool,
) -> None:
    """Find every date in PATH... and write one record per temporal expression.

    PATH is a .txt/.md/.html/.htm file, a .jsonl/.csv/.parquet corpus (columns id, text, and optionally
    date, title) or a folder of them. Each piece of bad input is reported on stderr as
    "timeline: SOURCE: PROBLEM" and the rest is still read.

    With --workers N or --scheduler tcp://HOST:PORT the documents are read and extracted on a
    Dask cluster, partition by partition, with the same records and messages as in one process.
    With -o DIR.parquet an interrupted run resumes where it stopped (--force starts again).

    Exit status: 0 every document was read; 1 some input had problems (everything else was
    written); 2 usage error.
    """
    if output is not None and output.is_dir() and not is_parquet(output):
        raise click.BadParameter(f"{str(output)!r} is a folder", param_hint="'-o'")
    report = ProblemReport()
    try:
        if wants_partitions(output, workers, scheduler):
            with partitioned_records(
                paths,
                dct,
                report,
                language=language,
                workers=workers,
                scheduler=scheduler,
                partition_mb=partition_mb,
                output=output,
                force=force,
            ) as records:
                if is_parquet(output):
                    for _ in records:  # the tasks write the records
                        pass
                else:
                    with output_stream(output) as stream:
                        _WRITERS[output_format](records, stream)
        else:
            with output_stream(output) as stream, progress_bar() as bar:
                items = bar.counted(read_documents(paths)) if bar else read_documents(paths)
                _WRITERS[output_format](
                    stream_records(items, bar.reporting(report) if bar else report, dct, language), stream
                )
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except OSError as error:  # disk full, output folder gone...
        raise click.ClickException(f"cannot write {output or 'standard output'}: {error}") from None
    if report.failed:
        sys.exit(EXIT_INPUT_PROBLEMS)


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
