"""An Arrow copy of the store's events table, beside the database, for one revision.

Reading a million events out of SQLite builds 23 million Python objects and takes most of a
minute. The same table as an uncompressed Arrow IPC file is memory-mapped in a fraction of a
second (Parquet or a compressed file took 8 s to decode here, for a file a twentieth the size:
about 600 bytes an event is the price). The copy is a cache: it is named after the store's
revision (``timeline.sqlite3.events-42.arrow``), so it is used only while the database has not
changed since it was written, and a copy that cannot be read or written (a read-only folder, a
truncated file) is ignored: SQLite stays the truth.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
from pyarrow import feather

_SUFFIX = ".arrow"


def snapshot_path(database: Path, revision: int) -> Path:
    return database.with_name(f"{database.name}.events-{revision}{_SUFFIX}")


def read_snapshot(database: Path, revision: int, template: pd.DataFrame) -> pd.DataFrame | None:
    """The events of ``revision`` in the dtypes of ``template``, or None when there is no usable copy."""
    path = snapshot_path(database, revision)
    if not path.is_file():
        return None
    try:
        frame = feather.read_table(path, memory_map=True).to_pandas()
    except (OSError, pa.ArrowException):
        return None
    if list(frame.columns) != list(template.columns):
        return None
    return frame.astype(template.dtypes.to_dict())


def write_snapshot(database: Path, revision: int, events: pd.DataFrame) -> None:
    """Keep ``events`` as the copy of ``revision`` and remove the copies of other revisions;
    a folder that cannot be written to only means no copy."""
    path = snapshot_path(database, revision)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        table = pa.Table.from_pandas(events, preserve_index=False).combine_chunks()
        # One batch: each column is read back as one array (a take from many chunks is slow).
        feather.write_feather(table, partial, compression="uncompressed", chunksize=max(len(events), 1))
        partial.replace(path)  # whole or not at all, for a reader in another process
    except (OSError, pa.ArrowException):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return
    for other in database.parent.glob(f"{database.name}.events-*{_SUFFIX}"):
        if other != path:
            with contextlib.suppress(OSError):
                other.unlink()
