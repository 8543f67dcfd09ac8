"""Cutting the input into partitions that tasks read on their own, and reading one.

A corpus file larger than the partition size is cut: JSONL at the first line end after each
multiple of the size (no scan), CSV at the first line end after it that is outside quotes (the
file's quote marks are counted once, at disk speed, since a quoted text may hold line breaks; a
file with quotes that do not pair up is not cut),
Parquet by rows (a task reads only the row groups
holding its rows). Everything else (a folder, a text file, a small or odd corpus) is one
partition read exactly as one process reads it. JSONL/CSV blocks learn the line/row number they
start at from a first pass that counts each block's rows (:func:`count_rows`, run as tasks too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Literal

import pyarrow.parquet as pq

from timeline.ingest import read_documents
from timeline.ingest.corpora import REQUIRED_FIELDS, Block, Numbered, count_block_rows, read_block, read_header
from timeline.ingest.file_bytes import BINARY_SNIFF_BYTES, NotText, check_not_binary, has_lone_surrogate
from timeline.ingest.parquet_corpus import read_parquet_corpus

PARTITION_BYTES = 4 * 2**20  # default partition size
_SCAN_CHUNK = 2**20
# A quote that neither opens a field, nor closes one, nor is doubled: `5" tall`, `say "yes" now`.
_STRAY_QUOTE = re.compile(rb'[^,\r\n"]"[^,\r\n"]')

Kind = Literal["paths", "jsonl", "csv", "parquet"]


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's share of the input; ``path`` is as the user named it (ids and messages use it)."""

    index: int
    path: str
    kind: Kind
    size: int  # bytes of input it covers (for progress)
    block: Block | None = None  # jsonl, csv
    rows: tuple[int, int] | None = None  # parquet: rows [start, stop), from 0
    last_of_file: bool = True  # the last partition cut from its file

    @property
    def key(self) -> str:
        """The name of its output: part-00012."""
        return f"part-{self.index:05d}"

    @property
    def unit(self) -> str:
        """What its rows are numbered by in messages."""
        return "line" if self.kind == "jsonl" else "row"

    def describe(self) -> list[object]:
        """What identifies it, to tell whether an earlier run had the same plan."""
        block = (self.block.start, self.block.stop) if self.block else None
        return [self.index, self.path, self.kind, self.size, block, self.rows]


