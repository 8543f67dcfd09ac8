"""The flat record of one timex: a row of ``timeline extract`` output and of the events table.

Every value is a str, an int or None, so a record goes straight into JSON, CSV or a DataFrame.
"""

from __future__ import annotations

from timeline.extract.model import Anchor, AnchorKind, DctSource, DocumentDate, Grain, Interval, Timex, TimexType

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
    "language",
)

Record = dict[str, str | int | None]


def timex_record(doc_id: str, timex: Timex, document_date: DocumentDate, language: str = "en") -> Record:
    """The record of ``timex`` found in document ``doc_id``, whose creation time is ``document_date``,
    read as ``language``.

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
        "language": language,
    }


def record_timex(record: Record) -> tuple[Timex, DocumentDate]:
    """The timex a record was written from, and its document's date: :func:`timex_record` undone,
    so records extracted elsewhere (a cluster's Parquet output) become events without extracting again."""
    interval_start, interval_end = record["interval_start"], record["interval_end"]
    interval = Interval(str(interval_start), str(interval_end)) if interval_start is not None else None
    anchor = Anchor(
        AnchorKind(str(record["anchor"])), _optional(record["anchor_value"]), str(record["explanation"] or "")
    )
    timex = Timex(
        text=str(record["text"]),
        start=int(record["start"] or 0),
        end=int(record["end"] or 0),
        type=TimexType(str(record["type"])),
        value=str(record["value"]),
        grain=Grain(str(record["grain"])),
        interval=interval,
        anchor=anchor,
        sentence=str(record["sentence"] or ""),
        sentence_start=int(record["sentence_start"] or 0),
        mod=_optional(record["mod"]),
        quant=_optional(record["quant"]),
        freq=_optional(record["freq"]),
        rule=str(record["rule"] or ""),
    )
    return timex, DocumentDate(_optional(record["dct"]), DctSource(str(record["dct_source"])))


def _optional(value: str | int | None) -> str | None:
    return None if value is None else str(value)
