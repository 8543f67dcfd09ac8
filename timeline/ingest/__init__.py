"""Reading documents: loose text/HTML files, folders of them, and JSONL/CSV corpora.

``read_documents(paths)`` streams :class:`Document` objects, and a :class:`Problem` for each piece
of bad input (a :class:`Skipped` one for files in a folder that are not documents), never raising.
"""

from timeline.ingest.document import Document, Problem
from timeline.ingest.paths import READABLE_SUFFIXES, Skipped, read_documents

__all__ = ["READABLE_SUFFIXES", "Document", "Problem", "Skipped", "read_documents"]
