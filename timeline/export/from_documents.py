"""Documents to an export file, end to end: extract each, tabulate, select, render, write.

A document the extractor or the events table cannot take is reported and skipped; the export
of the others goes on (one bad article must not sink the export of an archive).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline.events import events_frame
from timeline.export.periods import Period
from timeline.export.render import FigureOptions, render_events
from timeline.export.selection import select_events
from timeline.export.timeml_files import write_timeml_files
from timeline.extract.model import Extraction
from timeline.ingest.document import Document, Problem
from timeline.output_files import bytes_output
from timeline.pipeline import event_rows, extraction

ProblemSink = Callable[[Problem], None]


@dataclass(slots=True)
class ExportSummary:
    """What an export wrote."""

    output: Path
    fmt: str
    documents: int = 0  # documents exported
    events: int = 0  # events in the file
    files: int = 1  # files written: one, or one per document for TimeML
    doc_ids: set[str] = field(default_factory=set)  # every document id of the input, exported or not

    def describe(self) -> str:
        if self.fmt == "timeml":
            return f"{self.output}: {self.files} TimeML files"
        return f"{self.output}: {self.events} events from {self.documents} documents ({self.fmt})"


def export_documents(
    documents: Iterable[Document],
    output: Path,
    fmt: str,
    *,
    on_problem: ProblemSink,
    options: FigureOptions | None = None,
    date_from: Period | None = None,
    date_to: Period | None = None,
    grains: Collection[str] = (),
    input_roots: Sequence[Path] = (),
    excel: bool = False,
) -> ExportSummary:
    """Export the dates of ``documents`` to ``output`` (a folder for ``fmt == "timeml"``).

    ``input_roots`` are the paths the documents were read from: TimeML names documents relative to them.
    ``excel`` starts a CSV with a byte-order mark (see :func:`render_events`).
    Raises ExportError when an image cannot be drawn, OSError when ``output`` cannot be written.
    """
    summary = ExportSummary(output, fmt)
    pairs = _extractions(documents, on_problem, summary)
    if fmt == "timeml":
        summary.files = len(
            write_timeml_files(
                pairs, output, date_from=date_from, date_to=date_to, grains=grains, input_roots=input_roots
            )
        )
        return summary
    rows = _event_rows(pairs, on_problem, summary)
    events = select_events(events_frame(rows), date_from=date_from, date_to=date_to, grains=grains)
    _write_whole(output, render_events(events, fmt, options, excel=excel))
    summary.events = len(events)
    return summary


def _write_whole(output: Path, data: bytes) -> None:
    """Write ``output``: a regular file is replaced only once complete (no half file after a
    failure); a device or a pipe is written in place (see :mod:`timeline.output_files`)."""
    with bytes_output(output) as stream:
        stream.write(data)


def _extractions(
    documents: Iterable[Document], on_problem: ProblemSink, summary: ExportSummary
) -> Iterator[tuple[Document, Extraction]]:
    for document in documents:
        summary.doc_ids.add(document.id)
        found = extraction(document)
        if isinstance(found, Problem):  # reported, and the other documents still exported
            on_problem(found)
            continue
        summary.documents += 1
        yield document, found


def _event_rows(
    pairs: Iterable[tuple[Document, Extraction]], on_problem: ProblemSink, summary: ExportSummary
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for document, found in pairs:
        document_rows = event_rows(document, found)
        if isinstance(document_rows, Problem):
            summary.documents -= 1
            on_problem(document_rows)
        else:
            rows.extend(document_rows)
    return rows
