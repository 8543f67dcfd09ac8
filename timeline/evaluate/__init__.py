"""Evaluation against TimeML gold: reading/writing TimeML, TempEval-3 timex scoring.

The dateparser peer lives in :mod:`timeline.evaluate.peer`, imported only when wanted
(it loads dateparser).
"""

from timeline.evaluate.scorer import (
    Counts,
    Discrepancy,
    ErrorKind,
    FileMatch,
    Pair,
    PrecisionRecall,
    Scores,
    match,
    total,
)
from timeline.evaluate.timeml import (
    Corpus,
    GoldTimex,
    TimemlDocument,
    TimemlError,
    parse_timeml,
    read_corpus,
    read_timeml,
    write_timeml,
)

__all__ = [
    "Corpus",
    "Counts",
    "Discrepancy",
    "ErrorKind",
    "FileMatch",
    "GoldTimex",
    "Pair",
    "PrecisionRecall",
    "Scores",
    "TimemlDocument",
    "TimemlError",
    "match",
    "parse_timeml",
    "read_corpus",
    "read_timeml",
    "total",
    "write_timeml",
]
