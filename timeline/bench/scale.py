"""`timeline bench scale [DIR]`: the partitioned pipeline in one process, on 1 and on 2 Dask workers.

The TBAQ texts are written ``--copies`` times under fresh ids to a JSONL corpus (20,480 documents
by default) in a temporary folder; `timeline extract`'s pipeline then runs over it: in this
process without partitions, then on local Dask clusters of 1 and 2 worker processes. It prints
documents/s, words/s, the Dask overhead (1 worker against one process) and the scaling ratio
(2 workers against one process), with the peak RSS of each worker process and the CPU time
spent: in the one process; in the workers and in this process (the client and the local
scheduler). On a machine busy with other work the wall-clock figures say little; the CPU
figures say what Dask costs.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from timeline.bench.extraction import copies_option, corpus_texts
from timeline.ingest import read_documents
from timeline.ingest.document import Problem
from timeline.pipeline import stream_records
from timeline.pipeline.partitions import Partition
from timeline.pipeline.run import planned, run_partitions
from timeline.pipeline.runners import dask_runner
from timeline.pipeline.tasks import PartitionResult, TaskOptions


@click.command(name="scale")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@copies_option(80, "How many times each text is written (under a new id).")
@click.option(
    "--partition-size",
    "partition_mb",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Partition size in MB.",
)
def command(directory: Path | None, copies: int, partition_mb: float) -> None:
    """Documents per second in one process and on 1 and 2 local Dask workers."""
    directory, texts = corpus_texts(directory)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as stream:
            for copy in range(copies):
                for index, (text, dct) in enumerate(texts):
                    stream.write(json.dumps({"id": f"{copy}-{index}", "text": text, "date": dct}) + "\n")
        documents = copies * len(texts)
        words = copies * sum(len(text.split()) for text, _ in texts)
        click.echo(
            f"corpus: {directory} ({len(texts)} texts x {copies} = {documents:,} documents, {words:,} words, "
            f"{corpus.stat().st_size / 2**20:.1f} MB JSONL)"
        )
        one, one_cpu = _one_process(corpus)
        click.echo(_line("one process", one, documents, words) + f"  CPU {one_cpu:.1f} s")
        for workers in (1, 2):
            run = _on_dask(corpus, workers, int(partition_mb * 2**20))
            seconds = run.seconds
            rss = ", ".join(f"{peak / 2**20:,.0f}" for peak in run.peaks)
            cpu = " + ".join(f"{cpu:.1f}" for cpu in run.worker_cpu)
            click.echo(
                _line(f"--workers {workers}", seconds, documents, words)
                + f"  CPU workers {cpu} s, client and scheduler {run.client_cpu:.1f} s"
                + f"  ({run.partitions} partitions; peak RSS per worker MiB: {rss})"
            )
            if workers == 1:
                click.echo(f"Dask overhead (1 worker vs one process): {seconds / one - 1:+.1%}")
            else:
                click.echo(f"scaling ratio (2 workers vs one process): {one / seconds:.2f}x")


def _line(name: str, seconds: float, documents: int, words: int) -> str:
    load = os.getloadavg()[0]  # other work on the machine skews every figure: say how much there was
    return (
        f"{name:<13} {seconds:8.2f} s {documents / seconds:10,.0f} documents/s "
        f"{words / seconds:12,.0f} words/s  (load average {load:.1f} on {os.cpu_count()} cores)"
    )


def _one_process(corpus: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one process streaming the corpus."""
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in stream_records(read_documents([corpus]), _fail):
        pass
    return time.perf_counter() - start, time.process_time() - cpu_start


@dataclass(frozen=True, slots=True)
class DaskRun:
    seconds: float  # cluster start-up excluded
    client_cpu: float
    worker_cpu: Sequence[float]  # each worker process's CPU seconds (its start-up and rules included)
    peaks: Sequence[int]  # each worker process's peak RSS, bytes
    partitions: int


def _on_dask(corpus: Path, workers: int, partition_bytes: int) -> DaskRun:
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}

    def seen(_partition: Partition, result: PartitionResult) -> None:
        peaks[result.pid] = max(peaks.get(result.pid, 0), result.peak_rss)
        cpu[result.pid] = max(cpu.get(result.pid, 0.0), result.cpu_seconds)

    with dask_runner(workers) as runner:
        start, cpu_start = time.perf_counter(), time.process_time()
        plan = planned([corpus], runner, partition_bytes)
        for _ in run_partitions(plan, runner, TaskOptions(), _fail, seen):
            pass
        seconds, client_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return DaskRun(seconds, client_cpu, sorted(cpu.values()), sorted(peaks.values()), len(plan))


def _fail(problem: Problem) -> None:
    raise click.ClickException(f"unexpected problem in the benchmark corpus: {problem}")
