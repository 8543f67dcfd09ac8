"""The partitioned run behind `timeline extract --workers/--scheduler` and `-o DIR.parquet`.

Kept apart from the command so `timeline extract` without them imports neither Dask nor pyarrow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from timeline.extract.records import Record
from timeline.ingest import Problem

if TYPE_CHECKING:
    from timeline.pipeline.progress import ProgressBar

PARQUET_SUFFIX = ".parquet"
Command = TypeVar("Command", bound=Callable[..., Any])


def partition_options(command: Command) -> Command:
    """The options of a partitioned run, added to a click command."""
    for option in reversed(
        [
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                metavar="N",
                help="Run on a local Dask cluster of N worker processes (one thread each).",
            ),
            click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on the Dask cluster of this scheduler."),
            click.option(
                "--partition-size",
                "partition_mb",
                type=click.FloatRange(min=0.001),
                default=4.0,
                show_default=True,
                metavar="MB",
                help="Corpus files bigger than this are cut into partitions of about this size.",
            ),
            click.option(
                "--force", is_flag=True, help="With -o DIR.parquet: start again instead of resuming an interrupted run."
            ),
        ]
    ):
        command = option(command)
    return command


def wants_partitions(output: Path | None, workers: int | None, scheduler: str | None) -> bool:
    """Whether the run is partitioned: on Dask, or into a Parquet folder."""
    if workers is not None and scheduler is not None:
        raise click.UsageError("give --workers or --scheduler, not both")
    return workers is not None or scheduler is not None or is_parquet(output)


def is_parquet(output: Path | None) -> bool:
    return output is not None and output.suffix.lower() == PARQUET_SUFFIX


@contextmanager
def partitioned_records(
    paths: Sequence[Path],
    dct: str | None,
    on_problem: Callable[[Problem], None],
    *,
    workers: int | None,
    scheduler: str | None,
    partition_mb: float,
    output: Path | None,
    force: bool,
    language: str | None = None,
) -> Iterator[Iterator[Record]]:
    """The records of ``paths`` in input order, from partitions run here or on Dask.

    With a Parquet ``output`` the tasks write the records there and none come back.
    """
    from timeline.pipeline.run import OutputInUse, planned, run_partitions
    from timeline.pipeline.runners import LocalRunner, Runner, TaskFailed, dask_runner
    from timeline.pipeline.tasks import TaskOptions

    folder = str(output) if is_parquet(output) else None
    with ExitStack() as stack:
        runner: Runner = LocalRunner()
        if workers is not None or scheduler is not None:
            try:
                runner = stack.enter_context(dask_runner(workers, scheduler))
            except (OSError, ValueError) as error:  # no scheduler there, a malformed address, a port taken
                raise click.ClickException(f"cannot start or reach the Dask cluster: {error}") from None
        plan = planned(paths, runner, int(partition_mb * 2**20))
        bar = stack.enter_context(progress_bar(sum(p.size for p in plan)))
        try:
            report = bar.reporting(on_problem) if bar else on_problem
            records = run_partitions(plan, runner, TaskOptions(dct, folder, language), report, bar, force=force)
            yield records
        except OutputInUse as error:
            raise click.UsageError(str(error)) from None
        except TaskFailed as error:
            raise click.ClickException(str(error)) from None


@contextmanager
def progress_bar(total_bytes: int | None = None) -> Iterator[ProgressBar | None]:
    """A progress bar on stderr when it is a terminal (and not under CI), cleared at the end; else None."""
    from timeline.pipeline.progress import ProgressBar, wanted

    if not wanted():
        yield None
        return
    bar = ProgressBar(total_bytes)
    try:
        yield bar
    finally:
        bar.close()
