"""A one-line progress bar on stderr for long runs: documents done, documents per second, time left.

Shown only on a terminal, and never under CI (``CI=true``): piped output and logs stay clean.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

from timeline.ingest.document import Document, Problem
from timeline.pipeline.partitions import Partition
from timeline.pipeline.tasks import PartitionResult

Item = TypeVar("Item")


def wanted(stream: TextIO | None = None) -> bool:
    """Whether a progress bar belongs on ``stream`` (stderr by default)."""
    stream = stream or sys.stderr
    return stream.isatty() and os.environ.get("CI", "").lower() not in {"true", "1"}


class ProgressBar:
    """Fed each finished partition; the share done is counted in input bytes, which the plan knows.

    Without ``total_bytes`` (one process streaming its input) it shows documents and documents/s.
    """

    def __init__(self, total_bytes: int | None = None, stream: TextIO | None = None, every: float = 0.5) -> None:
        self._stream = stream or sys.stderr
        self._total, self._done_bytes, self._documents = total_bytes, 0, 0
        self._every = every
        self._start = time.monotonic()
        self._shown = self._start - every  # the first document shows the bar

    def __call__(self, partition: Partition, result: PartitionResult) -> None:
        self.advance(result.documents, partition.size)

    def advance(self, documents: int, size: int = 0) -> None:
        """``documents`` more done, ``size`` more bytes of input."""
        self._done_bytes += size
        self._documents += documents
        now = time.monotonic()
        if now - self._shown >= self._every or (self._total is not None and self._done_bytes >= self._total):
            self._shown = now
            self._stream.write("\r" + self.line(now - self._start) + "\033[K")
            self._stream.flush()

    def counted(self, items: Iterable[Item]) -> Iterator[Item]:
        """``items``, each Document among them advancing the bar."""
        for item in items:
            if isinstance(item, Document):
                self.advance(1)
            yield item

    def line(self, seconds: float) -> str:
        """ "timeline: 12,000 documents, 40%, 1,500 documents/s, 0:00:12 left"."""
        rate = self._documents / seconds if seconds > 0 else 0.0
        if self._total is None:
            return f"timeline: {self._documents:,} documents, {rate:,.0f} documents/s"
        share = min(self._done_bytes / max(self._total, 1), 1.0)
        left = seconds * (1 - share) / share if share > 0 else 0.0
        return f"timeline: {self._documents:,} documents, {share:.0%}, {rate:,.0f} documents/s, {_clock(left)} left"

    def reporting(self, report: Callable[[Problem], None]) -> Callable[[Problem], None]:
        """``report``, clearing the bar before each problem line so the two do not share a line."""

        def report_below(problem: Problem) -> None:
            self._stream.write("\r\033[K")
            report(problem)
            self._shown = time.monotonic() - self._every  # and show the bar again at once

        return report_below

    def close(self) -> None:
        """Leave the final count on its own line."""
        self._stream.write("\r" + self.line(time.monotonic() - self._start) + "\033[K\n")
        self._stream.flush()


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
