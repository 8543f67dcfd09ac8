"""Labels made again for stored events, and the version of the code and words that make them.

A label is made once, when its document is read; a store written by an older version keeps the
old labels. :data:`LABEL_VERSION` fingerprints what makes a label (the label modules and every
language's ``labels.toml``), so a store can tell that its labels are older, and
:func:`document_labels` makes them again from what an events table holds (each event's
sentence, offsets and other mentions) and the document's text: the extractor does not run again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib import resources as importlib_resources

import pandas as pd

from timeline.errors import InputError
from timeline.events.build import PUBLISHED_LABEL, mention_label
from timeline.events.label_words import LABELS_FILE
from timeline.events.schema import PUBLICATION

_LABEL_MODULES = ("build.py", "label.py", "label_words.py", "signature.py")


def _label_version() -> str:
    digest = hashlib.sha256()
    events = importlib_resources.files("timeline.events")
    for name in _LABEL_MODULES:
        digest.update((events / name).read_bytes())
    languages = importlib_resources.files("timeline.extract") / "resources"
    for folder in sorted(languages.iterdir(), key=lambda f: f.name):
        if (folder / LABELS_FILE).is_file():
            digest.update(folder.name.encode() + (folder / LABELS_FILE).read_bytes())
    return digest.hexdigest()[:16]


LABEL_VERSION = _label_version()


class SentenceNotFound(InputError):
    """An event's stored sentence is not in its document's text at the event (a text edited by hand)."""


def document_labels(text: str, events: pd.DataFrame) -> list[str]:
    """The labels of ``events`` (rows of one document's events table, any order), made again from
    ``text``: each row's sentence, start, end, kind, language and the other mentions of every row,
    as :func:`timeline.events.build.document_events` made them. Raises :class:`SentenceNotFound`
    when a row's sentence is not where its offsets say."""
    spans = sorted(_mention_spans(events))
    labels = []
    for row in events[["start", "end", "sentence", "kind", "language"]].itertuples(index=False, name=None):
        start, end, sentence, kind, language = int(row[0]), int(row[1]), str(row[2]), str(row[3]), str(row[4])
        if kind == PUBLICATION:
            labels.append(PUBLISHED_LABEL)
            continue
        sentence_start = _sentence_start(text, sentence, start, end)
        labels.append(mention_label(text, (start, end), sentence, sentence_start, spans, language))
    return labels


def _mention_spans(events: pd.DataFrame) -> Sequence[tuple[int, int]]:
    """(start, end) of every mention: each event's first and its ``other_mentions``."""
    spans = [(int(s), int(e)) for s, e in zip(events["start"], events["end"], strict=True)]
    for others in events["other_mentions"]:
        for pair in str(others or "").split():
            start, _, end = pair.partition("-")
            spans.append((int(start), int(end)))
    return spans


def _sentence_start(text: str, sentence: str, start: int, end: int) -> int:
    """Where ``sentence``, holding ``text[start:end]``, starts in ``text``."""
    found = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
    if found < 0 or found > start:
        raise SentenceNotFound(f"offset {start}: the stored sentence is not in the document's text there")
    return found