def plan_partitions(paths: Sequence[str | Path], partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """The partitions of ``paths``, in input order (JSONL/CSV blocks still to be numbered)."""
    partitions: list[Partition] = []
    for given in paths:
        path = str(Path(given))
        for part in _cut(Path(path), path, partition_bytes):
            partitions.append(replace(part, index=len(partitions)))
    return partitions


def count_rows(partition: Partition) -> int:
    """How many lines/rows a JSONL/CSV block holds (0 for other partitions): a task of the numbering pass."""
    if partition.block is None:
        return 0
    return count_block_rows(Path(partition.path), partition.block)


def numbered(partitions: Sequence[Partition], counts: Sequence[int]) -> list[Partition]:
    """``partitions`` with each JSONL/CSV block given the number of its first row, from ``counts``."""
    result: list[Partition] = []
    following: dict[str, int] = {}  # file -> number of the row after the last block seen
    for partition, count in zip(partitions, counts, strict=True):
        block = partition.block
        if block is not None:
            first = following.get(partition.path, block.first_number)
            following[partition.path] = first + count
            partition = replace(partition, block=replace(block, first_number=first))
        result.append(partition)
    return result


def read_partition(partition: Partition, first_seen: dict[str, int]) -> Iterator[Numbered]:
    """The documents and problems of ``partition``, numbered as in their file (0 where not a corpus block)."""
    path = Path(partition.path)
    if partition.block is not None:
        yield from read_block(path, partition.path, partition.block, first_seen)
    elif partition.kind == "parquet":
        yield from read_parquet_corpus(path, partition.path, partition.rows, first_seen)
    else:
        yield from ((0, item) for item in read_documents([partition.path]))


def _cut(path: Path, name: str, partition_bytes: int) -> list[Partition]:
    whole = [Partition(0, name, "paths", _size(path))]
    suffix = path.suffix.lower()
    if not path.is_file() or has_lone_surrogate(name) or suffix not in {".jsonl", ".csv", ".parquet"}:
        return whole
    if suffix == ".parquet":
        return _parquet_parts(path, name, partition_bytes) or whole
    if whole[0].size <= partition_bytes:
        return whole
    try:
        with path.open("rb") as stream:
            check_not_binary(stream.read(BINARY_SNIFF_BYTES))
            if suffix == ".jsonl":
                blocks = _jsonl_blocks(stream, whole[0].size, partition_bytes)
            else:
                blocks = _csv_blocks(stream, whole[0].size, partition_bytes)
    except (OSError, NotText):
        return whole  # read whole, the reader says what is wrong
    if len(blocks) < 2:
        return whole
    kind: Kind = "jsonl" if suffix == ".jsonl" else "csv"
    return [
        Partition(0, name, kind, block.stop - block.start, block=block, last_of_file=number == len(blocks) - 1)
        for number, block in enumerate(blocks)
    ]


def _parquet_parts(path: Path, name: str, partition_bytes: int) -> list[Partition]:
    """Runs of rows of about ``partition_bytes`` (uncompressed); [] when the file cannot be read."""
    try:
        metadata = pq.ParquetFile(path).metadata
    except Exception:  # noqa: BLE001 - read whole, the reader says what is wrong
        return []
    total = sum(metadata.row_group(group).total_byte_size for group in range(metadata.num_row_groups))
    rows = metadata.num_rows
    step = max(1, partition_bytes * rows // max(total, 1))
    starts = list(range(0, rows, step))
    if len(starts) < 2:
        return []
    return [
        Partition(
            0,
            name,
            "parquet",
            total * (min(first + step, rows) - first) // rows,
            rows=(first, min(first + step, rows)),
            last_of_file=first + step >= rows,
        )
        for first in starts
    ]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _jsonl_blocks(stream: BinaryIO, size: int, partition_bytes: int) -> list[Block]:
    starts = [0]
    for target in range(partition_bytes, size, partition_bytes):
        if target <= starts[-1]:
            continue
        stream.seek(target - 1)
        stream.readline()  # to the end of the line holding byte target - 1
        boundary = stream.tell()
        if starts[-1] < boundary < size:
            starts.append(boundary)
    return _blocks(starts, size, 1, ())


def _csv_blocks(stream: BinaryIO, size: int, partition_bytes: int) -> list[Block]:
    """Blocks of a CSV file cut at line ends outside quotes; the first starts after the header row."""
    stream.seek(0)
    boundaries: list[int] = []  # offsets just after unquoted line ends: the header's, then about one a block
    look_from, offset, odd = 0, 0, False  # odd: inside quotes
    while chunk := stream.read(_SCAN_CHUNK):
        if _STRAY_QUOTE.search(chunk):
            return []  # quotes that do not pair up as RFC 4180 says: read whole, as one process does
        position = 0
        while True:
            wanted = look_from - offset
            if wanted >= len(chunk):
                break
            if wanted > position:
                odd ^= chunk.count(b'"', position, wanted) % 2 == 1
                position = wanted
            end = chunk.find(b"\n", position)
            if end < 0:
                break
            odd ^= chunk.count(b'"', position, end) % 2 == 1
            position = end + 1
            look_from = offset + position
            if not odd:
                boundaries.append(look_from)
                look_from += partition_bytes
        odd ^= chunk.count(b'"', position) % 2 == 1
        offset += len(chunk)
    if not boundaries:
        return []
    stream.seek(0)
    columns = read_header(stream.read(boundaries[0]))
    if any(column not in columns for column in REQUIRED_FIELDS):
        return []  # read whole: the reader reports the header
    return _blocks([b for b in boundaries if b < size], size, 2, columns)


def _blocks(starts: list[int], size: int, first_number: int, columns: tuple[str, ...]) -> list[Block]:
    stops = [*starts[1:], size]
    return [Block(start, stop, first_number, columns) for start, stop in zip(starts, stops, strict=True)]
