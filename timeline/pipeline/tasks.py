"""What one task does with one partition: read it, run each document through the pipeline, and
hand back (or write) its records with its problems.

These are top-level functions of an importable module, so Dask pickles them by reference; the
compiled rules are loaded by the extractor's module-level cache (``load_language``), once per
worker process, and never travel with a task.
"""

from __future__ import annotations

import json
import os
import resource
from dataclasses import dataclass, field
from pathlib import Path

from timeline.extract.records import Record
from timeline.extract.resources import load_language
from timeline.ingest import Skipped
from timeline.ingest.document import Document, Problem
from timeline.pipeline.documents import document_records
from timeline.pipeline.parquet_records import write_part
from timeline.pipeline.partitions import Partition, read_partition

LANGUAGE = "en"  # the extractor's default
STATE_FOLDER = "_timeline"  # inside a Parquet output: the plan, and what each partition reported


@dataclass(frozen=True, slots=True)
class TaskOptions:
    """What every task of a run shares."""

    dct: str | None = None
    output: str | None = None  # a Parquet folder: tasks write their records there instead of returning them
    language: str | None = None  # for documents that do not give their own; None: detected


@dataclass(slots=True)
class PartitionResult:
    """What a task reports: its records (unless written), problems with their row numbers, the ids it read."""

    index: int
    records: list[Record] = field(default_factory=list)
    problems: list[tuple[int, Problem]] = field(default_factory=list)
    first_seen: dict[str, int] = field(default_factory=dict)  # id -> row number of each document read
    items: int = 0  # documents and problems read: none at all makes an empty corpus
    documents: int = 0
    pid: int = 0
    peak_rss: int = 0  # bytes, of the worker process so far
    cpu_seconds: float = 0.0  # of the worker process so far

    def to_json(self) -> str:
        problems = [[n, p.source, p.message, isinstance(p, Skipped)] for n, p in self.problems]
        return json.dumps(
            {
                "index": self.index,
                "problems": problems,
                "first_seen": self.first_seen,
                "items": self.items,
                "documents": self.documents,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> PartitionResult:
        data = json.loads(text)
        problems = [
            (n, (Skipped if skipped else Problem)(source, message)) for n, source, message, skipped in data["problems"]
        ]
        return cls(data["index"], [], problems, data["first_seen"], data["items"], data["documents"])


def run_partition(partition: Partition, options: TaskOptions) -> PartitionResult:
    """Run the pipeline over ``partition``; a document the extractor fails on is a problem, the rest goes on."""
    load_language(LANGUAGE)  # once per process: cached
    result = PartitionResult(partition.index)
    documents: list[Document] = []
    for number, item in read_partition(partition, result.first_seen):
        result.items += 1
        if isinstance(item, Problem):
            result.problems.append((number, item))
            continue
        records = document_records(item, options.dct, options.language)
        if isinstance(records, Problem):
            result.problems.append((number, records))
            continue
        result.documents += 1
        result.records.extend(records)
        if options.output is not None:
            documents.append(item)
    if options.output is not None:
        folder = Path(options.output)
        write_part(folder, partition.key, result.records, documents)
        result.records = []
        _write_state(folder, partition.key, result.to_json())
    result.pid = os.getpid()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result.peak_rss = usage.ru_maxrss * 1024  # Linux: KiB
    result.cpu_seconds = usage.ru_utime + usage.ru_stime
    return result


def finished(partition: Partition, options: TaskOptions) -> PartitionResult | None:
    """The result of ``partition`` from an earlier run into the same output, when it completed."""
    if options.output is None:
        return None
    folder = Path(options.output)
    state = folder / STATE_FOLDER / f"{partition.key}.json"
    if not (state.is_file() and (folder / f"{partition.key}.parquet").is_file()):
        return None
    try:
        return PartitionResult.from_json(state.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return None  # run it again


def _write_state(folder: Path, key: str, text: str) -> None:
    (folder / STATE_FOLDER).mkdir(exist_ok=True)
    partial = folder / STATE_FOLDER / f".{key}.json.partial"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, folder / STATE_FOLDER / f"{key}.json")
