"""An Arrow copy of the store's events table, beside the database, for one revision.

Reading a million events out of SQLite builds 23 million Python objects and takes most of a
minute. The same table as an uncompressed Arrow IPC file is memory-mapped in a fraction of a
second (Parquet or a compressed file took 8 s to decode here, for a file a twentieth the size:
about 600 bytes an event is the price). The copy is a cache: it is named after the store's
revision (``timeline.sqlite3.events-42.arrow``) and carries the store's id, so it is used as is
only while the database has not changed since it was written; an older copy of the same store
is the base the store brings up to date with the documents changed since
(:meth:`~timeline.app.store.TimelineStore.events`). A copy that cannot be read or written (a
read-only folder, a truncated file) is ignored: SQLite stays the truth.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import feather

_SUFFIX = ".arrow"
_WRITER_NICENESS = 10  # the copy gives way to the views that are waiting
_STORE_KEY = b"timeline.store"  # in the file's schema metadata: the id of the store it copies


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The events of one revision of a store."""

    revision: int
    events: pd.DataFrame


def snapshot_path(database: Path, revision: int) -> Path:
    return database.with_name(f"{database.name}.events-{revision}{_SUFFIX}")


def _copies(database: Path) -> dict[int, Path]:
    """The copies beside ``database``, by revision."""
    named = re.compile(rf"{re.escape(database.name)}\.events-(\d+){re.escape(_SUFFIX)}")
    found = (named.fullmatch(path.name) for path in database.parent.glob(f"{database.name}.events-*{_SUFFIX}"))
    return {int(match[1]): database.parent / match[0] for match in found if match}


def read_snapshot(
    database: Path, revision: int, template: pd.DataFrame, store_id: str | None = None, *, newer_than: int = -1
) -> Snapshot | None:
    """The newest usable copy of a revision after ``newer_than`` up to ``revision``, in the dtypes
    of ``template``; None when there is none. A copy of ``revision`` itself may predate store ids;
    an older one must carry ``store_id`` (a database made again under the same name starts its
    revisions anew)."""
    for found in sorted((r for r in _copies(database) if newer_than < r <= revision), reverse=True):
        events = _read_copy(snapshot_path(database, found), template, store_id, found == revision)
        if events is not None:
            return Snapshot(found, events)
    return None


def _read_copy(path: Path, template: pd.DataFrame, store_id: str | None, current: bool) -> pd.DataFrame | None:
    try:
        table = feather.read_table(path, memory_map=True)
    except (OSError, pa.ArrowException):
        return None
    written_by = (table.schema.metadata or {}).get(_STORE_KEY)
    if (written_by.decode() != store_id) if written_by is not None else not current:
        return None
    frame = table.to_pandas()
    if list(frame.columns) != list(template.columns):
        return None
    return frame.astype(template.dtypes.to_dict())


def write_snapshot(database: Path, revision: int, events: pd.DataFrame, store_id: str) -> None:
    """Keep ``events`` as the copy of ``revision`` and remove the copies of older revisions;
    a folder that cannot be written to only means no copy."""
    path = snapshot_path(database, revision)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    _remove_abandoned(database)
    try:
        table = pa.Table.from_pandas(events, preserve_index=False).combine_chunks()
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _STORE_KEY: store_id.encode()})
        # One batch: each column is read back as one array (a take from many chunks is slow).
        feather.write_feather(table, partial, compression="uncompressed", chunksize=max(len(events), 1))
        partial.replace(path)  # whole or not at all, for a reader in another process
    except (OSError, pa.ArrowException):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return
    for older, other in _copies(database).items():
        if older < revision:  # a newer one is another process's: it stays
            with contextlib.suppress(OSError):
                other.unlink()


def replace_documents(events: pd.DataFrame, documents: Collection[str], rows: pd.DataFrame) -> pd.DataFrame:
    """``events`` without the rows of ``documents``, followed by ``rows`` (same columns), with each
    column one array again (a take from a column in pieces is a hundred times slower). The rows
    kept are sliced, not filtered: a filter copies a million strings one by one (4 s here), a
    slice copies nothing until the pieces are joined in one pass."""
    gone = events["doc_id"].isin(list(documents)).to_numpy(dtype=bool)
    edges = np.flatnonzero(np.diff(np.r_[0, (~gone).astype(np.int8), 0]))  # where runs of kept rows start and stop
    whole = pa.Table.from_pandas(events, preserve_index=False)
    pieces = [whole.slice(start, stop - start) for start, stop in zip(edges[::2], edges[1::2], strict=True)]
    pieces.append(pa.Table.from_pandas(rows[list(events.columns)], preserve_index=False).cast(whole.schema))
    joined = pa.concat_tables(pieces).combine_chunks().to_pandas()
    return joined.astype(events.dtypes.to_dict())


def _remove_abandoned(database: Path) -> None:
    """Remove the partial copies of processes that ended while writing them."""
    for partial in database.parent.glob(f"{database.name}.events-*{_SUFFIX}.*.partial"):
        pid = partial.name.removesuffix(".partial").split(".")[-2]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                partial.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


class SnapshotWriter:
    """Writes the copies of one database in a thread of its own, so a view does not wait for
    600 MB to reach the disk: one write at a time, and only the newest revision asked for. The
    thread is not a daemon: a process that exits finishes the copy it is writing first."""

    def __init__(self, database: Path, store_id: str) -> None:
        self._database, self._store_id = database, store_id
        self._pending: Snapshot | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, snapshot: Snapshot) -> None:
        with self._lock:
            self._pending = snapshot
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="timeline-snapshot")
                self._thread.start()

    def wait(self) -> None:
        """Until every copy asked for is written (or given up)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        with contextlib.suppress(AttributeError, OSError):  # Linux: a thread is niced on its own
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _WRITER_NICENESS)
        while True:
            with self._lock:
                snapshot, self._pending = self._pending, None
                if snapshot is None:
                    self._thread = None
                    return
            try:
                write_snapshot(self._database, snapshot.revision, snapshot.events, self._store_id)
            except Exception:  # noqa: BLE001, S112 - a copy is only a cache: the next one is written all the same
                continue
