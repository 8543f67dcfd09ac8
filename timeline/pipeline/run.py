"""A partitioned run: plan the partitions, number the corpus blocks, run every partition through
the pipeline (here or on Dask), and merge the results in input order.

The records come out in the order one process writes them, and every problem is reported with
the words and the line/row number one process gives. With a Parquet output the tasks write
their records themselves, and a run can be resumed: partitions whose output is complete are
skipped (``force`` starts again).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from timeline.errors import InputError
from timeline.extract.records import Record
from timeline.ingest.document import Problem
from timeline.pipeline.merge import ResultMerger
from timeline.pipeline.parquet_records import DOCUMENTS_FOLDER, drop_documents
from timeline.pipeline.partitions import PARTITION_BYTES, Partition, count_rows, numbered, plan_partitions
from timeline.pipeline.runners import Runner
from timeline.pipeline.tasks import STATE_FOLDER, PartitionResult, TaskOptions, finished, run_partition

ResultHook = Callable[[Partition, PartitionResult], None]


class OutputInUse(InputError):
    """The Parquet output folder holds something else than an earlier run of the same plan."""

    exit_code = 2  # a usage problem: another --output, or --force


def planned(paths: Sequence[str | Path], runner: Runner, partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """The partitions of ``paths``, corpus blocks numbered (their rows counted by ``runner``'s tasks)."""
    plan = plan_partitions(paths, partition_bytes)
    blocks = [partition for partition in plan if partition.block is not None]
    counts = dict(zip((p.index for p in blocks), runner.map_in_order(count_rows, blocks), strict=True))
    return numbered(plan, [counts.get(partition.index, 0) for partition in plan])


def run_partitions(
    plan: Sequence[Partition],
    runner: Runner,
    options: TaskOptions,
    on_problem: Callable[[Problem], None],
    on_result: ResultHook | None = None,
    *,
    force: bool = False,
) -> Iterator[Record]:
    """The records of every partition of ``plan`` in input order (none when ``options.output`` is set).

    Raises OutputInUse when ``options.output`` holds another run's output and ``force`` is not set.
    """
    earlier: dict[int, PartitionResult] = {}
    if options.output is not None:
        _prepare_output(Path(options.output), plan, options, force)
        earlier = {p.index: r for p in plan if (r := finished(p, options)) is not None}
    by_index = {partition.index: partition for partition in plan}

    def done(result: PartitionResult) -> None:
        if on_result is not None:
            on_result(by_index[result.index], result)

    for result in earlier.values():
        done(result)
    fresh = runner.map_in_order(run_partition, [p for p in plan if p.index not in earlier], options, on_done=done)
    merger = ResultMerger()
    for partition in plan:
        result = earlier.get(partition.index) or next(fresh)
        merged = merger.merge(partition, result)
        for problem in merged.problems:
            on_problem(problem)
        if merged.dropped and options.output is not None:
            drop_documents(Path(options.output), partition.key, merged.dropped)
        yield from (record for record in result.records if record["doc"] not in merged.dropped)


def _prepare_output(folder: Path, plan: Sequence[Partition], options: TaskOptions, force: bool) -> None:
    """Make ``folder`` ready: new, or the output of the same plan (to resume), or emptied with ``force``."""
    description = json.dumps({"dct": options.dct, "partitions": [p.describe() for p in plan]})
    plan_file = folder / STATE_FOLDER / "plan.json"
    if folder.is_dir() and any(folder.iterdir()):
        ours = plan_file.is_file()
        if not ours:
            raise OutputInUse(f"{folder} exists and is not the output of `timeline extract`; remove it")
        if ours and plan_file.read_text(encoding="utf-8") != description and not force:
            raise OutputInUse(f"{folder} holds the output of another input or partitioning; give --force to replace it")
        if force:
            for part in folder.glob("part-*.parquet"):
                part.unlink()
            for name in (DOCUMENTS_FOLDER, STATE_FOLDER):
                shutil.rmtree(folder / name, ignore_errors=True)
    (folder / STATE_FOLDER).mkdir(parents=True, exist_ok=True)
    plan_file.write_text(description, encoding="utf-8")
