"""The errors timeline raises for problems a user can fix, as one tree under :class:`TimelineError`.

::

    TimelineError                  any of them; the CLI prints its message as one line, exits with exit_code
    ├── InputError (ValueError)    something given cannot be read or used
    │   ├── NotText                    bytes that are not UTF-8 text (timeline.ingest.file_bytes)
    │   ├── TimemlError                a file that is not readable TimeML (timeline.evaluate.timeml)
    │   ├── EventsTableError           a table that does not follow the events schema (timeline.events.schema)
    │   ├── SentenceNotFound           a stored event's sentence is not in its text (timeline.events.relabel)
    │   └── OutputInUse                an output folder holding something else; --force replaces it (exit 2)
    ├── ResourceError (ValueError) a language resource file is malformed (timeline.extract.resources)
    ├── ExportError                an export or image cannot be made (a missing browser, a failed render)
    ├── StoreError                 the SQLite store cannot be opened (timeline.app.store)
    └── TaskFailed (RuntimeError)  a task failed on the Dask cluster (timeline.pipeline.runners)

The root and the branches live here and import nothing of timeline, so every layer can use them;
the leaves live next to the code that raises them. InputError and ResourceError are also
ValueErrors, TaskFailed a RuntimeError, as they were before the tree.
"""

from __future__ import annotations

__all__ = ["ExportError", "InputError", "StoreError", "TimelineError"]


class TimelineError(Exception):
    """A problem the message explains; ``exit_code`` is what the CLI exits with."""

    exit_code: int = 1


class InputError(TimelineError, ValueError):
    """A document, corpus row, table, file or option that cannot be read or used; names which."""


class ExportError(TimelineError):
    """An export could not be made; the message says why and what to do about it."""


class StoreError(TimelineError):
    """The store's SQLite file cannot be opened or used; names the file."""
