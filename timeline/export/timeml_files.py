"""A folder of TimeML files, one ``.tml`` per document, the timexes tagged inline (TIMEX3).

Every timex the extractor found is written, events or not (a bare "three years" is a timex but
no event), so ``timeline evaluate`` run on the folder scores the extractor against its own
output. The document date the extractor used becomes the file's DCT; a narrative (no document
date) gets an empty ``<DCT>``.

``<DOCID>`` and the file name never carry a local path: a document read from a file is named by
its path relative to the input root it was found under (the file name, for a file given alone),
a corpus row by its id.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

import pandas as pd

from timeline.evaluate.timeml import write_timeml
from timeline.events.timescale import fractional_year
from timeline.export.periods import Period
from timeline.export.selection import select_events
from timeline.extract.model import Extraction, Timex
from timeline.ingest.document import Document

_UNSAFE = re.compile(r"[^\w.-]+")


def write_timeml_files(
    pairs: Iterable[tuple[Document, Extraction]],
    directory: Path,
    *,
    date_from: Period | None = None,
    date_to: Period | None = None,
    grains: Iterable[str] = (),
    input_roots: Sequence[Path] = (),
) -> list[Path]:
    """Write one ``.tml`` per document into ``directory`` (created if need be); the paths written.

    The date range and grains select timexes the way :func:`select_events` selects events.
    File names come from the documents' public ids (see :func:`public_id`), made safe for any file
    system, numbered when two clash.
    """
    directory.mkdir(parents=True, exist_ok=True)
    grains = tuple(grains)
    written: list[Path] = []
    taken: set[str] = set()
    roots = [Path(os.path.abspath(root)) for root in input_roots]
    for document, extraction in pairs:
        timexes = _selected(extraction.timexes, date_from, date_to, grains)
        doc_id = public_id(document.id, roots)
        markup = write_timeml(doc_id, document.text, timexes, dct=extraction.document_date.value, title=document.title)
        path = directory / _file_name(doc_id, taken)
        path.write_text(markup, encoding="utf-8")
        written.append(path)
    return written


def public_id(doc_id: str, roots: Sequence[Path] = ()) -> str:
    """``doc_id`` without a local path: relative to the input root holding it, else its last part.

    An id that is no path, or a relative one that stays inside its folder ("data/a.txt"), is kept.
    """
    path = PurePath(doc_id)
    if not path.is_absolute() and ".." not in path.parts:
        return doc_id
    absolute = Path(os.path.abspath(doc_id))
    for root in roots:
        if absolute == root:
            return root.name
        if absolute.is_relative_to(root):
            return absolute.relative_to(root).as_posix()
    return path.name or "document"


def _selected(
    timexes: list[Timex], date_from: Period | None, date_to: Period | None, grains: tuple[str, ...]
) -> list[Timex]:
    if date_from is None and date_to is None and not grains:
        return timexes
    # The one selection rule, applied to a small table of the timexes' grains and calendar positions.
    table = pd.DataFrame(
        {
            "doc_id": "",
            "grain": [str(t.grain) for t in timexes],
            "x_start": [fractional_year(t.interval.start) if t.interval else float("nan") for t in timexes],
            "x_end": [fractional_year(t.interval.end) if t.interval else float("nan") for t in timexes],
            "position": range(len(timexes)),
        }
    )
    kept = select_events(table, date_from=date_from, date_to=date_to, grains=grains)
    return [timexes[i] for i in kept["position"]]


def _file_name(doc_id: str, taken: set[str]) -> str:
    stem = _UNSAFE.sub("_", doc_id).strip("._")[:120] or "document"
    name, number = f"{stem}.tml", 1
    while name.lower() in taken:
        number += 1
        name = f"{stem}-{number}.tml"
    taken.add(name.lower())
    return name
