"""Putting partition results back together, in plan order, as one process would have read the input.

Only the client sees every partition of a file, so it finds the duplicate ids that lie in
different partitions: the later row becomes the same problem one process reports, and its
records are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.ingest.corpora import duplicate_id_message
from timeline.ingest.document import Problem
from timeline.pipeline.partitions import Partition
from timeline.pipeline.tasks import PartitionResult


@dataclass(frozen=True, slots=True)
class Merged:
    """A partition's problems in reading order, and the ids whose records are duplicates to drop."""

    problems: list[Problem]
    dropped: set[str]


class ResultMerger:
    """Fed each partition's result in plan order."""

    def __init__(self) -> None:
        self._seen: dict[str, dict[str, int]] = {}  # file -> id -> number of its first row
        self._items: dict[str, int] = {}  # file -> documents and problems read so far

    def merge(self, partition: Partition, result: PartitionResult) -> Merged:
        problems = list(result.problems)
        dropped: set[str] = set()
        if partition.kind != "paths":
            seen = self._seen.setdefault(partition.path, {})
            for doc_id, number in result.first_seen.items():
                first = seen.get(doc_id)
                if first is None:
                    seen[doc_id] = number
                    continue
                dropped.add(doc_id)
                where = f"{partition.path} {partition.unit} {number}"
                # one process skips the row: nothing else is said of it (its date, its extraction)
                problems = [
                    (n, p) for n, p in _reworded(problems, partition.unit, doc_id, number, first) if p.source != where
                ]
                _insert(problems, number, Problem(where, duplicate_id_message(doc_id, partition.unit, first)))
            self._items[partition.path] = self._items.get(partition.path, 0) + result.items
            if partition.last_of_file:
                del self._seen[partition.path]
                if self._items.pop(partition.path) == 0:
                    problems.append((0, Problem(partition.path, "empty corpus: no rows")))
        return Merged([problem for _, problem in problems], dropped)


def _reworded(
    problems: list[tuple[int, Problem]], unit: str, doc_id: str, local_first: int, first: int
) -> list[tuple[int, Problem]]:
    """Later duplicates of ``doc_id`` in this partition name the file's first row, not the partition's."""
    local = duplicate_id_message(doc_id, unit, local_first)
    return [
        (n, Problem(p.source, duplicate_id_message(doc_id, unit, first)) if p.message == local else p)
        for n, p in problems
    ]


def _insert(problems: list[tuple[int, Problem]], number: int, problem: Problem) -> None:
    at = next((i for i, (n, _) in enumerate(problems) if n > number), len(problems))
    problems.insert(at, (number, problem))
