"""What each Dask worker process does once when it starts: compile the rules.

The extractor caches them per process (``load_language``), so every later task on the worker
finds them ready; they never travel with a task, and no compiled regex is pickled.
"""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from timeline.extract.resources import load_language
from timeline.pipeline.tasks import LANGUAGE


class LoadRules(WorkerPlugin):
    """Registered once per run; Dask pickles it by reference to this module."""

    name = "timeline-rules"

    def setup(self, worker: Any) -> None:
        load_language(LANGUAGE)
