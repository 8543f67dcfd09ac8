"""A one-line progress bar on stderr for long runs: documents done, documents per second, time left.

Shown only on a terminal, and never under CI (``CI=true``): piped output and logs stay clean.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from timeline.pipeline.partitions import Partition
from timeline.pipeline.tasks import PartitionResult


def wanted(stream: TextIO | None = None) -> bool:
    """Whether a progress bar belongs on ``stream`` (stderr by default)."""
    stream = stream or sys.stderr
    return stream.isatty() and os.environ.get("CI", "").lower() not in {"true", "1"}


class ProgressBar:
    """Fed each finished partition; the share done is counted in input bytes, which the plan knows."""

    def __init__(self, total_bytes: int, stream: TextIO | None = None, every: float = 0.5) -> None:
        self._stream = stream or sys.stderr
        self._total, self._done_bytes, self._documents = max(total_bytes, 1), 0, 0
        self._start = self._shown = time.monotonic()
        self._every = every

    def __call__(self, partition: Partition, result: PartitionResult) -> None:
        self._done_bytes += partition.size
        self._documents += result.documents
        now = time.monotonic()
        if now - self._shown >= self._every or self._done_bytes >= self._total:
            self._shown = now
            self._stream.write("\r" + self.line(now - self._start) + "\033[K")
            self._stream.flush()

    def line(self, seconds: float) -> str:
        """"timeline: 12,000 documents, 40%, 1,500 documents/s, 0:00:12 left"."""
        share = min(self._done_bytes / self._total, 1.0)
        rate = self._documents / seconds if seconds > 0 else 0.0
        left = seconds * (1 - share) / share if share > 0 else 0.0
        return (f"timeline: {self._documents:,} documents, {share:.0%}, {rate:,.0f} documents/s, "
                f"{_clock(left)} left")

    def close(self) -> None:
        self._stream.write("\r\033[K")
        self._stream.flush()


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
