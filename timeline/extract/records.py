"""The flat record of one timex: a row of ``timeline extract`` output and of the events table.

Every value is a str, an int or None, so a record goes straight into JSON, CSV or a DataFrame.
"""

from __future__ import annotations

from timeline.extract.model import DocumentDate, Timex

RECORD_FIELDS: tuple[str, ...] = (
    "doc",
    "text",
    "start",
    "end",
    "type",
    "value",
    "mod",
    "grain",
    "interval_start",
    "interval_end",
    "anchor",
    "anchor_value",
    "explanation",
    "sentence",
    "sentence_start",
    "rule",
    "quant",
    "freq",
    "dct",
    "dct_source",
)

Record = dict[str, str | int | None]


def timex_record(doc_id: str, timex: Timex, document_date: DocumentDate) -> Record:
    """The record of ``timex`` found in document ``doc_id``, whose creation time is ``document_date``.

    Keys are :data:`RECORD_FIELDS`, in that order; enums are written as their plain string values.
    """
    interval = timex.interval
    return {
        "doc": doc_id,
        "text": timex.text,
        "start": timex.start,
        "end": timex.end,
        "type": timex.type.value,
        "value": timex.value,
        "mod": timex.mod,
        "grain": timex.grain.value,
        "interval_start": interval.start if interval else None,
        "interval_end": interval.end if interval else None,
        "anchor": timex.anchor.kind.value,
        "anchor_value": timex.anchor.value,
        "explanation": timex.anchor.explanation,
        "sentence": timex.sentence,
        "sentence_start": timex.sentence_start,
        "rule": timex.rule,
        "quant": timex.quant,
        "freq": timex.freq,
        "dct": document_date.value,
        "dct_source": document_date.source.value,
    }
