"""The pipeline every command runs: documents -> records -> events.

:mod:`timeline.pipeline.documents` takes one document through it (what `timeline extract`,
`timeline export`, the app's ingest and the benchmarks call); the partition modules run the
same functions over partitions of a corpus, in one process or on a Dask cluster.
"""

from timeline.pipeline.documents import (
    document_event_rows,
    document_records,
    event_rows,
    events_from_documents,
    extraction,
    extractions,
    record_event_rows,
    stream_records,
)

__all__ = [
    "document_event_rows",
    "document_records",
    "event_rows",
    "events_from_documents",
    "extraction",
    "extractions",
    "record_event_rows",
    "stream_records",
]
